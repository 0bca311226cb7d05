"""Built-in plugin: metadata that comes from ``odwb.toml`` (publisher, contact, language) and policy (licence)."""

from __future__ import annotations

from typing import Any

from ..core.hookspecs import hookimpl
from .vocabularies import DEFAULT_LICENCE, LANGUAGES


@hookimpl
def odwb_enrich_metadata(project: Any) -> dict[str, Any]:
    proposals: dict[str, Any] = {"default.timezone": "Europe/Brussels"}
    if project is not None:
        adm = project.administration
        if adm.name:
            proposals["default.publisher"] = adm.publisher_label
            proposals["dcat.creator"] = adm.name
        if adm.contact_name:
            proposals["dcat.contact_name"] = adm.contact_name
        if adm.contact_email:
            proposals["dcat.contact_email"] = adm.contact_email
        if adm.language in LANGUAGES:
            proposals["default.language"] = adm.language
        if adm.website:
            proposals["default.references"] = adm.website
    proposals.setdefault("default.language", "fr")
    # Walloon policy: CC0 by default (« comply or explain »); the score asks the user to confirm it.
    proposals["default.license"] = DEFAULT_LICENCE.label
    return proposals
