"""The streaming CSV reader (pyarrow blocks): row numbers, encodings, header shapes, fallbacks, progress."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, engine, stream
from odwb_assist.quality.csv_head import Fallback, read_head
from odwb_assist.quality.detect import detect
from odwb_assist.quality.inference import NotExact, field_names, infer_types
from odwb_assist.quality.stream import Blocks

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from engine_spies import assert_fix_alike_without_pyarrow, spy_readers  # noqa: E402
from engine_spies import report_json as engine_report_json  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


@pytest.fixture
def paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Which reader streamed each check: ``arrow`` or ``frictionless``."""
    return spy_readers(monkeypatch, {"arrow": (engine, "_stream_arrow"), "frictionless": (engine, "stream_frictionless")})


def report_json(path: Path, monkeypatch: pytest.MonkeyPatch, engine_name: str, **options: Any) -> dict[str, Any]:
    return engine_report_json(path, monkeypatch, engine_name, PM, **options)


def same_reports(path: Path, monkeypatch: pytest.MonkeyPatch, **options: Any) -> dict[str, Any]:
    new = report_json(path, monkeypatch, "", **options)
    old = report_json(path, monkeypatch, "frictionless", **options)
    assert json.dumps(new, sort_keys=True, default=str) == json.dumps(old, sort_keys=True, default=str)
    return new


def findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for key in ("errors", "warnings", "infos") for f in report.get(key, ())]


def rows_of(report: dict[str, Any], type_: str) -> list[int]:
    found: list[int] = []
    for finding in findings(report):
        if finding["type"] == type_:
            found.extend(finding.get("rows") or [finding["rowNumber"]])
    return sorted(found)


def chunks(path: Path, chunk_rows: int = 150_000) -> list[Any]:
    path, detected = detect(path)
    head = read_head(path, detected)
    return list(Blocks(path, detected, head, field_names(head.labels), chunk_rows))


def test_quoted_cells_over_several_lines_keep_exact_row_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                paths: list[str]) -> None:
    path = tmp_path / "multiline.csv"
    path.write_text('id;remarque;ville\n1;"une\nremarque\nsur trois lignes";Namur\n2;simple;Liège\n;;\n'
                    '3;"deux\r\nlignes";Mons\n\n4;fin;Wavre\n', encoding="utf-8")
    frame = chunks(path)[0].frame
    assert list(frame.index) == [2, 3, 4, 5, 6, 7]  # one row per record, as a spreadsheet shows them
    assert frame.loc[2, "remarque"] == "une\nremarque\nsur trois lignes"
    assert frame.loc[5, "remarque"] == "deux\r\nlignes"
    assert frame.loc[7, "ville"] == "Wavre"
    report = same_reports(path, monkeypatch)
    assert rows_of(report, "blank-row") == [4, 6]
    assert paths == ["arrow", "frictionless"]


def test_row_numbers_are_exact_across_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["n;texte;montant"]
    for i in range(1, 400):
        text = f'"ligne\n{i}"' if i % 7 == 0 else f"t{i}"
        lines.append(";;" if i % 50 == 0 else f"{i};{text};{i * 3}")
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frames = [chunk.frame for chunk in chunks(path, chunk_rows=64)]
    assert [len(frame) for frame in frames][:2] == [64, 64]
    index = [row for frame in frames for row in frame.index]
    assert index == list(range(2, 401))
    report = same_reports(path, monkeypatch, chunk_rows=64)
    assert rows_of(report, "blank-row") == [i + 1 for i in range(50, 400, 50)]


def test_cp1252_and_bom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Commune;Catégorie;Montant\nLiège;Propreté;12,5\nNamur;Éclairage;7\n".encode("cp1252"))
    frame = chunks(latin)[0].frame
    assert list(frame.columns) == ["Commune", "Catégorie", "Montant"]
    assert frame.loc[2, "Commune"] == "Liège" and frame.loc[3, "Catégorie"] == "Éclairage"
    same_reports(latin, monkeypatch)
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbfcode,nom\n1,\xc3\xa9t\xc3\xa9\n2,hiver\n")
    frame = chunks(bom)[0].frame
    assert list(frame.columns) == ["code", "nom"] and frame.loc[2, "nom"] == "été"
    same_reports(bom, monkeypatch)
    assert paths[::2] == ["arrow", "arrow"]


