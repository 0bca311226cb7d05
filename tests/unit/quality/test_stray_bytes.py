"""A UTF-8 CSV with a stray Windows-1252 byte: nothing lost, nothing altered silently (issue 13).

Before: a byte 0xE8 (« è » in Windows-1252) after the first 256 KB stopped the reading there (the rows after it
were never checked, the finding had no row) and made ``fix`` refuse the file; inside the first 256 KB it made the
whole file pass for Windows-1252, every UTF-8 accent garbled (« Ã‰lÃ©ment ») by ``fix`` without a word.
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.quality.detect import detect
from odwb_assist.quality.stray_bytes import MIXED, locate, stray_lines

PM = get_plugin_manager(load_entrypoints=False)


def export(path: Path, rows: int, bad_at: int | None = None, accents: bool = True) -> Path:
    """A communal export in UTF-8 (« Élément ») with one row typed in Windows-1252 (« Liège »), last by default."""
    lines = ["commune;population;remarque"] + [f"Commune {i};{i};{'Élément' if accents else 'Element'} {i}"
                                               for i in range(rows)]
    bad = "Liège;195000;à vérifier".encode("cp1252")
    at = len(lines) if bad_at is None else bad_at
    data = b"".join(line.encode("utf-8") + b"\n" for line in lines[:at]) + bad + b"\n"
    data += b"".join(line.encode("utf-8") + b"\n" for line in lines[at:])
    path.write_bytes(data)
    return path


@pytest.fixture(params=["arrow", "frictionless"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "frictionless":
        monkeypatch.setenv("ODWB_ENGINE", "frictionless")
    return str(request.param)


def test_a_stray_byte_after_the_detection_sample_is_reported_with_its_row_and_column(tmp_path: Path, engine: str) -> None:
    path = export(tmp_path / "communes.csv", 12_000)
    assert path.stat().st_size > 256 * 1024 and detect(path)[1].encoding == "utf-8"  # the sample is valid UTF-8
    report = check(path, plugins=PM)
    assert report.rows == 12_001  # every row read: none lost after the byte
    commune, remark = [f for f in report.findings if f.type == "mixed-encoding"]  # the two cells of the row
    assert (remark.row_number, remark.field_name, remark.cell) == (12_002, "remarque", "à vérifier")
    finding = commune
    assert (finding.row_number, finding.field_name, finding.field_number) == (12_002, "commune", 1)
    assert finding.severity == "error" and not report.valid and list(finding.rows) == [12_002]
    french = finding.message("fr")
    assert "Ligne 12002, colonne « commune » : l'octet 0xE8 n'est pas un caractère UTF-8" in french
    assert "« Liège »" in french and "odwb-assist fix" in finding.tip("fr")
    assert "byte 0xE8 is not a UTF-8 character" in finding.message("en")
    assert [f.type for f in report.findings if f.type in ("encoding-error", "non-utf-encoding")] == []
    assert report.detected.encoding == MIXED


def test_several_cells_of_a_column_are_one_finding_and_the_byte_may_sit_mid_file(tmp_path: Path) -> None:
    path = tmp_path / "milieu.csv"
    lines = [b"commune;remarque"] + [f"Élément {i};ok".encode() for i in range(9000)]
    lines[4000] = "Liège;à voir".encode("cp1252")
    lines[6000] = "Namur;été".encode("cp1252")
    path.write_bytes(b"\n".join(lines) + b"\n")
    report = check(path, plugins=PM)
    assert report.rows == 9000
    found = {f.field_name: f for f in report.findings if f.type == "mixed-encoding"}
    assert set(found) == {"commune", "remarque"}
    assert list(found["commune"].rows) == [4001] and list(found["remarque"].rows) == [4001, 6001]
    assert found["remarque"].count == 2 and "2 cellules" in found["remarque"].message("fr")
    assert found["remarque"].extra["examples"][1] == {"rowNumber": 6001, "cell": "été", "raw": "[0xE9]t[0xE9]"}


def test_a_stray_byte_inside_the_sample_no_longer_garbles_the_utf8_accents(tmp_path: Path) -> None:
    path = export(tmp_path / "petit.csv", 500)
    assert detect(path)[1].encoding == MIXED  # not Windows-1252: the rest is UTF-8
    report = check(path, plugins=PM)
    assert [f.row_number for f in report.findings if f.type == "mixed-encoding"] == [502, 502]
    assert "non-utf-encoding" not in report.stats
    out = tmp_path / "propre.csv"
    fix(path, out, plugins=PM)
    text = out.read_text(encoding="utf-8")
    assert "Ã" not in text and "Élément 499" in text and "Liège,195000,à vérifier" in text


def test_fix_keeps_every_row_and_lists_the_cell_it_writes_differently(tmp_path: Path) -> None:
    path = export(tmp_path / "communes.csv", 12_000, bad_at=7000)
    out, journal = tmp_path / "propre.csv", tmp_path / "journal.csv"
    result = fix(path, out, plugins=PM, changes_file=journal)
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert len(rows) == 12_002 and rows[7000] == ["Liège", "195000", "à vérifier"] and rows[1][2] == "Élément 0"
    listed = [(c.row_number, c.field_name, c.before, c.after) for c in result.changes if c.fix == "mixed-encoding"]
    assert listed == [(7001, "commune", "Li[0xE8]ge", "Liège"), (7001, "remarque", "[0xE0] v[0xE9]rifier", "à vérifier")]
    assert "Li[0xE8]ge" in journal.read_text(encoding="utf-8")
    assert "ligne 7001, commune : « Li[0xE8]ge » → « Liège »" in result.preview("fr")
    again = check(out, plugins=PM)
    assert not again.stats.get("mixed-encoding") and again.detected.encoding == "utf-8" and again.rows == 12_001


def test_check_and_fix_read_the_stray_cells_once_and_again_when_the_file_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stray cells are found by reading the whole file in Python: ``fix`` (its check, then its plan) reads
    it once; a file changed since is read again."""
    from odwb_assist.quality import stray_bytes

    reads: list[str] = []
    scans: list[str] = []
    original, scan = stray_bytes._locate, stray_bytes._stray_lines
    monkeypatch.setattr(stray_bytes, "_locate", lambda *a: reads.append("csv") or original(*a))
    monkeypatch.setattr(stray_bytes, "_stray_lines", lambda *a: scans.append("scan") or scan(*a))
    path = export(tmp_path / "communes.csv", 3000, bad_at=2500)
    result = fix(path, tmp_path / "propre.csv", plugins=PM)
    assert result.counts.get("mixed-encoding") == 2 and reads == ["csv"] and scans == ["scan"]
    export(tmp_path / "communes.csv", 3000, bad_at=1200)  # edited: another row typed in Windows-1252
    path.touch()
    again = fix(path, tmp_path / "propre.csv", plugins=PM)
    assert [c.row_number for c in again.changes if c.fix == "mixed-encoding"] == [1201, 1201]
    assert reads == ["csv", "csv"]


