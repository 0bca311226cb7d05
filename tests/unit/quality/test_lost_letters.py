"""Accented letters an export wrote « ? » (« Li?ge », « Biblioth?que »): lost in the file, said so; a question, a web
address's query are no lost letter."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from odwb_assist.checks.lost_letters import lost_letter
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402


@pytest.mark.parametrize(("cell", "lost"), [
    ("Li?ge", True), ("Biblioth?que communale", True), ("Fran?ois Dupont", True), ("h??l??ne", True),
    ("Pourquoi ?", False), ("Ouvert le lundi? Non", False), ("https://www.ciney.be/page.php?id=3", False),
    ("index?lang=fr", False), ("Andr?", False), ("12?5", False), ("?", False), ("", False)])
def test_a_question_mark_glued_between_letters(cell: str, lost: bool) -> None:
    assert lost_letter(cell) is lost


def test_an_export_that_lost_its_accents_is_said_column_by_column(tmp_path: Path) -> None:
    """An ASCII export of a list of services had a green tick: « Li?ge » and « Ath?n?e royal » would have been
    published as they are."""
    rows = [["Commune", "Num?ro", "Service", "Remarque"], ["Li?ge", "1", "Ath?n?e royal", "Ouvert le samedi ?"],
            ["Namur", "2", "Biblioth?que communale", "https://www.namur.be/page.php?id=3"],
            ["Ciney", "3", "Cr?che", ""]]
    report = check(write_csv(tmp_path / "services.csv", rows, encoding="ascii"), plugins=get_plugin_manager())
    found = [(f.field_name, f.row_number, f.count) for f in report.findings if f.type == "lost-letters"]
    assert found == [("Num?ro", 1, 1), ("Commune", 2, 1), ("Service", 2, 3)]
    assert all(f.severity == "warning" for f in report.findings if f.type == "lost-letters")
