"""Amounts that say whether they include VAT (« 12.500,00 € HTVA »), as lists of public contracts write them: read as
numbers with their unit, the VAT mark kept in the title by the fix; amounts without and with VAT in one column are
said and left as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.checks.display_numbers import read_display, titled
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

PM = get_plugin_manager(load_entrypoints=False)
CONTRACTS = [("Réfection de voirie", "12.500,00 € HTVA"), ("Mobilier scolaire", "8.450,50 € HTVA"),
             ("Espaces verts", "23.100,00 € HTVA"), ("Éclairage public", "45.000,00 € TVAC"),
             ("Bulletin communal", "3.200,00 € HTVA")]


def contracts(path: Path, amounts: list[str]) -> Path:
    lines = ["Objet;Montant", *(f"{name};{amount}" for (name, _), amount in zip(CONTRACTS, amounts, strict=False))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("cell", "number", "unit"), [("12.500,00 € HTVA", "12.500,00", "€ HTVA"),
                                                      ("EUR 3 200 tvac", "3 200", "€ TVAC"),
                                                      ("45.000 € TTC", "45.000", "€ TTC"),
                                                      ("(1.500,00 € HT)", "-1.500,00", "€ HT")])
def test_an_amount_with_its_vat_mark_is_a_number_in_euros(cell: str, number: str, unit: str) -> None:
    shown = read_display(cell)
    assert shown is not None and (shown.number, shown.unit) == (number, unit)


@pytest.mark.parametrize("cell", ["12 HTVA", "12 m HTVA", "HTVA", "12.500,00 € HTVA compris"])
def test_a_vat_mark_after_no_currency_is_no_amount(cell: str) -> None:
    assert read_display(cell) is None


def test_amounts_without_vat_are_fixed_with_the_mark_in_the_title(tmp_path: Path) -> None:
    source = contracts(tmp_path / "marches.csv", ["12.500,00 € HTVA", "8.450,50 € HTVA", "23.100,00 € HTVA"])
    assert [f.type for f in check(source, plugins=PM).findings] == ["unit-in-cell"]
    out = tmp_path / "propre.csv"
    fix(source, out, plugins=PM)
    assert out.read_text(encoding="utf-8").splitlines() == ["Objet,Montant (€ HTVA)", "Réfection de voirie,12500.00",
                                                            "Mobilier scolaire,8450.50", "Espaces verts,23100.00"]


@pytest.mark.parametrize("chunk_rows", [None, 2])
def test_amounts_without_and_with_vat_in_one_column_are_said_and_kept(tmp_path: Path, chunk_rows: int | None) -> None:
    source = contracts(tmp_path / "marches.csv", [amount for _, amount in CONTRACTS])
    mixed = [f for f in check(source, plugins=PM, chunk_rows=chunk_rows).findings if f.type == "vat-mixed"]
    assert len(mixed) == 1
    finding = mixed[0]
    assert (finding.row_number, finding.cell, finding.extra) == (5, "45.000,00 € TVAC",
                                                                 {"without_vat": 4, "with_vat": 1})
    assert "hors TVA (4 ligne(s), ex. « 12.500,00 € HTVA »)" in finding.message.fr
    out = tmp_path / "propre.csv"
    fix(source, out, plugins=PM)
    assert "45.000,00 € TVAC" in out.read_text(encoding="utf-8")  # nothing changed: two units


def test_one_basis_is_no_mix(tmp_path: Path) -> None:
    source = contracts(tmp_path / "marches.csv", ["12.500,00 € TVAC", "8.450,50 € TTC", "23.100,00 € TVAC"])
    assert [f for f in check(source, plugins=PM).findings if f.type == "vat-mixed"] == []


@pytest.mark.parametrize(("label", "title"), [("Montant", "Montant (€ HTVA)"), ("Montant HTVA", "Montant HTVA (€)"),
                                              ("Montant (€)", "Montant (€) HTVA"),
                                              ("Montant HTVA (EUR)", "Montant HTVA (EUR)")])
def test_the_title_gets_what_it_does_not_say_yet(label: str, title: str) -> None:
    assert titled(label, "€ HTVA") == title
