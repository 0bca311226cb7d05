"""``check BOOK.xlsx`` starts parsing the workbook before the command line is built (cli/ahead.py): the file and the
sheet are found in the arguments as Typer will read them, and the parse ahead is the one the check then reads."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from odwb_assist.cli import ahead
from odwb_assist.cli.main import build_app, main
from odwb_assist.quality import workbook, workbook_open


@pytest.mark.parametrize(("args", "target"), [
    (["check", "b.xlsx"], ("b.xlsx", None)),
    (["check", "--format", "json", "-o", "r.json", "b.xlsx"], ("b.xlsx", None)),
    (["check", "b.xlsx", "--sheet", "Données", "--output=r.xlsx", "--format=xlsx"], ("b.xlsx", "Données")),
    (["check", "--sheet=all", "-fjson", "b.ods"], ("b.ods", "all")),
    (["check", "--limit-errors", "5", "--schema", "s.json", "-p", "odwb.toml", "b.xlsx"], ("b.xlsx", None)),
    (["check", "--", "-b.xlsx"], ("-b.xlsx", None)),
    (["check", "--help"], None),
    (["check"], None),
    (["fix", "b.xlsx", "-o", "c.csv"], None),
    (["document", "b.xlsx"], None),
])
def test_the_checked_file_and_sheet_are_found_in_the_arguments(args: list[str], target: tuple[str, str | None] | None) -> None:
    assert ahead.check_target(args) == target


def test_the_options_taking_a_value_are_those_of_the_check_command() -> None:
    command = typer.main.get_command(build_app()).commands["check"]  # type: ignore[attr-defined]
    valued = {name for param in command.params if param.param_type_name == "option" and not param.is_flag
              for name in param.opts + param.secondary_opts}
    assert valued == ahead.CHECK_VALUED


def test_the_check_reads_the_sheet_parsed_ahead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import Workbook

    path = tmp_path / "permis.xlsx"
    book = Workbook()
    book.active.append(["commune", "population"])
    book.active.append(["Namur", 112000])
    book.save(path)
    workbook._LAST.clear()
    workbook_open._BOOK.clear()
    started: list[tuple[Path, str | None]] = []
    prefetch = workbook_open.prefetch

    def counted(source: str | Path, sheet: str | None = None) -> None:
        before = list(workbook_open._AHEAD)
        prefetch(source, sheet)
        if before != workbook_open._AHEAD:
            started.append((Path(source), sheet))

    monkeypatch.setattr(workbook_open, "prefetch", counted)
    assert main(["check", str(path), "--format", "json", "--output", str(tmp_path / "r.json")]) == 0
    assert started == [(path, None)]  # once, before the command line was built; the command's own call found it
    assert not workbook_open._AHEAD and '"valid": true' in (tmp_path / "r.json").read_text(encoding="utf-8")
