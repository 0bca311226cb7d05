"""House numbers are text by nature: « 12A » or « 3 bte 2 » among « 12 » is no type error, and the column is not
typed integer (the portal would empty those cells). A « N° » that is not an address's keeps its numbers' type."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.quality import check
from odwb_assist.quality.house_numbers import house_number_columns


@pytest.mark.parametrize(("labels", "numbers"), [
    (["Rue", "Numéro", "Code postal", "Localité"], {"Numéro"}),
    (["Adresse", "N°", "Boîte"], {"N°"}),
    (["straatnaam", "huisnummer", "postcode"], {"huisnummer"}),
    (["Nom de la voie", "Num. police"], {"Num. police"}),
    (["Street", "House number"], {"House number"}),
    (["N°", "Objet", "Montant"], set()),  # no street: the number of a file, of an invoice
    (["Rue", "N° de téléphone"], set()), (["Adresse", "Numéro d'entreprise"], set()), (["Rue", "Numéro de dossier"], set()),
])
def test_house_number_labels(labels: list[str], numbers: set[str]) -> None:
    assert house_number_columns(labels) == numbers


@pytest.mark.parametrize("engine", ["", "frictionless"])
def test_house_numbers_with_letters_are_no_type_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str) -> None:
    monkeypatch.setenv("ODWB_ENGINE", engine)
    numbers = [str(n) for n in range(1, 41)]
    numbers[7], numbers[20] = "8A", "21 bte 3"
    source = tmp_path / "adresses.csv"
    source.write_text("Rue;Numéro;Code postal;Localité\n" + "".join(f"Rue de Fer;{n};5000;Namur\n" for n in numbers),
                      encoding="utf-8")
    report = check(source)
    assert report.types["Numéro"] == "string" and report.types["Code postal"] == "integer"
    assert not [f for f in report.findings if f.type in ("type-error", "read-as-text")]


def test_a_file_number_keeps_its_type_error(tmp_path: Path) -> None:
    source = tmp_path / "factures.csv"
    source.write_text("N°;Objet;Montant\n" + "".join(f"{n};Fournitures;{n * 10}\n" for n in range(1, 40)) + "40A;Sel;12\n",
                      encoding="utf-8")
    report = check(source)
    assert report.types["N°"] == "integer"
    assert [(f.type, f.field_name, f.row_number) for f in report.findings] == [("type-error", "N°", 41)]
