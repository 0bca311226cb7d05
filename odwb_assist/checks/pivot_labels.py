"""Check ``pivot-labels`` (warning): column titles a pivot table wrote (« Étiquettes de lignes », « Somme de
Montant », « Nombre de Dossier »), which would become the fields' names on the portal; fix ``pivot-labels``: an
aggregate's title becomes its field's (« Somme de Montant » → « Montant », « Moyenne de Prix » → « Prix (moyenne) »).

Excel (French, English, Dutch) and LibreOffice Calc title a pivot table's columns with the name of the
aggregate and of the field (« Somme de X », « Sum of X », « Som van X », « Somme - X ») and its first column
« Étiquettes de lignes » (« Row Labels », « Rijlabels »), whatever the field holds. « Nombre de naissances » is a
natural title: a count is said only when the table shows another sign of a pivot (a row labels title, or a
« Somme de » title). The first column's name cannot be guessed: the user names it after what it holds
(« Catégorie », « Commune »); a count keeps its title (« Nombre de Dossier » says what it counts). Under a row
labels title, the cell « (vide) » (« (blank) », « (leeg) ») is the pivot's name for the rows without a value: said,
and emptied by the fix (the portal would show « (vide) » as one more category).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan, Rewrite
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import current_titles, label_renames, rename_columns, replace_cells
from .label_line_breaks import one_line
from .tally import ColumnTally

if TYPE_CHECKING:
    import pandas as pd

ROW_LABELS = re.compile(r"(?i)\s*(?:[ée]tiquettes de (?:lignes|colonnes)|row labels|column labels|rijlabels|"
                        r"kolomlabels|zeilenbeschriftungen|spaltenbeschriftungen)\s*")
# aggregate, field: Excel's « Somme de X » (fr), « Sum of X » (en), « Som van X » (nl), LibreOffice's « Somme - X »
AGGREGATE = re.compile(r"\s*(?P<how>somme|sum|som|moyenne|average|gemiddelde|max|min|nombre|count|aantal|"
                       r"nb)(?: de | of | van | - )(?P<field>\S.*?)\s*", re.IGNORECASE)
SUFFIX = {"somme": "", "sum": "", "som": "", "moyenne": " (moyenne)", "average": " (moyenne)", "gemiddelde": " (moyenne)",
          "max": " (max)", "min": " (min)"}  # counts keep their title
STRONG = ("somme", "sum", "som")  # an aggregate no one writes by hand as a title: a pivot for certain
BLANK_ITEMS = frozenset({"(vide)", "(blank)", "(leeg)", "(leer)"})  # a pivot's row label for the rows without one

ROW_MESSAGE = Msg("Le titre « {label} » (colonne n° {number}) est celui qu'un tableau croisé dynamique donne à sa "
                  "première colonne : sur le portail, le champ s'appellerait ainsi.",
                  "Title '{label}' (column {number}) is the one a pivot table gives its first column: on the portal, "
                  "the field would be called so.")
AGGREGATE_MESSAGE = Msg("Le titre « {label} » (colonne n° {number}) est celui d'un tableau croisé dynamique : sur le "
                        "portail, le champ s'appellerait ainsi plutôt que « {name} ».",
                        "Title '{label}' (column {number}) is a pivot table's: on the portal, the field would be "
                        "called so rather than '{name}'.")
TIP = Msg("Renommez chaque colonne d'après ce qu'elle contient (« Catégorie », « Commune »…) ; « odwb-assist fix » "
          "renomme « Somme de Montant » en « Montant » (dites alors dans la description du jeu de données que les "
          "valeurs sont des sommes) et vide les cellules « (vide) ».",
          "Rename each column after what it holds ('Category', 'Municipality'…); 'odwb-assist fix' renames 'Sum of "
          "Amount' to 'Amount' (then say in the dataset's description that the values are sums) and empties the "
          "'(blank)' cells.")
BLANK_MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) « {cell} », le nom qu'un tableau croisé dynamique donne "
                    "aux lignes sans valeur (ex. ligne {row}) : sur le portail, ce serait une catégorie de plus.",
                    "Column '{field}': {count} cell(s) '{cell}', the name a pivot table gives the rows without a value "
                    "(e.g. row {row}): on the portal, it would be one more category.")


def names_pivot(text: str) -> bool:
    """Whether a line above a table is a pivot table's own labels (« Somme de Montant », « Étiquettes de colonnes »),
    not a title its author wrote."""
    found = AGGREGATE.match(text)
    return ROW_LABELS.search(text) is not None or (found is not None and found.group("how").lower() in STRONG)


def pivot_titles(labels: list[str]) -> dict[str, str | None]:
    """The labels a pivot table wrote: label -> its field's title (None: a first column's, to name by hand; a count
    keeps its title and is not listed)."""
    found: dict[str, str | None] = {}
    aggregates = {label: AGGREGATE.fullmatch(one_line(label)) for label in labels}
    pivot = any(ROW_LABELS.fullmatch(label) for label in labels) or any(
        match is not None and match.group("how").lower() in STRONG for match in aggregates.values())
    if not pivot:
        return found
    for label in labels:
        match = aggregates[label]
        if ROW_LABELS.fullmatch(label):
            found[label] = None
        elif match is not None and match.group("how").lower() in SUFFIX:
            name = match.group("field")
            found[label] = name[:1].upper() + name[1:] + SUFFIX[match.group("how").lower()]
    return found


def row_label_columns(labels: list[str]) -> list[str]:
    """The columns a pivot table titled « Étiquettes de lignes » (its row labels)."""
    return [label for label, name in pivot_titles(labels).items() if name is None]


class PivotLabelsCheck(BaseTableCheck):
    name = "pivot-labels"
    types = ("pivot-labels",)

    def start(self, context: CheckContext) -> None:
        self.row_labels = set(row_label_columns(list(context.fields)))
        self.blanks = ColumnTally()

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if column.name in self.row_labels and len(column):
            import numpy as np

            texts = column.texts
            self.blanks.add_values(column, np.fromiter((text.strip().lower() in BLANK_ITEMS for text in texts),
                                                       dtype=bool, count=len(texts)))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        yield from self.blanks.findings("pivot-labels", Severity.WARNING, BLANK_MESSAGE, TIP)
        yield from self._titles(context)

    def _titles(self, context: CheckContext) -> Iterable[Finding]:
        titles = pivot_titles(list(context.fields))
        for number, label in enumerate(context.fields, start=1):
            if label not in titles:
                continue
            name = titles[label]
            message = (ROW_MESSAGE.format(label=label, number=number) if name is None else
                       AGGREGATE_MESSAGE.format(label=label, number=number, name=name))
            yield Finding("pivot-labels", Severity.WARNING, message, TIP,
                          row_number=context.header_row, field_name=label, field_number=number, cell=label,
                          extra={"label": name})


class RenamePivotLabels:
    """Fix ``pivot-labels``: an aggregate's title becomes its field's (never onto another column's title), and the
    row labels' « (vide) » cells are emptied."""

    name = "pivot-labels"
    reads = ()  # the finding types its plan reads (see ``Fix.reads``): none, the labels are enough
    label = Msg("Tableau croisé : titres renommés (« Somme de Montant » → « Montant »), « (vide) » vidé",
                "Pivot table: titles renamed ('Sum of Amount' → 'Amount'), '(blank)' emptied")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        labels = [str(column) for column in table.columns]
        changes: list[Change] = []
        for column in row_label_columns(labels):
            values = table[column]
            emptied = _emptied(values)
            if (emptied != values).any():
                table = table.copy() if not changes else table
                changes.extend(replace_cells(table, column, emptied[emptied != values], self.name))
        table, renamed = rename_columns(table, _renamed(labels), self.name)
        return table, changes + renamed

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import fields

        labels = fields(context)
        renamed = _renamed(list(current_titles(context).values()))  # the titles the fixes before leave
        rewrites: dict[str, Rewrite] = {label: _emptied for label in row_label_columns(labels)}
        if not renamed and not rewrites:
            return None
        return FixPlan(rewrites=rewrites, rename=renamed,
                       changes=[Change(self.name, None, new, old, new) for old, new in renamed.items()])


def _emptied(values: pd.Series) -> pd.Series:
    """The row labels with their « (vide) » cells emptied."""
    blank = values.str.strip().str.lower().isin(BLANK_ITEMS)
    return values.where(~blank, "") if blank.any() else values


def _renamed(labels: list[str]) -> dict[str, str]:
    """An aggregate's title -> its field's (never onto another column's title)."""
    return label_renames(labels, pivot_titles(labels).get)


@hookimpl
def odwb_checks(context: CheckContext) -> list[PivotLabelsCheck]:
    return [PivotLabelsCheck()]


@hookimpl
def odwb_fixes() -> list[RenamePivotLabels]:
    return [RenamePivotLabels()]
