"""The data dictionary shows a few values of each column: never a person's contact or name (it is shared and
published beside the data; a survey's first three respondents' addresses were its examples)."""

from __future__ import annotations

import pandas as pd

from odwb_assist.metadata.enrich_data import describe_fields


def examples(columns: dict[str, list[str]]) -> dict[str, list[str]]:
    return {info.name: info.examples for info in describe_fields(pd.DataFrame(columns, dtype=str))}


def test_a_persons_address_number_or_name_is_no_example() -> None:
    shown = examples({
        "Adresse e-mail": ["marc.renard@gmail.com", "info@ciney.be", "jean.lambert@gmail.com", "population@ciney.be"],
        "GSM": ["0475 12 34 56", "+32 476 11 22 33", "083 23 10 11", "083 23 10 12"],
        "Nom": ["DUPONT Marie", "Jean Lambert", "Les Amis de la Nature", "Patro de Leignon"],
        "Essence": ["Hêtre", "Chêne pédonculé", "Tilleul", "Platane"],
    })
    assert shown["Adresse e-mail"] == ["info@ciney.be", "population@ciney.be"]
    assert shown["GSM"] == ["083 23 10 11", "083 23 10 12"]
    assert shown["Nom"] == ["Les Amis de la Nature", "Patro de Leignon"]
    assert shown["Essence"] == ["Hêtre", "Chêne pédonculé", "Tilleul"]  # three, as before
