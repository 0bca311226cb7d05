"""Check ``year-columns`` (info): one measure spread over one column per year (« 2019 », « 2020 »… or « Population
2019 », « Population 2020 »…), as a statistics table is laid out for reading.

On the portal, each year is then a field of its own: no filter by year, no time axis, and a chart of the evolution
needs every column chosen one by one. One row per year does not have these limits: a column « annee » and a column
of values. Said once, as an information: the table is right as it is, and reshaping it is the user's choice (Excel's
Power Query does it: « Dépivoter les colonnes »). Nothing is read: the labels and the sampled types tell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.contract import BaseTableCheck, CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg

YEAR = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9]{2})(?![0-9])")
MINIMUM = 3  # year columns side by side
NUMBERS = ("integer", "number", "any")

MESSAGE = Msg("Les colonnes « {first} » à « {last} » ({count}) sont une même mesure, une colonne par année : le portail "
              "ne pourra ni filtrer par année ni tracer une évolution sur un axe du temps.",
              "Columns '{first}' to '{last}' ({count}) are one measure, one column per year: the portal will neither "
              "filter by year nor draw an evolution on a time axis.")
TIP = Msg("Pour le portail, mieux vaut une ligne par année : une colonne « annee » et une colonne de valeurs. Dans Excel : "
          "Données > À partir d'un tableau, sélectionnez les colonnes des années, puis Transformer > Dépivoter les "
          "colonnes. Le tableau peut aussi être publié tel quel.",
          "For the portal, one row per year is better: a column 'year' and a column of values. In Excel: Data > From "
          "Table, select the year columns, then Transform > Unpivot Columns. The table may also be published as it is.")


def year_runs(labels: list[str], types: dict[str, str]) -> list[list[str]]:
    """The runs of at least :data:`MINIMUM` columns side by side whose labels differ only by a year (all the same
    text around it), rising one year or more at a time, and whose sampled types are numbers."""
    runs: list[list[str]] = []
    current: list[str] = []
    pattern: str | None = None
    last = 0
    for label in labels + [""]:
        found = YEAR.search(label)
        shape = YEAR.sub("{}", label, count=1).strip().casefold() if found else None
        year = int(found.group(1)) if found else 0
        if found and types.get(label, "any") in NUMBERS and shape == pattern and year > last and len(
                YEAR.findall(label)) == 1:
            current.append(label)
            last = year
            continue
        if len(current) >= MINIMUM:
            runs.append(current)
        current, pattern, last = ([label], shape, year) if found and types.get(label, "any") in NUMBERS else ([], None, 0)
    return runs


class YearColumnsCheck(BaseTableCheck):
    name = "year-columns"
    types = ("year-columns",)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        labels = [str(label) for label in context.fields]
        for run in year_runs(labels, context.options.get("types", {})):
            yield Finding("year-columns", Severity.INFO,
                          MESSAGE.format(first=run[0], last=run[-1], count=len(run)), TIP,
                          row_number=context.header_row, field_name=run[0], field_number=labels.index(run[0]) + 1,
                          extra={"columns": run})


@hookimpl
def odwb_checks(context: CheckContext) -> list[YearColumnsCheck]:
    return [YearColumnsCheck()]