def test_title_rows_and_a_header_over_two_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> None:
    titled = tmp_path / "titled.csv"
    titled.write_text("Subsides 2024;;\nSource : service finances;;\ncommune;montant;date\nNamur;10;2024-01-02\n"
                      "Mons;;2024-02-03\n;;\nLiège;x;2024-13-01\n", encoding="utf-8")
    path, detected = detect(titled)
    assert detected.header_rows == [3]
    frame = chunks(titled)[0].frame
    assert list(frame.index) == [4, 5, 6, 7] and list(frame.columns) == ["commune", "montant", "date"]
    report = same_reports(titled, monkeypatch)
    assert rows_of(report, "blank-row") == [6]
    two = tmp_path / "two.csv"
    two.write_text("commune;population;\n;2023;2024\nNamur;111000;112000\nMons;95000;96000\nLiège;195000;196000\n"
                   "Wavre;34000;35000\n", encoding="utf-8")
    path, detected = detect(two)
    assert detected.header_rows == [1, 2]
    assert chunks(two)[0].frame.index[0] == 3
    same_reports(two, monkeypatch)
    assert paths[::2] == ["arrow", "arrow"]


def test_a_portal_export_with_geojson_outlines_is_read_by_pyarrow_as_frictionless_reads_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> None:
    """A dataset exported from the portal: « Geo Point » and « Geo Shape » (a GeoJSON geometry per row, the
    commune's outline repeated every year). Before, Frictionless read it, validating every row's geometry against
    its GeoJSON profile; now pyarrow does, each distinct geometry validated once by the same validator."""
    from real_shapes import portal_export_rows, write_csv

    path = write_csv(tmp_path / "population-communes.csv", portal_export_rows(), encoding="utf-8")
    report = same_reports(path, monkeypatch)
    assert paths == ["arrow", "frictionless"]  # this engine's reader, then ODWB_ENGINE=frictionless's
    assert report["types"]["Geo Shape"] == "geojson" and report["types"]["Geo Point"] == "geopoint"
    assert rows_of(report, "type-error") == [151, 161]


@pytest.mark.parametrize(("late", "readers"), [
    ("Huy;3;fin", ["arrow"]),
    ("Huy; 3;fin", ["arrow", "frictionless"]),  # a cell opening with a space, far down: read again by Frictionless
    ('Huy;3;" entre guillemets"', ["arrow", "frictionless"]),  # quoted, opening with a space: alike once read
    ("  Huy;3;  ", ["arrow", "frictionless"]),  # spaces opening a record, spaces only
])
def test_a_title_without_delimiter_is_read_by_pyarrow_unless_a_cell_opens_with_a_space(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str], late: str, readers: list[str]) -> None:
    """A title row without delimiter makes csv.Sniffer, thus Frictionless, read with ``skipinitialspace`` (the
    spaces opening a cell dropped). Before, every such file (most exports with a title) was read by Frictionless,
    row by row; now by pyarrow, which reads alike as long as no cell opens with a space."""

    path = tmp_path / "titre.csv"
    path.write_text("Budget 2024 — Ville de Ciney\ncommune;montant;remarque\n"
                    + "".join(f"Ciney;{i};Élément {i}\n" for i in range(3000)) + late + "\nDinant;4;x\n",
                    encoding="utf-8")
    path, detected = detect(path)
    assert detected.header_rows == [2] and read_head(path, detected).dialect.skipinitialspace
    report = same_reports(path, monkeypatch, chunk_rows=500)
    assert paths == [*readers, "frictionless"]  # this engine's readers, then ODWB_ENGINE=frictionless's
    assert report["rows"] == 3002 and rows_of(report, "title-rows") == [1]
    assert_fix_alike_without_pyarrow(path, tmp_path, monkeypatch, PM)


