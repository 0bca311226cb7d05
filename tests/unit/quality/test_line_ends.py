"""A CSV whose lines end with a carriage return alone (Excel for Mac's « CSV (Macintosh) »): refused before, it is
read through a copy whose lines end with a line feed, with the same rows, cells and findings as the same table with
line feeds; the line ends are reported, the fix writes line feeds, the user's file is never changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.core.errors import InputError
from odwb_assist.quality import check, fix
from odwb_assist.quality.line_ends import lf_copy

ROWS = ["Commune;Bâtiment;Surface (m2);Ouverture;Remarque",
        "Namur;Hôtel de ville;1250,5;01/02/2024;Réouverture après travaux",
        'Liège;Église Saint-Jacques;980;15/03/2024;"Accès PMR\rà vérifier"',
        "Mons;Musée des Beaux-Arts;2300;n.d.;Fermé en août",
        "Mons;Musée des Beaux-Arts;2300;n.d.;Fermé en août",
        "Ciney;Théâtre;640;30/02/2024;Saison été/hiver",
        "Total;;7470,5;;"]


def _write(path: Path, line_end: str, encoding: str = "mac_roman") -> Path:
    text = line_end.join(row.replace("\r", line_end) for row in ROWS) + line_end
    path.write_bytes(text.encode(encoding))
    return path


def _findings(report) -> list[tuple[str, str | None, int | None]]:  # noqa: ANN001
    return sorted((f.type, f.field_name, f.row_number) for f in report.findings if f.type != "mac-line-ends")


def test_a_mac_csv_is_read_as_the_same_table_with_line_feeds(tmp_path: Path) -> None:
    mac = _write(tmp_path / "batiments.csv", "\r")
    original = mac.read_bytes()
    (tmp_path / "unix").mkdir()
    unix = _write(tmp_path / "unix" / "batiments.csv", "\n")
    mine, theirs = check(mac), check(unix)
    assert mine.detected.encoding == "mac_roman" and mine.rows == theirs.rows == 6
    assert _findings(mine) == _findings(theirs) and {"duplicate-row", "total-row"} <= {f.type for f in mine.findings}
    said = [f for f in mine.findings if f.type == "mac-line-ends"]
    assert len(said) == 1 and "retour chariot seul" in said[0].message("fr")
    assert mine.source == str(mac) and mine.to_dict()["detected"]["lineEnds"] == "cr"
    assert theirs.to_dict()["detected"]["lineEnds"] is None
    fixed = fix(mac, tmp_path / "propre.csv")
    fix(unix, tmp_path / "unix" / "propre.csv")
    # the preview names the user's file (not the copy read through) and says what became of its line ends
    assert fixed.source == str(mac) and fixed.preview("fr").splitlines()[0].startswith(f"{mac} → ")
    assert "Fins de ligne : retour chariot seul → saut de ligne" in fixed.preview("fr")
    assert (tmp_path / "propre.csv").read_bytes() == (tmp_path / "unix" / "propre.csv").read_bytes()
    assert b"\r" not in (tmp_path / "propre.csv").read_bytes().replace(b"\r\n", b"")
    assert "Liège" in (tmp_path / "propre.csv").read_text(encoding="utf-8")
    assert mac.read_bytes() == original


def test_the_copy_keeps_every_byte_in_place_and_windows_line_ends_further_down(tmp_path: Path) -> None:
    source = tmp_path / "a.csv"
    source.write_bytes(b"a;b\r1;2\r3;4\r\n5;6\r")
    copy = lf_copy(source)
    assert copy.name == "a.csv" and copy != source
    assert copy.read_bytes() == b"a;b\n1;2\n3;4\r\n5;6\n"
    assert lf_copy(source) == copy  # made once


def test_a_cr_ending_a_block_is_judged_with_the_next_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from odwb_assist.quality import line_ends

    monkeypatch.setattr(line_ends, "COPY_BLOCK", 4)
    source = tmp_path / "b.csv"
    source.write_bytes(b"ab;\r\nc;\r;d\r")
    assert lf_copy(source).read_bytes() == b"ab;\r\nc;\n;d\n"


def test_utf16_with_mac_line_ends_is_refused_in_french(tmp_path: Path) -> None:
    source = tmp_path / "texte.csv"
    source.write_bytes("nom;valeur\rCiney;1\rDinant;2\r".encode("utf-16"))
    with pytest.raises(InputError) as info:
        check(source)
    assert "retour chariot seul" in info.value.message("fr") and "UTF-16" in info.value.message("fr")
