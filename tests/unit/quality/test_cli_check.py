"""The `check` and `fix` commands: exit codes, the four formats, the JSON contract, languages, safety."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

CLI = Callable[..., tuple[int, str, str]]
UGLY = ("Population des communes\nSource : SPW\nCommune;Population;Superficie;Mise à jour\n"
        "Namur;112 000;175,7;31/12/2024\nLiège;195 000;69,4;30/12/2024\nTotal;307 000;245,1;\n")


@pytest.fixture
def ugly(tmp_path: Path) -> Path:
    path = tmp_path / "ugly.csv"
    path.write_bytes(UGLY.encode("cp1252"))
    return path


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "clean.csv"
    path.write_text("commune,population\nNamur,112000\nLiège,195000\n", encoding="utf-8")
    return path


def test_exit_codes(cli: CLI, clean: Path, ugly: Path, tmp_path: Path) -> None:
    assert cli("check", clean, "--no-plugins")[0] == 0
    assert cli("check", ugly, "--no-plugins")[0] == 1
    code, out, err = cli("check", tmp_path / "missing.csv")
    assert code == 2 and "n'existe pas" in err


def test_text_report_french_and_english(cli: CLI, ugly: Path) -> None:
    code, out, _ = cli("check", ugly, "--no-plugins")
    assert code == 1 and "title-rows" in out and "Comment corriger" in out and "cp1252" in out
    code, out, _ = cli("check", ugly, "--lang", "en", "--no-plugins")
    assert "How to fix" in out and "decimal comma" in " ".join(out.split())  # whatever the terminal's wrapping


def test_json_contract(cli: CLI, ugly: Path) -> None:
    code, out, _ = cli("check", ugly, "--format", "json", "--no-plugins")
    data = json.loads(out)
    assert code == 1
    assert {"valid", "source", "detected", "rows", "fields", "errors", "stats"} <= set(data)
    assert data["valid"] is False and Path(data["source"]).is_absolute()
    assert {"encoding", "delimiter", "headerRow", "sheet"} <= set(data["detected"])
    assert data["detected"]["encoding"] == "cp1252" and data["detected"]["delimiter"] == ";"
    assert data["detected"]["headerRow"] == 3
    assert data["rows"] == 3 and data["fields"] == ["Commune", "Population", "Superficie", "Mise à jour"]
    for error in data["errors"]:
        assert {"type", "severity", "rowNumber", "fieldName", "cell", "message", "tip"} <= set(error)
        assert error["severity"] in ("error", "warning", "info")
    assert data["stats"] == {"title-rows": 2, "total-row": 1, "non-utf-encoding": 1, "thousands-separator": 1,
                             "decimal-comma": 1, "date-format": 1}


def test_html_and_xlsx_reports(cli: CLI, ugly: Path, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    assert cli("check", ugly, "--format", "html", "--output", html, "--no-plugins")[0] == 1
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "total-row" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page
    xlsx = tmp_path / "report.xlsx"
    code, out, _ = cli("check", ugly, "--format", "xlsx", "--output", xlsx, "--no-plugins")
    assert code == 1 and xlsx.exists()
    workbook = openpyxl.load_workbook(xlsx)
    data, findings = workbook.worksheets
    assert [c.value for c in data[1]] == ["Commune", "Population", "Superficie", "Mise à jour"]
    assert data["C2"].value == "175,7" and data["C2"].fill.fgColor.rgb.endswith("FFE08A")
    assert findings.max_row == 1 + 7


def test_limit_errors_option(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n" + "1,2,3\n" * 20)
    data = json.loads(cli("check", path, "--format", "json", "--limit-errors", "3", "--no-plugins")[1])
    assert len(data["errors"]) == 3 and data["truncated"] is True
    (extra,) = [e for e in data["errors"] if e["type"] == "extra-cell"]  # errors are listed before warnings
    assert data["stats"]["extra-cell"] == 1 and data["occurrences"]["extra-cell"] == 20
    assert extra["count"] == 20 and extra["rows"] == list(range(2, 22))


def test_fix_then_check_is_valid(cli: CLI, ugly: Path, tmp_path: Path) -> None:
    before = ugly.read_bytes()
    out = tmp_path / "propre.csv"
    code, text, _ = cli("fix", ugly, "--output", out, "--dry-run")
    assert code == 0 and not out.exists() and "simulation" in text and "112 000" in text
    code, text, _ = cli("fix", ugly, "--output", out)
    assert code == 0 and out.exists() and ugly.read_bytes() == before
    assert out.read_text(encoding="utf-8") == (
        "Commune,Population,Superficie,Mise à jour\nNamur,112000,175.7,2024-12-31\nLiège,195000,69.4,2024-12-30\n")
    code, text, _ = cli("check", out, "--format", "json", "--no-plugins")
    data = json.loads(text)
    assert code == 0 and data["valid"] and data["errors"] == []


def test_fix_never_overwrites_the_source(cli: CLI, ugly: Path) -> None:
    before = ugly.read_bytes()
    code, _, err = cli("fix", ugly, "--output", ugly)
    assert code == 2 and "jamais" in err and ugly.read_bytes() == before


def test_fix_without_output_writes_the_clean_copy_beside_the_original(cli: CLI, ugly: Path) -> None:
    """« odwb-assist fix budget.csv » answered « Il manque l'option --output »: the clean copy now goes beside the
    original, named after it; with several files the folder is still asked for."""
    before = ugly.read_bytes()
    code, text, _ = cli("fix", ugly)
    beside = ugly.with_name("ugly-propre.csv")
    assert code == 0 and beside.is_file() and ugly.read_bytes() == before and "ugly-propre.csv" in text
    assert beside.read_text(encoding="utf-8").startswith("Commune,Population")
    code, text, _ = cli("--lang", "en", "fix", ugly)
    assert code == 0 and ugly.with_name("ugly-clean.csv").is_file()
    code, _, err = cli("fix", ugly, beside)
    assert code == 2 and "--output propre/" in err


def test_fix_into_a_new_folder_written_with_a_slash(cli: CLI, ugly: Path) -> None:
    """« --output propre/ », a folder not made yet, wrote a file called « propre » (no extension): the trailing
    separator (« / », or « \\ » on Windows) names a folder, made, the clean copy in it named after the original."""
    for written in ("propre/", f"nettoye{os.sep}"):
        code, text, _ = cli("fix", ugly, "--output", f"{ugly.parent}/{written}")  # a Path would drop the « / »
        folder = ugly.parent / written.rstrip("/\\")
        assert code == 0 and folder.is_dir() and (folder / "ugly.csv").read_text(encoding="utf-8").startswith(
            "Commune,Population"), text


def test_a_folder_made_for_nothing_is_not_left_behind(cli: CLI, ugly: Path) -> None:
    """« fix vide.csv -o propre/2025/ » refused the empty file and left two empty folders; --dry-run writes nothing
    either. A folder that was there already stays."""
    empty = ugly.with_name("vide.csv")
    empty.write_bytes(b"")
    code, _, err = cli("fix", empty, "--output", f"{ugly.parent}/propre/2025/")
    assert code == 2 and "vide" in err and not (ugly.parent / "propre").exists()
    code, _, _ = cli("fix", ugly, "--output", f"{ugly.parent}/essai/", "--dry-run")
    assert code == 0 and not (ugly.parent / "essai").exists()
    (ugly.parent / "garde").mkdir()
    code, _, _ = cli("fix", empty, "--output", f"{ugly.parent}/garde/")
    assert code == 2 and (ugly.parent / "garde").is_dir()


def test_unknown_format(cli: CLI, clean: Path) -> None:
    assert cli("check", clean, "--format", "pdf")[0] == 2


def test_usage_errors_exit_2_not_internal_error(cli: CLI, clean: Path) -> None:
    # A forgotten argument or a mistyped option is the user's mistake (exit 2), not an « Erreur interne » (exit 3).
    for args in (("check",), ("check", clean, "--bogus"), ("document",)):
        code, out, err = cli(*args)
        assert code == 2 and "interne" not in out + err