@pytest.mark.parametrize(("body", "readers"), [
    ("a;b;c\n1;2;3\n4;5\n6;7;8\n", ["arrow"]),  # a short row among the first records: put back in place
    ("a;b;c\n1;2;3\n4;5;6;7\n", ["arrow"]),  # a long row
    ('a;b;c\n1;2;3\n4;"5;6\n', ["arrow", "frictionless"]),  # a quote never closed: pyarrow gives up
    ("a;b;c\n1;2\n3;4\n5;6\n", ["arrow"]),  # every row short: read at their width, widened to the header's
])
def test_rows_of_another_width_in_the_first_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    paths: list[str], body: str, readers: list[str]) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(body, encoding="utf-8")
    report = same_reports(path, monkeypatch)
    assert paths == [*readers, "frictionless"]  # this engine's readers, then ODWB_ENGINE=frictionless's
    assert {f["type"] for f in findings(report)} & {"missing-cell", "extra-cell"}


def test_late_rows_of_another_width_are_read_in_blocks_with_frictionless_findings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> None:
    """Rows of another width below the sample stay on the pyarrow reader (put back in place, :mod:`.ragged`): the
    report is Frictionless's, row for row, and the rows keep their numbers across blocks and chunks."""
    monkeypatch.setattr(stream, "MIN_BLOCK", 4096)
    monkeypatch.setattr(stream, "MAX_BLOCK", 4096)
    lines = ["a;b;c"] + [f"{i};x{i};{i}" for i in range(3000)]
    lines[700] = "1;2"  # short
    lines[701] = "3;4;5;6;"  # long: two cells beyond the header, one of them empty
    lines[1200] = '"une\nremarque";seule'  # short, a quoted cell over two lines
    lines[1500] = ";"  # blank and short: only blank-row
    lines[1501] = ";;;;"  # blank and long: only blank-row (Frictionless looks at the header's width)
    lines[2000] = "Source : service population"  # a footer-like line in the middle
    lines += ["7;8;9", "Total;42"]  # the last line short
    path = tmp_path / "late.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = same_reports(path, monkeypatch, chunk_rows=500)
    assert paths == ["arrow", "frictionless"]  # the streaming reader read it all; then the Frictionless engine
    # rows: the header is row 1, lines[k] is row k + 1, the quoted cell over two lines one record
    assert rows_of(report, "missing-cell") == [701, 1201, 2001, 3003]
    assert rows_of(report, "extra-cell") == [702]
    assert rows_of(report, "blank-row") == [1501, 1502]
    frames = [chunk.frame for chunk in chunks(path, chunk_rows=500)]
    assert [len(frame) for frame in frames] == [500] * 6 + [2]
    whole = pd.concat(frames)
    assert list(whole.index) == list(range(2, 3004))
    assert whole.loc[701].tolist() == ["1", "2", ""] and whole.loc[702].tolist() == ["3", "4", "5"]
    assert whole.loc[1201].tolist() == ["une\nremarque", "seule", ""]
    assert whole.loc[1202].tolist() == ["1200", "x1200", "1200"]  # the next record keeps its number
    assert whole.loc[3003].tolist() == ["Total", "42", ""]
    ragged = [row for chunk in chunks(path, chunk_rows=500) for row, _ in chunk.ragged]
    assert ragged == [701, 702, 1201, 1501, 1502, 2001, 3003]


