from __future__ import annotations

from pathlib import Path

from odwb_assist.inventory import InventoryEntry, draw_matrix, prioritise
from odwb_assist.inventory.ranking import score_entry


def _entries() -> list[InventoryEntry]:
    return [
        InventoryEntry(identifier="hard", title="Cadastre", value=5, effort=5, personal_data="non"),
        InventoryEntry(identifier="quick", title="Parkings", value=5, effort=1, personal_data="non", hvd_category="Mobilité"),
        InventoryEntry(identifier="personal", title="Primes", value=5, effort=1, personal_data="oui",
                       legal_constraints="RGPD"),
        InventoryEntry(identifier="done", title="Arbres", value=5, effort=1, status="publié", personal_data="non"),
        InventoryEntry(identifier="unknown", title="Salles"),
    ]


def test_ranking_order_and_reasons() -> None:
    ranked = prioritise(_entries())
    assert [r.entry.identifier for r in ranked] == ["quick", "personal", "hard", "unknown", "done"]
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5]
    quick = ranked[0]
    assert quick.score == 100 and quick.quadrant == "quick-win"
    text = quick.reasons_text("fr")
    assert "Gain rapide" in text and "valeur 5/5" in text and "haute valeur" in text
    personal = next(r for r in ranked if r.entry.identifier == "personal")
    assert "données personnelles" in personal.reasons_text() and "RGPD" in personal.reasons_text()
    assert "personal data" in personal.reasons_text("en")
    assert personal.score == 100 - 25 - 15
    unknown = next(r for r in ranked if r.entry.identifier == "unknown")
    assert "non renseignée" in unknown.reasons_text() and unknown.score == 50
    assert ranked[-1].reasons[0].fr == "déjà publié sur ODWB"
    assert ranked[0].to_dict("en")["quadrant_label"] == "Quick win"


def test_score_is_bounded() -> None:
    worst = score_entry(InventoryEntry(identifier="w", value=1, effort=5, personal_data="oui", legal_constraints="secret"))
    assert worst.score == 0 and worst.quadrant == "not-now"
    assert score_entry(InventoryEntry(identifier="n", legal_constraints="aucune", value=3, effort=3)).score == 50


def test_draw_matrix_writes_png_and_svg(tmp_path: Path) -> None:
    entries = _entries() + [InventoryEntry(identifier=f"same{i}", value=4, effort=2) for i in range(8)]
    png, svg = draw_matrix(prioritise(entries), tmp_path / "charts")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    png_en, _ = draw_matrix(prioritise(entries), tmp_path, lang="en", basename="matrix")
    assert png_en.name == "matrix.png"


def test_draw_matrix_of_empty_inventory(tmp_path: Path) -> None:
    png, svg = draw_matrix([], tmp_path)
    assert png.exists() and svg.exists()
