"""What staff read (issue 15, point 7): money kept and refunds due apart, a register export made for a spreadsheet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from odwb_assist_programme.api import Programme
from programme_helpers import confirm


def test_cancelled_money_is_a_refund_due_not_money_kept(prog: Programme, tmp_path: Path) -> None:
    confirm(prog, "Ville de Ciney", participants=2)  # 484.00
    confirm(prog, "Commune de Durbuy")  # 302.50, then cancelled: owed back
    prog.cancel("Commune de Durbuy", "2021-05-10", "désistement")
    html = prog.dashboard(tmp_path / "d").read_text(encoding="utf-8")
    assert "<b>484.00 €</b>encaissés et gardés (TVAC)" in html
    assert "<b>302.50 €</b>remboursements dus (TVAC)" in html


def test_register_export_is_a_real_spreadsheet(prog: Programme, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    confirm(prog, "Ville de Ciney", participants=2)
    path = prog.export(tmp_path / "registre.xlsx")
    sheet = load_workbook(path).active
    assert sheet is not None
    headers = [c.value for c in sheet[1]]
    row = dict(zip(headers, [c.value for c in sheet[2]], strict=True))
    assert row["etat"] == "confirmée" and row["obligation_publication"] == "non"
    assert row["paiement"].date() == date(2021, 4, 20)
    assert sheet.cell(2, headers.index("paiement") + 1).number_format == "DD/MM/YYYY"
    assert row["montant_tvac"] == 484.0 and row["paye"] == 484.0
    assert sheet[1][0].font.bold and sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["A"].width >= len("administration")


def test_an_amount_above_what_is_owed_is_refused(prog: Programme) -> None:
    import pytest

    from odwb_assist.core.errors import InputError

    prog.enrol("Ville de Ciney", type="commune", participants=[("A", "a@ciney.be")], requested_on="2021-03-01")
    prog.sign("Ville de Ciney", "2021-03-02")
    prog.invoice("Ville de Ciney", "2021-03-03")  # 302.50
    with pytest.raises(InputError) as caught:
        prog.pay("Ville de Ciney", "2021-03-20", "3025")
    assert "3025 € dépasse ce qui reste dû par Ville de Ciney (302.50 €" in caught.value.message("fr")
    assert prog.status()[0].paid == "0.00"


HOSTILE = ['=HYPERLINK("http://x","Namur")', "=cmd|' /C calc'!A0"]


def test_export_writes_hostile_names_as_text_never_formulas(prog: Programme, tmp_path: Path) -> None:
    import csv

    from openpyxl import load_workbook

    prog.enrol(HOSTILE[0], type="commune", publishers=["+SUM(A1)", "@x"], requested_on="2021-03-01")
    prog.enrol(HOSTILE[1], type="autre", participants=[("-2+3", "\tx@y.be")], requested_on="2021-03-01")
    confirm(prog, "Ville de Ciney")
    sheet = load_workbook(prog.export(tmp_path / "registre.xlsx")).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    names = [c.value for c in sheet["A"][1:]]
    assert set(HOSTILE) <= set(names)  # the names kept verbatim, as text
    paid = [c for c in cells if c.row == 1 + 1 + names.index("Ville de Ciney") and c.column == 1 + [
        h.value for h in sheet[1]].index("paye")]
    assert paid[0].data_type == "n"  # numbers stay numbers

    with open(prog.export(tmp_path / "registre.csv"), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_name = {r["administration"]: r for r in rows}
    assert set(by_name) == {"'" + HOSTILE[0], "'" + HOSTILE[1], "Ville de Ciney"}
    assert by_name["'" + HOSTILE[0]]["noms_editeur"] == "'+SUM(A1); @x"
    assert by_name["'" + HOSTILE[1]]["participant_1"] == "'-2+3"
    assert by_name["'" + HOSTILE[1]]["email_1"] == "'\tx@y.be"
    assert by_name["Ville de Ciney"]["paye"] == "302.5"  # numbers untouched
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
