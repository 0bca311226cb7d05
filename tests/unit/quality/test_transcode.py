"""cp1252 and latin-1 blocks to UTF-8 without Python's incremental codecs, UTF-16 through them slice by slice:
the same text byte for byte, and the same report as Frictionless's reading."""

from __future__ import annotations

import codecs
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import counted_file, stream
from odwb_assist.quality.csv_head import Fallback, read_head
from odwb_assist.quality.detect import detect
from odwb_assist.quality.inference import field_names
from odwb_assist.quality.stream import Blocks
from odwb_assist.quality.transcode import to_utf8
from odwb_assist.quality.undefined_bytes import KEPT

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from engine_spies import assert_fix_alike_without_pyarrow, report_json  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)
UNDEFINED = [0x81, 0x8D, 0x8F, 0x90, 0x9D]  # bytes cp1252 leaves undefined
HIGH = [b for b in range(0x80, 0x100) if b not in UNDEFINED]


def codec(data: bytes, encoding: str) -> bytes | type[Exception]:
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeDecodeError:
        return UnicodeDecodeError


def mine(data: bytes, encoding: str) -> bytes | type[Exception]:
    transcode = to_utf8(encoding)
    assert transcode is not None
    try:
        return transcode(data)
    except UnicodeDecodeError:
        return UnicodeDecodeError


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "windows-1252", "iso-8859-1", KEPT])
def test_every_byte_alone_and_in_random_blocks_is_the_codec_s(encoding: str) -> None:
    for byte in range(256):
        for data in (bytes([byte]), b"ab" + bytes([byte]), bytes([byte]) * 3 + b"z\xe9"):
            assert mine(data, encoding) == codec(data, encoding), (encoding, byte)
    rng = random.Random(17)
    for _ in range(300):
        alphabet = rng.choice([range(256), HIGH, range(0x80, 0xA0), range(0x20, 0x80)])
        data = bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 300)))
        assert mine(data, encoding) == codec(data, encoding)


def test_an_ascii_block_is_handed_over_as_it_is() -> None:
    data = b"a;b\n1;2\n" * 100
    for encoding in ("cp1252", "latin-1"):
        transcode = to_utf8(encoding)
        assert transcode is not None and transcode(data) is data


def test_undefined_cp1252_bytes_raise_like_the_codec() -> None:
    transcode = to_utf8("cp1252")
    assert transcode is not None
    for byte in UNDEFINED:
        data = "Liège ’ € ".encode("cp1252") + bytes([byte]) + b" fin"
        with pytest.raises(UnicodeDecodeError) as raised:
            transcode(data)
        with pytest.raises(UnicodeDecodeError) as expected:
            data.decode("cp1252")
        assert (raised.value.start, raised.value.reason) == (expected.value.start, expected.value.reason)


def test_other_encodings_keep_pyarrow_s_path() -> None:
    assert [to_utf8(name) for name in ("utf-8", "utf-8-sig", "utf-16", "iso-8859-15", "nonsense")] == [None] * 5


@pytest.mark.parametrize("codec_name", ["utf-16-le", "utf-16-be"])
def test_utf16_cut_anywhere_is_the_codec_s(codec_name: str) -> None:
    """Code units and surrogate pairs cut between slices wait for the next one; a cut left at the end, or a lone
    surrogate, raises as Python's text reading does."""
    text = "Liège;Éclairage ’€;12,5\n😀 « Ciney »;\"deux\nlignes\";\u4e2d\n" * 20
    data = text.encode(codec_name)
    rng = random.Random(3)
    for _ in range(200):
        transcode = to_utf8(codec_name)
        assert transcode is not None
        cuts = sorted(rng.sample(range(1, len(data)), rng.randrange(1, 40)))
        pieces = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]
        assert b"".join(map(transcode, pieces)) + transcode.finish() == text.encode("utf-8")  # type: ignore[attr-defined]
    cut = to_utf8(codec_name)
    assert cut is not None and cut(data[:-1]) == text[:-1].encode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        cut.finish()  # type: ignore[attr-defined]
    lone = to_utf8(codec_name)
    assert lone is not None
    with pytest.raises(UnicodeDecodeError):
        lone("a\ud800b".encode(codec_name, "surrogatepass"))


