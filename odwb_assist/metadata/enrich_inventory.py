"""Built-in plugin: title, description skeleton, theme, frequency, licence and contact from the inventory entry."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

from ..core.hookspecs import hookimpl
from .vocabularies import (
    find_frequency,
    find_licence,
    frequency_label,
    match_theme,
    project_themes,
    theme_vocabulary,
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
TODO = "À compléter"  # the marker of an unfilled part of the skeleton (the score and the payload know it)


def _text(entry: Any, name: str) -> str:
    value = getattr(entry, name, None)
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value).strip()


def iso_date(text: str) -> str | None:
    """``YYYY-MM-DD`` from ``YYYY-MM-DD…`` or ``DD/MM/YYYY`` (the inventory accepts both), else None."""
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text) or re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", text)
    if not match:
        return None
    parts = match.groups()
    year, month, day = parts if len(parts[0]) == 4 else (parts[2], parts[1], parts[0])
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def description_skeleton(entry: Any, administration: str = "") -> str:
    """The French description in five parts: content, source, collection, frequency, known limits."""
    content = _text(entry, "description") or f"{TODO} : que contient ce jeu de données, ligne par ligne ?"
    service = _text(entry, "service")
    owner = (service[:1].lower() + service[1:] if service.lower().startswith("service") else f"le service {service}"
             ) if service else "le service responsable"
    source = f"Données produites par {owner}" + (f" ({administration})" if administration else "") + "."
    system = _text(entry, "source_system")
    collection = (f"Données issues de : {system}." if system
                  else f"{TODO} : comment les données sont-elles collectées (relevé, logiciel, formulaire) ?")
    code = find_frequency(_text(entry, "update_frequency"))
    frequency = (f"{frequency_label(code)}." if code
                 else f"{TODO} : à quel rythme ce fichier est-il mis à jour ?")
    limits = " ".join(t for t in (_text(entry, "remarks"), _text(entry, "legal_constraints")) if t)
    limits = limits or f"{TODO} : données manquantes, approximations, période non couverte…"
    parts = [
        ("", content), ("Source", source), ("Méthode de collecte", collection),
        ("Fréquence de mise à jour", frequency), ("Limites connues", limits),
    ]
    return "\n".join(
        (f"<p><strong>{title}</strong> : {html.escape(text)}</p>" if title else f"<p>{html.escape(text)}</p>")
        for title, text in parts
    )


@hookimpl
def odwb_enrich_metadata(project: Any, metadata: Any) -> dict[str, Any]:
    entry = getattr(getattr(metadata, "context", None), "inventory_entry", None)
    if entry is None:
        return {}
    administration = project.administration.name if project is not None else ""
    vocabulary = theme_vocabulary(project_themes(project))
    proposals: dict[str, Any] = {
        "default.title": _text(entry, "title"),
        "default.description": description_skeleton(entry, administration),
    }
    # Only the theme the publisher chose in the inventory (its score counts it as written); a theme guessed from
    # words is left to enrich_data, whose proposals the score counts only once confirmed.
    theme = match_theme(_text(entry, "theme"), vocabulary) if _text(entry, "theme") else None
    if theme:
        proposals["default.theme"] = [theme]
    code = find_frequency(_text(entry, "update_frequency"))
    if code:
        proposals["dcat.accrualperiodicity"] = frequency_label(code)
    licence = find_licence(_text(entry, "licence"))  # "Autre", "À déterminer": left to the policy default
    if licence is not None:
        proposals["default.license"] = licence.label
    contact = _text(entry, "contact")
    email = EMAIL.search(contact)
    if email:
        proposals["dcat.contact_email"] = email.group(0)
        name = contact.replace(email.group(0), "").strip(" <>()-,;")
        if name:
            proposals["dcat.contact_name"] = name
    elif contact:
        proposals["dcat.contact_name"] = contact
    if _text(entry, "service"):
        proposals["dcat.contributor"] = _text(entry, "service")
    issued = iso_date(_text(entry, "published_on"))
    if issued:
        proposals["dcat.issued"] = issued
    coverage = _text(entry, "coverage")
    years = re.findall(r"\b(?:19|20)\d{2}\b", coverage)
    if years:
        proposals["dcat.temporal"] = f"{min(years)}/{max(years)}" if len(set(years)) > 1 else years[0]
    return {k: v for k, v in proposals.items() if v}
