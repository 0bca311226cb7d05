"""Check ``belgium.postal-locality`` (``be-postal-locality``, a warning) and fix ``be-postal-locality-split``: a
column that writes the postal code and the locality in one cell (« 5590 Ciney », « 5000 Namur »), as an address
book or a directory of associations exports its « CP Localité ».

In one cell, the postal code is not checked against bpost's list, the locality is no value a filter or a facet offers
alone, the metadata's spatial coverage cannot read the commune, and the dataset cannot be joined with another one by
postal code or commune. Said when four filled cells in five of a text column are a Walloon postal code followed by a
locality of that code (bpost's localities and the commune's names, in three languages: « 5590 Ciney », « 5590
Chapois », « 4700 Eupen »): the pair is then certainly a postal code and its place, not a count followed by words
(« 1200 participants »). The fix puts the postal code of each such cell in a new column « Code postal » just before,
and leaves the locality in the column (titled « Localité » when its title named the code too, « CP Localité »); a
cell that is not such a pair stays as it is (its code cell empty).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from odwb_assist.plugin import BaseTableCheck, Change, CheckContext, ColumnValues, Finding, Msg, free_label

from .findings import VALUE_CACHE, field_number
from .messages import MESSAGES
from .reference import commune_names_by_nis, normalise_name, postal_to_nis
from .titles import EXTRA

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from odwb_assist.plugin import FixContext

KIND = "be-postal-locality"
_PAIR = re.compile(r"\s*(?:B-?\s?)?([1-9][0-9]{3})\s+(\S(?:.*\S)?)\s*")
SHARE = 0.8  # of a column's filled cells that must be such pairs
EXAMPLES = 3
CODE_TITLE = "Code postal"
LOCALITY_TITLE = "Localité"
CODE_WORDS = frozenset({"cp", "code", "postal", "zip", "postcode", "npa"})


@lru_cache(maxsize=VALUE_CACHE)
def pair(cell: str) -> tuple[str, str] | None:
    """(the postal code, the locality) of a cell that writes a Walloon postal code and a locality of that code
    (« 5590 Ciney » → (« 5590 », « Ciney »)); None for anything else."""
    found = _PAIR.fullmatch(cell)
    if found is None:
        return None
    code, locality = found.group(1), found.group(2)
    nis = postal_to_nis().get(code)
    if nis is None or normalise_name(locality) not in commune_names_by_nis().get(nis, frozenset()):
        return None
    return code, locality


class PostalLocalityCheck(BaseTableCheck):
    name = "belgium.postal-locality"
    types = (KIND,)

    def start(self, context: CheckContext) -> None:
        types = context.options.get("types", {})
        self.columns = {name for name in context.fields if types.get(name, "string") in ("string", "any")
                        and context.kinds.get(name) is None}  # a column of a kind is read as that kind
        self.pairs: dict[str, int] = {}
        self.filled: dict[str, int] = {}
        self.examples: dict[str, list[tuple[int, str]]] = {}
        self.rows: dict[str, list[int]] = {}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
        if column.name not in self.columns or not len(column):
            return iter(())
        import numpy as np

        self.filled[column.name] = self.filled.get(column.name, 0) + int(column.counts.sum())
        shaped = _shaped(column.arrow) if column.arrow is not None else None
        candidates = np.flatnonzero(shaped) if shaped is not None else np.arange(len(column))
        if not len(candidates):
            return iter(())
        texts = column.values.iloc[candidates].tolist()
        paired = np.zeros(len(column), dtype=bool)
        paired[candidates] = [pair(str(text)) is not None for text in texts]
        if paired.any():
            self.pairs[column.name] = self.pairs.get(column.name, 0) + int(column.counts[paired].sum())
            cells = column.cells(paired)
            self.rows.setdefault(column.name, []).extend(int(row) for row in cells.index)
            examples = self.examples.setdefault(column.name, [])
            examples.extend((int(row), str(cell)) for row, cell in cells.head(EXAMPLES - len(examples)).items())
        return iter(())

    def end(self, context: CheckContext) -> Iterator[Finding]:
        entry = MESSAGES[KIND]
        for name, count in self.pairs.items():
            if count < SHARE * self.filled.get(name, 0):
                continue
            row, cell = self.examples[name][0]
            values = {"field": name, "count": count, "row": row, "cell": cell}
            yield Finding(type=KIND, severity=entry.severity, message=entry.message.format(**values),
                          tip=entry.tip.format(**values), row_number=row, field_name=name,
                          field_number=field_number(context, name), cell=cell, count=count,
                          rows=sorted(self.rows[name]), source="belgium",
                          extra={"title": EXTRA[KIND], "examples": [{"rowNumber": r, "cell": c}
                                                                     for r, c in self.examples[name]]})


def _shaped(array: Any) -> np.ndarray | None:
    """Over a pyarrow string array: the values that may be a pair, read from the buffers (no kernel call): four
    digits, the first not 0, then a space, at the start (or « B » first: « B-5100 Jambes »). None: not a plain string
    array."""
    import numpy as np

    from .distinct import text_buffers

    buffers = text_buffers(array)
    if buffers is None:
        return None
    offsets, data = buffers
    data = np.concatenate([data, np.zeros(6, dtype=np.uint8)])  # the bytes after a short last value read as 0
    starts = offsets[:-1]
    long_enough = offsets[1:] - starts >= 6
    first = data[starts]
    digit = [(data[starts + i] - 48).astype(np.uint8) < 10 for i in range(1, 4)]
    plain = (first >= ord("1")) & (first <= ord("9")) & digit[0] & digit[1] & digit[2] & (data[starts + 4] == 0x20)
    return long_enough & (plain | (first == ord("B")) | (first == ord("b")))


class SplitPostalLocality:
    """Fix ``be-postal-locality-split``: before each column the check reported, a column « Code postal » with the
    postal code of each cell that writes one with its locality; the column keeps the locality."""

    name = "be-postal-locality-split"
    reads = (KIND,)  # the finding types its plan reads
    triggers = (KIND,)  # adds a column: the whole table, only when the check reports this
    label = Msg("Code postal et localité en deux colonnes (« 5590 Ciney » → « 5590 » | « Ciney »)",
                "Postal code and locality in two columns ('5590 Ciney' → '5590' | 'Ciney')")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        reported = {f.field_name for f in (context.report.findings if context.report else []) if f.type == KIND}
        changes: list[Change] = []
        for label in [str(c) for c in table.columns]:
            if label not in reported:
                continue
            title = free_label(CODE_TITLE, table.columns)
            pairs = [pair(str(cell)) for cell in table[label].tolist()]
            table = table.copy()
            at = table.columns.get_loc(label)
            table.insert(at, title, [found[0] if found else "" for found in pairs])
            changes.append(Change(self.name, None, title, "", title))
            for row, cell, found in zip(table.index, table[label].tolist(), pairs, strict=True):
                if found:
                    table.at[row, label] = found[1]
                    changes.append(Change(self.name, int(row), label, str(cell), found[1]))
            if _names_code(label):  # « CP Localité » holds the localities now
                new = free_label(LOCALITY_TITLE, table.columns)
                table = table.rename(columns={label: new})
                changes.append(Change(self.name, None, new, label, new))
        return table, changes


def _names_code(title: str) -> bool:
    """Whether a title names the postal code too (« CP Localité », « Code postal et localité »)."""
    from odwb_assist.plugin import label_words

    return any(word in CODE_WORDS for word in label_words(title))