@pytest.mark.parametrize("bom", ["utf-16-le", "utf-16-be"])
def test_an_excel_unicode_text_export_is_read_in_blocks_as_frictionless_reads_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bom: str) -> None:
    """Excel's « Texte Unicode »: UTF-16 with a BOM, tabs; read by pyarrow in blocks (before: by Frictionless),
    every character on a block boundary somewhere, the report the Frictionless engine's."""
    from odwb_assist.quality import engine

    monkeypatch.setattr(stream, "MIN_BLOCK", 4096)
    monkeypatch.setattr(stream, "MAX_BLOCK", 4096)
    monkeypatch.setattr(counted_file, "TRANSCODE_SLICE", 333)  # odd: code units and surrogate pairs cut between slices
    lines = ["Commune\tLibellé\tMontant\tRemarque"]
    for i in range(3000):
        note = f'"deux\nlignes {i}"' if i % 17 == 0 else "😀 ’€" if i % 5 == 0 else ""
        lines.append(f"Liège{i % 7}\tÉclairage {i % 11}\t{i},5\t{note}")
    lines[2000] = "Total\t3000"  # a short row
    path = tmp_path / "export.txt"
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode(bom))
    path, detected = detect(path)
    assert (detected.encoding, detected.delimiter) == ("utf-16", "\t")
    used: list[str] = []
    original = engine._stream_arrow
    monkeypatch.setattr(engine, "_stream_arrow", lambda *a: used.append("arrow") or original(*a))
    new = report_json(path, monkeypatch, "", PM)
    assert used == ["arrow"] and new["rows"] == 3000
    assert new == report_json(path, monkeypatch, "frictionless", PM)
    chunks, read = frames(path)
    assert read == path.stat().st_size and [share for *_, share in chunks][-1] == 1.0
    assert chunks[0][0].iloc[5]["Remarque"] == "😀 ’€"


def test_a_utf16_file_cut_in_a_character_is_left_to_frictionless(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cut.txt"
    rows = "".join(f"Namur\t{i},5\r\n" for i in range(500))
    path.write_bytes(("\ufeffCommune\tMontant\r\n" + rows).encode("utf-16-le") + b"\x41")
    with pytest.raises(Fallback):
        frames(path)


def high_byte_file(path: Path, rows: int, encoding: str, seed: int = 5) -> bytes:
    """A commune-like export whose cells hold every high byte, some cells quoted over two lines."""
    rng = random.Random(seed)
    lines = ["Commune;Libellé;Montant;Remarque"]
    highs = HIGH if encoding == "cp1252" else list(range(0x80, 0x100))
    for i in range(rows):
        text = bytes(rng.choice(highs) for _ in range(rng.randrange(1, 9))).decode(encoding)
        note = f'"{text}\n{i}"' if i % 13 == 0 else text * 2
        lines.append(f"Liège{i % 7};Éclairage {text};{i},5;{note}")
    data = ("Commune;Libellé;Montant;Remarque\n" + "\n".join(lines[1:]) + "\n").encode(encoding)
    path.write_bytes(data)
    return data


def frames(path: Path) -> tuple[list[Any], int]:
    path, detected = detect(path)
    head = read_head(path, detected)
    blocks = Blocks(path, detected, head, field_names(head.labels), chunk_rows=700)
    chunks = list(blocks)
    assert blocks.counted is not None
    return [(chunk.frame, chunk.blank.tolist(), chunk.text_bytes, chunk.share) for chunk in chunks], \
        head.offset + blocks.counted.read_bytes


# a file of every latin-1 byte holds the five Windows-1252 leaves undefined: read as Windows-1252 with those kept
@pytest.mark.parametrize(("encoding", "read_as"), [("cp1252", "cp1252"), ("latin-1", KEPT)])
def test_blocks_read_the_same_chunks_as_pyarrow_s_transcoding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               encoding: str, read_as: str) -> None:
    monkeypatch.setattr(stream, "MIN_BLOCK", 4096)  # many small blocks: characters on every boundary
    monkeypatch.setattr(stream, "MAX_BLOCK", 4096)
    path = tmp_path / "export.csv"
    data = high_byte_file(path, 3000, encoding)
    assert detect(path)[1].encoding == read_as
    new, read = frames(path)
    assert read == len(data)  # the bytes counted are the file's, not the UTF-8 text's
    monkeypatch.setattr(stream, "to_utf8", lambda encoding: None)  # pyarrow transcodes, as before
    old, old_read = frames(path)
    assert old_read == read and len(new) == len(old) > 3
    for (frame, blank, size, _), (old_frame, old_blank, old_size, _) in zip(new, old, strict=True):
        assert frame.equals(old_frame) and list(frame.index) == list(old_frame.index)
        assert (blank, size) == (old_blank, old_size)
    for chunks in (new, old):  # the share of the file read so far depends on the threads' timing: it only grows
        shares = [share for *_, share in chunks]
        assert shares == sorted(shares) and shares[-1] == 1.0 and 0 < shares[0] < 0.5
    seen = {char for frame, *_ in new for text in frame["Libellé"] for char in text}
    assert seen >= set(bytes(HIGH if encoding == "cp1252" else range(0x80, 0x100)).decode(read_as))


