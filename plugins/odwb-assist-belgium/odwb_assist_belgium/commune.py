"""The ``be-commune-name`` kind: a column of Walloon commune (or locality) names.

It carries no validation of its own (names vary too much in the wild to call one wrong); it lets
the row checks of :mod:`.consistency` compare names with the NIS and postal codes of the row.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from odwb_assist.plugin import FieldKind, Msg

from . import reference as ref
from .findings import VALUE_CACHE, share_of

HEADER_PATTERNS = (r"commune", r"(^|[^a-z])(localite|municipalite|municipality|gemeente|gemeinde|entite|ville)([^a-z]|$)")


@lru_cache(maxsize=VALUE_CACHE)
def known_name(value: str) -> bool:
    return ref.normalise_name(value) in ref.all_names()


def detect(sample: pd.Series) -> float:
    return share_of(sample, known_name)


KIND = FieldKind(
    name="be-commune-name",
    label=Msg("nom de commune wallonne", "Walloon municipality name"),
    header_patterns=HEADER_PATTERNS,
    detect=detect,
    validate=None,
    threshold=0.5,
    value_threshold=0.9,
    priority=5,
    prefilter=r"[^\W\d_]",
)