@pytest.mark.parametrize("seed", range(4))
def test_rows_of_another_width_anywhere_give_frictionless_s_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 seed: int) -> None:
    """Random files: short, long, blank and multi-line records at random places after the sample, small blocks;
    the chunks are those of Frictionless's reading (:func:`.reader._frictionless_chunks`), cell for cell."""
    from odwb_assist.quality import reader

    monkeypatch.setattr(stream, "MIN_BLOCK", 2048)
    monkeypatch.setattr(stream, "MAX_BLOCK", 2048)
    rng = random.Random(seed)
    lines = ["code;nom;montant;remarque"] + [f"{i};n{i};{i},5;r" for i in range(150)]
    for i in range(150, 2500):
        shape = rng.random()
        lines.append(f"{i};court" if shape < 0.03 else f"{i};a;b;c;d;e" if shape < 0.05 else ";" if shape < 0.06
                     else f'{i};"deux\r\nlignes";1;x' if shape < 0.1 else f'"{i}\nz";court' if shape < 0.12
                     else f"{i};n{i};{i},5;r")
    path = tmp_path / "random.csv"
    path.write_bytes(("\r\n".join(lines) + ("\r\n" if seed % 2 else "")).encode("utf-8"))
    path, detected = detect(path)
    new = list(reader.iter_text_chunks(path, detected, chunk_rows=300))
    old = list(reader._frictionless_chunks(path, detected, 300, 0))
    pd.testing.assert_frame_equal(pd.concat(new), pd.concat(old))
    assert len(chunks(path, chunk_rows=300)) == len(new)  # no fallback: every chunk from the pyarrow reader


def test_too_many_rows_of_another_width_waiting_fall_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          paths: list[str]) -> None:
    """Beyond :data:`.ragged.WAITING` skipped records not put back yet, pyarrow's reading stops: Frictionless reads."""
    from odwb_assist.quality import ragged

    monkeypatch.setattr(ragged, "WAITING", 2)
    lines = ["a;b;c"] + [f"{i};x{i};{i}" for i in range(300)] + ["1;2", "3", "4;5;6;7", "8;9"]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(Fallback):
        chunks(path, chunk_rows=100)
    report = same_reports(path, monkeypatch)
    assert paths == ["arrow", "frictionless", "frictionless"]
    assert rows_of(report, "missing-cell") == [302, 303, 305]


def test_empty_and_header_only_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> None:
    from odwb_assist.core.errors import InputError

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError):
        check(empty, plugins=PM)
    header = tmp_path / "header.csv"
    header.write_text("a;b;c\n", encoding="utf-8")
    report = same_reports(header, monkeypatch)
    assert report["rows"] == 0 and [f["type"] for f in findings(report)] == ["no-data"]
    no_newline = tmp_path / "no_newline.csv"
    no_newline.write_text("a;b;c", encoding="utf-8")
    assert same_reports(no_newline, monkeypatch)["rows"] == 0
    assert paths[::2] == ["arrow", "arrow"]


def test_blank_and_repeated_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("nom;;nom;code;nom;nom2\nA;1;B;2;C;D\nE;3;F;4;G;H\n", encoding="utf-8")
    report = same_reports(path, monkeypatch)
    assert report["fields"] == ["nom", "field2", "nom2", "code", "nom3", "nom22"]
    types = sorted((f["type"], f["fieldNumber"]) for f in findings(report) if f["type"].endswith("label"))
    assert types == [("blank-label", 2), ("duplicate-label", 3), ("duplicate-label", 5), ("incorrect-label", 6)]
    assert paths == ["arrow", "frictionless"]


def test_progress_is_the_share_of_bytes_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from odwb_assist.quality import stream

    monkeypatch.setattr(stream, "MIN_BLOCK", 16 * 1024)  # several blocks for a small file
    path = tmp_path / "big.csv"
    path.write_text("a;b\n" + "".join(f"{i};valeur {i}\n" for i in range(20_000)), encoding="utf-8")
    seen: list[tuple[int, float]] = []
    check(path, plugins=PM, chunk_rows=4000, progress=lambda rows, share: seen.append((rows, share)))
    assert seen[-1] == (20_000, 1.0)
    shares = [share for _, share in seen]
    assert shares == sorted(shares) and 0 < shares[0] < 0.5 and len(seen) > 4
    rows = [count for count, _ in seen[:-1]]
    assert rows == sorted(set(rows)) and rows[-1] == 20_000 and max(b - a for a, b in zip([0, *rows], rows, strict=False)) <= 4000


