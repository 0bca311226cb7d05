"""duplicate-row across chunks: the two row hashes (two different hashes of each distinct value's bytes, keyed
with its column) flag exact repeats only, not rows whose cells are swapped between columns or differ in one cell."""

from __future__ import annotations

from pathlib import Path

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check


def test_repeats_across_chunks_only_exact(tmp_path: Path) -> None:
    lines = [f"{i},v{i},{i % 7}" for i in range(1, 301)]
    lines += ["5,v5,5", "v5,5,5", "5,v5,6", "12,v12,5", "300,v300,6"]  # row 302 on: exact, swapped, one off, exact, exact
    path = tmp_path / "rows.csv"
    path.write_text("a,b,c\n" + "\n".join(lines) + "\n")
    report = check(path, plugins=get_plugin_manager(load_entrypoints=False), chunk_rows=40)
    found = [f.row_number for f in report.findings if f.type == "duplicate-row"]
    assert found == [302, 305, 306]


def test_a_value_hashes_alike_from_python_strings_and_from_pyarrow() -> None:
    """A column's values reach the check as Python strings (a short chunk) or as pyarrow values: same hashes."""
    import numpy as np
    import pandas as pd

    from odwb_assist.checks.duplicate_row import value_hashes
    from odwb_assist.core.contract import ColumnValues

    cells = ["Liège", "", "5000", "a" * 8, "a" * 9, "Rue de l'Église 3, 5000 Namur"]
    short = ColumnValues.from_series(pd.Series(cells, dtype=object), 3)
    long = ColumnValues.from_series(pd.Series(cells * 20, dtype="str"), 3)
    assert short.arrow is None and long.arrow is not None
    assert short.texts == long.texts
    for one, two in zip(value_hashes(short), value_hashes(long), strict=True):
        assert one.tolist() == two.tolist()
        assert len(np.unique(one)) == len(one)  # the five values and the empty cell apart
    other = ColumnValues.from_series(pd.Series(cells, dtype=object), 4)
    assert not set(value_hashes(other)[0].tolist()) & set(value_hashes(short)[0].tolist())  # another column


def test_pairs_found_then_added_once() -> None:
    """found_then_add answers like contains, then holds each new pair once (a repeat here or of the set is not
    stored again); a pair sharing only its first hash is another pair."""
    import numpy as np

    from odwb_assist.checks.duplicate_row import SortedPairs

    def pairs(*items: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
        return np.array([a for a, _ in items], dtype=np.uint64), np.array([b for _, b in items], dtype=np.uint64)

    seen = SortedPairs()
    assert seen.found_then_add(*pairs((1, 1), (3, 3), (3, 3), (5, 5))).tolist() == [False] * 4
    assert seen.found_then_add(*pairs((1, 1), (2, 2), (3, 4), (5, 5), (5, 6))).tolist() == [
        True, False, False, True, False]
    keys = np.concatenate([block[0] for block in seen.blocks]).tolist()
    checks = np.concatenate([block[1] for block in seen.blocks]).tolist()
    stored = sorted(zip(keys, checks, strict=True))
    assert stored == [(1, 1), (2, 2), (3, 3), (3, 4), (5, 5), (5, 6)]
    assert seen.contains(*pairs((5, 6), (3, 4), (4, 4), (3, 5))).tolist() == [True, True, False, False]