def test_the_cells_written_differently_are_listed_even_when_the_fix_is_not_chosen(tmp_path: Path) -> None:
    # the clean file is UTF-8 whatever fixes are chosen: leaving « mixed-encoding » out of --fix must not hide them
    path = export(tmp_path / "communes.csv", 50, bad_at=20)
    result = fix(path, tmp_path / "propre.csv", plugins=PM, fixes=["trim-spaces"])
    listed = [(c.row_number, c.field_name) for c in result.changes if c.fix == "mixed-encoding"]
    assert listed == [(21, "commune"), (21, "remarque")] and result.counts.get("mixed-encoding") == 2


def test_an_ascii_file_whose_only_accent_comes_late_is_a_warning(tmp_path: Path) -> None:
    path = export(tmp_path / "ascii.csv", 12_000, accents=False)
    report = check(path, plugins=PM)
    finding = next(f for f in report.findings if f.type == "mixed-encoding")
    assert finding.severity == "warning" and finding.row_number == 12_002 and report.rows == 12_001
    assert "Windows-1252" in finding.message("fr")


def test_a_quoted_cell_over_several_lines_counts_as_one_row(tmp_path: Path) -> None:
    path = tmp_path / "lignes.csv"
    path.write_bytes(b'nom;note\n' + '"Rue\nHaute";Élément\n'.encode() * 3 + '"Li\nège";x\n'.encode("cp1252"))
    assert stray_lines(path) == ([9], True)  # the physical line
    assert [(s.row, s.column, s.cell) for s in locate(path, ";")] == [(5, 1, "Li\nège")]  # the record


def test_the_codec_reads_utf8_and_stray_bytes_across_blocks_and_drops_a_bom() -> None:
    data = codecs.BOM_UTF8 + "Élé".encode() + b"\xe8\x81" + "ça".encode()
    assert data.decode(MIXED) == "Éléè\x81ça"  # 0x81, unassigned in Windows-1252: its control character, kept
    decoder = codecs.getincrementaldecoder(MIXED)()
    assert "".join(decoder.decode(data[i:i + 1]) for i in range(len(data))) + decoder.decode(b"", final=True) == "Éléè\x81ça"


def test_a_valid_utf8_file_is_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text("commune;remarque\n" + "".join(f"Élément {i};ok\n" for i in range(12_000)), encoding="utf-8")
    report = check(path, plugins=PM)
    assert report.detected.encoding == "utf-8" and "mixed-encoding" not in report.stats and report.rows == 12_000


def test_a_windows_1252_file_stays_one(tmp_path: Path) -> None:
    """Accents in Windows-1252 from the first rows (a few of them forming valid UTF-8 pairs by chance, « É » then a
    no-break space): the file is Windows-1252, not mixed."""
    path = tmp_path / "cp1252.csv"
    lines = ["commune;remarque"] + [f"Élément {i};été\xa0: ok" if i % 50 else f"CAFÉ\xa0{i};à vérifier" for i in range(3000)]
    path.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    report = check(path, plugins=PM)
    assert report.detected.encoding == "cp1252" and "mixed-encoding" not in report.stats
    assert report.stats.get("non-utf-encoding") == 1 and report.rows == 3000


def test_as_many_utf8_accents_as_undefined_bytes_is_utf8_with_a_stray_byte(tmp_path: Path) -> None:
    """« Liège » in UTF-8 and one 0x81, which Windows-1252 does not define: no Windows-1252 file holds it, so the file
    is UTF-8 with a stray byte (its « è » was said spoilt by a double encoding, an error it did not have)."""
    path = tmp_path / "communes.csv"
    path.write_bytes("Nom;Ville\nA;Liège\n".encode() + b"B;Na\x81mur\n")
    report = check(path, plugins=PM)
    assert report.detected.encoding == MIXED and "double-encoding" not in report.stats
    stray = report.by_type()["mixed-encoding"][0]
    assert stray.row_number == 3 and "Na<U+0081>mur" in stray.message("fr") and "\x81" not in stray.message("fr")
    assert [f.cell for f in report.by_type()["invisible-characters"]] == ["Na<U+0081>mur"]
    preview = fix(path, tmp_path / "propre.csv", plugins=PM).preview("fr")  # the terminal is given no control character
    assert "« Na<U+0081>mur »" in preview and "\x81" not in preview
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[1:] == ["A,Liège", "B,Na\x81mur"]
