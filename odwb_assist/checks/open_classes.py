"""Check ``open-class`` (warning): an open-ended class (« 95 ans et plus », « 95+ », « plus de 100 ans ») in a
column of numbers.

Population by age, benefits by number of children, dwellings by number of rooms: statistical tables end their
numbers with a class open at one end. The portal reads such a cell as text, and the whole column with it (sorted 1,
10, 100, 2…); before this check it was a ``type-error``, an error whose advice (a whole number, « ex. 42 ») would
have lost what the class says. Said when the column's numbers, with these cells, are nearly all its filled cells
(:data:`.decimal_comma.NUMBER_SHARE`) and at least twice as many as the classes; no fix: only the author knows
whether the column may become text or the class its bound. « <5 » without a unit is a masked small number
(``masked-values``), not a class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.contract import CheckContext
from ..core.findings import Finding
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .number_share import OddNumbersCheck

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

MINIMUM = 3  # numbers in the column, and twice as many as classes: a column of classes alone is text
YEARS = r"\s*ans?"
# RE2, whole cell: « 95+ », « 95 ans et plus », « 95 et + », « 100 ou plus », « plus de 95 ans », « + de 95 ans »,
# « moins d'1 an », « > 95 ans »
OPEN_CLASS = (r"(?i)\s*(?:\d+\s*\+"
              rf"|\d+(?:{YEARS})?\s*(?:et\s*(?:plus|\+|au-del[aà])|ou\s*plus)"
              rf"|(?:plus|\+)\s*d[e']\s*\d+(?:{YEARS})?|au-del[aà]\s*d[e']\s*\d+(?:{YEARS})?"
              rf"|moins\s*d(?:e\s*|'\s*)\d+{YEARS}|(?:[<>]=?|[≤≥])\s*\d+{YEARS})\s*")

FIRST = " \t0123456789+<>pPaAmM\xe2"  # the first byte of a class: a digit, « + », « plus », « au-delà », « moins », ≥ ≤
HOLDS = "+<>aopAOP"  # and a class holds one of these (or ≥ ≤): « 95 » alone does not

MESSAGE = Msg("Colonne « {field} » : {count} classe(s) ouverte(s) parmi les nombres (ex. ligne {row} : « {cell} ») : le "
              "portail lit toute la colonne comme du texte (triée 1, 10, 100, 2…).",
              "Column '{field}': {count} open-ended class(es) among the numbers (e.g. row {row}: '{cell}'): the portal "
              "reads the whole column as text (sorted 1, 10, 100, 2…).")
TIP = Msg("Si la colonne doit se trier et se filtrer comme des nombres, écrivez la borne seule (95) et dites dans la "
          "description du jeu de données ce qu'elle compte (« 95 : 95 ans et plus ») ; sinon, gardez la classe.",
          "If the column must sort and filter as numbers, write the bound alone (95) and say in the dataset's "
          "description what it counts ('95: 95 and over'); otherwise, keep the class.")


def open_classes(cells: pa.Array, candidates: np.ndarray | None = None) -> np.ndarray:
    """Which cells of an Arrow text array are open-ended classes (:data:`OPEN_CLASS`), among ``candidates`` (None:
    all); only the cells whose first byte may open one are matched."""
    import numpy as np
    import pyarrow as pa

    from .cells import arrow_fullmatch, byte_set, first_bytes, holding

    found = np.zeros(len(cells), dtype=bool)
    if not len(cells) or cells.null_count:
        return found
    may = byte_set(FIRST)[first_bytes(cells)]
    if candidates is not None:
        may &= candidates
    if may.any():  # a class holds « + », « < », « > », « ≥ », « ≤ » or a word of « ans », « plus », « ou », « au-delà »
        may &= holding(cells, HOLDS, raw=b"\xe2")
    at = np.flatnonzero(may)
    if len(at):
        found[at] = arrow_fullmatch(cells if len(at) == len(cells) else cells.take(pa.array(at)), OPEN_CLASS)
    return found


class OpenClassCheck(OddNumbersCheck):
    name = "open-class"
    types = ("open-class",)
    message, tip = MESSAGE, TIP

    def odd(self, cells: pa.Array, plain: np.ndarray | None) -> np.ndarray:
        return open_classes(cells, None if plain is None else ~plain)

    def said(self, finding: Finding) -> bool:
        """The classes are no numbers: the column's numbers and them are nearly all its cells, and the numbers at
        least twice the classes (a column of classes alone is text)."""
        name = finding.field_name or ""
        return self.share.numbers[name] >= max(MINIMUM, 2 * finding.count) and self.share.nearly_all(
            name, besides=finding.count)


@hookimpl
def odwb_checks(context: CheckContext) -> list[OpenClassCheck]:
    return [OpenClassCheck()]
