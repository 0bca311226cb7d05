"""The fix workflow: previews, a new file only, merged headers, choosing fixes, errors."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from odwb_assist.core.errors import FixError
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

PM = get_plugin_manager(load_entrypoints=False)


def test_merged_xlsx_header_becomes_single_row_labels(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Population par commune"])
    sheet.append(["Commune", "Population", None, "Superficie"])
    sheet.append([None, "2023", "2024", "km²"])
    sheet.append(["Namur", 112000, 113000, 175.7])
    sheet.append(["Total", 112000, 113000, 175.7])
    sheet.merge_cells("B2:C2")
    source = tmp_path / "m.xlsx"
    workbook.save(source)
    out = tmp_path / "m.csv"
    result = fix(source, out, plugins=PM)
    assert out.read_text(encoding="utf-8") == ("Commune,Population 2023,Population 2024,Superficie km²\n"
                                               "Namur,112000,113000,175.7\n")
    assert result.counts["drop-title-rows"] == 1 and result.counts["drop-total-rows"] == 1
    assert check(out, plugins=PM).valid


def test_dry_run_and_chosen_fixes(tmp_path: Path) -> None:
    source = tmp_path / "s.csv"
    source.write_text("a;b;c\n x ;12,5;31/01/2024\n")
    out = tmp_path / "o.csv"
    result = fix(source, out, fixes=["decimal-comma"], dry_run=True, plugins=PM)
    assert not out.exists() and result.counts == {"decimal-comma": 1} and not result.written
    assert "12,5" in result.preview("fr") and "dry run" in result.preview("en")
    fix(source, out, plugins=PM)
    assert out.read_text() == "a,b,c\nx,12.5,2024-01-31\n"
    with pytest.raises(FixError):
        fix(source, out, fixes=["no-such-fix"], plugins=PM)


def test_output_folder_must_exist_and_source_is_kept(tmp_path: Path) -> None:
    source = tmp_path / "s.csv"
    source.write_text("a,b\n1,2\n")
    with pytest.raises(FixError):
        fix(source, tmp_path / "missing" / "o.csv", plugins=PM)
    with pytest.raises(FixError):
        fix(source, tmp_path / "." / "s.csv", plugins=PM)
    assert source.read_text() == "a,b\n1,2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["s.csv"]


def test_contract_doc_lists_every_builtin_type() -> None:
    from odwb_assist.checks import BUILTIN_PLUGINS

    text = (Path(__file__).parents[3] / "docs" / "report-contract.md").read_text(encoding="utf-8")
    import importlib

    for module in BUILTIN_PLUGINS:
        for name in dir(importlib.import_module(module)):
            types = getattr(getattr(importlib.import_module(module), name), "types", ())
            for type_ in types if isinstance(types, tuple) else ():
                assert f"`{type_}`" in text


def test_a_tab_delimiter_is_shown_as_the_report_shows_it(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("Commune\tPopulation\nNamur\t113000\nAndenne\t27000\n", encoding="utf-8")
    preview = fix(path, tmp_path / "propre.csv", plugins=PM, dry_run=True).preview("fr")
    assert "Séparateur : « tabulation » → « , »" in preview and "\t" not in preview
    from odwb_assist.quality import check
    from odwb_assist.quality.text_report import summary_lines

    report = check(path, plugins=PM)
    assert "séparateur « tabulation »" in summary_lines(report, "fr")[1]
    assert "delimiter 'tab'" in summary_lines(report, "en")[1]


def test_the_preview_cuts_a_long_cell(tmp_path: Path) -> None:
    """A remark of 3,000 characters trimmed: the preview shows its first 80 (the change log holds it whole)."""
    source = tmp_path / "remarques.csv"
    long = "Remarque " + "très longue " * 250
    source.write_text(f"id;remarque\n1; {long}\n2;courte\n", encoding="utf-8")
    result = fix(source, tmp_path / "propre.csv", changes_file=tmp_path / "journal.csv")
    [line] = [line for line in result.preview().splitlines() if line.startswith("    ligne 2")]
    assert len(line) < 200 and "…" in line
    with (tmp_path / "journal.csv").open(encoding="utf-8", newline="") as handle:
        assert long.strip() in [row[-1] for row in csv.reader(handle)]
