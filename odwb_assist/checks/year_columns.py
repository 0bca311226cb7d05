"""Check ``year-columns`` (info): one measure (or a few, repeated: « Hommes 2021 », « Femmes 2021 », « Hommes 2022 »…)
spread over one column per year or per month (« 2019 », « 2020 »…,
« Population 2019 », « Population 2020 »…, « Janvier », « Février »…, « janv.-24 », « févr.-24 »…), as a statistics
table or a monthly follow-up is laid out for reading.

On the portal, each year or month is then a field of its own: no filter by date, no time axis, and a chart of the
evolution needs every column chosen one by one. One row per period does not have these limits: a column « annee »
(or « mois ») and a column of values. Said once, as an information: the table is right as it is, and reshaping it is
the user's choice (Excel's Power Query does it: « Dépivoter les colonnes »). Nothing is read: the labels and the
sampled types tell, or, for a column sampled as text, its cells: numbers written the local way (« 12 450 »,
« 3,5 ») are numbers too.

A run of month columns whose cells list days of the month (« 5, 19 », « 2 - 16 - 30 »: a waste-collection
calendar, the opening days of a service) is a calendar laid out for reading: several dates in a cell, their year
nowhere. Said apart, with the same information level: one row per date (a column of whole dates) lets the portal
filter, sort and place them on a calendar.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from ..core.contract import CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .decimal_comma import NUMBER_SHARE
from .parsed_numbers import NumbersCheck
from .written_dates import MONTHS, SHORT_MONTHS

YEAR = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9]{2})(?![0-9])")
ENGLISH_MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
                  "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
                  "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
MONTH_NUMBERS = {**ENGLISH_MONTHS, **SHORT_MONTHS, **MONTHS}
MONTH = re.compile(r"(?<![a-z])(" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")(?![a-z])\.?")
MINIMUM = 3  # columns side by side
# days of a month listed in a cell: « 5, 19 », « 5 et 19 », « 2 - 16 - 30 » (strictly rising, checked apart); not
# « 12/20 » nor « 2+3 », a mark or a sum in a monthly follow-up
DAY_LIST = re.compile(r"\s*[0-3]?[0-9](?:\s*(?:[,;&-]|\bet\b)\s*[0-3]?[0-9]|\s+[0-3]?[0-9])+\s*\.?\s*")
DAY_SPLIT = re.compile(r"[^0-9]+")
LISTED_SHARE = 0.1  # of a run's filled cells listing days, for a calendar
NUMBERS = ("integer", "number", "any")
UNITS = {"year": Msg("année", "year"), "month": Msg("mois", "month")}

MESSAGE = Msg("Les colonnes « {first} » à « {last} » ({count}) sont une même mesure, une colonne par {unit} : le portail "
              "ne pourra ni filtrer par date ni tracer une évolution sur un axe du temps.",
              "Columns '{first}' to '{last}' ({count}) are one measure, one column per {unit}: the portal will neither "
              "filter by date nor draw an evolution on a time axis.")
GROUPED = Msg("Les colonnes « {first} » à « {last} » ({count}) répètent {number} mesures (« {measures} »), une colonne "
              "par {unit} pour chacune : le portail ne pourra ni filtrer par date ni tracer une évolution sur un axe du "
              "temps.",
              "Columns '{first}' to '{last}' ({count}) repeat {number} measures ('{measures}'), one column per {unit} "
              "for each: the portal will neither filter by date nor draw an evolution on a time axis.")
TIP = Msg("Pour le portail, mieux vaut une ligne par {unit} : une colonne de la période et une colonne de valeurs. Dans "
          "Excel : Données > À partir d'un tableau, sélectionnez ces colonnes, puis Transformer > Dépivoter les "
          "colonnes. Le tableau peut aussi être publié tel quel.",
          "For the portal, one row per {unit} is better: a column of the period and a column of values. In Excel: "
          "Data > From Table, select those columns, then Transform > Unpivot Columns. The table may also be published "
          "as it is.")
CALENDAR = Msg("Les colonnes « {first} » à « {last} » ({count}) listent des jours du mois (ex. ligne {row} : « {cell} ») "
               ": un calendrier fait pour être lu, plusieurs dates par cellule{nowhere}. Le portail ne "
               "pourra ni filtrer ni trier ces dates, ni les placer sur un calendrier.",
               "Columns '{first}' to '{last}' ({count}) list days of the month (e.g. row {row}: '{cell}'): a calendar "
               "laid out for reading, several dates in a cell{nowhere}. The portal will neither filter nor "
               "sort these dates, nor place them on a calendar.")
CALENDAR_TIP = Msg("Pour le portail, mieux vaut une ligne par date : une colonne « date » complète (AAAA-MM-JJ), les "
                   "autres colonnes répétées. Dans Excel : Données > À partir d'un tableau, sélectionnez les colonnes "
                   "des mois, Transformer > Dépivoter les colonnes, puis Fractionner la colonne des valeurs par "
                   "délimiteur, en lignes, et formez-en des dates complètes. Le tableau peut aussi être publié tel quel.",
                   "For the portal, one row per date is better: a column of whole dates (YYYY-MM-DD), the other "
                   "columns repeated. In Excel: Data > From Table, select the month columns, Transform > Unpivot "
                   "Columns, then Split the column of values by delimiter, into rows, and make whole dates of them. The "
                   "table may also be published as it is.")

GROUPED_TIP = Msg("Pour le portail, mieux vaut une ligne par {unit} : une colonne de la période et une colonne par mesure. "
                  "Dans Excel : Données > À partir d'un tableau, sélectionnez ces colonnes, Transformer > Dépivoter les "
                  "colonnes, séparez la mesure de la période (Fractionner la colonne), puis Pivoter la colonne des "
                  "mesures. Le tableau peut aussi être publié tel quel.",
                  "For the portal, one row per {unit} is better: a column of the period and a column per measure. In "
                  "Excel: Data > From Table, select those columns, Transform > Unpivot Columns, split the measure from "
                  "the period (Split Column), then Pivot the column of measures. The table may also be published as "
                  "it is.")


def _plain(label: str) -> str:
    return unicodedata.normalize("NFKD", label.casefold()).encode("ascii", "ignore").decode("ascii").strip()


def _period(label: str) -> tuple[str, str, tuple[int, int]] | None:
    """(unit, the label with its period taken out, the period as (year, month)) of a label naming one period: a
    month (and maybe its year), or a year alone; None for a label with none, or with two years (« 2019-2020 »)."""
    plain = _plain(label)
    years = YEAR.findall(plain)
    if len(years) > 1:
        return None
    month = MONTH.search(plain)
    if month is not None and len(MONTH.findall(plain)) == 1:
        shape = MONTH.sub("{}", plain, count=1)
        year = int(years[0]) if years else 0
        if years:
            shape = YEAR.sub("{}", shape, count=1)
        else:  # « janv.-24 »: Excel's « mmm-aa »
            short = re.search(r"(?<![0-9])([0-9]{2})(?![0-9])", shape)
            if short is not None:
                year, shape = 2000 + int(short.group(1)), shape[:short.start()] + "{}" + shape[short.end():]
        return "month", shape, (year, MONTH_NUMBERS[month.group(1)])
    if years:
        return "year", YEAR.sub("{}", plain, count=1), (int(years[0]), 0)
    return None


def year_runs(labels: list[str], types: dict[str, str]) -> list[tuple[str, list[str]]]:
    """The runs of at least :data:`MINIMUM` columns side by side whose labels differ only by a year or a month (the
    same text around it), rising at each step, and whose sampled types are numbers: (unit, labels)."""
    runs: list[tuple[str, list[str]]] = []
    current: list[str] = []
    kind: tuple[str, str] | None = None
    last = (0, 0)
    for label in [*labels, ""]:
        found = _period(label) if types.get(label, "any") in NUMBERS else None
        if found is not None and (found[0], found[1]) == kind and found[2] > last:
            current.append(label)
            last = found[2]
            continue
        if kind is not None and len(current) >= MINIMUM:
            runs.append((kind[0], current))
        current, kind, last = ([label], (found[0], found[1]), found[2]) if found is not None else ([], None, (0, 0))
    return runs


def grouped_runs(labels: list[str], types: dict[str, str]) -> list[tuple[str, list[str], list[str]]]:
    """The runs of two to four measures repeated for each period, side by side (« Hommes 2021 », « Femmes 2021 »,
    « Hommes 2022 », « Femmes 2022 »…): at least :data:`MINIMUM` groups, each the same measures in the same order for
    one period, the periods rising, and numbers in every column: (unit, labels, the measures' names)."""
    periods = [_period(label) if types.get(label, "any") in NUMBERS else None for label in labels]
    runs: list[tuple[str, list[str], list[str]]] = []
    start = 0
    while start < len(labels):
        end = start
        for size in (2, 3, 4):
            shapes: list[str] | None = None
            unit = ""
            groups, at, last = 0, start, (0, 0)
            while at + size <= len(labels):
                group = periods[at: at + size]
                if any(found is None for found in group):
                    break
                units = {found[0] for found in group if found}
                moments = {found[2] for found in group if found}
                named = [found[1] for found in group if found]
                if len(units) != 1 or len(moments) != 1 or len(set(named)) != size or (shapes and named != shapes):
                    break
                moment = moments.pop()
                if moment <= last:
                    break
                shapes, unit, last, groups, at = named, units.pop(), moment, groups + 1, at + size
            if groups >= MINIMUM:
                names = [_measure(label, unit) for label in labels[start: start + size]]
                runs.append((unit, labels[start: at], names))
                end = at
                break
        start = max(end, start + 1)
    return runs


def day_list(cell: str) -> bool:
    """Whether a cell lists two days of the month or more, strictly rising (« 5, 19 », « 2 - 16 - 30 »)."""
    if DAY_LIST.fullmatch(cell) is None:
        return False
    days = [int(day) for day in DAY_SPLIT.split(cell) if day]
    return days[0] >= 1 and days[-1] <= 31 and all(a < b for a, b in zip(days, days[1:], strict=False))


def _measure(label: str, unit: str) -> str:
    """A label with its period taken out, as the file writes it (« Hommes 2021 » → « Hommes »)."""
    if unit == "year":
        return YEAR.sub("", label).strip(" -_/().,:") or label
    return MONTH.sub("", YEAR.sub("", _plain(label))).strip(" -_/().,:") or label


class YearColumnsCheck(NumbersCheck):
    name = "year-columns"
    types = ("year-columns",)

    def start(self, context: CheckContext) -> None:
        labels = [str(label) for label in context.fields]
        types = context.options.get("types", {})
        # the text columns of a run its labels make: their cells tell whether they are numbers written the local way
        as_numbers = dict.fromkeys(labels, "number")
        runs = [run for _, run in year_runs(labels, as_numbers)] + [run for _, run, _ in grouped_runs(labels, as_numbers)]
        # (and those of mixed cells, « any »: a workbook's calendar mixes days typed as numbers and lists of days)
        self.counted = {label for run in runs for label in run if types.get(label, "any") not in ("integer", "number")}
        self.numbers: Counter[str] = Counter()
        self.filled: Counter[str] = Counter()
        self.days: Counter[str] = Counter()  # cells that are a day of the month, alone or listed
        self.lists: Counter[str] = Counter()  # cells listing days (not numbers)
        self.example: dict[str, tuple[int, str]] = {}  # a column's first cell listing days: (row, cell)

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if column.name in self.counted and len(column):
            import numpy as np

            numbers = self.parsed(column)
            counts = column.counts
            self.numbers[column.name] += int(counts[~np.isnan(numbers)].sum())
            self.filled[column.name] += int(counts.sum())
            lists = np.fromiter((day_list(cell) for cell in column.texts), dtype=bool, count=len(column))
            lists &= np.isnan(numbers)
            days = lists | ((numbers >= 1) & (numbers <= 31) & (numbers == np.floor(numbers)))
            self.days[column.name] += int(counts[days].sum())
            if lists.any():
                self.lists[column.name] += int(counts[lists].sum())
                rows = column.rows_where(lists)
                first = int(rows.min())
                if column.name not in self.example or first < self.example[column.name][0]:
                    at = int(np.flatnonzero(column.rows == first)[0])
                    self.example[column.name] = (first, column.texts[int(column.codes[at])])
        return ()

    def _calendars(self, labels: list[str], types: dict[str, str], header_row: int) -> list[Finding]:
        """The runs of month columns listing days (:data:`CALENDAR`); their columns are taken out of ``types``."""
        listing = {label for label in self.counted
                   if self.lists[label] and self.days[label] >= NUMBER_SHARE * self.filled[label]}
        found: list[Finding] = []
        for unit, run in year_runs(labels, {**types, **dict.fromkeys(listing, "number")}) if listing else []:
            listed = listing.intersection(run)
            # a few cells like « 3 - 5 » among small counts make no calendar: lists are a tenth of the run's cells
            if unit != "month" or sum(self.lists[label] for label in listed) < max(
                    2, LISTED_SHARE * sum(self.filled[label] for label in run)):
                continue
            row, _, cell = min((self.example[label][0], run.index(label), self.example[label][1]) for label in listed)
            nowhere = not any(period[2][0] for label in run if (period := _period(label)))
            values = {"first": run[0], "last": run[-1], "count": len(run), "row": row, "cell": cell}
            message = Msg(CALENDAR.fr.format(**values, nowhere=" et l'année nulle part" if nowhere else ""),
                          CALENDAR.en.format(**values, nowhere=" and the year nowhere" if nowhere else ""))
            found.append(Finding("year-columns", Severity.INFO, message, CALENDAR_TIP, row_number=header_row,
                                 field_name=run[0], field_number=labels.index(run[0]) + 1,
                                 extra={"columns": run, "unit": "day"}))
            types.update(dict.fromkeys(run, "string"))  # said: not a run of numbers besides
        return found

    def end(self, context: CheckContext) -> Iterable[Finding]:
        labels = [str(label) for label in context.fields]
        types = dict(context.options.get("types", {}))
        for label in self.counted:
            if self.filled[label] and self.numbers[label] >= NUMBER_SHARE * self.filled[label]:
                types[label] = "number"
        yield from self._calendars(labels, types, context.header_row)
        for unit, run in year_runs(labels, types):
            words = UNITS[unit]
            message = Msg(MESSAGE.fr.format(first=run[0], last=run[-1], count=len(run), unit=words.fr),
                          MESSAGE.en.format(first=run[0], last=run[-1], count=len(run), unit=words.en))
            tip = Msg(TIP.fr.format(unit=words.fr), TIP.en.format(unit=words.en))
            yield Finding("year-columns", Severity.INFO, message, tip, row_number=context.header_row, field_name=run[0],
                          field_number=labels.index(run[0]) + 1, extra={"columns": run, "unit": unit})
        for unit, run, measures in grouped_runs(labels, types):
            words = UNITS[unit]
            said = " », « ".join(measures)
            message = Msg(GROUPED.fr.format(first=run[0], last=run[-1], count=len(run), unit=words.fr, measures=said,
                                            number=len(measures)),
                          GROUPED.en.format(first=run[0], last=run[-1], count=len(run), unit=words.en,
                                            measures=said.replace(" », « ", "', '"), number=len(measures)))
            tip = Msg(GROUPED_TIP.fr.format(unit=words.fr), GROUPED_TIP.en.format(unit=words.en))
            yield Finding("year-columns", Severity.INFO, message, tip, row_number=context.header_row, field_name=run[0],
                          field_number=labels.index(run[0]) + 1, extra={"columns": run, "unit": unit,
                                                                        "measures": measures})


@hookimpl
def odwb_checks(context: CheckContext) -> list[YearColumnsCheck]:
    return [YearColumnsCheck()]
