"""Check ``side-by-side-tables`` (error): the same table repeated side by side on a sheet, a blank column between
(« Naissances 2023 » in A:D, « Naissances 2024 » in F:I, each under its title); fix ``stack-tables``: one under the
other, their titles in a first column.

Read as one table, such a sheet has every label twice and a blank column: the portal would publish the 2023 and
2024 columns as different measures, named « Commune2 », « Garçons2 ». Reported when a column with neither label nor
value splits the columns into groups of two columns or more whose labels are the same, in the same order (letter
case and spaces aside): a strong pattern, so an error. The fix runs last (the other fixes work on the columns as they
are) and only when each group has a title of its own above it (the title rows' cells over its columns): the title
becomes the value of a first column, « annee » when the titles differ by a year only (then the year alone), else
« tableau »; the rows of the second group follow those of the first. Nothing is lost: every cell is in the clean
file, the title rows in the side file. Without titles the user says what tells the tables apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import free_label
from .hidden_cells import column_letter

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("Le fichier contient {count} tableaux côte à côte, séparés par une colonne vide et avec les mêmes titres "
              "de colonnes ({spans}) : lus comme un seul tableau, chaque titre y est en double.",
              "The file holds {count} tables side by side, separated by a blank column and with the same column "
              "titles ({spans_en}): read as one table, every title is there twice.")
TIP = Msg("Mettez les tableaux l'un sous l'autre, en un seul tableau, avec une colonne qui dit ce qui les distingue "
          "(par ex. « annee »). « odwb-assist fix » le fait quand chaque tableau a son titre au-dessus de lui "
          "(« Naissances 2023 », « Naissances 2024 »).",
          "Put the tables one under the other, as one table, with a column saying what tells them apart (e.g. "
          "'year'). 'odwb-assist fix' does it when each table has its title above it ('Births 2023', 'Births 2024').")
DIFFERENT_MESSAGE = Msg("Le fichier contient {count} tableaux différents côte à côte ({spans}), séparés par une colonne "
                        "vide et de longueurs différentes : lus comme un seul tableau, chaque ligne mêlerait des "
                        "enregistrements sans rapport entre eux.",
                        "The file holds {count} different tables side by side ({spans_en}), separated by a blank "
                        "column and of different lengths: read as one table, each row would mix unrelated records.")
DIFFERENT_TIP = Msg("Mettez chaque tableau dans sa propre feuille ou son propre fichier, puis vérifiez-les et publiez-les "
                    "un par un. « odwb-assist fix » ne les sépare pas et garde la colonne vide qui les sépare.",
                    "Put each table on a sheet or in a file of its own, then check and publish them one by one. "
                    "'odwb-assist fix' does not split them, and keeps the blank column between them.")
MIN_WIDTH = 2  # columns of each table
NUMBER = re.compile(r"[ \t]*[-+]?[0-9][0-9 .,\u00a0\u202f]*[ \t]*")  # a number as written, whatever its separators
SEEN = 50  # values of a table's first column looked at
YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


@dataclass(frozen=True)
class Tables:
    """The side-by-side tables of a sheet: each one's column positions (0-based, in the table as read)."""

    groups: tuple[tuple[int, ...], ...]
    separators: tuple[int, ...]

    def spans(self, lang: str) -> str:
        joined = " à " if lang == "fr" else " to "
        words = [f"{column_letter(g[0] + 1)}{joined}{column_letter(g[-1] + 1)}" for g in self.groups]
        return ("colonnes " if lang == "fr" else "columns ") + ", ".join(words)


def _normal(label: str) -> str:
    return " ".join(label.split()).casefold()


def side_by_side(labels: list[str], empty: Iterable[int]) -> Tables | None:
    """The tables side by side, from the header's raw ``labels`` and the positions of the ``empty`` columns: groups
    (:func:`groups_apart`) whose labels are the same, in the same order."""
    empty = list(empty)
    groups = groups_apart(labels, empty)
    if groups is None:
        return None
    first = [_normal(labels[p]) for p in groups[0]]
    if len(set(first)) < len(first):
        return None
    if any([_normal(labels[p]) for p in group] != first for group in groups[1:]):
        return None
    blank = {position for position in empty if position < len(labels) and not labels[position].strip()}
    inner = tuple(p for p in sorted(blank) if groups[0][0] < p < groups[-1][-1])
    return Tables(tuple(tuple(group) for group in groups), inner)


