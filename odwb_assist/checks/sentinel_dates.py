"""Dates a database or a business application writes for « no date »: the end of time (« 31/12/9999 »,
« 9999-12-31 », « 2999-12-31 », « 3000-01-01 »: a contract or a mandate without end, a licence valid until further
notice) and the start of its calendar (« 30/12/1899 », « 1899-12-31 »: day zero of Access, of an OLE date or of
Excel's, for a date it was never given). Said by ``date-format`` as ``sentinel-date`` (:func:`sentinel_mask`).

They are real days of the calendar, so they read as dates: published, a timeline of the dataset would run to the
year 9999, a sort by date would put them first or last, a mean duration would be thousands of years. What they mean
(no end, not known) is for the author to say: the fix keeps them (``date-format``'s fix writes them ISO, as any
date). A year from 2900 on is no date of an
administration; 1900-01-01, which some software also writes for « no date », stays a date (it is also how a known
year with no known day is often written).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.contract import ColumnValues
from ..core.i18n import Msg
from ..core.no_date import NEEDLES, is_sentinel
from .tally import values_where

if TYPE_CHECKING:
    import numpy as np

MESSAGE = Msg("Colonne « {field} » : {count} date(s) « {cell} » (ex. ligne {row}) : la date qu'une base de données "
              "écrit pour « pas de date » (sans fin, inconnue) : le portail la publierait comme une vraie date, et un "
              "tri ou une frise par date iraient jusqu'à elle.",
              "Column '{field}': {count} date(s) '{cell}' (e.g. row {row}): the date a database writes for 'no date' "
              "(no end, not known): the portal would publish it as a real date, and a sort or a timeline by date "
              "would run to it.")
TIP = Msg("Laissez ces cellules vides et dites dans la description du jeu ce qu'une date vide veut dire (« pas de date "
          "de fin : toujours en cours »). « odwb-assist fix » les garde (il n'en change que l'écriture, AAAA-MM-JJ) : "
          "leur sens est à dire par vous.",
          "Leave these cells empty and say in the dataset's description what an empty date means ('no end date: still "
          "running'). 'odwb-assist fix' keeps them (it only writes them YYYY-MM-DD): what they mean is for you to say.")


def sentinel_mask(column: ColumnValues, among: np.ndarray) -> np.ndarray:
    """Which of the distinct values ``among`` flags (dates) are sentinels: those holding one of :data:`NEEDLES`
    (pyarrow over the distinct values), then :func:`is_sentinel`."""
    import numpy as np

    at = np.flatnonzero(among)
    cells = column.arrow
    if len(at) and cells is not None:
        import pyarrow as pa
        import pyarrow.compute as pc

        picked = cells.take(pa.array(at))
        held = np.asarray(pc.fill_null(pc.match_substring_regex(picked, NEEDLES), False).to_numpy(zero_copy_only=False),
                          dtype=bool)
        among = np.zeros(len(among), dtype=bool)
        among[at[held]] = True
    return values_where(column, among, is_sentinel)
