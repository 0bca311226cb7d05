"""Replicability: what other administrations already published, and their structure as a Table Schema.

:func:`similar` searches the portal catalogue for datasets like an inventory entry (its title and
theme) or for a theme; :func:`schema_from_portal` turns a published dataset's fields into a Table
Schema so that a commune can publish the same structure. Both take a portal client
(``odwb_assist.portal.PortalClient``) so that tests give a fake one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import InventoryError
from ..portal.publishers import matching_publishers
from .model import InventoryEntry, fold

ODS_TYPES: dict[str, str] = {
    "text": "string", "int": "integer", "double": "number", "date": "date", "datetime": "datetime",
    "geo_point_2d": "string", "geo_shape": "geojson", "file": "string", "boolean": "boolean",
}
STOP_WORDS = frozenset({"de", "des", "du", "la", "le", "les", "et", "en", "a", "au", "aux", "d", "l", "un", "une"})


@dataclass
class SimilarDataset:
    dataset_id: str
    title: str
    publisher: str = ""
    themes: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    records_count: int | None = None
    url: str = ""
    score: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"dataset_id": self.dataset_id, "title": self.title, "publisher": self.publisher, "themes": self.themes,
                "keywords": self.keywords, "records_count": self.records_count, "url": self.url, "score": self.score}


def _rows(answer: Any) -> list[dict[str, Any]]:
    """Rows of a search answer: a DataFrame, a list of dicts, or a raw catalogue answer."""
    if answer is None:
        return []
    if hasattr(answer, "to_dict") and hasattr(answer, "columns"):
        return list(answer.to_dict(orient="records"))
    if isinstance(answer, dict):
        return list(answer.get("results") or [])
    return [r for r in answer if isinstance(r, dict)]


def _get(row: dict[str, Any], name: str) -> Any:
    for key in (name, f"metas.default.{name}", f"default.{name}"):
        if key in row and row[key] is not None:
            return row[key]
    default = (row.get("metas") or {}).get("default") if isinstance(row.get("metas"), dict) else None
    return (default or {}).get(name)


def _as_list(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[;,]", value) if v.strip()] if value else []
    try:
        return [str(v) for v in value]
    except TypeError:
        return [str(value)]


def _themes(value: Any) -> list[str]:
    """Theme labels; a joined string is kept whole since labels contain commas (« Culture, sport… »)."""
    if isinstance(value, str):
        return [value] if value else []
    return _as_list(value)


def _count(value: Any) -> int | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number == number else None


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", fold(text)) if len(w) > 2 and w not in STOP_WORDS}


def _to_similar(row: dict[str, Any], portal_url: str) -> SimilarDataset | None:
    dataset_id = _get(row, "dataset_id")
    if not dataset_id:
        return None
    count = _get(row, "records_count")
    return SimilarDataset(
        dataset_id=str(dataset_id), title=str(_get(row, "title") or dataset_id), publisher=str(_get(row, "publisher") or ""),
        themes=_themes(_get(row, "theme")), keywords=_as_list(_get(row, "keyword")), records_count=_count(count),
        url=f"{portal_url.rstrip('/')}/explore/dataset/{dataset_id}/" if portal_url else "",
    )


def similar(entry_or_theme: InventoryEntry | str | None, client: Any, *, theme: str | None = None,
            exclude_publisher: str | None = None, portal_url: str = "", limit: int = 20) -> list[SimilarDataset]:
    """Datasets other administrations published that resemble an inventory entry, or of a theme.

    ``entry_or_theme`` is an :class:`InventoryEntry` (searched by title words, then its theme), a
    text to search, or None with ``theme``. ``exclude_publisher`` (your own administration) is left
    out, matched as the portal writes names (see :mod:`odwb_assist.portal.publishers`). Best matches first.
    """
    searches: list[dict[str, Any]] = []
    words: set[str] = set()
    wanted_theme = theme
    if isinstance(entry_or_theme, InventoryEntry):
        wanted_theme = wanted_theme or entry_or_theme.theme or None
        words = _words(entry_or_theme.title)
        if entry_or_theme.title:
            searches.append({"text": entry_or_theme.title})
    elif entry_or_theme:
        words = _words(entry_or_theme)
        searches.append({"text": entry_or_theme})
    if wanted_theme:
        searches.append({"theme": wanted_theme})
    if not searches:
        raise InventoryError(
            "Indiquez une ligne de l'inventaire, un texte ou un thème (--theme) pour chercher des jeux similaires.",
            "Give an inventory row, a text or a theme (--theme) to search similar datasets.",
        )
    found: dict[str, SimilarDataset] = {}
    for params in searches:
        for row in _rows(client.explore.search(limit=limit, **params)):
            item = _to_similar(row, portal_url)
            if item is None or item.dataset_id in found:
                continue
            if exclude_publisher and matching_publishers(exclude_publisher, [item.publisher]):
                continue  # your own administration, however the portal writes it (« Ville de Namur - Mobilité »)
            item.score = 2 * len(words & (_words(item.title) | _words(" ".join(item.keywords))))
            if wanted_theme and any(fold(wanted_theme) in fold(t) for t in item.themes):
                item.score += 1
            found[item.dataset_id] = item
    return sorted(found.values(), key=lambda s: (-s.score, s.title))[:limit]


def schema_from_portal(dataset_id: str, client: Any, *, portal_url: str = "") -> dict[str, Any]:
    """A Table Schema (frictionless) with the fields of a dataset published on the portal."""
    fields: Iterable[dict[str, Any]] = client.explore.fields(dataset_id) or []
    schema_fields = []
    for f in fields:
        name = str(f.get("name") or "")
        if not name:
            continue
        ods_type = str(f.get("type") or "text")
        # The column header a person writes is the portal's LABEL (« Dépenses (EUR) »); the portal turns it into the
        # technical name (« depenses_eur ») when it processes the file. The schema checks the file as it is written.
        label = str(f.get("label") or "").strip()
        spec: dict[str, Any] = {"name": label or name, "type": ODS_TYPES.get(ods_type, "string"),
                                "odwb:ods_type": ods_type, "odwb:ods_name": name}
        if label:
            spec["title"] = label
        description = str(f.get("description") or "")
        if ods_type == "geo_point_2d":
            description = (description + " " if description else "") + "Coordonnées « latitude, longitude » (WGS84)."
        if description:
            spec["description"] = description
        schema_fields.append(spec)
    if not schema_fields:
        raise InventoryError(
            f"Le jeu « {dataset_id} » n'a aucun champ décrit sur le portail : choisissez un jeu tabulaire.",
            f"Dataset '{dataset_id}' has no described field on the portal: choose a tabular dataset.",
        )
    source = f"{portal_url.rstrip('/')}/explore/dataset/{dataset_id}/" if portal_url else dataset_id
    return {"fields": schema_fields, "missingValues": [""], "odwb:derived_from": source}
