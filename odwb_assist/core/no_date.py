"""The dates a database or a business application writes for « no date »: the end of time (« 31/12/9999 »,
« 9999-12-31 », « 3000-01-01 »: a contract without end) and the start of its calendar (« 30/12/1899 »: day zero of
Access, of an OLE date or of Excel's). The check ``date-format`` says them (``sentinel-date``,
:mod:`odwb_assist.checks.sentinel_dates`); the metadata's temporal coverage leaves them out (a dataset of contracts
does not run to the year 9999).
"""

from __future__ import annotations

import re

# a date day first (« 31/12/9999 », « 31.12.9999 ») or year first (« 9999-12-31 »), a time after it allowed
DATE = re.compile(r"[ \t]*(?:([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})|([0-9]{4})-([0-9]{2})-([0-9]{2}))"
                  r"(?:[ T][0-9:.hZ+-]*)?[ \t]*")
NEEDLES = "9999|2999|3000|1899"  # what a sentinel holds (a prefilter for pyarrow, over many values)
FIRST_YEAR_AFTER = 2900  # a year from which a date is no date of an administration
DAY_ZERO = frozenset({(1899, 12, 30), (1899, 12, 31)})


def is_sentinel(text: str) -> bool:
    """Whether ``text`` is a date of the end of time or of a calendar's day zero."""
    found = DATE.fullmatch(text)
    if found is None:
        return False
    day, month, year = (found.group(1), found.group(2), found.group(3)) if found.group(1) is not None else \
        (found.group(6), found.group(5), found.group(4))
    year_number, month_number, day_number = int(year), int(month), int(day)
    if not (1 <= month_number <= 12 and 1 <= day_number <= 31):
        return False
    return year_number >= FIRST_YEAR_AFTER or (year_number, month_number, day_number) in DAY_ZERO
