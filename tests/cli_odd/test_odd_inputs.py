"""Every command that reads a file ends in a French message and a clean exit on odd inputs, in bounded time.

No traceback, no « Erreur interne », no English word of a library, never a hang (a FIFO, a zip bomb, a
DTD with a billion entities): real tables (BOM, UTF-16, CR-only line ends, a 3 MB cell, 10,000 columns)
are read; the others are refused with exit 2.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from odd_files import ODD_FILES, READABLE, make  # noqa: E402  (tests/cli_odd/conftest.py puts it on the path)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and modes are POSIX here")

ENGLISH = re.compile(r"\b(invalid|error|cannot|could not|not found|no such|failed|unexpected|codec|"
                     r"Traceback|Exception)\b", re.I)


def _commands(path: Path, out: Path) -> dict[str, list[str]]:
    return {
        "check": ["check", str(path)],
        "fix": ["fix", str(path), "--output", str(out / "propre.csv")],
        "inventory-check": ["inventory", "check", str(path)],
        "programme-import": ["programme", "import", str(path), "--ledger", str(out / "registre.sqlite"), "--dry-run"],
    }


@pytest.mark.timeout(300)  # the 10,000-column file takes about 40 s per command on 2 cores
@pytest.mark.parametrize("kind", sorted(ODD_FILES))
@pytest.mark.parametrize("command", ["check", "fix", "inventory-check", "programme-import"])
def test_odd_input_ends_cleanly_in_french(cli, tmp_path: Path, kind: str, command: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = make(kind, tmp_path)
    out = tmp_path / "sortie"
    out.mkdir()
    code, stdout, stderr = cli(*_commands(path, out)[command])
    assert "Erreur interne" not in stderr, stderr
    assert code in (0, 1, 2), (code, stderr)
    if kind in READABLE and command in ("check", "fix"):
        assert code in (0, 1), f"{kind} is a real table and must be read: {stderr}"
    else:
        if code == 2:
            assert stderr.strip().startswith("Erreur"), stderr
            assert not ENGLISH.search(stderr), stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_output_folder_is_said_in_french(cli, tmp_path: Path) -> None:
    source = make("bom", tmp_path)
    locked = tmp_path / "verrouille"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _out, err = cli("fix", str(source), "--output", str(locked / "propre.csv"))
    finally:
        locked.chmod(0o700)
    assert code == 2 and "Erreur" in err and not ENGLISH.search(err)


def test_an_output_in_a_missing_folder_or_under_a_file_is_said_in_french_a_folder_takes_it(cli, tmp_path: Path) -> None:
    source = make("bom", tmp_path)
    (tmp_path / "fichier.csv").write_text("x", encoding="utf-8")
    for target in (tmp_path / "absent" / "propre.csv", tmp_path / "fichier.csv" / "propre.csv"):
        code, _out, err = cli("fix", str(source), "--output", str(target))
        assert code == 2 and "Erreur" in err and not ENGLISH.search(err), err
    (tmp_path / "dossier").mkdir()  # a folder: the clean copy goes in it, under the original's name
    code, out, err = cli("fix", str(source), "--output", str(tmp_path / "dossier"))
    assert code == 0 and err == "" and (tmp_path / "dossier" / f"{source.stem}.csv").exists()
