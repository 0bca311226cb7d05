"""The benchmarks' commune export (benchmarks/commune_export.py): read as a real export, its defects found."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import phonenumbers
import pytest
from stdnum.be import vat

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from export_generator import commune_export  # noqa: E402

CLI = Callable[..., tuple[int, str, str]]
ROWS = 400


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return commune_export()


def test_the_file_is_a_cp1252_semicolon_crlf_export_with_valid_identifiers(generator: ModuleType, tmp_path: Path) -> None:
    path = generator.write(tmp_path / "export.csv", ROWS)
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == ROWS + 1 and b"\n" not in raw.replace(b"\r\n", b"")
    assert "Téléphone".encode("cp1252") in raw and b'"' in raw  # accents in cp1252, quoted remarks with ';'
    rows = list(csv.reader(raw.decode("cp1252").splitlines(), delimiter=";"))
    assert rows[0] == generator.HEADER and len(rows) == ROWS + 1 and {len(r) for r in rows} == {13}
    defects = generator.planted(ROWS)
    body = rows[1:]
    assert all(vat.is_valid(r[8]) and r[8].startswith("BE0") for r in body)
    phones_ok = [phonenumbers.is_valid_number(phonenumbers.parse(r[7], "BE")) for r in body]
    assert [i + 1 for i, ok in enumerate(phones_ok) if not ok] == [defects.bad_phone]
    assert all(r[10][2] == "/" and r[10][5] == "/" for r in body) and any("," in r[9] for r in body)
    assert body[defects.duplicate - 1] == body[defects.duplicate - 2]
    # the same seed gives the same file; another seed another one
    assert generator.write(tmp_path / "again.csv", ROWS).read_bytes() == raw
    assert generator.write(tmp_path / "other.csv", ROWS, seed=3).read_bytes() != raw


def test_check_reads_the_columns_and_finds_every_planted_defect(generator: ModuleType, cli: CLI,
                                                                 tmp_path: Path) -> None:
    path = generator.write(tmp_path / "export.csv", ROWS)
    code, _, _ = cli("check", path, "--format", "json", "--output", tmp_path / "report.json")
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert code == 1 and report["fields"] == generator.HEADER and report["rows"] == ROWS
    assert (report["detected"]["encoding"], report["detected"]["delimiter"], report["detected"]["decimal"]) == \
        ("cp1252", ";", ",")
    assert report["kinds"]["Code INS"] == "be-nis-code" and report["kinds"]["Téléphone"] == "be-phone"
    assert report["kinds"]["Numéro d'entreprise"] == "be-enterprise-number"
    defects = generator.planted(ROWS)
    line = {row: row + 1 for row in range(ROWS + 1)}  # data row -> physical line (the header is line 1)
    found: dict[str, set[int]] = {}
    for finding in report["errors"]:
        rows = {e["rowNumber"] for e in (finding.get("extra") or {}).get("examples", [])} or set(finding["rows"])
        found.setdefault(finding["type"], set()).update(rows)
    assert found["be-nis-unknown"] | found["be-nis-invalid"] == {line[r] for r in defects.invalid_nis}
    assert found["be-phone-invalid"] == {line[defects.bad_phone]}
    assert found["duplicate-row"] == {line[defects.duplicate]}
    assert found["inconsistent-category"] == {line[defects.trailing_space]}
    assert found["placeholder-value"] == {line[r] for r in defects.placeholder}
    # nothing else is wrong: enterprise numbers, postal codes, communes and NIS agree with each other
    errors = {f["type"] for f in report["errors"] if f["severity"] == "error"}
    assert errors == {"be-nis-unknown", "be-nis-invalid", "be-phone-invalid"}


def test_the_wide_benchmark_file_holds_only_its_planted_defects(cli: CLI, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """``check_speed.py --case wide``: 80 columns of figures, no two rows alike, three planted cells (one row)."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[3] / "benchmarks"))
    import check_speed

    path = tmp_path / "wide.csv"
    check_speed.wide(path, 2_000)
    code, _, _ = cli("check", path, "--format", "json", "--output", tmp_path / "report.json")
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert code == 1 and report["rows"] == 2_000 and len(report["fields"]) == 80
    assert report["detected"]["delimiter"] == ";" and report["detected"]["decimal"] == ","
    comma = {f["fieldName"] for f in report["errors"] if f["type"] == "decimal-comma"}
    assert comma == {f"Indicateur {n}" for n in range(0, 80, 3)}
    others = sorted((f["type"], f["rowNumber"], f["fieldName"]) for f in report["errors"] if f["type"] != "decimal-comma")
    assert others == [("placeholder-value", 1236, "Indicateur 9"), ("type-error", 1236, "Indicateur 4")]
