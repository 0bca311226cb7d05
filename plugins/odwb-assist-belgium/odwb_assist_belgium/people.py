"""Does a table describe people? Column labels such as first name or birth date say so.

The rules are the core's (``odwb_assist.checks.people``, shared with the ``personal-email`` check):
labels are matched word by word, so ``rrn`` counts in « numero_rrn » but not in
« street_number_rrn », and « naissance » not in « reconnaissance ».
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from odwb_assist.plugin import PEOPLE_ROWS, PEOPLE_WORDS, CheckContext, label_words, people_columns
from odwb_assist.plugin import describes_people as _describes_people

__all__ = ["PEOPLE_WORDS", "describes_people", "label_words", "people_columns", "rows_are_people"]


def describes_people(fields: Iterable[str]) -> bool:
    """The core's verdict, kept per list of labels (a kind asks it again for every chunk)."""
    return _verdict(tuple(fields))


def rows_are_people(context: CheckContext) -> bool:
    """Whether a checked table's rows are people: its labels say so, or the engine found a column naming the people a
    register is about (the core's ``rows_are_people``: « DUPONT Marie » under « Bénéficiaire »)."""
    return describes_people(context.fields) or bool(context.options.get(PEOPLE_ROWS))


@lru_cache(maxsize=64)
def _verdict(fields: tuple[str, ...]) -> bool:
    return _describes_people(fields)
