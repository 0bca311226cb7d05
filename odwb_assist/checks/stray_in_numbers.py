"""Check ``stray-in-numbers``: a cell that is no number among the numbers written the local way (« 12/2024 », « à
définir », « gratuit » in a column of « 1.234,56 »).

A column of plain numbers (« 1234.5 ») with such a cell gets a ``type-error`` from the type tally
(:mod:`..quality.typecheck`). Written the local way, the same column is text to the reader (a decimal comma is no
number for it), its commas are said by their own findings, and the stray cell was said by nobody: ``check`` gave a
green tick, ``fix`` wrote the numbers with a decimal point and left the stray cell, and only then did the clean file
get its ``type-error``. Said here as that type error will be: an **error** when such cells are a tenth of the
column at most (the clean file's column is a column of numbers with a mistake in it), a warning above that (the
portal will read the column as text, :mod:`..quality.read_as_text`). Only where the column's numbers are nearly
all its cells (``fix`` converts it, :data:`.decimal_comma.NUMBER_SHARE`) and some are written the local way; not a
placeholder (« n.d. », « - »), a masked or noted number (« <5 », « 16 620 (p) »), a negative written for display,
an open class (« 95 et plus »), a spreadsheet's error (« #DIV/0! »), a total's or a statistic's label, the
column's own title repeated, nor a number followed by words (a unit or a note, said by their checks). No fix: only
the author knows what the cell should hold.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .number_share import OddNumbersCheck

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

MESSAGE = Msg("Colonne « {field} » : {count} valeur(s) qui ne sont pas des nombres, parmi des nombres écrits à la "
              "belge (ex. ligne {row} : « {cell} ») : « odwb-assist fix » écrit les nombres avec un point décimal "
              "mais laisse ces cellules, et le portail lirait la colonne comme du texte, sans tri numérique, somme "
              "ni graphique.",
              "Column '{field}': {count} value(s) that are not numbers, among numbers written the Belgian way (e.g. "
              "row {row}: '{cell}'): 'odwb-assist fix' writes the numbers with a decimal point but leaves these "
              "cells, and the portal would read the column as text, with no numeric sort, sum nor chart.")
TIP = Msg("Corrigez ces cellules (un nombre), ou videz-les si la valeur manque ; une remarque va dans une colonne à "
          "part.",
          "Correct those cells (a number), or empty them if the value is missing; a remark goes in a column of its "
          "own.")
ERROR_SHARE = 0.10  # at most this share of the column: the clean file's type tally says a type-error (an error)
_PLAIN = re.compile(r"\s*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*")  # a number the reader reads
# a number then words: a unit (« 12 m² ») or a note (« 16 620 (p) »), said by their own checks
_NUMBER_THEN_WORDS = re.compile(r"\s*[-+−]?[0-9][0-9\s.,']*\s*[^\W\d_(].*", re.DOTALL)


def _worded(cells: pa.Array, among: np.ndarray) -> np.ndarray:
    """Which values flagged by ``among`` are a number followed by words (« 36 mois », « 12 places »): read as numbers
    by the parse, but no number ``fix`` writes with a decimal point (a unit fix strips only when the whole column
    has it: said by ``unit-in-cell``). Only values holding a letter are matched."""
    import numpy as np
    import pyarrow as pa

    from .cells import holding

    worded = np.zeros(len(among), dtype=bool)
    at = np.flatnonzero(among)
    picked = cells.take(pa.array(at)) if len(at) else None
    if picked is not None:
        lettered = holding(picked, letters=True, non_ascii=True)
        at, texts = at[lettered], picked.filter(pa.array(lettered)).to_pylist()
        worded[at] = [_NUMBER_THEN_WORDS.fullmatch(str(text).strip()) is not None for text in texts]
    return worded


def _said_elsewhere(text: str, title: str) -> bool:
    """Whether a cell that does not read as a number is another check's (see the module's text)."""
    from ..quality.placeholders import is_placeholder
    from .excel_errors import is_error
    from .number_notes import is_marked, is_masked
    from .total_markers import could_be_marker

    stripped = text.strip()
    return (not stripped or is_placeholder(stripped) or is_marked(stripped) or is_masked(stripped)
            or is_error(stripped) or could_be_marker(stripped) or stripped.casefold() == title.strip().casefold()
            or _NUMBER_THEN_WORDS.fullmatch(stripped) is not None)


class StrayInNumbersCheck(OddNumbersCheck):
    name = "stray-in-numbers"
    types = ("stray-in-numbers",)
    blocking = ("stray-in-numbers",)  # the types it may report as errors (see ``TableCheck.blocking``)
    message = MESSAGE
    tip = TIP

    def start(self, context: CheckContext) -> None:
        super().start(context)
        self.local: Counter[str] = Counter()  # cells read as numbers that are not plain ones

    def odd_values(self, column: ColumnValues, plain: np.ndarray | None, counted: bool) -> np.ndarray:
        """The stray cells of a column of numbers written the local way (none for a text column, or one of plain
        numbers: the type tally's); the local numbers counted on the way."""
        import numpy as np
        import pyarrow as pa

        from .decimal_comma import NUMBER_SHARE
        from .negative_display import negative_displays
        from .numbers import PARSED_NUMBERS
        from .open_classes import open_classes
        from .plain import text_cells

        stray = np.zeros(len(column), dtype=bool)
        numbers = np.isfinite(column.prepared(PARSED_NUMBERS)[0])
        if plain is None:  # a few values: told in Python
            plain = np.fromiter((_PLAIN.fullmatch(text) is not None for text in column.texts), dtype=bool,
                                count=len(column))
        local = numbers & ~plain
        counts = column.counts
        if not counted and (not local.any() or counts[numbers].sum() < NUMBER_SHARE * counts.sum()):
            return stray  # a text column, or plain numbers: most columns end here
        cells = text_cells(column)
        local &= ~_worded(cells, local)
        if not counted and not local.any():
            return stray  # numbers followed by words only (« 36 mois »): none written the Belgian way
        self.local[column.name] += int(counts[local].sum())
        candidates = ~numbers & ~negative_displays(cells) & ~open_classes(cells)
        at = np.flatnonzero(candidates)
        texts = cells.take(pa.array(at)).to_pylist() if len(at) else []
        stray[at] = [not _said_elsewhere(str(text), column.name) for text in texts]
        return stray

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for finding in self.tally.findings(self.types[0], Severity.ERROR, self.message, self.tip):
            name = finding.field_name or ""
            if not self.local[name] or not self.share.nearly_all(name):
                continue
            if finding.count > ERROR_SHARE * self.share.filled[name]:
                finding = dataclasses.replace(finding, severity=Severity.WARNING)
            yield finding


@hookimpl
def odwb_checks(context: CheckContext) -> list[StrayInNumbersCheck]:
    return [StrayInNumbersCheck()]
