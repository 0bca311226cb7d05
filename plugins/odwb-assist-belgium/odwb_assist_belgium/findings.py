"""Turning flagged cells into findings, detection scores, and the small text normalisations the kinds share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache, wraps
from typing import TYPE_CHECKING, Any, TypeVar

from odwb_assist.plugin import CheckContext, Finding

from .messages import MESSAGES
from .titles import EXTRA

if TYPE_CHECKING:
    import pandas as pd

SOURCE = "belgium"
VALUE_CACHE = 65_536  # verdicts kept per value-level function: bounded, whatever the column holds
CACHED_TEXT = 256  # characters: a longer text (a remark, a shape) is read again when met again, not kept as a key

T = TypeVar("T")


def text_cache(function: Callable[[str], T]) -> Callable[[str], T]:
    """``function`` of one text, its verdicts kept (:data:`VALUE_CACHE` of them) for texts up to :data:`CACHED_TEXT`
    characters: a column of 65,536 parcel outlines of 1.4 kB, kept as the keys of a cache, held 90 MB."""
    cached = lru_cache(maxsize=VALUE_CACHE)(function)

    @wraps(function)
    def verdict(text: str) -> T:
        return cached(text) if len(text) <= CACHED_TEXT else function(text)

    return verdict


def non_empty(series: pd.Series) -> pd.Series:
    """The non-empty cells of a column chunk, stripped of surrounding spaces (index kept)."""
    stripped = series.str.strip()
    return stripped[stripped != ""]


def share(sample: pd.Series, test: Callable[[pd.Series], pd.Series]) -> float:
    """A kind's detection score: the share of the sample's non-empty values that ``test`` (a vectorised mask) accepts."""
    values = non_empty(sample.astype(str))
    if values.empty:
        return 0.0
    return float(test(values).mean())


def share_of(sample: pd.Series, accepts: Callable[[str], bool]) -> float:
    """Like :func:`share` with a per-value test, in plain Python: no pandas call per column (cheap on
    the hundreds of columns of a wide file, whose samples hold a few values each)."""
    values = [text for text in (str(v).strip() for v in sample.tolist()) if text]
    return sum(1 for text in values if accepts(text)) / len(values) if values else 0.0


SEPARATORS = (" ", ".", "/", "-", "\u00a0", "\t")


def compact(series: pd.Series, chars: tuple[str, ...] = SEPARATORS, clean: str = r"\d+") -> pd.Series:
    """Upper-cased values without separators (spaces, dots, slashes, hyphens).

    Values already matching ``clean`` are kept as they are (the usual case: no work); the others
    get literal replacements, one per character, several times faster than one regular expression
    with ``\\s`` on pandas' Arrow-backed strings.
    """
    done = series.str.fullmatch(clean)
    if bool(done.all()):
        return series
    result = series.str.upper()
    for char in chars:
        result = result.str.replace(char, "", regex=False)
    return result.where(~done, series)


def field_number(context: CheckContext, field_name: str) -> int | None:
    return context.fields.index(field_name) + 1 if field_name in context.fields else None


def emit(
    error_type: str,
    cells: pd.Series,
    field_name: str,
    context: CheckContext,
    values: Callable[[str], dict[str, Any]] | None = None,
) -> Iterator[Finding]:
    """One finding of ``error_type`` per cell of ``cells`` (index = physical row numbers)."""
    entry, title = MESSAGES[error_type], EXTRA[error_type]
    number = field_number(context, field_name)
    cache: dict[str, tuple[Any, Any, dict[str, Any]]] = {}
    for row, cell in cells.items():
        if cell not in cache:
            extra = values(cell) if values else {}
            fmt = {"cell": cell, "field": field_name, **extra}
            cache[cell] = (entry.message.format(**fmt), entry.tip.format(**fmt), extra)
        message, tip, extra = cache[cell]
        yield Finding(
            type=error_type,
            severity=entry.severity,
            message=message,
            tip=tip,
            row_number=int(row),
            field_name=field_name,
            field_number=number,
            cell=cell,
            source=SOURCE,
            extra={**extra, "title": title},
        )


def one(error_type: str, row: int, cell: str, field_name: str, context: CheckContext, **values: Any) -> Finding:
    """A single finding whose message depends on more than the cell (another cell of the row)."""
    entry = MESSAGES[error_type]
    fmt = {"cell": cell, "field": field_name, **values}
    return Finding(
        type=error_type, severity=entry.severity, message=entry.message.format(**fmt), tip=entry.tip.format(**fmt),
        row_number=int(row), field_name=field_name, field_number=field_number(context, field_name), cell=cell,
        source=SOURCE, extra={**values, "title": EXTRA[error_type]},
    )
