"""Example third-party plugin: opening hours written ``HH:MM-HH:MM`` (several ranges separated by ``;``).

A model for plugin authors: one field kind (detected from the header « horaire(s) » or
« heures d'ouverture », and from values that look like hours), validated on a whole column at once
with pandas string methods, with a French and English message and a tip.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from odwb_assist.plugin import CheckContext, FieldKind, Finding, Msg, Severity, hookimpl

RANGE = r"(?:[01]\d|2[0-3]):[0-5]\d-(?:[01]\d|2[0-3]):[0-5]\d"
VALID = rf"^(?:{RANGE})(?:\s*;\s*{RANGE})*$|^(?i:fermé|ferme|closed)$"
LOOKS_LIKE_HOURS = r"\d{1,2}\s*[:hH]\s*\d{0,2}"


def detect(sample: pd.Series) -> float:
    """Share of the sample that looks like hours (« 9h-12h », « 09:00-12:00 »…)."""
    if sample.empty:
        return 0.0
    return float(sample.str.contains(LOOKS_LIKE_HOURS, regex=True).mean())


def validate(values: pd.Series, field_name: str, context: CheckContext) -> Iterable[Finding]:
    """One finding per non-empty cell that is not ``HH:MM-HH:MM`` (vectorised: no loop over valid cells)."""
    filled = values[values.str.strip() != ""]
    bad = filled[~filled.str.strip().str.match(VALID)]
    for row_number, cell in bad.items():
        yield Finding(
            type="opening-hours-format",
            severity=Severity.WARNING,
            message=Msg(f"Horaire « {cell} » mal écrit.", f"Opening hours '{cell}' badly written."),
            tip=Msg(
                "Écrivez les plages au format HH:MM-HH:MM séparées par « ; » (ex. 09:00-12:00;14:00-17:00), "
                "ou « fermé ».",
                "Write ranges as HH:MM-HH:MM separated by ';' (e.g. 09:00-12:00;14:00-17:00), or 'fermé'.",
            ),
            row_number=int(row_number),
            field_name=field_name,
            cell=str(cell),
            source="horaires",
        )


@hookimpl
def odwb_field_kinds() -> list[FieldKind]:
    return [
        FieldKind(
            name="opening-hours",
            label=Msg("horaires d'ouverture", "opening hours"),
            header_patterns=(r"horaires?", r"heures? d.?ouverture", r"opening.?hours"),
            detect=detect,
            validate=validate,
        )
    ]
