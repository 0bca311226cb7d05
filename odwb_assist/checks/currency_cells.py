"""Check ``currency-cells`` (info): numbers a workbook shows as amounts in a currency (« 1 250,00 € ») under a
title that does not name it; fix ``currency-in-title``: the currency in the title, « Montant (€) ».

A budget or a list of subsidies formatted « # ##0,00 € » in Excel or LibreOffice holds the numbers alone: every
reader, the portal included, gets 1250, and the euro is lost unless the column's title says it. The same column
exported as text (« 1.250,00 € ») has its unit moved to the title by ``number-display``; a workbook's formatted
cells get the same title here. The cells are known from the workbook itself (:mod:`..quality.sheet_marks`: an XLSX
cell's number format, an ODS cell's ``office:value-type="currency"``, an XLS cell's format). Only a column whose
every number is shown in the same currency is said; the numbers are not changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext, FixPlan
from ..core.findings import Finding, RowNumbers, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fix_plans import findings
from ..quality.fixing import current_label, current_titles, rename_columns
from .marked_numbers import MarkedNumbers, tagged_rows
from .people import label_words

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

# a title that already names its currency: the symbol, or a word for it
CURRENCY_WORDS = {"€": frozenset({"eur", "euro", "euros"}), "$": frozenset({"usd", "dollar", "dollars"}),
                  "£": frozenset({"gbp", "livre", "livres"}), "CHF": frozenset({"chf"})}

MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) affiché(s) en {symbol} dans le classeur (ex. ligne {row} : "
              "{cell} {symbol}) : le fichier publié n'a que les nombres, et le titre ne dit pas la monnaie.",
              "Column '{field}': {count} number(s) shown in {symbol} in the workbook (e.g. row {row}: {cell} "
              "{symbol}): the published file holds the numbers alone, and the title does not say the currency.")
TIP = Msg("Ajoutez la monnaie au titre de la colonne (« {title} »), ou lancez « odwb-assist fix », qui le fait.",
          "Add the currency to the column's title ('{title}'), or run 'odwb-assist fix', which does.")


def titled(label: str, symbol: str) -> str:
    """« Montant » → « Montant (€) »; a title that names the currency already stays."""
    if names_currency(label, symbol):
        return label
    return f"{label.rstrip()} ({symbol})"


def names_currency(label: str, symbol: str) -> bool:
    return symbol in label or not CURRENCY_WORDS.get(symbol, frozenset()).isdisjoint(label_words(label))


def currency_rows(detected: Any, fields: list[str]) -> dict[str, tuple[str | None, np.ndarray]]:
    """The table's columns holding numbers shown as amounts: label -> (their currency, None when several; their
    physical rows, sorted)."""
    return tagged_rows(getattr(detected, "currency_cells", None) or [], fields)


class CurrencyCellsCheck(BaseTableCheck):
    name = "currency-cells"
    types = ("currency-cells",)

    def start(self, context: CheckContext) -> None:
        amounts = currency_rows(context.options.get("detected"), list(context.fields))
        self.symbols = {label: symbol for label, (symbol, _) in amounts.items()
                        if symbol is not None and not names_currency(label, symbol)}
        self.numbers = MarkedNumbers({label: rows for label, (_, rows) in amounts.items() if label in self.symbols})

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        self.numbers.add(chunk)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        fields = list(context.fields)
        for label, marked, tally in self.numbers.columns(fields):
            if tally.others or tally.example is None:  # a number not shown as an amount in that currency: not said
                continue
            rows = RowNumbers(marked)
            row, cell = tally.example
            symbol = self.symbols[label]
            title = titled(label, symbol)
            yield Finding("currency-cells", Severity.INFO,
                          MESSAGE.format(field=label, count=len(rows), row=row, cell=cell, symbol=symbol),
                          TIP.format(title=title), row_number=row, field_name=label,
                          field_number=fields.index(label) + 1, cell=cell, count=len(rows), rows=rows,
                          extra={"symbol": symbol, "title": title})


class CurrencyInTitle:
    name = "currency-in-title"
    reads = ("currency-cells",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Monnaie des montants dans le titre (« Montant » → « Montant (€) »)",
                "Currency of the amounts in the title ('Amount' → 'Amount (€)')")

    def plan(self, context: FixContext) -> FixPlan | None:
        rename = _renamed(context)
        if not rename:
            return None
        return FixPlan(rename=rename, changes=[Change(self.name, None, new, old, new) for old, new in rename.items()])

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        rename = {}
        for finding in findings(context, ["currency-cells"]):
            label = current_label(context, str(finding.field_name))  # an earlier fix may have renamed it
            symbol = str(finding.extra.get("symbol", ""))
            title = titled(label, symbol) if symbol else label
            if label in table.columns and title != label:
                rename[label] = title
        return rename_columns(table.copy(), rename, self.name)


def _renamed(context: FixContext) -> dict[str, str]:
    """The title each reported column gets, keyed on the title the fixes before leave it (« Montant  » trimmed…)."""
    now = current_titles(context)
    rename = {}
    for finding in findings(context, ["currency-cells"]):
        label, symbol = now.get(str(finding.field_name), str(finding.field_name)), str(finding.extra.get("symbol", ""))
        title = titled(label, symbol) if symbol else label
        if finding.field_name and title != label:
            rename[label] = title
    return rename


@hookimpl
def odwb_checks(context: CheckContext) -> list[CurrencyCellsCheck]:
    return [CurrencyCellsCheck()]


@hookimpl
def odwb_fixes() -> list[CurrencyInTitle]:
    return [CurrencyInTitle()]
