"""Licence and themes that stick: written by one documented path, read back, and by the other when they did not take.

Two paths exist for the licence and theme ids (/work/shared/reference/ods-api.md §4.1-4.2):

* ``internal.license_id`` / ``internal.theme_id`` — the vendor's Automation OpenAPI document
  (``DatasetMetadataInternal``);
* ``default.license_id`` / ``default.theme_id`` — what data.bs.ch's maintainers observe and use in
  huwise-utils-py (``set_license`` / ``set_theme``): "the platform stores the licence in
  internal.license_id as read-only" and propagates ``default.license_id`` to it.

A portal may refuse a path (400) or accept it silently without storing it. So each write is read
back from ``internal`` (where both paths end up); when the value did not take, the other path is
tried, and the one that worked is remembered per portal in the vocabulary cache (``_paths``).
``[portal] licence_path`` in odwb.toml forces one path: then there is no fallback.
"""

from __future__ import annotations

from typing import Any

from ..core.errors import PortalError, PublicationError
from ..portal.automation import AutomationAPI
from ..portal.vocabulary import Vocabulary
from .diff import same_value

FIELDS = ("license_id", "theme_id")
PATHS = ("internal", "default")


def chosen_path(field: str, forced: str | None, vocabulary: Vocabulary) -> str:
    """Where to write ``field`` first: odwb.toml, else what worked last time on this portal, else the vendor's document."""
    return forced or vocabulary.path(field) or "internal"


def place(metadata: dict[str, dict[str, Any]], paths: dict[str, str]) -> None:
    """Move the licence and theme ids (resolved into ``internal``) to the template chosen for each."""
    internal = metadata.get("internal") or {}
    for field in FIELDS:
        if paths.get(field) == "default" and field in internal:
            metadata.setdefault("default", {})[field] = internal.pop(field)
    if "internal" in metadata and not metadata["internal"]:
        del metadata["internal"]


def _took(auto: AutomationAPI, uid: str, field: str, value: Any) -> bool:
    return same_value(auto.get_metadata_field(uid, "internal", field), value)


def write(auto: AutomationAPI, uid: str, template: str, field: str, value: Any, *, forced: bool) -> str:
    """Write a licence or theme id so that it sticks; the template through which it did."""
    tried: list[tuple[str, str]] = []  # (path, "refusé" / "sans effet")
    for path in [template] if forced else [template, *(p for p in PATHS if p != template)]:
        try:
            auto.set_metadata_field(uid, path, field, value)
        except PortalError as exc:
            if exc.status_code != 400:
                raise
            tried.append((f"{path}.{field}", "refusé"))
            continue
        if _took(auto, uid, field, value):
            return path
        tried.append((f"{path}.{field}", "sans effet"))
    what_fr, what_en = ("la licence", "the licence") if field == "license_id" else ("les thèmes", "the themes")
    tried_fr = ", ".join(f"{p} ({why})" for p, why in tried)
    tried_en = ", ".join(f"{p} ({'refused' if why == 'refusé' else 'no effect'})" for p, why in tried)
    raise PublicationError(
        f"Le portail n'a pas enregistré {what_fr} ({tried_fr}). "
        + ("Retirez « licence_path » de [portal] dans odwb.toml pour laisser l'outil essayer l'autre chemin, "
           if forced else "Demandez à l'administrateur du portail si ce champ est modifiable avec votre clé, ")
        + "puis relancez.",
        f"The portal did not store {what_en} ({tried_en}). "
        + ("Remove 'licence_path' from [portal] in odwb.toml to let the tool try the other path, "
           if forced else "Ask the portal administrator whether your key may change this field, ")
        + "then run again.",
    )
