"""Records of another width put back in place (:mod:`odwb_assist.quality.ragged`), without pyarrow's reader."""

from __future__ import annotations

import csv
from types import SimpleNamespace

import pyarrow as pa
import pytest

from odwb_assist.quality.ragged import Misplaced, RaggedRecords

SCHEMA = pa.schema([("c0", pa.string()), ("c1", pa.string()), ("c2", pa.string())])


def _batch(*rows: tuple[str, str, str]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist([dict(zip(SCHEMA.names, row, strict=True)) for row in rows], schema=SCHEMA)


def _records(first_row: int = 2) -> RaggedRecords:
    dialect = csv.excel()
    dialect.delimiter = ";"
    return RaggedRecords(3, dialect, first_row)


def _tell(records: RaggedRecords, number: int, text: str) -> None:
    assert records.handler(SimpleNamespace(number=number, text=text)) == "skip"


def test_records_go_back_between_and_after_the_rows_of_a_batch() -> None:
    records = _records()
    _tell(records, 1, "a;b")  # before the batch's first row
    _tell(records, 3, 'x;"y\nz";w;v')  # between its rows
    _tell(records, 5, "seul")  # after its last row: placed now, its number follows
    table, found = records.put_back(_batch(("1", "2", "3"), ("4", "5", "6")))
    assert table.to_pylist() == [{"c0": "a", "c1": "b", "c2": ""}, {"c0": "1", "c1": "2", "c2": "3"},
                                 {"c0": "x", "c1": "y\nz", "c2": "w"}, {"c0": "4", "c1": "5", "c2": "6"},
                                 {"c0": "seul", "c1": "", "c2": ""}]
    assert found == [(2, ["a", "b"]), (4, ["x", "y\nz", "w", "v"]), (6, ["seul"])]
    assert records.records == 5
    _tell(records, 6, "fin;;;")  # the file's last record, told when pyarrow reads no more rows
    assert records.put_back(_batch())[1] == [(7, ["fin", "", "", ""])]
    assert records.rest(SCHEMA) is None


def test_a_batch_without_skipped_records_is_handed_on_as_it_is() -> None:
    records = _records()
    batch = _batch(("1", "2", "3"))
    assert records.put_back(batch) == (batch, [])
    _tell(records, 4, "x")  # two records later: not the next batch's
    table, found = records.put_back(_batch(("4", "5", "6")))
    assert found == [] and table.num_rows == 1
    table, found = records.put_back(_batch(("7", "8", "9")))  # record 3, then record 4 follows it
    assert found == [(5, ["x"])] and table.column("c0").to_pylist() == ["7", "x"]
    assert records.rest(SCHEMA) is None


def test_what_cannot_be_put_back_faithfully_stops_the_reading() -> None:
    records = _records()
    assert records.handler(SimpleNamespace(number=None, text="a;b")) == "error"  # pyarrow could not number it
    _tell(records, 1, 'a;"b\n"c;d"\nx;y')  # two records for the csv module
    with pytest.raises(Misplaced):
        records.put_back(_batch(("1", "2", "3")))
    late = _records()
    late.put_back(_batch(("1", "2", "3"), ("4", "5", "6")))
    _tell(late, 2, "a;b")  # a number already given to a row
    with pytest.raises(Misplaced):
        late.put_back(_batch(("7", "8", "9")))
    gap = _records()
    _tell(gap, 3, "a;b")  # records 1 and 2 never came
    with pytest.raises(Misplaced):
        gap.rest(SCHEMA)
