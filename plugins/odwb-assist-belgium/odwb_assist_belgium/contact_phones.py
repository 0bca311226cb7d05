"""Row check ``be-phone-contact`` (warning): a mobile number on the row of a person named as a contact.

A directory of associations, clubs or halls names a « Personne de contact », a « Responsable » or a « Président »
and gives a « GSM »: the association's own number is rarely a mobile, the contact person's private one most often
is. Such a table does not describe people (its rows are associations: ``be-phone-personal`` is not said), yet
publishing a named person's mobile is publishing personal data. Said, never blocked: the person may have agreed.

Only with both signs on the same row: a column labelled by a role (the core's :func:`names_people_by_role`) whose
cell reads as a person's name (the core's :func:`is_person_name`, as ``person-names`` reads it), and a valid
Belgian mobile number (numbering plan of ``phonenumbers``: ``04xx``, ``+32 4xx``) in a phone column. A fixed line
(the seat, a hall) is not said; a service in the contact column (« Secrétariat ») is not a person; the numbers of
public office holders are theirs by office (``official_values``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from odwb_assist.plugin import (
    BaseTableCheck,
    CheckContext,
    ColumnValues,
    Finding,
    is_person_name,
    names_people_by_role,
    official_values,
    rows_are_people,
)

from .distinct import StashedColumns, row_cells
from .findings import one, text_cache
from .phone import EXTENSION, unlabelled, with_remark
from .several import SPLIT

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

KIND = "be-phone"
_SEPARATORS = re.compile(r"[\s./\-()\u00a0]+")


def contact_columns(context: CheckContext) -> list[str]:
    """The columns naming people by their role (« Personne de contact », « Responsable »), not holding phones."""
    return [label for label in context.fields
            if names_people_by_role(label) and context.kinds.get(label) != KIND]


def applies(context: CheckContext) -> bool:
    """Whether the check has anything to read: a phone column, a contact column, and a table whose rows are not
    people already (there, every number is ``be-phone-personal``)."""
    return (KIND in context.kinds.values() and bool(contact_columns(context))
            and not rows_are_people(context))


@cache
def _mobile_pattern() -> re.Pattern[str]:
    from phonenumbers import PhoneMetadata  # imported on first use: the plugin loads fast

    meta = PhoneMetadata.metadata_for_region("BE")
    assert meta is not None and meta.mobile is not None
    return re.compile(f"(?:{meta.mobile.national_number_pattern})")


def is_mobile_number(text: str) -> bool:
    """Whether one number, as typed (« 0475 12 34 56 », « +32 (0)475/12.34.56 », « 0032475123456 »), is a Belgian
    mobile number."""
    found = EXTENSION.search(text)
    if found and found.start():
        text = text[:found.start()]
    compact = _SEPARATORS.sub("", text.replace("(0)", ""))
    for prefix in ("+32", "0032", "0"):
        if compact.startswith(prefix):
            return _mobile_pattern().fullmatch(compact[len(prefix):]) is not None
    return False


@text_cache
def holds_mobile(cell: str) -> bool:
    """Whether a phone cell holds a Belgian mobile number: alone, after a word (« GSM : 0475 12 34 56 »), before a
    remark (« 0475 12 34 56 (après 18h) ») or among several numbers (« 081 22 33 44 - 0475 12 34 56 »)."""
    text = cell.strip()
    text = unlabelled(text) or text
    text = (with_remark(text) or (text, ""))[0]  # « 0475 12 34 56 (après 18h) »
    return any(is_mobile_number(unlabelled(part) or part) for part in SPLIT.split(text) if part)


@text_cache
def _names_person(cell: str) -> bool:
    return is_person_name(cell.strip(), surname_first=True)


class ContactPhonesCheck(StashedColumns, BaseTableCheck):
    name = "belgium.contact-phones"
    types = ("be-phone-contact",)

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterator[Finding]:
        import numpy as np

        phones = [label for label, kind in context.kinds.items() if kind == KIND and label in chunk.columns]
        contacts = [self.column(chunk, label) for label in contact_columns(context) if label in chunk.columns]
        person = np.zeros(len(chunk), dtype=bool)
        named = np.full(len(chunk), -1, dtype=np.int64)  # which contact column names the row's person (the first)
        for at, column in enumerate(contacts):
            verdicts = np.fromiter((_names_person(text) for text in column.texts), dtype=bool, count=len(column))
            rows = column.row_mask(verdicts)
            named[rows & ~person] = at
            person |= rows
        numbers = [self.column(chunk, label) for label in phones] if person.any() else []
        found = [(phone, _mobile_rows(phone, person, context)) for phone in numbers]
        self.forget()
        for phone, flagged in found:
            if not flagged.any():
                continue
            owners: dict[int, tuple[str, str]] = {}  # row -> (contact column, the person's cell)
            for at, column in enumerate(contacts):
                mine = flagged & (named == at)
                if mine.any():
                    owners.update((int(row), (column.name, str(cell))) for row, cell in row_cells(column, mine).items())
            for row, cell in row_cells(phone, flagged).items():
                label, who = owners[int(row)]
                yield one("be-phone-contact", int(row), str(cell), phone.name, context, person=who.strip(), label=label)


def _mobile_rows(column: ColumnValues, person: np.ndarray, context: CheckContext) -> np.ndarray:
    """The rows (a mask over the chunk) where ``column`` holds a mobile number and a person is named; each distinct
    number read once, only those on such rows."""
    import numpy as np

    wanted = np.unique(column.codes[person & (column.codes >= 0)])
    mobile = np.zeros(len(column), dtype=bool)
    mobile[wanted] = [holds_mobile(text) for text in column.values.iloc[wanted].tolist()]
    mobile &= ~official_values(column, context)
    return person & column.row_mask(mobile)