def unnamed_labels(labels: list[str]) -> list[str]:
    """``labels`` with the name a clean file gives a column without a title (« field3 », third column) blank again:
    the blank column between two tables, kept by ``fix``, splits them in its clean file too."""
    return ["" if label.strip() == f"field{position}" else label for position, label in enumerate(labels, start=1)]


def groups_apart(labels: list[str], empty: Iterable[int]) -> list[list[int]] | None:
    """The groups of two columns or more that blank, never filled columns split the header into (all labelled)."""
    blank = {position for position in empty if position < len(labels) and not labels[position].strip()}
    groups: list[list[int]] = [[]]
    for position in range(len(labels)):
        if position in blank:
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(position)
    groups = [group for group in groups if group]
    if len(groups) < 2 or any(len(group) < MIN_WIDTH for group in groups):
        return None
    if any(not labels[p].strip() for group in groups for p in group):
        return None
    return groups


@dataclass
class Extent:
    """What the rows say of one column: the last row holding a value, and a few values of it."""

    last: int = 0
    values: list[str] = field(default_factory=list)


def different_tables(groups: list[list[int]], extents: dict[int, Extent]) -> bool:
    """Whether the groups are different tables: each opens with a column of words (its own names: « École 3 »,
    « Crèche 2 »), and they end on different rows. One table with a blank spacer column has numbers on its right
    (« Nom | Prénom | | 2023 | 2024 »), or ends on the same row on both sides."""
    ends = []
    for group in groups:
        opening = extents.get(group[0])
        if opening is None or not opening.values or sum(NUMBER.fullmatch(v) is not None for v in opening.values) * 2 \
                >= len(opening.values):
            return False
        ends.append(max((extents[p].last for p in group if p in extents), default=0))
    return len(set(ends)) > 1 and min(ends) > 0


def _raw_labels(detected: Any, fields: list[str]) -> list[str] | None:
    """The header's own cells (one header row only), as wide as the table."""
    header = getattr(detected, "header_cells", None) or []
    if len(header) != 1:
        return None
    cells = list(header[0])[: len(fields)]
    return cells + [""] * (len(fields) - len(cells))


class SideBySideTablesCheck(BaseTableCheck):
    name = "side-by-side-tables"
    types = ("side-by-side-tables",)
    blocking = ("side-by-side-tables",)  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        self.filled: Counter[int] = Counter()
        labels = unnamed_labels(_raw_labels(context.options.get("detected"), list(context.fields)) or [])
        # columns followed row by row only when blank labels may split the header (rare: no cost otherwise)
        self.extents: dict[int, Extent] | None = \
            {} if groups_apart(labels, [p for p, label in enumerate(labels) if not label.strip()]) else None

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if len(column) and not self.filled[column.number]:  # only « never filled » matters
            self.filled[column.number] += 1
        return ()

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        if self.extents is None or chunk.empty:
            return ()
        index = chunk.index.to_numpy()
        for position in range(len(chunk.columns)):
            values = chunk.iloc[:, position]
            filled = (values.str.strip() != "").to_numpy()
            if filled.any():
                extent = self.extents.setdefault(position, Extent())
                extent.last = max(extent.last, int(index[filled].max()))
                if len(extent.values) < SEEN:
                    extent.values.extend(values[filled].head(SEEN - len(extent.values)).tolist())
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        detected = context.options.get("detected")
        labels = _raw_labels(detected, context.fields)
        if labels is None or len(context.fields) < 2 * MIN_WIDTH + 1:
            return
        empty = [number - 1 for number in range(1, len(context.fields) + 1) if not self.filled[number]]
        tables = side_by_side(labels, empty)
        if tables is None:
            yield from self._different(context, labels, empty)
            return
        count = len(tables.groups)
        yield Finding("side-by-side-tables", Severity.ERROR,
                      Msg(MESSAGE.fr.format(count=count, spans=tables.spans("fr")),
                          MESSAGE.en.format(count=count, spans_en=tables.spans("en"))),
                      TIP, row_number=context.header_row,
                      extra={"tables": [[context.fields[p] for p in group] for group in tables.groups],
                             "columns": [[p + 1 for p in group] for group in tables.groups]})


    def _different(self, context: CheckContext, labels: list[str], empty: list[int]) -> Iterable[Finding]:
        labels = unnamed_labels(labels)
        groups = groups_apart(labels, empty)
        if groups is None or self.extents is None or not different_tables(groups, self.extents):
            return
        tables = Tables(tuple(tuple(group) for group in groups), ())
        separators = [p for p in empty if groups[0][0] < p < groups[-1][-1] and not labels[p].strip()]
        count = len(groups)
        yield Finding("side-by-side-tables", Severity.ERROR,
                      Msg(DIFFERENT_MESSAGE.fr.format(count=count, spans=tables.spans("fr")),
                          DIFFERENT_MESSAGE.en.format(count=count, spans_en=tables.spans("en"))),
                      DIFFERENT_TIP, row_number=context.header_row,
                      extra={"tables": [[context.fields[p] for p in group] for group in groups],
                             "columns": [[p + 1 for p in group] for group in groups], "different": True,
                             "separators": [context.fields[p] for p in separators]})


