"""Helpers of the inventory tests: fill a template with openpyxl, fake quality engine and portal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from odwb_assist.inventory import write_template
from odwb_assist.inventory.model import COLUMNS

GOOD_ROWS: list[dict[str, Any]] = [
    {"identifier": "INV-001", "title": "Parkings vélos", "service": "Mobilité", "contact": "mobilite@ciney.be",
     "format": "Excel", "update_frequency": "Annuelle", "theme": "Mobilité", "personal_data": "non",
     "licence": "CC0 1.0", "value": 5, "effort": 1, "hvd_category": "Mobilité", "status": "identifié"},
    {"identifier": "INV-002", "title": "Registre des primes", "format": "Logiciel métier", "personal_data": "oui",
     "legal_constraints": "RGPD", "value": 3, "effort": 4, "status": "collecté"},
    {"identifier": "INV-003", "title": "Arbres remarquables", "format": "CSV", "theme": "Environnement", "value": 4,
     "effort": 2, "status": "publié", "dataset_id": "ciney-arbres", "published_on": "15/03/2026"},
]


def fill(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Write rows after the example row of a template, as a participant would in Excel."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Inventaire"]
    for offset, row in enumerate(rows):
        for index, col in enumerate(COLUMNS, start=1):
            if col.key in row:
                ws.cell(row=3 + offset, column=index, value=row[col.key])
    wb.save(path)
    return path


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    return fill(write_template(tmp_path / "inventaire.xlsx"), GOOD_ROWS)


class FakeReport:
    def __init__(self, findings: list[Any] | None = None, kinds: dict[str, str] | None = None) -> None:
        self.errors = list(findings or [])
        self.warnings: list[Any] = []
        self.kinds = kinds or {}


class FakeEngine:
    """Records its calls and returns a prepared report (the quality engine's signature)."""

    def __init__(self, report: FakeReport | None = None) -> None:
        self.report = report or FakeReport()
        self.calls: list[dict[str, Any]] = []

    def __call__(self, source: str, schema: Any = None, **kwargs: Any) -> FakeReport:
        self.calls.append({"source": source, "schema": schema, **kwargs})
        return self.report


@pytest.fixture
def fake_engine() -> FakeEngine:
    return FakeEngine()
