"""``check --schema`` with a schema from ``schema from-portal``: the file's headers are the portal's labels, the
column count is the file's, and an extra column is one finding, not a « value beyond the last column » per row."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.inventory import schema_from_portal
from odwb_assist.quality import check

FIELDS = [{"name": "fonction", "label": "Fonction", "type": "int"},
          {"name": "libelle", "label": "Libellé", "type": "text"},
          {"name": "depenses_eur", "label": "Dépenses (EUR)", "type": "double"},
          {"name": "exercice", "label": "Exercice", "type": "int"}]


def _schema(tmp_path: Path) -> Path:
    client: Any = SimpleNamespace(explore=SimpleNamespace(fields=lambda dataset_id: FIELDS))
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema_from_portal("ciney-budget", client)), encoding="utf-8")
    return path


def test_a_file_written_with_the_portal_labels_passes(tmp_path: Path) -> None:
    data = tmp_path / "budget.csv"
    data.write_text("Fonction,Libellé,Dépenses (EUR),Exercice\n100,Administration,1250000.5,2024\n", encoding="utf-8")
    report = check(data, _schema(tmp_path), plugins=get_plugin_manager(load_entrypoints=False))
    assert report.valid and not report.findings and len(report.fields) == 4


def test_an_extra_column_is_counted_and_reported_once(tmp_path: Path) -> None:
    data = tmp_path / "budget.csv"
    data.write_text("Fonction,Libellé,Dépenses (EUR),Exercice,Remarque\n100,Administration,1250000.5,2024,\n"
                    "110,Enseignement,1425000.5,2024,ok\n", encoding="utf-8")
    report = check(data, _schema(tmp_path), plugins=get_plugin_manager(load_entrypoints=False))
    assert len(report.fields) == 5 and report.fields[-1] == "Remarque"
    types = [f.type for f in report.findings]
    assert "extra-cell" not in types and types.count("extra-label") == 1
    assert "incorrect-label" not in types
