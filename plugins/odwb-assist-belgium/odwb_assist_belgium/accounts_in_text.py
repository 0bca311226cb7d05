"""Check ``belgium.accounts-in-text`` (``be-iban-in-text-personal``, an error): a Belgian bank account typed into a
text, in a table whose rows are people (a survey's « Remarques » : « remboursement sur BE71 0961 2345 6769 svp »).

An IBAN column is read by the ``be-iban`` kind (``be-iban-personal`` there); one typed into a comment escapes it. A
person's bank account is personal data: where the rows are people (the core's ``rows_are_people``: a first-name or
birth-date column, a survey tool's export), it blocks publication as the other personal data do. Elsewhere (an
association's account in a remark of a subsidies table) it is not said. Only valid Belgian IBANs (the ``be-iban``
kind's rules: ISO 13616, the national check, a bank code of stdnum's list) written inside a text; the candidates are
the cells with fourteen digits at least, told from the Arrow buffers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from odwb_assist.plugin import BaseTableCheck, CheckContext, ColumnValues, Finding

from .findings import VALUE_CACHE
from .messages import errors
from .phones_in_text import SKIPPED_KINDS, emit_found_in_text

KIND = "be-iban-in-text-personal"
_ACCOUNT = re.compile(r"(?<![A-Za-z0-9])BE[ ]?[0-9]{2}(?:[ .-]?[0-9]{4}){3}(?![0-9])", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]{2}")  # a word of the text around it
ACCOUNT_DIGITS = 14  # a Belgian IBAN's digits


@lru_cache(maxsize=VALUE_CACHE)
def account_in_text(cell: str) -> str | None:
    """The first valid Belgian IBAN written inside the text ``cell`` (None: none, or the cell is an account alone)."""
    import pandas as pd

    from .iban import valid_mask

    for found in _ACCOUNT.finditer(cell):
        rest = cell[:found.start()] + " " + cell[found.end():]
        if _LETTERS.search(rest) and bool(valid_mask(pd.Series([found.group().upper()])).iloc[0]):
            return found.group()
    return None


class AccountsInTextCheck(BaseTableCheck):
    name = "belgium.accounts-in-text"
    types = (KIND,)
    blocking = errors(types)  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        from odwb_assist.plugin import rows_are_people

        types = context.options.get("types", {})
        people = rows_are_people(context)
        self.text = {name for name in context.fields if types.get(name, "string") in ("string", "any")
                     and context.kinds.get(name) not in SKIPPED_KINDS} if people else set()

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
        if column.name in self.text:
            yield from emit_found_in_text(KIND, column, ACCOUNT_DIGITS, account_in_text, context)