def kept_separators(context: FixContext) -> set[str]:
    """The blank columns between different tables side by side: kept by the fixes (dropped, the tables would be
    glued into rows that mix unrelated records)."""
    report = context.report
    return {label for finding in (report.findings if report else []) if finding.type == "side-by-side-tables"
            and finding.extra.get("different") for label in finding.extra.get("separators", [])}


def _titles(context: FixContext, groups: list[list[int]]) -> list[str] | None:
    """Each table's title: the cells of the title rows over its columns and the blank columns before them (a title
    is often typed one column to the left); None when one has none, or two the same."""
    from ..quality.line_ends import read_path
    from ..quality.side_files import rows_above

    detected = context.options.get("detected")
    report = context.report
    if detected is None or report is None or not detected.title_rows:
        return None
    rows = rows_above(read_path(report.source, detected), detected)
    numbers = {row for row, _ in detected.title_rows}
    titles = []
    start = 0
    for group in groups:
        span = range(start, group[-1] + 1)
        start = group[-1] + 1
        words = [row[p].strip() for number, row in enumerate(rows, start=1) if number in numbers
                 for p in span if p < len(row) and row[p].strip()]
        titles.append(" ".join(words))
    if any(not title for title in titles) or len(set(titles)) < len(titles):
        return None
    return titles


def _column(titles: list[str], lang: str) -> tuple[str, list[str]]:
    """The first column's name and values: the years when the titles differ by a year only."""
    years = [YEAR.findall(title) for title in titles]
    if all(len(found) == 1 for found in years) and len({YEAR.sub("", t) for t in titles}) == 1:
        return ("annee" if lang == "fr" else "year"), [found[0] for found in years]
    return ("tableau" if lang == "fr" else "table"), titles


class StackTables:
    """Fix ``stack-tables``: tables side by side, each under its title, put one under the other."""

    name = "stack-tables"
    reads = ("side-by-side-tables",)  # the finding types its plan reads (see ``Fix.reads``)
    triggers = ("side-by-side-tables",)  # needs the whole table, only when the check reports this
    label = Msg("Tableaux côte à côte mis l'un sous l'autre (colonnes déplacées)",
                "Side-by-side tables put one under the other (columns moved)")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        import pandas as pd

        found = [f for f in (context.report.findings if context.report else []) if f.type == "side-by-side-tables"]
        if len(found) != 1 or found[0].extra.get("different"):  # different tables: not stacked
            return table, []
        tables: list[list[str]] = found[0].extra["tables"]
        columns: list[list[int]] = found[0].extra["columns"]
        if any(label not in table.columns for group in tables for label in group):
            return table, []  # a fix before this one renamed or removed a column: left as it is
        titles = _titles(context, [[n - 1 for n in group] for group in columns])
        if titles is None:
            return table, []
        name, values = _column(titles, context.lang)
        raw = _raw_labels(context.options.get("detected"), [str(c) for c in context.options.get("fields", [])]) or []
        if len(raw) < max(columns[-1]):
            return table, []
        labels = tables[0]
        name = free_label(name, labels)
        parts = []
        for group, value in zip(tables, values, strict=True):
            part = table[group].copy()
            part.columns = labels
            part.insert(0, name, value)
            parts.append(part)
        stacked = pd.concat(parts)
        changes = [Change(self.name, None, label, f"{raw[number - 1]} ({column_letter(number)})",
                          f"{raw[home - 1]} ({column_letter(home)}), {name} = {value}")
                   for group, numbers, value in zip(tables[1:], columns[1:], values[1:], strict=True)
                   for label, number, home in zip(group, numbers, columns[0], strict=True)]
        return stacked, changes


@hookimpl
def odwb_checks(context: CheckContext) -> list[SideBySideTablesCheck]:
    return [SideBySideTablesCheck()]


@hookimpl
def odwb_fixes() -> list[StackTables]:
    return [StackTables()]
