"""One rule for the identifiers the tool makes from names (a dataset's id, a participant's folder, an inventory row):
the three copies it had gave the same letters, with their own fallbacks, kept."""

from __future__ import annotations

import pytest

from odwb_assist.core.slugs import slug
from odwb_assist.inventory.discovery import _identifier
from odwb_assist.metadata.export import slug as dataset_slug


@pytest.mark.parametrize(("name", "expected"), [
    ("Élise Dupont", "elise-dupont"), ("Budget 2025 (Ciney)", "budget-2025-ciney"),
    ("  Arbres_remarquables.xlsx ", "arbres-remarquables-xlsx"), ("Œuvres d'art — Place Monseu", "uvres-d-art-place-monseu"),
    ("Ville de Ciney / CPAS", "ville-de-ciney-cpas"),
])
def test_a_name_becomes_letters_digits_and_hyphens(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_each_use_keeps_its_fallback_when_nothing_is_left() -> None:
    assert slug("—") == "" and slug("«»", "atelier") == "atelier"
    assert dataset_slug("???") == "dataset" and _identifier("???") == "fichier"
    assert _identifier("x" * 80) == "x" * 60
