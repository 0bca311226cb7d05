"""The local publication record survives a bad byte, a torn line and a full disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from odwb_assist.publish import record as pr


def _append(root: Path, dataset_id: str) -> dict:
    return pr.append(root, dataset_id=dataset_id, uid="da_1", portal="http://127.0.0.1:1", records=3,
                     checksum="sha256:abc")


def test_a_bad_byte_spoils_one_line_only(tmp_path: Path) -> None:
    _append(tmp_path, "a")
    path = pr.record_path(tmp_path)
    with path.open("ab") as out:
        out.write(b'{"dataset_id": "caf\xe9"}\n')  # cp1252 byte from an editor
    _append(tmp_path, "b")
    records, damaged = pr.read_all(tmp_path)
    assert [r["dataset_id"] for r in records] == ["a", "b"] and damaged == [2]
    assert pr.damaged_lines(tmp_path) == [2]


def test_a_torn_last_line_does_not_swallow_the_next_record(tmp_path: Path) -> None:
    _append(tmp_path, "a")
    path = pr.record_path(tmp_path)
    with path.open("ab") as out:
        out.write(b'{"dataset_id": "torn", "uid": ')  # the run was cut while writing
    _append(tmp_path, "b")
    records, damaged = pr.read_all(tmp_path)
    assert [r["dataset_id"] for r in records] == ["a", "b"] and damaged == [2]
    assert json.loads(path.read_bytes().splitlines()[-1])["dataset_id"] == "b"


def test_a_record_that_cannot_be_written_says_so_plainly(tmp_path: Path) -> None:
    (tmp_path / ".odwb").write_text("not a folder", encoding="utf-8")  # mkdir fails as on a read-only or full disk
    with pytest.raises(pr.PublicationRecordError) as info:
        _append(tmp_path, "ciney-parkings")
    message = info.value.message("fr")
    assert "est publié sur le portail" in message and "relancez" in message and info.value.exit_code == 1
