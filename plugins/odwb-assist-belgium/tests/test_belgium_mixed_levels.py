"""Rows of a province, a region or the country among the rows of communes (« Province de Namur », 03000): said once
per table, on the NIS column when there is one; a table of communes alone, or of provinces alone, is not."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from odwb_assist_belgium.mixed_levels import code_level, name_level

from odwb_assist.core.findings import Severity
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

COMMUNES = ["92003;Andenne;27301", "92006;Assesse;7302", "91030;Ciney;16690", "91034;Dinant;13522",
            "92054;Gesves;7391"]
ABOVE = ["90000;Province de Namur;500000", "03000;Région wallonne;3662000", "01000;Royaume;11763650"]


def findings(tmp_path: Path, lines: list[str], chunk_rows: int | None = None) -> list:
    path = tmp_path / "population.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # a failing check would be a warning: make it fail
        report = check(path, plugins=get_plugin_manager(), chunk_rows=chunk_rows)
    assert "check-failed" not in report.by_type()
    return [f for f in report.findings if f.type == "be-mixed-levels"]


@pytest.mark.parametrize("chunk_rows", [None, 2])
def test_the_province_region_and_kingdom_rows_are_said_once_on_the_nis_column(tmp_path: Path,
                                                                             chunk_rows: int | None) -> None:
    [found] = findings(tmp_path, ["INS;Commune;Population", *COMMUNES, *ABOVE], chunk_rows)
    assert found.severity is Severity.WARNING and (found.row_number, found.field_name, found.cell) == (7, "INS", "90000")
    assert found.extra["count"] == 3 and found.extra["communes"] == 5 and found.extra["rows"] == [7, 8, 9]
    assert found.extra["levels"] == ["country", "province", "region"]
    assert "3 ligne(s) d'un autre niveau que la commune parmi 5 lignes de communes" in found.message.fr
    assert "(e.g. row 7: '90000', province)" in found.message.en and "à part" in found.tip.fr


def test_without_codes_the_names_say_it(tmp_path: Path) -> None:
    lines = ["Commune;Population", *(line.split(";", 1)[1] for line in COMMUNES),
             "Province de Hainaut;1346000", "Wallonie;3662000", "Belgique;11763650"]
    [found] = findings(tmp_path, lines)
    assert (found.row_number, found.field_name, found.cell, found.extra["count"]) == (7, "Commune",
                                                                                      "Province de Hainaut", 3)


@pytest.mark.parametrize("lines", [
    ["INS;Commune;Population", *COMMUNES],  # communes alone
    ["INS;Province;Population", "90000;Province de Namur;500000", "60000;Province de Liège;1110000",
     "03000;Région wallonne;3662000"],  # provinces and their region: no commune among them
    ["Commune;Population", "Namur;112000", "Liège;195000", "Luxembourg;290000"],  # « Namur », « Liège »: communes
    ["Association;Localité", "Club A;5590 Ciney", "Club B;5000 Namur", "Club C;5500 Dinant", "Club D;Belgique"],
])
def test_tables_of_one_level_are_not_said(tmp_path: Path, lines: list[str]) -> None:
    assert findings(tmp_path, lines) == []


def test_levels_of_names_and_codes() -> None:
    assert [name_level(name) for name in ("Namur", "Liège", "Province du Hainaut", "Province de Hainaut",
                                          "Arrondissement d’Arlon", "Région de Bruxelles-Capitale", "Bruxelles",
                                          "ROYAUME", "Leignon", "Paris")] == [
        "commune", "commune", "province", "province", "arrondissement", "region", "commune", "country", "commune",
        None]
    assert [code_level(code) for code in ("92094", "92000", "90000", "03000", "01000", "99999", "57081")] == [
        "commune", "arrondissement", "province", "region", "country", None, "commune"]


def test_fix_keeps_the_rows(tmp_path: Path) -> None:
    source = tmp_path / "population.csv"
    source.write_text("\n".join(["INS;Commune;Population", *COMMUNES, *ABOVE]) + "\n", encoding="utf-8")
    out = tmp_path / "propre.csv"
    fix(source, out, plugins=get_plugin_manager())
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1 + len(COMMUNES) + len(ABOVE)
