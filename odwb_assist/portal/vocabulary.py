"""Licence and theme labels ↔ the portal's domain-specific ids (``internal.license_id`` / ``theme_id``).

The Automation API stores a licence and themes as ids that differ from one portal to another; the
ids and their labels are read from the ``internal`` template's fields (``choices`` and ``labels``)
and cached in ``.odwb/vocabulary-<host>.json``. ``[portal.licenses]`` / ``[portal.themes]`` of
``odwb.toml`` (label = id) take precedence over what the portal says.

The same cache remembers, under ``_paths``, where this portal takes the licence and the themes
(``internal`` or ``default`` template: see :mod:`odwb_assist.publish.sticky`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..core.errors import AuthenticationError, MetadataError, NotFoundError

if TYPE_CHECKING:
    from .client import PortalClient

FIELDS = ("license_id", "theme_id")


def fold(text: str) -> str:
    """Compare labels loosely: no accents, no case, no punctuation (``CC-BY 4.0`` = ``cc by 4.0``)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", plain)


class Vocabulary:
    """The licence and theme ids of one portal, resolved from labels."""

    def __init__(self, client: PortalClient) -> None:
        self.client = client
        self._choices: dict[str, dict[str, str]] | None = None  # field -> {id: label}

    @property
    def cache_file(self) -> Path | None:
        if self.client.state_dir is None:
            return None
        host = re.sub(r"[^A-Za-z0-9.-]+", "_", urlsplit(self.client.base_url).netloc or "portal")
        return Path(self.client.state_dir) / f"vocabulary-{host}.json"

    def choices(self, refresh: bool = False) -> dict[str, dict[str, str]]:
        """``{"license_id": {id: label}, "theme_id": {id: label}}`` from the cache or the portal."""
        if self._choices is not None and not refresh:
            return self._choices
        cache = self.cache_file
        if not refresh and cache is not None and cache.is_file():
            try:
                self._choices = {k: dict(v) for k, v in json.loads(cache.read_text(encoding="utf-8")).items()
                                 if k != "_paths"}
                return self._choices
            except (ValueError, OSError, AttributeError):
                pass
        self._choices = self._fetch()
        if cache is not None and any(self._choices.values()):
            self._write_cache({**self._choices, "_paths": self._cached().get("_paths") or {}})
        return self._choices

    def _cached(self) -> dict[str, Any]:
        cache = self.cache_file
        try:
            data = json.loads(cache.read_text(encoding="utf-8")) if cache is not None and cache.is_file() else {}
        except (ValueError, OSError):
            data = {}
        return data if isinstance(data, dict) else {}

    def _write_cache(self, data: dict[str, Any]) -> None:
        cache = self.cache_file
        if cache is None:
            return
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({k: v for k, v in data.items() if v or k == "_paths"}, ensure_ascii=False, indent=1),
                         encoding="utf-8")

    def path(self, field: str) -> str | None:
        """The template (``internal`` / ``default``) where this portal took ``field`` last time, if known."""
        value = (self._cached().get("_paths") or {}).get(field)
        return value if value in ("internal", "default") else None

    def remember_path(self, field: str, template: str) -> None:
        """Keep in the cache where this portal takes ``field`` (``license_id`` / ``theme_id``)."""
        data = self._cached()
        data["_paths"] = {**(data.get("_paths") or {}), field: template}
        self._write_cache(data)

    def _fetch(self) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = {name: {} for name in FIELDS}
        try:
            fields = self.client.automation.template_fields("internal")
        except NotFoundError:  # no template endpoint on this portal: odwb.toml must say
            return found
        except AuthenticationError as exc:
            if exc.status_code == 401:  # a missing or wrong key: say so, not "unknown licence"
                raise
            return found  # 403: this key may not read the templates; odwb.toml must say
        for field in fields:
            name = field.get("name")
            if name not in found:
                continue
            labels = field.get("labels") or {}
            for choice in field.get("choices") or []:
                found[name][str(choice)] = _label(labels.get(choice), str(choice))
        return found

    def _resolve(self, field: str, label: str, overrides: dict[str, str]) -> str:
        wanted = [label, *(theme_equivalents(label) if field == "theme_id" else [])]
        for known, ident in overrides.items():
            if any(fold(known) == fold(w) for w in wanted) or ident == label:
                return ident
        for attempt in (False, True):
            table = self.choices(refresh=attempt).get(field, {})
            if label in table:
                return label
            for candidate in wanted:  # the label itself first, then its other wordings
                for ident, known in table.items():
                    if fold(known) == fold(candidate):
                        return ident
            if not table and attempt:
                break
        return self._unknown(field, label)

    def _unknown(self, field: str, label: str) -> str:
        table = (self._choices or {}).get(field, {})
        known = ", ".join(sorted(table.values())) or "—"
        section = "licenses" if field == "license_id" else "themes"
        what_fr, what_en = ("la licence", "licence") if field == "license_id" else ("le thème", "theme")
        raise MetadataError(
            f"Le portail ne connaît pas {what_fr} « {label} » (valeurs connues : {known}). Choisissez une valeur de "
            f"cette liste, ou ajoutez dans odwb.toml une table [portal.{section}] avec la ligne \"{label}\" = \"<id>\" "
            "(l'identifiant que l'administrateur du portail vous donne).",
            f"The portal does not know the {what_en} '{label}' (known: {known}). Choose a value of this list, or add "
            f"to odwb.toml a [portal.{section}] table with the line \"{label}\" = \"<id>\" (the id the portal "
            "administrator gives you).",
        )

    def license_id(self, label: str) -> str:
        return self._resolve("license_id", label, self.client.licenses)

    def theme_ids(self, labels: list[str]) -> list[str]:
        return [self._resolve("theme_id", label, self.client.themes) for label in labels]

    def label(self, field: str, ident: str) -> str | None:
        """The label of an id (for comparing with Explore, which shows labels)."""
        for known, value in (self.client.licenses if field == "license_id" else self.client.themes).items():
            if value == ident:
                return known
        return self.choices().get(field, {}).get(ident)


def theme_equivalents(label: str) -> list[str]:
    """Other wordings of a theme label (the metadata's aliases, both ways): the drafted metadata may use
    ODWB's label (« Tourisme, Culture, Sport et Loisirs ») where a portal lists « Culture, sport et loisirs »."""
    from ..metadata.vocabularies import THEME_ALIASES

    folded = fold(label)
    found = [target for alias, target in THEME_ALIASES.items() if fold(alias) == folded]
    found += [alias for alias, target in THEME_ALIASES.items() if fold(target) == folded]
    return found


def _label(value: Any, default: str) -> str:
    """A choice's label from ``labels[choice]`` (``{lang: label}`` or a plain string)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return str(value.get("fr") or value.get("en") or next(iter(value.values()), default))
    return default