def test_sample_types_are_frictionless_s(tmp_path: Path) -> None:
    """The types inferred from the first rows are those Frictionless's detector infers, cell readers included."""
    from frictionless import Detector, system

    cells = ["", "1", "-2", " 3 ", "1_000", "1.5", "1e3", "nan", "inf", "2024-01-31", "2024-1-5", "2024-02-30",
             "31/01/2024", "2024", "0999", "true", "FALSE", "oui", "2024-03", "2024-13", "4,35", "50,45", "4.3, 50.8",
             "P1D", "PT2H", "2024-01-31T10:20:30", "2024-01-31 10:20:30", "10:20:30", "10:20", '{"a": 1}', "[1, 2]",
             "texte", "12,5 €", "-", "n.d."]
    rng = random.Random(7)
    candidates = system.detect_field_candidates()
    for trial in range(300):
        width = rng.randint(1, 4)
        height = rng.randint(0, 12)
        pools = [rng.sample(cells, rng.randint(1, 4)) for _ in range(width)]
        fragment = [[rng.choice(pool) for pool in pools][: rng.choice([width, width, width - 1])] for _ in range(height)]
        names = [f"c{i}" for i in range(width)]
        theirs = Detector().detect_schema(fragment, labels=names, field_candidates=candidates)
        try:
            mine = infer_types(fragment, names)
        except NotExact:  # a JSON object, which only Frictionless's GeoJSON profile can judge
            assert any(cell.startswith("{") for row in fragment for cell in row)
            continue
        assert mine == [f.type for f in theirs.fields], (trial, fragment)


