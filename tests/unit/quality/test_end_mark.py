"""A CSV closed by Ctrl-Z (0x1A), as old DOS programs end their text files: the mark is no row and no part of a
cell, for either reader of the check and both paths of `fix`, whose clean copy is written without it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.quality.end_mark import find_end_mark, open_data
from odwb_assist.quality.engine import ENGINE_VARIABLE

PM = get_plugin_manager(load_entrypoints=False)

TABLE = "Code INS;Commune;Population\r\n62063;Liège;195000\r\n92094;Namur;110000\r\n52011;Charleroi;201000"
ENDINGS = {"alone": "\r\n\x1a", "alone-then-line-end": "\r\n\x1a\r\n", "stuck": "\x1a", "twice": "\r\n\x1a\x1a"}


def write(path: Path, text: str, encoding: str = "cp1252") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("ending", sorted(ENDINGS))
def test_the_mark_is_found_where_it_starts(tmp_path: Path, ending: str) -> None:
    path = write(tmp_path / "export.csv", TABLE + ENDINGS[ending])
    end = find_end_mark(path, "cp1252")
    assert end is not None and path.read_bytes()[end] == 0x1A and 0x1A not in path.read_bytes()[:end]
    with open_data(path, end) as handle:
        assert handle.read() == path.read_bytes()[:end]


def test_no_mark_in_the_middle_nor_in_utf16(tmp_path: Path) -> None:
    assert find_end_mark(write(tmp_path / "a.csv", TABLE + "\r\n"), "cp1252") is None
    assert find_end_mark(write(tmp_path / "b.csv", "a;b\r\n\x1a;2\r\n3;4\r\n"), "cp1252") is None
    assert find_end_mark(write(tmp_path / "c.csv", "a;b\r\n1;2\x1a", "utf-16-le"), "utf-16") is None


@pytest.mark.parametrize("engine", ["arrow", "frictionless"])
@pytest.mark.parametrize("ending", sorted(ENDINGS))
def test_the_check_reads_the_table_without_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str,
                                              ending: str) -> None:
    if engine == "frictionless":
        monkeypatch.setenv(ENGINE_VARIABLE, "frictionless")
    report = check(write(tmp_path / "export.csv", TABLE + ENDINGS[ending]), plugins=PM)
    assert report.rows == 3 and report.types["Population"] == "integer"
    assert sorted(f.type for f in report.findings) == ["end-mark", "non-utf-encoding"]
    assert report.valid
    mark = next(f for f in report.findings if f.type == "end-mark")
    assert "Ctrl-Z (0x1A)" in mark.message("fr") and report.to_dict()["detected"]["endMark"] == mark.extra["offset"]


def test_a_long_file_in_utf8(tmp_path: Path) -> None:
    rows = "".join(f"{n};Commune {n};{n * 7}\r\n" for n in range(20_000))  # beyond the detection's sample
    report = check(write(tmp_path / "long.csv", "Code;Commune;Population\r\n" + rows + "\x1a", "utf-8"), plugins=PM)
    assert report.rows == 20_000 and [f.type for f in report.findings] == ["end-mark"]


def test_fix_writes_the_table_without_it_in_both_paths(tmp_path: Path) -> None:
    source = write(tmp_path / "export.csv", TABLE + "\r\n\x1a")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert (tmp_path / "propre.csv").read_bytes() == (
        "Code INS,Commune,Population\n62063,Liège,195000\n92094,Namur,110000\n52011,Charleroi,201000\n").encode()
    assert "  Marque de fin de fichier Ctrl-Z (0x1A) : retirée" in result.preview("fr")
    assert "  End-of-file mark Ctrl-Z (0x1A): dropped" in result.preview("en")
    assert result.removed_rows == [] and result.rows_after == 3
    lines = ["Article;Libellé;Budget initial;Modification", "2024;;;"]
    lines += [f"831/1{n}-01;Poste {n};{n} 000,00;{n},50" for n in range(5)] + ["2025;;;"]
    lines += [f"831/2{n}-01;Poste {n};{n} 100,00;{n},25" for n in range(5)]
    result = fix(write(tmp_path / "sections.csv", "\r\n".join(lines) + "\x1a"), tmp_path / "annees.csv", plugins=PM)
    assert result.counts.get("sections-to-column")  # the table was read whole
    with (tmp_path / "annees.csv").open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle))[-1] == ["2025", "831/24-01", "Poste 4", "4100.00", "4.25"]


def test_a_file_of_marks_and_a_header_only_are_told_for_what_they_are(tmp_path: Path) -> None:
    from odwb_assist.core.errors import InputError

    with pytest.raises(InputError, match="aucune donnée"):
        check(write(tmp_path / "marque.csv", "\x1a"), plugins=PM)
    report = check(write(tmp_path / "titres.csv", "Code;Nom\r\n\x1a\x1a\r\n\x1a"), plugins=PM)  # no binary file
    assert report.rows == 0 and {"no-data", "end-mark"} <= {f.type for f in report.findings}
