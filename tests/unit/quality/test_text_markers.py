"""A spreadsheet's marks for a number kept as text (« ="0470123456" », « '5000 ») would be published with the value:
said, and taken off by the fix, after which the Belgian checks recognise the phones and postal codes. The formula
that only returns a text is no injection."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from odwb_assist.checks.text_markers import unmarked
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager()  # with the Belgian plugin
SERVICES = [["Service", "Téléphone", "Code postal", "Remarque"],
            ["Population", "'081246411", "'5000", "'s-Gravenbrakel"],
            ["Travaux", '="081246412"', '="5000"', "=SOMME(A1:A3)"],
            ["Culture", "'081246413", "'5100", ""],
            ["Sports", '="081246414"', '="5101"', '="=cmd|\' /C calc\'!A0"'],
            ["Jeunesse", "'0475 12 34 56", "'5002", "'=HYPERLINK(\"x\")"]]


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


@pytest.mark.parametrize(("cell", "value"), [('="0470123456"', "0470123456"), (" ='5000' ", None),
                                             ('="dit ""x"""', 'dit "x"'), ("'5000", "5000"), ("'0475 12 34 56", "0475 12 34 56"),
                                             ("'12/03/2024", "12/03/2024"), ("'s-Gravenbrakel", None), ("'=SUM(A1)", None),
                                             ('="=cmd|x"', None), ('="+32 81"', None), ("5000", None), ("= 5", None)])
def test_what_a_mark_stands_for(cell: str, value: str | None) -> None:
    assert unmarked(cell) == value


def test_the_marks_are_said_and_the_quoted_formula_is_no_injection(tmp_path: Path) -> None:
    report = check(write(tmp_path / "services.csv", SERVICES), plugins=PM)
    said = {f.field_name: f.count for f in report.findings if f.type == "text-markers"}
    assert said == {"Téléphone": 5, "Code postal": 5}
    injected = [f for f in report.findings if f.type == "formula-injection"]
    assert [(f.field_name, f.count) for f in injected] == [("Remarque", 1)]  # =SOMME(…), not the quoted texts
    assert "« '081246411 »" in [f for f in report.findings if f.type == "text-markers"][0].message("fr")


def test_fix_takes_the_marks_off_and_the_codes_are_recognised(tmp_path: Path) -> None:
    result = fix(write(tmp_path / "services.csv", SERVICES), tmp_path / "propre.csv", plugins=PM)
    assert result.counts["strip-text-markers"] == 10
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[1] for row in rows[1:]] == ["081246411", "081246412", "081246413", "081246414", "0475 12 34 56"]
    assert [row[2] for row in rows[1:]] == ["5000", "5000", "5100", "5101", "5002"]
    # the Dutch name keeps its apostrophe, the formula is neutralised, the quoted DDE link stays as it was
    assert [row[3] for row in rows[1:]] == ["'s-Gravenbrakel", "'=SOMME(A1:A3)", "", '="=cmd|\' /C calc\'!A0"',
                                            "'=HYPERLINK(\"x\")"]
    clean = check(tmp_path / "propre.csv", plugins=PM)
    assert clean.kinds["Téléphone"] == "be-phone" and clean.kinds["Code postal"] == "be-postal-code"
    assert not [f for f in clean.findings if f.type in ("text-markers", "formula-injection")]