def test_an_undefined_byte_after_the_sample_falls_back_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "MIN_BLOCK", 4096)
    monkeypatch.setattr(stream, "MAX_BLOCK", 4096)
    path = tmp_path / "late.csv"
    lines = ["Commune;Libellé"] + [f"Liège;Propreté ’{i}’ €" for i in range(40_000)]
    path.write_bytes("\n".join(lines).encode("cp1252") + b"\nNamur;x\x81y\nMons;z\n")
    assert detect(path)[1].encoding == "cp1252"
    with pytest.raises(Fallback):
        frames(path)
    new = report_json(path, monkeypatch, "", PM)
    monkeypatch.setattr(stream, "to_utf8", lambda encoding: None)
    with pytest.raises(Fallback):
        frames(path)
    assert new == report_json(path, monkeypatch, "", PM)


@pytest.mark.parametrize("size", [1, 7, 64, 4096])
def test_counted_reads_hand_over_the_utf8_text_in_blocks_of_the_size_asked(monkeypatch: pytest.MonkeyPatch,
                                                                           size: int) -> None:
    """Whatever the block size and the growth of the text (``€`` takes three bytes), pyarrow gets blocks of the
    size it asks for (the last one shorter), the text whole and in order, and the bytes counted are the file's."""
    import io

    monkeypatch.setattr(counted_file, "TRANSCODE_SLICE", 5)  # slices cut characters' neighbours apart too
    data = ("€€€ Liège ’ œ … «»" * 50 + "fin").encode("cp1252") + bytes(HIGH)
    counted = counted_file.CountedFile(io.BytesIO(data), ahead=10**9)
    counted.transcode = to_utf8("cp1252")
    blocks = []
    while block := counted.read(size):
        blocks.append(bytes(block))
        assert counted.read_bytes <= len(data)
    assert b"".join(blocks) == data.decode("cp1252").encode("utf-8")
    assert {len(block) for block in blocks[:-1]} <= {size} and counted.read_bytes == len(data)
    whole = counted_file.CountedFile(io.BytesIO(data))
    whole.transcode = to_utf8("cp1252")
    assert bytes(whole.read()) == data.decode("cp1252").encode("utf-8")


def test_an_undefined_byte_is_raised_on_the_reading_thread_and_the_process_exits(tmp_path: Path) -> None:
    """Raised inside pyarrow's I/O thread, the decoding error left pyarrow's read-ahead task unfinished and the
    interpreter hung at exit; now pyarrow reads the end of the file and the reading thread raises the error."""
    import subprocess

    path = tmp_path / "late.csv"
    lines = ["Commune;Libellé"] + [f"Liège;Propreté ’{i}’ €" for i in range(20_000)]
    path.write_bytes("\n".join(lines).encode("cp1252") + b"\nNamur;x\x81y\nMons;z\n")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from odwb_assist.quality import csv_head, stream\n"
        "from odwb_assist.quality.detect import detect\n"
        "from odwb_assist.quality.inference import field_names\n"
        "stream.MIN_BLOCK = stream.MAX_BLOCK = 4096\n"
        "path, detected = detect(Path(sys.argv[1]))\n"
        "head = csv_head.read_head(path, detected)\n"
        "blocks = stream.Blocks(path, detected, head, field_names(head.labels), chunk_rows=500)\n"
        "try:\n"
        "    list(blocks)\n"
        "except csv_head.Fallback as exc:\n"
        "    print('fallback', type(exc.__cause__).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "fallback UnicodeDecodeError", done.stderr


