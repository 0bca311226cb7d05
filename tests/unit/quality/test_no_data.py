"""A file with column titles only: a ``no-data`` error (nothing to publish), not a silent « valid »."""

from __future__ import annotations

from odwb_assist.quality import check


def test_header_only_file_gets_a_no_data_error(tmp_path) -> None:
    path = tmp_path / "titres.csv"
    path.write_text("nom;adresse;capacite\n", encoding="utf-8")
    report = check(path)
    assert not report.valid and report.rows == 0
    assert [f.type for f in report.findings] == ["no-data"]
