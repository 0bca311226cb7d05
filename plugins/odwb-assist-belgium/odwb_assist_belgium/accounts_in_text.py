"""Check ``belgium.accounts-in-text`` (``be-iban-in-text-personal``, an error): a bank account typed into a text, in a
table whose rows are people (a survey's « Remarques » : « remboursement sur BE71 0961 2345 6769 svp »).

An IBAN column is read by the ``be-iban`` kind (``be-iban-personal`` there); one typed into a comment escapes it. A
person's bank account is personal data: where the rows are people (the core's ``rows_are_people``: a first-name or
birth-date column, a survey tool's export, a register's people), it blocks publication as the other personal data do.
Elsewhere (an association's account in a remark of a subsidies table) it is not said. Only valid IBANs written inside
a text: a Belgian one by the ``be-iban`` kind's check digits (ISO 13616 and the national check: a bank missing from
stdnum's list is a bank all the same), another country's (a cross-border respondent's: « FR76 3000 6000 0112 3456
7890 189 ») by stdnum's, its length and format; the candidates are the cells with twelve digits at least, told from
the Arrow buffers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from odwb_assist.plugin import BaseTableCheck, CheckContext, ColumnValues, Finding

from .findings import text_cache
from .messages import errors
from .phones_in_text import SKIPPED_KINDS, emit_found_in_text

KIND = "be-iban-in-text-personal"
_ACCOUNT = re.compile(r"(?<![A-Za-z0-9])BE[ ]?[0-9]{2}(?:[ .-]?[0-9]{4}){3}(?![0-9])", re.IGNORECASE)
# another country's IBAN as banks print it (ISO 13616: the country, two check digits, then up to 30 digits and capitals,
# in groups of four): « FR76 3000 6000 0112 3456 7890 189 », « NL91 ABNA 0417 1643 00 », « LU28 0019 4006 4475 0000 »;
# the groups that follow may be words of the text (« … 189 MERCI »): the longest valid run of groups is taken
_FOREIGN = re.compile(r"(?<![A-Za-z0-9])(?!BE)[A-Z]{2}[0-9]{2}(?:[ ]?[0-9A-Z]{1,4}){3,8}")
_LETTERS = re.compile(r"[^\W\d_]{2}")  # a word of the text around it
ACCOUNT_DIGITS = 12  # an IBAN's digits at least (14 for a Belgian one, 12 for a Dutch one: « NL91 ABNA 0417 1643 00 »)


@text_cache
def account_in_text(cell: str) -> str | None:
    """The first valid IBAN written inside the text ``cell``, Belgian (the ``be-iban`` kind's rules) or of another
    country (stdnum's, for its country's length and format) (None: none, or the cell is an account alone)."""
    import pandas as pd

    from .iban import checked_mask

    def valid(text: str) -> bool:  # its check digits right: a bank missing from stdnum's list is a bank all the same
        return bool(checked_mask(pd.Series([text.upper()])).iloc[0])

    found = [(match.start(), match.group()) for match in _ACCOUNT.finditer(cell) if valid(match.group())]
    for match in _FOREIGN.finditer(cell):
        groups = match.group().split(" ")
        account = next((" ".join(groups[:end]) for end in range(len(groups), 0, -1)
                        if len(" ".join(groups[:end]).replace(" ", "")) >= 15 and valid(" ".join(groups[:end]))), None)
        if account is not None:
            found.append((match.start(), account))
    for start, account in sorted(found):
        rest = cell[:start] + " " + cell[start + len(account):]
        if _LETTERS.search(rest):
            return account
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
