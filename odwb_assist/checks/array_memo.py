"""What is computed from a pyarrow array, kept while the array lives: the checks of a chunk read the same values.

Every check of a chunk is handed the same distinct values of a column (:class:`.ColumnValues`), and a dozen of them
read the first byte of each value, its length or its offsets from the Arrow buffers, each after joining the values
into one array. Here each of these is computed once per array and kept until the array is freed. An array is not
hashable: it is known by its identity, with a weak reference whose callback drops what was kept for it (an identity
is given to another object only once its own is freed, and then the callback has run). What is kept is read-only:
a caller that changes it in place raises instead of spoiling the next check's reading.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

T = TypeVar("T")

_KEPT: dict[tuple[int, str], tuple[weakref.ref[Any], Any]] = {}


def kept(owner: Any, name: str, compute: Callable[[Any], T]) -> T:
    """``compute(owner)``, computed once while ``owner`` lives (under ``name``). A pure function of the array: two
    threads may both compute it, with the same result."""
    key = (id(owner), name)
    entry = _KEPT.get(key)
    if entry is not None and entry[0]() is owner:
        return entry[1]
    value = compute(owner)
    _read_only(value)
    try:
        reference = weakref.ref(owner, partial(_forget, key))
    except TypeError:  # an object without weak references: not kept
        return value
    _KEPT[key] = (reference, value)
    return value


def _forget(key: tuple[int, str], reference: weakref.ref[Any]) -> None:
    entry = _KEPT.get(key)
    if entry is not None and entry[0] is reference:
        _KEPT.pop(key, None)


def _read_only(value: Any) -> None:
    for item in value if isinstance(value, tuple) else (value,):
        flags = getattr(item, "flags", None)
        if flags is not None:
            flags.writeable = False


def kept_count() -> int:
    """How many results are kept (for the tests: none once their arrays are freed)."""
    return len(_KEPT)
