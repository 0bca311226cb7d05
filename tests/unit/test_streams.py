"""The command line never fails on its own signs: a file or a pipe on Windows writes cp1252 (no « ✓ »), a C
locale writes ASCII (not even « é »)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from odwb_assist.cli.streams import HANDLER, safe_output


def test_signs_become_words_where_the_encoding_lacks_them() -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    safe_output((stream,))
    stream.write("✓ Aucune erreur → « publiée » … 1\u202f000 ≥ 2 ✗ 漢")
    stream.flush()
    assert stream.buffer.getvalue().decode("cp1252") == 'OK Aucune erreur -> « publiée » … 1 000 >= 2 X ?'  # « … » is in cp1252
    assert "✓".encode("cp1252", errors=HANDLER) == b"OK"


def test_an_encoding_without_accents_is_replaced_by_utf8() -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    safe_output((stream,))
    stream.write("✓ Vérifié")
    stream.flush()
    assert stream.buffer.getvalue().decode("utf-8") == "✓ Vérifié"
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    safe_output((utf8,))
    assert utf8.encoding == "utf-8" and utf8.errors == "strict"  # nothing to change


def run(tmp_path: Path, encoding: str) -> subprocess.CompletedProcess[bytes]:
    data = tmp_path / "communes.csv"
    data.write_text("commune,population\nNamur,113000\nCiney,16500\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "odwb_assist", "check", str(data)], env=env, capture_output=True,
                          timeout=120, check=False)


def test_a_check_written_to_a_cp1252_file_ends_well(tmp_path: Path) -> None:
    done = run(tmp_path, "cp1252")
    text = done.stdout.decode("cp1252")
    assert done.returncode == 0, done.stderr.decode("cp1252")
    assert "OK Aucune erreur bloquante." in text and "Détecté : csv" in text and b"Erreur interne" not in done.stderr


def test_a_check_written_in_a_c_locale_ends_well(tmp_path: Path) -> None:
    done = run(tmp_path, "ascii")
    assert done.returncode == 0 and "✓ Aucune erreur bloquante." in done.stdout.decode("utf-8")
