"""Check ``double-encoding`` (error): accents spoilt by a double encoding (« AccÃ¨s Ã©cole » for « Accès
école », « lâ€™église » for « l’église », « ï»¿Commune » for a byte-order mark); fix ``repair-double-encoding``.

A file in UTF-8 opened as Windows-1252 (Excel's « CSV » on Windows, an import without the right encoding) and saved
again in UTF-8 has each accent written as two or three characters. The file reads without error, so no encoding
detection sees it: the cells do. Each spoilt sequence is a character of Windows-1252 « Â » to « ß » (the first byte of
a 2-byte UTF-8 character read as Windows-1252), or « â » / « ï » (of a 3-byte one: ’ “ ” € …, the byte-order mark),
followed by the characters its other bytes read as; encoded back in Windows-1252 they are valid UTF-8. The repair
is that exact reversal, sequence by sequence (a cell edited since, with a correct « è » beside a spoilt « Ã© », is
repaired too), so it is certain: the fix applies it, each cell in the change log; ftfy (a library that guesses
many more kinds of spoilt text) was not needed for this one. Labels are checked and repaired too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..core.contract import CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellCheck, CellRule, TitledCellRewrite, buffer, cells_at, title_finding
from .cells import byte_set

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

# the characters Windows-1252 reads from the bytes 0x80-0xBF (a UTF-8 continuation byte; its five unassigned ones
# as Latin-1 reads them)
_CONTINUATION = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xC0))
_CLASS = "[" + re.escape(_CONTINUATION) + "]"
SPOILT = re.compile(f"[\u00c2-\u00df]{_CLASS}|[\u00e2\u00ef]{_CLASS}{{2}}")
# their UTF-8 bytes: « Â »…« ß » is C3 82…C3 9F, « â » C3 A2, « ï » C3 AF; a continuation character starts with
# C2 (U+0080-U+00BF), C5, C6, CB or E2 (Œ, ƒ, ˆ, ’ € …)
_LEADS_SET = "".join(map(chr, [*range(0x82, 0xA0), 0xA2, 0xAF]))  # bytes, for :func:`.cells.byte_set`
_NEXT_SET = "\xc2\xc5\xc6\xcb\xe2"

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) ont des accents abîmés par un double encodage (ex. ligne "
              "{row} : « {cell} »).",
              "Column '{field}': {count} cell(s) have accents spoilt by a double encoding (e.g. row {row}: '{cell}').")
TIP = Msg("Le fichier, en UTF-8, a été ouvert comme s'il était en Windows-1252 puis enregistré à nouveau : « é » est "
          "devenu « Ã© ». « odwb-assist fix » rétablit les accents (l'opération inverse, exacte) ; à l'avenir, "
          "importez le fichier dans le tableur en choisissant l'encodage UTF-8.",
          "The file, in UTF-8, was opened as if it were Windows-1252 and saved again: 'é' became 'Ã©'. "
          "'odwb-assist fix' restores the accents (the exact reverse); next time, import the file into the "
          "spreadsheet choosing the UTF-8 encoding.")
LABEL = Msg("Le titre « {label} » a des accents abîmés par un double encodage : « {repaired} ».",
            "Title '{label}' has accents spoilt by a double encoding: '{repaired}'.")


def _sequence(found: re.Match[str]) -> str:
    text = found.group(0)
    try:
        return text.encode("cp1252").decode("utf-8").replace("\ufeff", "")
    except UnicodeError:
        try:  # an unassigned byte of Windows-1252, kept as Latin-1 reads it
            return text.encode("latin-1").decode("utf-8").replace("\ufeff", "")
        except UnicodeError:
            return text


@lru_cache(maxsize=4096)
def repaired(text: str) -> str | None:
    """``text`` with its doubly encoded sequences restored, or None when it holds none."""
    if not SPOILT.search(text):
        return None
    fixed = SPOILT.sub(_sequence, text)
    return fixed if fixed != text else None


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells holding the bytes of a lead then of a continuation character (numpy on the data buffer)."""
    import numpy as np

    offsets, data = buffer(cells)
    low = int(offsets[0])
    part = data[low: int(offsets[-1])]
    at = np.flatnonzero(part[:-2] == 0xC3)
    if len(at):
        at = at[byte_set(_LEADS_SET)[part[at + 1]] & byte_set(_NEXT_SET)[part[at + 2]]]
    return cells_at(offsets, at + low)


RULE = CellRule(lambda text: repaired(text) is not None, _candidates, needs="\xc3")


spoilt_mask = RULE.mask  # True where a cell of a text Series holds a doubly encoded sequence


class DoubleEncodingCheck(CellCheck):
    name = "double-encoding"
    types = ("double-encoding",)
    blocking = ("double-encoding",)  # the types it may report as errors (see ``TableCheck.blocking``)
    rule = RULE
    severity = Severity.ERROR
    message = MESSAGE
    tip = TIP

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for number, label in enumerate(context.fields, start=1):
            fixed = repaired(label)
            if fixed is not None:
                yield title_finding("double-encoding", Severity.ERROR, LABEL.format(label=label, repaired=fixed), TIP,
                                    context, number, label, {"label": fixed})
        yield from super().end(context)


class RepairDoubleEncoding(TitledCellRewrite):
    """Fix ``repair-double-encoding``: the doubly encoded accents of cells and labels restored."""

    name = "repair-double-encoding"
    reads = ("double-encoding",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Accents abîmés par un double encodage rétablis", "Accents spoilt by a double encoding restored")
    rule = RULE

    def rewrite(self, text: str) -> str:
        return repaired(text) or text

    def title(self, label: str) -> str | None:
        return repaired(label)


@hookimpl
def odwb_checks(context: CheckContext) -> list[DoubleEncodingCheck]:
    return [DoubleEncodingCheck()]


@hookimpl
def odwb_fixes() -> list[RepairDoubleEncoding]:
    return [RepairDoubleEncoding()]
