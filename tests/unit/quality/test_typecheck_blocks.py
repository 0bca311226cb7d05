"""The type tally tests each distinct value once, when a block of rows first needs it: the same types and
type-errors as testing every distinct value of the chunk up front."""

from __future__ import annotations

import numpy as np
import pandas as pd

from odwb_assist.core.contract import ColumnValues
from odwb_assist.quality import type_readers, typecheck
from odwb_assist.quality.type_readers import _Values
from odwb_assist.quality.typecheck import TypeTally


def _chunk(rows: int = 9000) -> pd.DataFrame:
    amounts = [str(i) for i in range(rows)]
    amounts[5000], amounts[7000] = "12.5", "n.d."  # a decimal after the first slice, a placeholder
    codes = [f"{5000 + i % 40}" for i in range(rows)]
    codes[6000] = "B-5000"  # one error, after the first slice
    mixed = [str(i) if i < 3000 else f"x{i}" for i in range(rows)]  # numbers first, then text: given up
    dates = [f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}" for i in range(rows)]
    dates[8000] = "2024-02-30"  # no such day
    return pd.DataFrame({"montant": amounts, "code": codes, "mixed": mixed, "date": dates},
                        index=range(2, rows + 2), dtype="str")


def test_types_and_errors_over_blocks() -> None:
    chunk = _chunk()
    tally = TypeTally({"montant": (1, "integer"), "code": (2, "integer"), "mixed": (3, "integer"),
                       "date": (4, "date")}, infer=True)
    tally.add(chunk)
    assert tally.types() == {"montant": "number", "code": "integer", "mixed": "string", "date": "date"}
    found = {f.field_name: (f.count, f.row_number, f.cell) for f in tally.findings()}
    assert found == {"code": (1, 6002, "B-5000"), "date": (1, 8002, "2024-02-30")}


def test_verdicts_computed_on_demand_equal_the_verdicts_of_every_value() -> None:
    chunk = _chunk()
    for name in chunk.columns:
        column = ColumnValues.from_series(chunk[name], 1)
        lazy, eager = _Values(column), _Values(column)
        first = np.unique(column.codes[: typecheck.SLICE])
        for kind in typecheck.CANDIDATES:
            lazy.invalid(kind, first[first >= 0])
        for kind in typecheck.CANDIDATES:
            assert np.array_equal(lazy.invalid(kind), eager.invalid(kind)), (name, kind)
        assert lazy.text_of(np.array([0, 2, 0])) == [column.texts[0], column.texts[2], column.texts[0]]


def test_arrow_verdicts_are_pandas_verdicts() -> None:
    """The tally reads Arrow values without pandas: the same verdicts as :func:`type_readers.invalid_mask`."""
    import random

    rng = random.Random(4)
    alphabet = list("0123456789 -+._eEinfINFaTtrueRUFlsFALSE\t/é") + ["2024-01-31", "1999", "inf", "nan"]
    texts = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(20_000)})
    texts += ["2024-02-30", "0001-01-01", " 12 ", "1_000", "+0012", "-0", "0000", "true", "12.5e3"]
    column = ColumnValues.from_series(pd.Series(texts, dtype="str"), 1)
    values = _Values(column)
    assert values.cells is not None
    at = np.arange(0, len(column), 3)
    for kind in ("integer", "number", "year", "boolean", "date", "string"):
        expected = type_readers.invalid_mask(column.values, kind).to_numpy(dtype=bool)
        assert values._test(None, kind).tolist() == expected.tolist(), kind
        assert values._test(at, kind).tolist() == expected[at].tolist(), kind
    assert values.text_of(np.array([2, 0, 2])) == column.values.iloc[[2, 0, 2]].tolist()


def test_arrow_placeholders_are_placeholder_mask() -> None:
    from odwb_assist.quality.placeholders import PLACEHOLDERS, placeholder_mask

    texts = sorted({*(f"  {p.upper()} " for p in PLACEHOLDERS), *PLACEHOLDERS, *(f"valeur {i}" for i in range(300)),
                    "n.d." + " " * 30, "néant" * 4, "x"})
    column = ColumnValues.from_series(pd.Series(texts, dtype="str"), 1)
    values = _Values(column)
    assert values.cells is not None
    among = np.arange(len(column)) % 3 != 0
    expected = placeholder_mask(column.values).to_numpy(dtype=bool) & among
    assert expected.sum() > 20
    assert values.placeholders(among).tolist() == expected.tolist()


def test_no_placeholder_holds_a_digit() -> None:
    """The tally skips values holding a digit when it looks for placeholders."""
    from odwb_assist.quality.placeholders import PLACEHOLDERS

    assert not any(character.isdigit() for text in PLACEHOLDERS for character in text)