def test_the_engine_does_not_load_frictionless_for_a_plain_csv(tmp_path: Path) -> None:
    path = tmp_path / "small.csv"
    path.write_text("commune;montant\nNamur;12\nMons;7\n", encoding="utf-8")
    code = ("import sys; from odwb_assist.plugins import get_plugin_manager; from odwb_assist.quality import check;"
            f"check({str(path)!r}, plugins=get_plugin_manager(load_entrypoints=False));"
            "print('frictionless' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"



def test_a_reading_left_unfinished_ends_with_the_process(tmp_path: Path) -> None:
    """``next()`` on the chunks, the generator kept to the end: the process exits cleanly (before the readings
    were stopped at exit, pyarrow's I/O thread aborted it: « Fatal Python error: PyGILState_Release »)."""
    path = tmp_path / "registre.csv"
    rows = ["commune;dossier;montant;date;remarque"]
    rows += [f"Namur;D{n:06d};{n % 997},{n % 100:02d};{1 + n % 28:02d}/{1 + n % 12:02d}/2024;note {n % 13}"
             for n in range(80_000)]
    path.write_text("\n".join(rows) + "\n", encoding="cp1252")
    code = ("import sys; from odwb_assist.quality.detect import detect;"
            "from odwb_assist.quality.reader import iter_text_chunks;"
            "path, detected = detect(sys.argv[1]); chunks = iter_text_chunks(path, detected, 1000);"
            "print(len(next(chunks)), flush=True)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (0, "1000"), done.stderr[-600:]


VARIANTS = {
    "types.csv": "i,n,d,b,y,s,g,dt\n1,1.5,2024-01-31,true,2024,a,\"4.3, 50.8\",2024-01-31T10:20:30\n"
                 "2,x,2024-02-30,0,1999,b,\"4.4, 50.9\",2024-01-31T10:20:31\n",
    "semicolon_quotes.csv": 'a;b;c\n"x;y";"dit ""bonjour""";3\n"";" ";4\n',
    "crlf.csv": "a,b\r\n1,2\r\n\r\n3,4\r\n",
    "skipinitialspace.csv": "a, b, c\n1, 2, 3\n4, 5, 6\n",
    "duplicates.csv": "a,b\n1,2\n1,2\n3,4\n1,2\n",
    "decimal_commas.csv": "commune;surface;date\nNamur;175,69;01/02/2024\nMons;146,58;15/03/2024\nLiège;69,39;n.d.\n",
    "json_cells.csv": 'a;b\n1;{"type": "Point", "coordinates": [4.3, 50.8]}\n2;{"type": "Point", "coordinates": [4.4, 50.9]}\n',
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_both_engines_give_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    path = tmp_path / name
    path.write_text(VARIANTS[name], encoding="utf-8")
    same_reports(path, monkeypatch)


DATA = Path(__file__).resolve().parents[2] / "data"
CORPUS = sorted(DATA.rglob("*.csv"))


@pytest.mark.parametrize("path", CORPUS, ids=[str(p.relative_to(DATA)) for p in CORPUS])
def test_both_engines_give_the_same_report_on_the_test_corpus(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    same_reports(path, monkeypatch)


@pytest.mark.parametrize("name", ["multiline", "ragged_late", "titled", "header_only"])
def test_read_table_is_the_same_through_both_readers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    import pandas as pd

    from odwb_assist.quality import reader

    bodies = {
        "multiline": 'id;remarque\n1;"deux\nlignes"\n;\n\n2;fin\n',
        "ragged_late": "a;b;c\n" + "".join(f"{i};x;{i}\n" for i in range(300)) + "1;2\n3;4;5\n",
        "titled": "Titre;;\n;;\ncommune;montant;date\nNamur;10;2024-01-02\nMons;;2024-02-03\n",
        "header_only": "a;b;c\n",
    }
    path = tmp_path / f"{name}.csv"
    path.write_text(bodies[name], encoding="utf-8")
    path, detected = detect(path)
    new = list(reader.iter_text_chunks(path, detected, chunk_rows=100))
    old = list(reader._frictionless_chunks(path, detected, 100, 0))
    assert len(new) == len(old)
    for mine, theirs in zip(new, old, strict=True):
        assert list(mine.columns) == list(theirs.columns) and list(mine.index) == list(theirs.index)
        pd.testing.assert_frame_equal(mine.reset_index(drop=True), theirs.reset_index(drop=True))
    assert reader.read_table(path).frame.shape == pd.concat(old).shape


def test_column_values_from_arrow_are_those_from_pandas() -> None:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from odwb_assist.core.contract import ColumnValues
    from odwb_assist.quality.check_run import from_arrow
    from odwb_assist.quality.stream import TEXT

    rng = np.random.default_rng(3)
    for _ in range(200):
        pool = np.array(["", "a", "b", "é", " ", "c d"], dtype=object)[: rng.integers(1, 7)]
        parts = [pa.array(rng.choice(pool, rng.integers(0, 6)).tolist(), pa.string()) for _ in range(rng.integers(1, 3))]
        array = pa.chunked_array(parts, pa.string())
        column = array.to_pandas(types_mapper={pa.string(): TEXT}.get).set_axis(
            pd.RangeIndex(5, 5 + len(array), name="row")).rename("x")
        theirs, mine = ColumnValues.from_series(column, 2, "k"), from_arrow(column, 2, "k")
        assert mine is not None
        assert mine.values.tolist() == theirs.values.tolist() and str(mine.values.dtype) == str(theirs.values.dtype)
        assert mine.codes.tolist() == theirs.codes.tolist() and mine.rows.tolist() == theirs.rows.tolist()
        assert list(mine.values.index) == list(range(len(mine.values))) and mine.name == "x" and mine.number == 2
    assert from_arrow(pd.Series(["a", ""], dtype=object, name="x"), 1, None) is None  # not pyarrow-backed


@pytest.mark.parametrize("shape", ["stray header delimiter", "data rows ending with a delimiter"])
def test_a_file_read_at_another_width_than_its_header_gives_frictionless_s_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str], shape: str) -> None:
    """Most records one cell short of the header (a stray « ; » at its end) or one longer (every data row ends
    with « ; »): pyarrow reads them at their own width, the chunk is cut or widened to the header's, their
    ``missing-cell`` / ``extra-cell`` are gathered at once, and the records of yet another width (the header's
    included) are put back; the report and the fix's reading are Frictionless's."""
    from odwb_assist.quality import reader

    monkeypatch.setattr(stream, "MIN_BLOCK", 2048)
    monkeypatch.setattr(stream, "MAX_BLOCK", 2048)
    rng = random.Random(len(shape))
    if shape == "stray header delimiter":
        lines = ["code;nom;montant;"] + [f"{i};n{i};{i},5" for i in range(2500)]
        odd = [lambda k: f"{k};n;1;x", lambda k: f"{k};n;1;", lambda k: ";;", lambda k: ";",
               lambda k: f'{k};"a\nb";2', lambda k: "seul", lambda k: f"{k};a;b;c;d"]
    else:
        lines = ["code;nom;montant"] + [f"{i};n{i};{i},5;" for i in range(2500)]
        odd = [lambda k: f"{k};n;1", lambda k: f"{k};n;1;x", lambda k: ";;;", lambda k: f"{k};n;1;;",
               lambda k: "seul;", lambda k: f'{k};"a\nb";2;z']
    for k in rng.sample(range(1, 2501), 80):
        lines[k] = rng.choice(odd)(k)
    path = tmp_path / "export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = same_reports(path, monkeypatch, chunk_rows=300)
    assert paths == ["arrow", "frictionless"]
    assert report["stats"]["missing-cell" if shape.startswith("stray") else "extra-cell"] >= 1
    path, detected = detect(path)
    new = list(reader.iter_text_chunks(path, detected, chunk_rows=300))
    pd.testing.assert_frame_equal(pd.concat(new), pd.concat(list(reader._frictionless_chunks(path, detected, 300, 0))))
    assert len(chunks(path, chunk_rows=300)) == len(new)  # no fallback


@pytest.mark.parametrize(("short", "readers"), [(40, ["arrow"]), (60, ["arrow"])])
def test_a_sample_mostly_of_another_width_is_left_to_frictionless(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  paths: list[str], short: int,
                                                                  readers: list[str]) -> None:
    """Rows one cell short (a last column most rows leave out): fewer than half of the sample are put back one by
    one; more, and pyarrow reads the file at their width (the others are put back)."""
    lines = ["code;nom;montant;note"] + [f"{i};n{i};{i}" + ("" if i < short else ";x") for i in range(100)]
    lines += [f"{i};n{i};{i};x" for i in range(100, 400)]
    path = tmp_path / "stray.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = same_reports(path, monkeypatch)
    assert paths == [*readers, "frictionless"]
    assert rows_of(report, "missing-cell") == list(range(2, 2 + short))


def test_a_cell_opening_with_a_space_is_found_from_the_offsets_as_starts_with_finds_it() -> None:
    import random

    import pyarrow as pa
    import pyarrow.compute as pc

    from odwb_assist.quality.stream import _opens_with_space

    rng = random.Random(4)
    found = 0
    for _ in range(2000):
        cells = [rng.choice(["", " ", "a", " a", "é a", "  ", "x ", "\u00a0a", "\t", "ab c"]) for _ in range(rng.randint(0, 30))]
        array = pa.array(cells, rng.choice([pa.string(), pa.large_string()]))
        if len(cells) > 4 and rng.random() < 0.5:  # a slice: its offsets start further in the buffer
            start = rng.randint(0, len(cells) - 1)
            array = array.slice(start, rng.randint(0, len(cells) - start))
        expected = bool(len(array)) and bool(pc.any(pc.starts_with(array, " ")).as_py())
        assert _opens_with_space(array) == expected, cells
        found += expected
    assert 200 < found < 1800
