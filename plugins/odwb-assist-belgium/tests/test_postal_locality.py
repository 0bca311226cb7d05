"""``be-postal-locality``: the postal code and the locality written in one cell (« 5590 Ciney »), as an address book
exports « CP Localité »; said when the pairs are bpost's, split into two columns by the fix, nothing else changed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from odwb_assist_belgium.postal_locality import pair

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import fix

from .test_belgium_end_to_end import check

ROWS = [["Association", "CP Localité", "Téléphone"],
        ["Les Amis du Vieux Ciney", "5590 Ciney", "083 21 44 55"],
        ["Cercle Horticole", "5590 Leignon", "083 21 66 77"],
        ["Royal FC", "5000 Namur", "081 22 33 44"],
        ["Chorale", "5590  Ciney", "083 23 45 67"],
        ["Club", "B-5100 Jambes", "081 30 00 00"],
        ["Inconnu", "à préciser", "081 30 00 01"]]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


@pytest.mark.parametrize(("cell", "found"), [("5590 Ciney", ("5590", "Ciney")), ("4700 Eupen", ("4700", "Eupen")),
                                             ("B-5100 Jambes", ("5100", "Jambes")), ("1300 Limal", ("1300", "Limal")),
                                             ("5590 Namur", None), ("1200 participants", None), ("5000", None),
                                             ("Namur 5000", None), ("9999 Ciney", None)])
def test_a_postal_code_and_its_locality(cell: str, found: tuple[str, str] | None) -> None:
    assert pair(cell) == found


def test_a_column_of_codes_and_localities_is_said_once(tmp_path: Path) -> None:
    report = check(write(tmp_path / "associations.csv", ROWS), plugins=get_plugin_manager())
    [finding] = [f for f in report.findings if f.type == "be-postal-locality"]
    assert (finding.field_name, finding.count, list(finding.rows or []), finding.severity.value) == (
        "CP Localité", 5, [2, 3, 4, 5, 6], "warning")
    assert finding.message("fr").startswith("Colonne « CP Localité » : 5 cellule(s) écrivent le code postal et la "
                                            "localité ensemble (ex. ligne 2 : « 5590 Ciney »)")


def test_counts_followed_by_words_and_a_few_pairs_are_not_said(tmp_path: Path) -> None:
    counts = write(tmp_path / "stages.csv", [["Stage", "Inscrits"], ["Natation", "1200 participants"],
                                            ["Tennis", "4700 euros"], ["Judo", "5590 Ciney"]])
    assert not [f for f in check(counts, plugins=get_plugin_manager()).findings if f.type == "be-postal-locality"]


def test_the_fix_splits_the_column_and_keeps_what_is_no_pair(tmp_path: Path) -> None:
    out = tmp_path / "propre.csv"
    result = fix(write(tmp_path / "associations.csv", ROWS), out, plugins=get_plugin_manager())
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Association", "Code postal", "Localité", "Téléphone"]
    assert [row[1:3] for row in rows[1:]] == [["5590", "Ciney"], ["5590", "Leignon"], ["5000", "Namur"],
                                               ["5590", "Ciney"], ["5100", "Jambes"], ["", "à préciser"]]
    assert "colonne ajoutée : « Code postal »" in result.preview("fr")
    clean = check(out, plugins=get_plugin_manager())
    assert not [f for f in clean.findings if f.type == "be-postal-locality"]
    assert clean.kinds.get("Code postal") == "be-postal-code"
