"""A small UTF-8 comma CSV to upload, as ``publish`` prepares it (``UploadFile``), for the tests of the map columns."""

from __future__ import annotations

import csv
from pathlib import Path

from odwb_assist.publish.source import UploadFile, sha256


def upload_of(folder: Path, header: list[str], rows: list[list[str]]) -> UploadFile:
    """``data.csv`` in ``folder``, written with these rows, as an upload that was not converted."""
    path = folder / "data.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return UploadFile(path, sha256(path), len(rows), False, path)
