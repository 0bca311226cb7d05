"""Check ``formula-injection``: a cell that a spreadsheet would run as a formula when the data is opened.

A published file is opened by thousands of people in Excel or LibreOffice: a cell such as
``=HYPERLINK("http://…";"Namur")`` or ``=cmd|' /C calc'!A0`` (DDE) runs there as a formula. OWASP's
« CSV Injection » page names the triggers: a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return.
Signed numbers and phone numbers (« -12,5 », « +32 81 24 00 00 ») also start with ``+`` or ``-``: only
cells that hold a function call, a DDE link or a cell reference after the trigger are reported, so
that a price list or a phone directory stays green.

The fix puts an apostrophe before the trigger, as OWASP recommends: the spreadsheet then shows the
text as it was typed and runs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import replace_cells
from .cells import byte_set, compiled
from .tally import SMALL_VALUES, ColumnTally

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

# « = » then anything but more « = » (a line of ===== is decoration) or a quoted text alone (« ="0470123456" », which
# only returns that text: :mod:`.text_markers`); or « + - @ » with, further on, a
# function call written as a spreadsheet writes it (a name glued to its parenthesis), a DDE link
# (cmd|'…') or a sheet reference (Feuil1!A1). Bullets (« - voir annexe (p. 3) »), phones and signed
# numbers hold none of these.
FORMULA = (r"(?s)[\t\r]*(?:=(?!=*\s*$)(?!\"(?:[^\"]|\"\")*\"\s*$).*"
           r"|[+\-@].*?(?:[A-Za-z_][A-Za-z0-9_.]*\(|[A-Za-z0-9]\||![A-Za-z$]).*)")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SIGNS = ("+", "-", "@")  # the triggers after which FORMULA and WIDER need one of CALLS further on
CALLS = "(|!"
# What FORMULA matches, and more (« = » then anything), in RE2's syntax: a prefilter run in pyarrow.
WIDER = r"(?s:[\t\r]*(?:=.*|[+\-@].*?(?:[A-Za-z_][A-Za-z0-9_.]*\(|[A-Za-z0-9]\||![A-Za-z$]).*))"

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) seraient exécutées comme des formules à l'ouverture dans un "
              "tableur (ex. ligne {row} : « {cell} »).",
              "Column '{field}': {count} cell(s) would run as formulas when opened in a spreadsheet "
              "(e.g. row {row}: '{cell}').")
TIP = Msg("Une cellule qui commence par « = », « + », « - » ou « @ » suivi d'une fonction peut lancer un programme ou "
          "envoyer des données chez qui ouvre le fichier. Écrivez le texte sans ce signe, ou laissez la correction "
          "automatique ajouter une apostrophe devant (« '=… ») : le tableur affiche alors le texte sans l'exécuter.",
          "A cell starting with '=', '+', '-' or '@' followed by a function can start a program or send data from "
          "whoever opens the file. Write the text without that sign, or let the automatic fix put an apostrophe "
          "in front ('=…): the spreadsheet then shows the text without running it.")


def formula_cells(values: pd.Series) -> pd.Series:
    """The cells of ``values`` that would run as formulas (cheap first-character prefilter)."""
    return values[formula_mask(values)]


def formula_mask(values: pd.Series) -> np.ndarray:
    """True where a cell of ``values`` would run as a formula."""
    import numpy as np

    from .cells import arrow_text

    cells = arrow_text(values)
    if cells is not None:
        return _arrow_formula_mask(cells)
    mask = values.str[:1].isin(TRIGGERS).to_numpy(dtype=bool, copy=True)
    if mask.any():
        at = np.flatnonzero(mask)
        mask[at] = values.iloc[at].str.fullmatch(FORMULA).fillna(False).to_numpy(dtype=bool)
    return mask


def _arrow_formula_mask(cells: pa.Array) -> np.ndarray:
    """:func:`formula_mask` on Arrow text: the first byte read from the buffers (no kernel call, most columns stop
    there), then :data:`WIDER` in RE2 (phones and signed numbers stop there), then :data:`FORMULA` with Python's
    ``re`` on the few cells left (its lookahead is not RE2's)."""
    import numpy as np
    import pyarrow as pa

    from .cells import arrow_fullmatch, first_bytes, holding

    first = first_bytes(cells)
    mask = byte_set(TRIGGERS)[first]
    if not mask.any():
        return mask
    signed = np.flatnonzero(byte_set(SIGNS)[first])
    if len(signed):  # after a sign, both patterns need a « ( », « | » or « ! » (phones, signed numbers: none)
        mask[signed] = holding(cells.take(pa.array(signed)), CALLS)
        if not mask.any():
            return mask
    at = np.flatnonzero(mask)
    wider = arrow_fullmatch(cells.take(pa.array(at)), WIDER)
    mask[at] = wider
    at = at[wider]
    if len(at):
        fullmatch = compiled(FORMULA).fullmatch
        texts = cells.take(pa.array(at)).to_pylist()
        mask[at] = [fullmatch(text) is not None for text in texts]
    return mask


def _formula_values(column: ColumnValues) -> np.ndarray:
    """:func:`formula_mask` over a column's distinct values (a few of them: in plain Python)."""
    import numpy as np

    if len(column) > SMALL_VALUES:
        return formula_mask(column.values)
    fullmatch = compiled(FORMULA).fullmatch
    return np.fromiter((v[:1] in TRIGGERS and fullmatch(v) is not None for v in column.texts), dtype=bool,
                       count=len(column))


class FormulaInjectionCheck(BaseTableCheck):
    name = "formula-injection"
    types = ("formula-injection",)
    blocking = ("formula-injection",)  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        self.tally = ColumnTally()

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        self.tally.add_values(column, _formula_values(column))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        return self.tally.findings("formula-injection", Severity.ERROR, MESSAGE, TIP)


class NeutraliseFormulas:
    """Fix ``neutralise-formulas``: an apostrophe before a cell that would run as a formula."""

    name = "neutralise-formulas"
    reads = ()  # the finding types its plan reads (see ``Fix.reads``)
    resolves = ("formula-injection",)  # the error types it takes out of the clean file (see ``Fix.resolves``)
    label = Msg("Formules neutralisées (apostrophe ajoutée devant « = »)", "Formulas neutralised (apostrophe added before '=')")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        changes: list[Change] = []
        table = table.copy()
        for column in table.columns:
            found = formula_cells(table[column].astype(str))
            changes.extend(replace_cells(table, column, "'" + found, self.name))
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import fields

        return FixPlan(rewrites={label: _neutralised for label in fields(context)})


def _neutralised(values: pd.Series) -> pd.Series:
    mask = formula_mask(values)
    return values.where(~mask, "'" + values) if mask.any() else values


@hookimpl
def odwb_checks(context: CheckContext) -> list[FormulaInjectionCheck]:
    return [FormulaInjectionCheck()]


@hookimpl
def odwb_fixes() -> list[NeutraliseFormulas]:
    return [NeutraliseFormulas()]
