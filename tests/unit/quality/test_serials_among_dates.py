"""A date column where some cells lost their date format shows Excel's serial numbers among the dates (« 45328 » beside
« 12/03/2024 »). The check only looked for them in a column of numbers: in a column of dates they went unsaid, and
``fix`` wrote the other dates in ISO beside them without a word. They are now reported, and ``fix`` says it leaves
them (a five-digit number among dates is most likely a date, but converting it would be a guess)."""

from __future__ import annotations

from pathlib import Path

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

PERMITS = ("Dossier;Date de décision;Montant\n"
           "PU/2024/001;12/03/2024;1200\n"
           "PU/2024/002;45363;800\n"
           "PU/2024/003;05/04/2024;450\n"
           "PU/2024/004;45412;300\n"
           "PU/2024/005;;150\n"
           "PU/2024/006;17/06/2024;900\n")


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def test_serial_numbers_among_written_dates_are_reported(tmp_path: Path) -> None:
    source = tmp_path / "permis.csv"
    source.write_text(PERMITS, encoding="utf-8")
    report = check(source, plugins=pm())
    serials = [f for f in report.findings if f.type == "date-format" and f.extra.get("serial")]
    assert [(f.field_name, list(f.all_rows), f.extra["converted"]) for f in serials] == \
        [("Date de décision", [3, 5], False)]
    assert not any(f.field_name == "Montant" for f in report.findings if f.type == "date-format")


def test_fix_says_it_leaves_them(tmp_path: Path) -> None:
    source = tmp_path / "permis.csv"
    source.write_text(PERMITS, encoding="utf-8")
    result = fix(source, tmp_path / "propre.csv", plugins=pm())
    lines = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == "PU/2024/001,2024-03-12,1200" and lines[2] == "PU/2024/002,45363,800"  # kept as written
    left = [(item.column, item.reason, item.numbers, item.example) for item in result.left_as_is]
    assert left == [("Date de décision", "serial", 2, (3, "45363"))]
    assert "Colonne « Date de décision » : 2 date(s) écrites comme numéro de série Excel (ex. ligne 3 : « 45363 »)" \
        in result.preview("fr")


def test_the_serial_numbers_advice_is_shown_beside_the_local_dates_one(tmp_path: Path) -> None:
    """One type, two advices: the text and HTML reports showed only the group's first (« lancez fix »), hiding that
    fix leaves the serial numbers."""
    import io

    from rich.console import Console

    from odwb_assist.quality.html_report import render_html
    from odwb_assist.quality.text_report import render_text

    source = tmp_path / "permis.csv"
    source.write_text(PERMITS, encoding="utf-8")
    report = check(source, plugins=pm())
    buffer = io.StringIO()
    render_text(report, Console(file=buffer, width=400, color_system=None), "fr")
    tips = [line for line in buffer.getvalue().splitlines() if "Comment corriger" in line]
    assert len(tips) == 2 and "ne les convertit que dans une colonne de numéros de série seuls" in tips[1]
    page = render_html(report, "fr")
    assert page.count("Comment corriger") == 2 and "numéros de série seuls" in page
