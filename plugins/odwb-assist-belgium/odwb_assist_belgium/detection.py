"""Which columns of a whole table hold a given kind, for fixes and metadata enrichment (which run
outside the quality engine's own detection, or with the kinds it already found)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from itertools import islice

import pandas as pd

from odwb_assist.plugin import FieldKind

SAMPLE = 1000


def plain_label(label: str) -> str:
    text = unicodedata.normalize("NFKD", str(label).lower())
    return "".join(c for c in text if not unicodedata.combining(c)).strip()


def columns_of_kind(
    table: pd.DataFrame,
    kind: FieldKind,
    known: dict[str, str] | None = None,
    *,
    score: Callable[[pd.Series], float] | None = None,
) -> list[str]:
    """The columns of ``kind``: from the kinds already detected when given, else by header and values.

    ``score`` replaces the kind's detector and then requires a matching header (a fix may want to
    count values the detector rejects, such as numbers that lost their leading zero).
    """
    if known:
        return [c for c, k in known.items() if k == kind.name and c in table.columns]
    detector = score or kind.detect
    if detector is None:
        return []
    headers = re.compile("|".join(f"(?:{p})" for p in kind.header_patterns)) if kind.header_patterns else None
    # the kind's prefilter screens the values in plain Python (a pandas call per column is what costs on
    # wide tables); a replacement ``score`` may accept other values, so it is not screened
    prefilter = re.compile(kind.prefilter) if kind.prefilter and score is None else None
    found = []
    for column in table.columns:
        header = bool(headers and headers.search(plain_label(column)))
        needed = kind.threshold if header else (kind.value_threshold if score is None else 2.0)
        if needed > 1.0:
            continue
        # the first SAMPLE filled cells, read one by one (a list of a 200,000-row column cost a second a table)
        cells = list(islice((t for t in (str(v).strip() for v in table[column]) if t and t != "nan"), SAMPLE))
        if not cells or (prefilter and sum(1 for t in cells if prefilter.search(t)) / len(cells) < needed):
            continue
        value = detector(pd.Series(cells, dtype=object))
        if (header and value >= kind.threshold) or (score is None and value >= kind.value_threshold):
            found.append(str(column))
    return found
