"""Which columns of a whole table hold a given kind, for fixes and metadata enrichment (which run
outside the quality engine's own detection, or with the kinds it already found)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pandas as pd

from odwb_assist.checks.base import FieldKind

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
    found = []
    for column in table.columns:
        sample = table[column].astype(str).str.strip()
        sample = sample[sample != ""].head(SAMPLE)
        if sample.empty or detector is None:
            continue
        value = detector(sample)
        header = any(re.search(p, plain_label(column)) for p in kind.header_patterns)
        if (header and value >= kind.threshold) or (score is None and value >= kind.value_threshold):
            found.append(str(column))
    return found
