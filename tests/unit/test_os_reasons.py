"""The system's reason for a failed read or write is said in words: its own text is English (« Is a directory »,
« Permission denied ») and never reaches a French message."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from odwb_assist.core.errors import FixError, os_reason
from odwb_assist.quality.output_files import write_atomically


@pytest.mark.parametrize(("number", "fr", "en"), [
    (errno.EISDIR, "c'est un dossier, pas un fichier", "it is a folder, not a file"),
    (errno.ENOSPC, "le disque est plein", "the disk is full"),
    (errno.EACCES, "accès refusé (le fichier est-il ouvert dans Excel ?)", "access denied (is the file open in Excel?)"),
    (errno.EADDRINUSE, "le port est déjà utilisé par un autre programme", "the port is already used by another program"),
    (errno.ENOTEMPTY, "erreur du système (ENOTEMPTY)", "system error (ENOTEMPTY)"),
])
def test_the_system_s_reason_is_said_in_words(number: int, fr: str, en: str) -> None:
    reason = os_reason(OSError(number, "English words"))
    assert (reason.fr, reason.en) == (fr, en)
    assert os_reason(PermissionError("denied")).fr.startswith("accès refusé")


def test_writing_over_a_folder_says_so_in_french(tmp_path: Path) -> None:
    (tmp_path / "propre.csv").mkdir()
    with pytest.raises(FixError) as raised:
        write_atomically(tmp_path / "propre.csv", lambda path: Path(path).write_text("a\n", encoding="utf-8"))
    assert raised.value.message("fr").endswith(": c'est un dossier, pas un fichier.")
    assert raised.value.message("en").endswith(": it is a folder, not a file.")
    assert "Is a directory" not in raised.value.message("fr")


def test_a_report_over_a_folder_says_so_in_french(tmp_path: Path, cli) -> None:  # noqa: ANN001
    source = tmp_path / "salles.csv"
    source.write_text("Salle;Capacité\nSalle des fêtes;350\n", encoding="utf-8")
    (tmp_path / "rapport").mkdir()
    code, _, err = cli("check", str(source), "--format", "json", "--output", str(tmp_path / "rapport"))
    assert code == 2 and "c'est un dossier, pas un fichier" in err and "Is a directory" not in err
