"""The Python API for pandas users: errors vs warnings, a findings table, short reprs, tab completion,
Project.create and a Project that works on its clean copy after fix()."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import odwb_assist
import odwb_assist.inventory as inventory_pkg
import odwb_assist.metadata as metadata_pkg
import odwb_assist.quality as quality_pkg
from odwb_assist import Project
from odwb_assist.core.errors import ConfigError
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

MESSY = ("Inventaire des parkings\n\nnom;places;type;mise en service\nGare;12;Couvert;03/09/2013\n"
         "Église;8,5;couvert;14/07/2013\nParc;1 250;Couvert;01/02/2014\nTotal;1 270,5;;\n")


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    path = tmp_path / "parkings.csv"
    path.write_text(MESSY, encoding="cp1252")
    return path


def test_errors_hold_errors_only_and_findings_everything(messy: Path) -> None:
    report = check(messy, plugins=get_plugin_manager(load_entrypoints=False))
    assert report.findings and report.warnings
    assert all(f.severity.value == "error" for f in report.errors)
    assert all(f.severity.value == "warning" for f in report.warnings)
    assert len(report.errors) + len(report.warnings) + len(report.infos) == len(report.findings)
    frame = report.to_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame) == len(report.findings)
    assert list(frame.columns) == ["type", "severity", "row", "column", "cell", "message", "tip"]
    assert str(frame["row"].dtype) == "Int64" and set(frame["severity"]) <= {"error", "warning", "info"}


def test_reprs_are_short(messy: Path, tmp_path: Path) -> None:
    pm = get_plugin_manager(load_entrypoints=False)
    report = check(messy, plugins=pm)
    result = fix(messy, tmp_path / "propre.csv", plugins=pm)
    for obj in (report, result):
        text = repr(obj)
        assert len(text) < 160 and "\n" not in text, text
        assert obj._repr_html_()
    assert "correction(s)" in repr(result) and "parkings.csv" in repr(report)


def test_tab_completion_lists_the_public_api() -> None:
    assert {"check", "fix", "QualityReport", "FixResult"} <= set(dir(quality_pkg))
    assert {"draft", "score", "Metadata"} <= set(dir(metadata_pkg))
    assert {"read", "check", "discover", "write_template"} <= set(dir(inventory_pkg))
    assert {"Project", "quality", "metadata", "inventory"} <= set(dir(odwb_assist))
    assert all(hasattr(quality_pkg, name) for name in quality_pkg.__all__)
    assert "annotations" not in dir(odwb_assist)


def test_project_create_and_fix_then_use_the_clean_copy(messy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "projet"
    project = Project.create(folder, name="Commune de Ciney", nis_code="91030",
                             plugins=get_plugin_manager(load_entrypoints=False))
    assert (folder / "odwb.toml").is_file() and project.config.administration.nis_code == "91030"
    with pytest.raises(ConfigError, match="existe déjà"):
        Project.create(folder, name="Autre")
    with pytest.raises(ConfigError):
        Project.create(tmp_path / "x", name="Ville", nis_code="12")  # not a 5-digit NIS code
    (folder / "parkings.csv").write_bytes(messy.read_bytes())
    with open(folder / "odwb.toml", "a", encoding="utf-8") as toml:
        toml.write('\n[[datasets]]\nid = "ciney-parkings"\nfile = "parkings.csv"\n')
    project = Project.load(folder / "odwb.toml", plugins=get_plugin_manager(load_entrypoints=False))
    before = project.check()
    clean = project.fix()
    assert isinstance(clean, Path) and clean.name == "parkings-propre.csv" and clean.is_file()
    assert "l'utilisent désormais" in repr(clean) and clean.result.written
    assert project.dataset().file == clean and project.check().source == str(clean)
    assert project.check().error_count <= before.error_count
    assert project.use_original() == folder / "parkings.csv" and project.dataset().file == folder / "parkings.csv"
    dry = project.fix(dry_run=True)
    assert not dry.written and project.dataset().file == folder / "parkings.csv"


def test_a_user_error_shows_no_traceback_in_jupyter(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        Project.load(tmp_path / "absent" / "odwb.toml")
    lines = caught.value._render_traceback_()
    assert len(lines) == 1 and lines[0].startswith("ConfigError : ") and "Traceback" not in lines[0]


def test_a_dataset_split_into_a_sheet_per_year_is_stacked_by_project_fix(tmp_path: Path) -> None:
    import openpyxl

    folder = tmp_path / "projet"
    Project.create(folder, name="Commune de Ciney", nis_code="91030", plugins=get_plugin_manager(load_entrypoints=False))
    book = openpyxl.Workbook()
    book.remove(book.active)
    for year in (2023, 2024):
        sheet = book.create_sheet(str(year))
        for row in [["Commune", "Naissances"], ["Ciney", 160], ["Dinant", 120]]:
            sheet.append(row)
    book.save(folder / "naissances.xlsx")
    with open(folder / "odwb.toml", "a", encoding="utf-8") as toml:
        toml.write('\n[[datasets]]\nid = "naissances"\nfile = "naissances.xlsx"\nsheet = "all"\n')
    project = Project.load(folder / "odwb.toml", plugins=get_plugin_manager(load_entrypoints=False))
    clean = project.fix()
    assert clean.read_text(encoding="utf-8").splitlines() == [
        "annee,Commune,Naissances", "2023,Ciney,160", "2023,Dinant,120", "2024,Ciney,160", "2024,Dinant,120"]
    assert project.dataset().file == clean and project.check().rows == 4
