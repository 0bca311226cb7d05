"""Open-ended classes among numbers (population by age, households by size): a warning that explains the cell, not
a type error whose advice would lose the class; masked small numbers, columns of classes and text stay as they were."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


def _write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def _types(report) -> dict[str, list[int | None]]:  # noqa: ANN001
    found: dict[str, list[int | None]] = {}
    for finding in report.findings:
        found.setdefault(finding.type, []).extend(finding.all_rows or [finding.row_number])
    return found


@pytest.mark.parametrize("first, last", [("0", "95 ans et plus"), ("0", "95+"), ("moins d'1 an", "plus de 95 ans"),
                                         ("0", "100 ou plus"), ("0", "95 et +"), ("0", "> 95 ans")])
def test_a_population_by_age_ends_with_an_open_class(tmp_path: Path, first: str, last: str) -> None:
    rows = [["Âge", "Hommes", "Femmes"], [first, "310", "298"]]
    rows += [[str(age), str(300 - age), str(305 - age)] for age in range(1, 95)] + [[last, "41", "112"]]
    report = check(_write(tmp_path / "population.csv", rows), plugins=PM)
    found = _types(report)
    expected = [2, 97] if first != "0" else [97]
    assert found.get("open-class") == expected and "type-error" not in found and "read-as-text" not in found
    said = next(f for f in report.findings if f.type == "open-class")
    assert said.severity.value == "warning" and "texte" in said.message("fr") and said.field_name == "Âge"


def test_masked_small_numbers_classes_of_ranges_and_text_are_not_open_classes(tmp_path: Path) -> None:
    rows = [["Commune", "Tranche", "Bénéficiaires", "Remarque"]]
    rows += [[f"Commune {n}", f"{5 * n}-{5 * n + 4}", "<5" if n % 6 == 0 else str(10 + n), "moins de 18 ans"]
             for n in range(17)]
    rows += [["Commune 17", "85+", "12", "plus de 65 ans"]]
    found = _types(check(_write(tmp_path / "aides.csv", rows), plugins=PM))
    assert "open-class" not in found and found.get("masked-values")
