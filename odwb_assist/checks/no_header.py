"""Check ``no-header``: the first row is data, not column titles (the file was exported without a header).

A header cell is data-like when it has the shape of its column's values: a number over a column of
numbers, a date over dates, a year over years, or any e-mail or web address. Years over other numbers
(a table by year) and runs of evenly spaced whole numbers (ages 0, 1, 2…; column numbers) are labels.
Two data-like cells make a warning; an error when they are half the header or more, and ``fix`` then
puts the row back among the data under neutral column names (« colonne_1 »…) to be renamed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..core.contract import Change, CheckContext, FixContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .shapes import HeadSampleCheck, column_shape, shape

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("La ligne {row} ressemble à une ligne de données, pas à des titres de colonnes ({cells}) : le fichier "
              "semble ne pas avoir d'en-tête.",
              "Row {row} looks like a data row, not column labels ({cells}): the file seems to have no header.")
TIP = Msg("Insérez une ligne au-dessus des données et écrivez un titre court et explicite pour chaque colonne "
          "(par ex. « commune », « code_postal », « population ») ; sans cela, la première ligne de données devient "
          "le nom des colonnes sur le portail.",
          "Insert a row above the data and type a short, clear label for each column (e.g. 'municipality', "
          "'postcode', 'population'); otherwise the first data row becomes the column names on the portal.")
SAMPLE = 200


def _spaced_integers(cells: list[str]) -> set[int]:
    """Positions of whole numbers that form a run of three or more evenly spaced values, left to right."""
    numbers = [(i, int(c.strip())) for i, c in enumerate(cells) if c.strip().isdigit() and len(c.strip()) <= 6]
    found: set[int] = set()
    for start in range(len(numbers) - 2):
        (i, a), (j, b), (k, c) = numbers[start : start + 3]
        if j == i + 1 and k == j + 1 and b - a == c - b != 0:
            found.update((i, j, k))
    return found


def data_like_cells(header: list[str], sample: pd.DataFrame) -> list[int]:
    """Positions of the header cells that have the shape of their column's values."""
    spaced = _spaced_integers(header)
    found = []
    for position, cell in enumerate(header[: len(sample.columns)]):
        own = shape(cell)
        if own in ("empty", "text") or position in spaced:
            continue
        column = column_shape(sample.iloc[:, position])
        if (own in ("email", "url") or (own == "year" and column == "year")
                or (own == "number" and column in ("number", "year")) or (own == "date" and column == "date")):
            found.append(position)
    return found


class NoHeaderCheck(HeadSampleCheck):
    name = "no-header"
    types = ("no-header",)
    blocking = ("no-header",)  # the types it may report as errors (see ``TableCheck.blocking``)
    sample_rows = SAMPLE

    def end(self, context: CheckContext) -> Iterable[Finding]:
        sample = self.head()
        if sample is None:
            return
        header = _header(context.options.get("detected"), context.fields)
        verdict = no_header_verdict(header, sample)
        if header is None or verdict is None:
            return
        found, severity = verdict
        shown = ", ".join(f"« {header[i].strip()} »" for i in found[:4])
        yield Finding("no-header", severity, MESSAGE.format(row=context.header_row, cells=shown), TIP,
                      row_number=context.header_row, cell=" | ".join(header[:8]),
                      extra={"dataLikeColumns": [i + 1 for i in found]})


def _header(detected: Any, fields: list[str]) -> list[str] | None:
    """The one header row's raw cells (None for a header over two rows: that is a header)."""
    cells = getattr(detected, "header_cells", None) or [fields]
    return [str(cell) for cell in cells[0]] if len(cells) == 1 else None


def no_header_verdict(header: list[str] | None, sample: pd.DataFrame) -> tuple[list[int], Severity] | None:
    """(data-like positions, severity) when the header row looks like data, else None."""
    if header is None or len(sample.columns) < 2 or sample.empty:
        return None
    found = data_like_cells(header, sample)
    filled = [cell for cell in header if cell.strip()]
    if len(found) < 2:
        return None
    return found, Severity.ERROR if 2 * len(found) >= len(filled) else Severity.WARNING


class AddHeader:
    """When the first row is data for certain, give it back to the data and name the columns « colonne_1 »…"""

    name = "add-header"
    reads = ()  # the finding types its plan reads (see ``Fix.reads``)
    triggers = ("no-header",)  # needs the whole table, only when the check reports this
    label = Msg("Ajouter un en-tête (la première ligne était une donnée)",
                "Add a header (the first row was a record)")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        import pandas as pd

        detected = context.options.get("detected")
        header = _header(detected, [str(c) for c in table.columns])
        verdict = no_header_verdict(header, table.head(SAMPLE))
        if header is None or verdict is None or verdict[1] != Severity.ERROR:
            return table, []
        width = len(table.columns)
        names = [f"colonne_{i}" if context.lang == "fr" else f"column_{i}" for i in range(1, width + 1)]
        row = int(getattr(detected, "header_row", 1) or 1)
        first = pd.DataFrame([(header + [""] * width)[:width]], columns=names, index=[row], dtype="str")
        body = table.set_axis(names, axis=1)
        new = pd.concat([first, body])
        new.index.name = table.index.name
        if detected is not None:  # later fixes must not take the old header row (now data) for a header
            context.options["detected"] = replace(detected, header_cells=[names])
        return new, [Change(self.name, row, None, " | ".join(header), " | ".join(names))]


@hookimpl
def odwb_checks(context: CheckContext) -> list[NoHeaderCheck]:
    return [NoHeaderCheck()]


@hookimpl
def odwb_fixes() -> list[AddHeader]:
    return [AddHeader()]
