"""The same table under another: its own title alone on a row, then the header again (``stacked-same-tables``).

A sheet often holds tables one under the other (a budget's « Service ordinaire » then « Service extraordinaire »,
a table per year or per district): a blank row, a title alone on its row, the header again, the rows. The repeated
header is ``repeated-header``'s (:mod:`.repeated_header`, which finds these titles as it walks up from it); the title
is no page break (:mod:`.page_breaks`: not the document's title again, nor a page number): it names the rows below.
Read as one table, the rows of both mix with nothing to tell them apart (« 104 Administration générale » twice, with
other amounts): an error. Found only there, walking up from a repeated header over blank rows and page openers to a
row holding one cell with letters (not a total, not a page number) with a blank row above it, or right under the table
before when the cell is out of its column's shape (a title in a column of codes or amounts).

Fix ``tables-to-column``: a first column « tableau » names each row's table — the title above the first header
(the one nearest to it), then each title found — and the title rows go to the side file of removed rows. Without a
title above the first header, no fix: the first table has no name to give (the error is left to the author).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..core.contract import Change, FixContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .page_breaks import PAGE, Line, opens_page
from .total_markers import looks_like_total

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("Ligne {row} : « {cell} » est le titre d'un autre tableau, sous le précédent (son en-tête est répété "
              "ligne {header}) : lues comme un seul tableau, les lignes des deux se mêlent sans rien pour les "
              "distinguer.",
              "Row {row}: '{cell}' is the title of another table, under the one before (its header is repeated on row "
              "{header}): read as one table, the rows of both mix with nothing to tell them apart.")
TIP = Msg("Ajoutez une première colonne qui donne à chaque ligne le titre de son tableau, puis supprimez les lignes de "
          "titre et d'en-tête répété ; ou publiez chaque tableau à part. « odwb-assist fix » le fait quand le premier "
          "tableau a, lui aussi, son titre au-dessus de l'en-tête (colonne « tableau »).",
          "Add a first column that gives each row its table's title, then delete the title and repeated header rows; "
          "or publish each table on its own. 'odwb-assist fix' does it when the first table also has its title above "
          "the header ('table' column).")
LONGEST = 120  # characters of a table's title at most (a longer cell alone on its row is a note)
SAMPLE = 200  # filled cells of a column read for its shape


def table_title(walk: Sequence[Line], titles: frozenset[str], odd: Callable[[Line], bool] | None = None) -> Line | None:
    """The title of a table found walking up from its repeated header (``walk``: the lines above it, nearest
    first): over blank lines and page openers, the first other line when it holds one named cell and a blank line is
    above it, or, right under the table before, a cell out of its column's shape (``odd``: « Service extraordinaire »
    in a column of function codes); None otherwise (the last record of the table before, a page's title)."""
    for index, line in enumerate(walk):
        if line.filled == 0 or line.filled == 1 and opens_page(line.text, titles):
            continue
        text = line.text.strip()
        if line.filled != 1 or len(text) > LONGEST or not any(character.isalpha() for character in text) \
                or looks_like_total(text) or PAGE.search(text):
            return None
        above = walk[index + 1: index + 2]
        return line if above and above[0].filled == 0 or odd is not None and odd(line) else None
    return None


def out_of_column(frame: pd.DataFrame) -> Callable[[Line], bool]:
    """Whether a line's one cell is out of the shape of its column in ``frame`` (text among numbers or dates), its
    column's shape read from at most :data:`SAMPLE` filled cells."""
    from .shapes import column_shape, out_of_shape

    def odd(line: Line) -> bool:
        if line.column < 0 or line.column >= len(frame.columns):
            return False
        values = frame.iloc[:, line.column].astype(str)
        return out_of_shape(line.text, column_shape(values[values.str.strip() != ""].head(SAMPLE)))

    return odd


def stacked_finding(title: Line, header: int) -> Finding:
    text = title.text.strip()
    return Finding("stacked-same-tables", Severity.ERROR, MESSAGE.format(row=title.row, cell=text, header=header), TIP,
                   row_number=title.row, cell=text, extra={"title": text, "header": header})


def first_title(detected: Any) -> str | None:
    """The title above the first header (the nearest one), as the file has it; None without one."""
    rows = [text.strip() for _, text in getattr(detected, "title_rows", []) or [] if str(text).strip()]
    return rows[-1] if rows else None


class TablesToColumn:
    """Tables one under the other become one: a first column names each row's table, the title rows go.

    It reads the titles the check found (their rows: the file's, kept through the fixes before it), and runs after
    the fixes that drop the repeated headers and blank rows between the tables, which find them by the header's
    place (a column put first before them would shift it).
    """

    name = "tables-to-column"
    reads = ("stacked-same-tables",)  # the finding types its plan reads (see ``Fix.reads``)
    triggers = ("stacked-same-tables",)  # needs the whole table, only when the check reports this
    label = Msg("Tableaux l'un sous l'autre → une colonne « tableau »", "Tables one under another → a 'table' column")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        from ..quality.fixing import free_label

        first = first_title(context.options.get("detected"))
        report = context.report
        titles = sorted((int(f.row_number), str(f.extra.get("title", f.cell or ""))) for f in
                        (report.findings if report else []) if f.type == "stacked-same-tables" and f.row_number)
        titles = [(row, text) for row, text in titles if row in table.index]
        if first is None or not titles or table.empty:
            return table, []
        name = free_label("tableau" if context.lang == "fr" else "table", table.columns)
        values = table.index.to_series().map(lambda _: first).astype(str)
        for row, text in titles:
            values[table.index > row] = text
        dropped = [row for row, _ in titles]
        new = table.drop(index=dropped)
        new.insert(0, name, values.drop(index=dropped))
        return new, [Change(self.name, row, name, text, None) for row, text in titles]


@hookimpl
def odwb_fixes() -> list[TablesToColumn]:
    return [TablesToColumn()]