def test_an_undefined_byte_says_where_the_reading_stopped(tmp_path: Path) -> None:
    """Frictionless reads no further than an undefined byte: the rows below were not checked, and the report says so
    (it counted the rows read as if they were the file's), in words (no « charmap », Python's name for the codec)."""
    from odwb_assist.quality import check

    path = tmp_path / "late.csv"
    lines = ["Commune;Libellé"] + [f"Liège;Propreté ’{i}’ €" for i in range(20_000)]
    path.write_bytes("\n".join(lines).encode("cp1252") + b"\nNamur;x\x81y\nMons;z\n")
    report = check(path, plugins=PM)
    [undecodable] = [f for f in report.findings if f.type == "encoding-error"]
    assert report.rows < 20_000  # what was read before the byte
    last = report.rows + 1  # the header is row 1
    assert undecodable.message("fr").endswith(  # the byte is on the line after the 20,000 rows and the header
        f"La lecture s'est arrêtée là : cet octet est à la ligne 20002 du fichier, et les lignes au-delà de la ligne "
        f"{last} n'ont pas été vérifiées.")
    assert f"this byte is on line 20002 of the file, and the rows below row {last} were not checked" in \
        undecodable.message("en")
    assert undecodable.extra["line"] == 20002 and undecodable.extra["offset"] == path.read_bytes().index(b"\x81")
    assert "l'encodage détecté" in undecodable.message("fr") and "charmap" not in undecodable.message("fr").lower()


def test_utf8_with_stray_bytes_cut_anywhere_is_the_codec_s() -> None:
    """UTF-8 text with stray Windows-1252 bytes (and bytes no encoding defines), cut into random slices: the text
    of the ``utf-8+cp1252`` codec, byte for byte; a slice of whole UTF-8 passes as it is."""
    from odwb_assist.quality.stray_bytes import MIXED

    rng = random.Random(11)
    pieces = [*(text.encode("utf-8") for text in ("Liège", "é", "’€", "😀", "\u4e2d", ";", "\n", "abc")),
              b"\xe8", b"\x92", b"\x81", b"\xc3", b"\xe2\x82", b"\xf0\x9f"]  # stray bytes, cut sequences
    for _ in range(300):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randrange(0, 120)))
        transcode = to_utf8(MIXED)
        assert transcode is not None
        cuts = sorted(rng.sample(range(1, len(data)), min(len(data) - 1, rng.randrange(0, 12)))) if len(data) > 1 else []
        slices = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]
        out = b"".join(map(transcode, slices)) + transcode.finish()  # type: ignore[attr-defined]
        assert out == data.decode(MIXED).encode("utf-8"), data
    whole = "Élément 😀\n".encode() * 10
    transcode = to_utf8(MIXED)
    assert transcode is not None and transcode(whole) is whole


def stray_file(path: Path, rows: int, seed: int = 9) -> Path:
    """A UTF-8 export (« Élément », quoted cells over two lines) with rows typed in Windows-1252 here and there,
    after the detection sample."""
    rng = random.Random(seed)
    lines = [b"commune;montant;remarque"]
    for i in range(rows):
        line = f"Commune {i % 13};{i},5;{'Élément' if i % 3 else chr(34) + 'deux' + chr(10) + 'lignes' + chr(34)}"
        data = line.encode("utf-8")
        if i > rows // 2 and rng.random() < 0.002:
            data = f"Liège;{i},5;à vérifier ’".encode("cp1252")
        lines.append(data)
    lines.insert(rows - 3, "Total;".encode("cp1252") + b"\xe9\xe8")  # a short row with stray bytes
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")
    return path


