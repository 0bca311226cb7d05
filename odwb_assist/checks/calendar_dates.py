"""Check ``impossible-date`` (error), part of the dates check (:mod:`.date_format`): a date the calendar does not
have — « 30/02/2024 », « 31/04/2024 », « 2024-02-30 », « 2023-02-29 » — in a column of dates.

Such a cell is a slip of the pen (« 30/02 » for « 03/02 »?). ``fix`` cannot rewrite it in ISO 8601 and leaves it as
it is, and the clean file then gets a ``type-error`` on it; written the local way, it hid among the dates to rewrite
(counted with them), and an ISO one hid too when local dates made the column text to the type tally. A local date is
impossible when it is so whichever comes first, the day or the month (« 12/31/2024 » is an American date, said by
the dates' order); an ISO one when its month or day is not the calendar's, read beside local dates (among ISO dates
alone, the type tally's ``type-error`` says it, as Frictionless does). Said only in a column whose cells are nearly
all dates of the calendar (:data:`DATED`: « 12/45/24 » in a column of file numbers is a number, not a date). An
error, as the clean file's ``type-error`` will be; no fix: only the source tells which date was meant. The cells
are read from their Arrow text with numpy: no Python per value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.i18n import Msg
from .two_digit_years import CUTOFF

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

MESSAGE = Msg("Colonne « {field} » : {count} date(s) qui n'existent pas dans le calendrier (ex. ligne {row} : "
              "« {cell} ») : « odwb-assist fix » ne peut pas les réécrire au format AAAA-MM-JJ, et le portail lirait "
              "la colonne comme du texte.",
              "Column '{field}': {count} date(s) that the calendar does not have (e.g. row {row}: '{cell}'): "
              "'odwb-assist fix' cannot rewrite them as YYYY-MM-DD, and the portal would read the column as text.")
TIP = Msg("Corrigez ces dates d'après la source (une faute de frappe : 30/02 pour 03/02 ?), ou videz-les si la date "
          "est inconnue.",
          "Correct those dates from the source (a typo: 30/02 for 03/02?), or empty them if the date is unknown.")
DATED = 0.8  # share of a column's filled cells that are dates of the calendar
LOCAL_PARTS = r"^[ \t]*(?P<a>[0-9]{1,2})[/.-](?P<b>[0-9]{1,2})[/.-](?P<y>[0-9]{4}|[0-9]{2})"
ISO_DATE = r"[ \t]*[0-9]{4}-[0-9]{2}-[0-9]{2}[ \t]*"
ISO_PARTS = r"^[ \t]*(?P<y>[0-9]{4})-(?P<b>[0-9]{2})-(?P<a>[0-9]{2})"
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _exists(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Whether each (year, month, day) is a day of the calendar."""
    import numpy as np

    good_month = (month >= 1) & (month <= 12)
    days = np.asarray(_DAYS)[np.clip(month, 1, 12) - 1]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    days = days + ((month == 2) & leap)
    return good_month & (day >= 1) & (day <= days)


def _parts(cells: pa.Array, pattern: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.extract_regex(cells, pattern)

    def number(name: str) -> np.ndarray:
        values = pc.cast(pc.struct_field(found, name), pa.int32()).to_numpy(zero_copy_only=False)
        return np.nan_to_num(np.asarray(values, dtype="float64")).astype("int64")

    return number("y"), number("b"), number("a")


def impossible_local(cells: pa.Array) -> np.ndarray:
    """Which local dates (Arrow text of cells the local pattern matches) the calendar has neither day first nor
    month first."""
    year, second, first = _parts(cells, LOCAL_PARTS)
    year = year + ((year < 100) * (year < CUTOFF) * 2000) + ((year < 100) * (year >= CUTOFF) * 1900)
    return ~_exists(year, second, first) & ~_exists(year, first, second)


def impossible_iso(cells: pa.Array) -> np.ndarray:
    """Which ISO dates (Arrow text of cells « YYYY-MM-DD » matches) the calendar does not have."""
    year, month, day = _parts(cells, ISO_PARTS)
    return ~_exists(year, month, day)
