"""An XLS workbook (Excel 95 and 97-2003) tells its hidden columns (COLINFO records) and rows (ROW records) as an
XLSX does: read in the one opening of the file, with xlrd's formatting."""

from __future__ import annotations

import sys
from pathlib import Path

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from biff5 import write_excel95  # noqa: E402

BUDGET = [["Article", "Libellé", "Montant", "Remarque interne"], ["831/01", "Personnel", 1200, "à revoir avec le DF"],
          ["831/02", "Énergie", 300, ""], ["831/03", "Loyers", 800, ""], ["831/04", "Assurances", 450, ""]]


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def test_hidden_columns_and_rows_of_an_excel_95_budget(tmp_path: Path) -> None:
    # row 4 (« Loyers ») and column D (« Remarque interne ») hidden; column F hidden but empty: nothing to say
    source = write_excel95(tmp_path / "budget.xls", {"Budget": BUDGET}, hidden=((4,), (4, 6)))
    report = check(source, plugins=pm())
    columns = [(f.field_name, f.extra["column"]) for f in report.findings if f.type == "hidden-columns"]
    rows = [list(f.all_rows) for f in report.findings if f.type == "hidden-rows"]
    assert columns == [("Remarque interne", "D")] and rows == [[4]]
    assert report.detected.hidden_columns == [4] and report.detected.hidden_rows == [4]
    result = fix(source, tmp_path / "budget.csv", plugins=pm())
    assert [f.type for f in result.workbook_left] == ["hidden-columns", "hidden-rows"]
    assert "Loyers" in (tmp_path / "budget.csv").read_text(encoding="utf-8")  # kept: the user decides


def test_an_xls_without_hidden_cells_says_nothing(tmp_path: Path) -> None:
    report = check(write_excel95(tmp_path / "budget.xls", {"Budget": BUDGET}), plugins=pm())
    assert not {"hidden-columns", "hidden-rows"} & set(report.stats)
