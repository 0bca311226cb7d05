"""``inventory check`` never advises deleting the template's own columns; ``discover`` onto an existing inventory
proposes --merge and shows what would be added (and never replaces the file); the French guide exists."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.inventory import check, write_template

from .conftest import GOOD_ROWS, fill

pytest.importorskip("odwb_assist.quality.engine")
ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "odwb_assist" / "data" / "samples" / "salles-communales.csv"


def test_empty_template_columns_are_not_advised_for_deletion(tmp_path: Path) -> None:
    rows = [{k: v for k, v in row.items() if k not in ("dataset_id", "published_on")} for row in GOOD_ROWS[:2]]
    path = fill(write_template(tmp_path / "inventaire.xlsx"), rows)
    report = check(path, plugins=get_plugin_manager(load_entrypoints=False))
    texts = " ".join(f.message("fr") + " " + f.tip("fr") for f in report.findings)
    assert "Supprimez la colonne" not in texts and "Identifiant ODWB" not in texts
    assert not [f for f in report.findings if f.type == "empty-column"]


def test_a_foreign_empty_column_may_still_be_reported(tmp_path: Path) -> None:
    import openpyxl

    path = fill(write_template(tmp_path / "inventaire.xlsx"), GOOD_ROWS[:2])
    wb = openpyxl.load_workbook(path)
    ws = wb["Inventaire"]
    ws.cell(row=1, column=ws.max_column + 1, value="Colonne perso")
    wb.save(path)
    report = check(path, plugins=get_plugin_manager(load_entrypoints=False))
    assert any(f.field_name == "Colonne perso" for f in report.findings)


def test_discover_onto_an_existing_inventory_proposes_merge(cli: Callable[..., tuple[int, str, str]],
                                                            tmp_path: Path) -> None:
    folder = tmp_path / "donnees"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    existing = fill(write_template(tmp_path / "inventaire.xlsx"), GOOD_ROWS[:1])
    before = existing.read_bytes()
    code, out, _err = cli("inventory", "discover", folder, "--output", existing)
    assert code == 1 and existing.read_bytes() == before
    assert f"--merge {existing}" in out and "Ce qui serait ajouté : 1 nouvelle(s) ligne(s)" in out
    assert "salles-communales" in out
    code, out, _err = cli("inventory", "discover", folder, "--merge", existing)
    assert code == 0 and (tmp_path / "inventaire-complete.xlsx").is_file() and existing.read_bytes() == before
    assert "1 nouvelle(s) ligne(s)" in out


def test_the_french_inventory_guide_covers_every_column() -> None:
    from odwb_assist.inventory.model import COLUMNS

    guide = (ROOT / "docs" / "fr" / "guide-inventaire.md").read_text(encoding="utf-8")
    assert "cartographie des données" in guide
    for col in COLUMNS:
        assert f"« {col.label} »" in guide, col.label
