"""Numbers with a decimal comma are not geopoints: « 12,5 » must not be read as the point (12, 5), which made
every amount above 180 a type-error on top of the decimal-comma warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.quality import check


@pytest.mark.parametrize("engine", ["", "frictionless"])
def test_decimal_comma_amounts_are_not_geopoints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str) -> None:
    monkeypatch.setenv("ODWB_ENGINE", engine)
    source = tmp_path / "montants.csv"
    source.write_text("commune;montant\n" + "".join(f"Namur;{i},5\n" for i in range(400)), encoding="utf-8")
    report = check(source)
    assert report.types["montant"] == "string"
    assert [f.type for f in report.findings] == ["decimal-comma"]
    assert report.findings[0].count == 400


def test_a_real_geopoint_column_stays_a_geopoint(tmp_path: Path) -> None:
    source = tmp_path / "lieux.csv"
    source.write_text("lieu;position\nA;50.46, 4.87\nB;50.1,4.2\n", encoding="utf-8")
    assert check(source).types["position"] == "geopoint"


@pytest.mark.parametrize("engine", ["", "frictionless"])
def test_amounts_with_thousands_dots_are_not_geopoints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str) -> None:
    """A public procurement register: « 125.000,00 » read as the point (125, 0) typed the amounts ``geopoint``, and
    the thousands separators went unsaid (the fix removed them all the same)."""
    monkeypatch.setenv("ODWB_ENGINE", engine)
    source = tmp_path / "marches.csv"
    source.write_text("objet;montant_htva\nToiture;125.000,00\nSel;8.450,00\nEspaces verts;45.000,00\n", encoding="utf-8")
    report = check(source)
    assert report.types["montant_htva"] == "string"
    assert sorted(f.type for f in report.findings) == ["decimal-comma", "thousands-separator"]
