"""A budget saved as CSV from Excel's accounting format (« Comptabilité », without a currency symbol): its numbers
padded with spaces (« ␣1 234,56␣ »), its zeros a dash followed by the spaces of the decimals (« ␣-␣␣␣ »).

The padded numbers were not read as numbers by the number parse shared by the checks: the column was not one of
numbers, and the dashes went unsaid until ``fix`` had trimmed the cells (a second ``check`` then found them). They are
said by the first ``check`` now, with what such a dash is, and ``fix`` writes 0 there (``accounting-zeros``, before the
spaces are trimmed), where it used to empty the cell: a zero is no missing value."""

from __future__ import annotations

from pathlib import Path

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

BUDGET = ("Poste;Budget 2024;Budget 2025\nPersonnel; 1 234,56 ; 1 300,00 \nFonctionnement; -   ; 987,00 \n"
          "Transferts; 12 000,00 ; -   \nDette; 3 456,78 ; 3 500,00 \nSubsides; 500,00 ; 600,00 \n")


def test_the_first_check_says_the_dashes_of_a_padded_column_of_numbers(tmp_path: Path) -> None:
    source = tmp_path / "budget.csv"
    source.write_text(BUDGET, encoding="utf-8")
    report = check(source, plugins=get_plugin_manager(load_entrypoints=False))
    dashes = {f.field_name: f for f in report.findings if f.type == "placeholder-value"}
    assert set(dashes) == {"Budget 2024", "Budget 2025"}
    assert "zéro du format Comptabilité d'Excel" in dashes["Budget 2024"].message("fr")
    fix(source, tmp_path / "propre.csv")
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[2:4] == [
        "Fonctionnement,0,987.00", "Transferts,12000.00,0"]  # a zero shown as a dash is a zero, not a blank
    after = check(tmp_path / "propre.csv", plugins=get_plugin_manager(load_entrypoints=False))
    assert not [f for f in after.findings if f.type == "placeholder-value"]  # nothing new to say after the fix


def test_the_whole_table_fix_writes_the_same_zeros(tmp_path: Path) -> None:
    """The fix applied to the whole table (as a plugin's or a workbook's run does) gives what the streamed one gives."""
    import pandas as pd

    from odwb_assist.checks.placeholder_value import AccountingZerosFix
    from odwb_assist.core.contract import FixContext

    source = tmp_path / "budget.csv"
    source.write_text(BUDGET, encoding="utf-8")
    report = check(source, plugins=get_plugin_manager(load_entrypoints=False))
    table = pd.DataFrame({"Poste": ["A", "B"], "Budget 2024": [" 1 234,56 ", " -   "], "Budget 2025": [" - ", " -   "]},
                         dtype=str)
    fixed, changes = AccountingZerosFix().apply(table, FixContext(report=report))
    assert fixed["Budget 2024"].tolist() == [" 1 234,56 ", "0"] and fixed["Budget 2025"].tolist() == [" - ", "0"]
    assert len(changes) == 2


def test_a_dash_typed_as_text_is_no_accounting_zero(tmp_path: Path) -> None:
    source = tmp_path / "budget.csv"
    source.write_text(BUDGET.replace(" -   ", " - "), encoding="utf-8")
    report = check(source, plugins=get_plugin_manager(load_entrypoints=False))
    dashes = [f for f in report.findings if f.type == "placeholder-value"]
    assert len(dashes) == 2 and not any("Comptabilité" in f.message("fr") for f in dashes)