def test_a_utf8_file_with_stray_bytes_is_read_in_blocks_as_frictionless_reads_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: such a file (a row pasted from a Windows tool) was read again by Frictionless, row by row in Python.
    Now the check and fix read it in pyarrow blocks; the report and the clean file are the Frictionless path's."""
    from odwb_assist.quality import engine
    from odwb_assist.quality.stray_bytes import MIXED

    monkeypatch.setattr(stream, "MIN_BLOCK", 4096)
    monkeypatch.setattr(stream, "MAX_BLOCK", 4096)
    monkeypatch.setattr(counted_file, "TRANSCODE_SLICE", 333)  # characters cut between slices
    path = stray_file(tmp_path / "export.csv", 20_000)
    assert detect(path)[1].encoding == "utf-8"  # the detection sample is whole UTF-8
    used: list[str] = []
    original = engine._stream_arrow
    monkeypatch.setattr(engine, "_stream_arrow", lambda *a: used.append("arrow") or original(*a))
    new = report_json(path, monkeypatch, "", PM)
    assert used == ["arrow", "arrow"] and new["rows"] == 20_001  # UTF-8 first, then utf-8+cp1252: both by pyarrow
    assert new["stats"]["mixed-encoding"] >= 2 and new["stats"]["missing-cell"] == 1
    assert new == report_json(path, monkeypatch, "frictionless", PM)
    path2, detected = detect(path)
    assert detected.encoding == MIXED
    chunks, read = frames(path2)
    assert read == path.stat().st_size

    assert_fix_alike_without_pyarrow(path, tmp_path, monkeypatch, PM)


def early_stray_file(path: Path, header: bytes, newline: bytes = b"\r\n", bom: bytes = b"", title: bytes = b"") -> Path:
    """A UTF-8 export with rows typed in Windows-1252 among the first records (``header``: the header row's bytes,
    maybe typed in Windows-1252 too; ``title``: a title row above it), a quoted cell over two lines, 300 rows more."""
    rows = [header, "Namur;1,5;Élément".encode(), "Liège;2,5;à voir ’".encode("cp1252"),
            'Ciney;3,5;"deux\nlignes é"'.encode(), "Huy;4,5;épuisé".encode("cp1252")]
    rows += [f"Ciney;{i},5;Élément {i}".encode() for i in range(300)]
    path.write_bytes(bom + (title + newline if title else b"") + newline.join(rows) + newline)
    return path


@pytest.mark.parametrize(("header", "newline", "bom", "title"), [
    (b"commune;montant;remarque", b"\r\n", b"", b""),
    (b"commune;montant;remarque", b"\n", codecs.BOM_UTF8, b""),
    ("commune;montant;référence".encode("cp1252"), b"\r\n", b"", b""),  # a stray byte in the header itself
    ("commune;montant;référence".encode("cp1252"), b"\n", codecs.BOM_UTF8, b""),
    (b"commune;montant;remarque", b"\r\n", b"", "Budget 2024 — Ville".encode()),  # a title above the header
    (b"commune;montant;remarque", b"\n", b"", "Budget 2024 – Ville".encode("cp1252")),  # typed on Windows too
])
def test_stray_bytes_in_the_first_records_are_read_by_pyarrow_as_frictionless_reads_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: bytes, newline: bytes, bom: bytes,
        title: bytes) -> None:
    """Before, the first records were counted in the UTF-8 of their text, which a stray byte lengthens: such a file
    (a row typed on Windows near the top) was left to Frictionless, row by row. Now the file's own lines are
    counted: pyarrow starts at the first data record, and the report is Frictionless's."""
    from odwb_assist.quality import engine
    from odwb_assist.quality.stray_bytes import MIXED, settle

    path = early_stray_file(tmp_path / "early.csv", header, newline, bom, title)
    path, detected = detect(path)
    if bom:  # the BOM is believed at first: the check reads as UTF-8, meets a stray byte, then settles
        assert detected.encoding == "utf-8-sig" and settle(path, detected)
    assert detected.encoding == MIXED and detected.header_rows == [2 if title else 1]
    head = read_head(path, detected)
    data = path.read_bytes()
    assert head.offset == data.index(newline + b"Namur") + len(newline)  # the byte after the header row
    assert head.labels[2] == header.decode("cp1252" if b"\xe9" in header else "utf-8").split(";")[2]
    used: list[str] = []
    original = engine._stream_arrow
    monkeypatch.setattr(engine, "_stream_arrow", lambda *a: used.append("arrow") or original(*a))
    new = report_json(path, monkeypatch, "", PM)
    assert used == ["arrow"] and new["rows"] == 304  # records below the header (one over two lines), by pyarrow
    assert new["stats"]["mixed-encoding"] >= 1
    assert new == report_json(path, monkeypatch, "frictionless", PM)
