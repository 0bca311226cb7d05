"""Check ``repeated-header``: the header row repeated inside the data (an export paged by a report tool).

A row is a repeated header when it equals the header, cell for cell, on at least two labels and four
fifths of the header's non-empty labels (case and outer spaces ignored). A cell also equals its label when it
is the label written as a technical name (« code_ins » under « Code INS », « superficie_km2 » under
« Superficie (km²) »: the same letters and digits, accents and case aside): templates and database exports give
the technical names on a second header row, which is no data either. So is the header in another language on the row
under it (« Gemeente ; Postcode ; Aantal inwoners » under « Commune ; Code postal ; Nombre d'habitants », as Brussels
and bilingual files have it, :func:`translated_row`). Above a repeated header, the rows that open a new page of a
printable export (the document's title again, a page number: :mod:`.page_breaks`) are said with it. Fix: drop those
rows (kept in the side file of removed rows).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.placeholders import is_placeholder
from .chunk_values import KeepsValues
from .page_breaks import REACH, lines, page_rows, page_rows_of, title_keys, walks_above
from .stacked_same_tables import out_of_column, stacked_finding, table_title

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MESSAGE = Msg("Ligne {row} : l'en-tête du tableau est répété au milieu des données.",
              "Row {row}: the table's header is repeated inside the data.")
TIP = Msg("Supprimez les lignes d'en-tête répétées (souvent une par page d'un export imprimable, avec le titre ou le "
          "numéro de la page au-dessus) : le titre de chaque colonne ne doit figurer qu'une fois, sur la première "
          "ligne. « odwb-assist fix » les retire et les garde dans un fichier à part.",
          "Delete the repeated header rows (often one per page of a printable export, with the page's title or number "
          "above): each column label must appear once, on the first row. 'odwb-assist fix' drops them and keeps them "
          "in a side file.")


PAGE_MESSAGE = Msg("Ligne {row} : « {cell} » marque un saut de page d'un export imprimable (le titre du document, un "
                   "numéro ou un pied de page, au-dessus de l'en-tête répété) : ce n'est pas une donnée.",
                   "Row {row}: '{cell}' marks a page break of a printable export (the document's title, a page number "
                   "or a page's foot, above the repeated header): it is not data.")


TECHNICAL_MESSAGE = Msg("Ligne {row} : les noms techniques des colonnes (« {names} »…) répètent l'en-tête : ce n'est pas "
                        "une donnée.",
                        "Row {row}: the columns' technical names ('{names_en}'…) repeat the header: it is not data.")
TECHNICAL_TIP = Msg("Gardez une seule ligne de titres : le portail fait lui-même les noms techniques des colonnes à "
                    "partir de leurs titres. « odwb-assist fix » retire cette ligne et la garde dans un fichier à part.",
                    "Keep a single row of labels: the portal makes the columns' technical names from their labels "
                    "itself. 'odwb-assist fix' drops this row and keeps it in a side file.")


TRANSLATED_MESSAGE = Msg("Ligne {row} : les titres des colonnes dans une autre langue (« {names} »…) : ce n'est pas une "
                         "donnée, et les colonnes de nombres sont lues comme du texte à cause d'elle.",
                         "Row {row}: the column labels in another language ('{names_en}'…): it is not data, and the number "
                         "columns are read as text because of it.")
TRANSLATED_TIP = Msg("Gardez une seule ligne de titres, dans une langue : les titres dans l'autre langue peuvent aller dans "
                     "la description des colonnes. « odwb-assist fix » retire cette ligne et la garde dans un fichier à "
                     "part.",
                     "Keep a single row of labels, in one language: the labels in the other language can go into the "
                     "columns' descriptions. 'odwb-assist fix' drops this row and keeps it in a side file.")
# a number, a code, an amount, a date or a time as a cell holds it (« 1 070 », « 17,74 », « 31/01/2024 », « 8:30 »)
CODED = re.compile(r"[+-]?[0-9][0-9 \u00a0\u202f.,'/:-]*%?")
# words of column labels in Dutch, German and English that French labels do not use (not « adresse », « description »,
# « age »): a row of labels made of them
# under a French header is the header translated (« Gemeente », « Postleitzahl », « Amount »)
LABEL_WORDS = frozenset({
    # Dutch
    "gemeente", "deelgemeente", "postcode", "naam", "voornaam", "aantal", "datum", "jaar", "maand", "bedrag",
    "adres", "straat", "huisnummer", "nummer", "inwoners", "bevolking", "oppervlakte", "provincie", "gewest",
    "telefoon", "omschrijving", "beschrijving", "soort", "totaal", "mannen", "vrouwen", "leeftijd", "prijs",
    "kosten", "uren", "openingsuren", "begin", "einde", "opmerking", "opmerkingen", "taal", "breedtegraad",
    "lengtegraad", "wijk", "leerlingen", "aanvraag", "vergunning", "dienst", "aard", "bedrijf", "ondernemingsnummer",
    # German
    "gemeinde", "postleitzahl", "einwohner", "anzahl", "jahr", "monat", "betrag", "strasse", "straße",
    "hausnummer", "fläche", "bevölkerung", "beschreibung", "telefon", "bemerkung", "breite", "länge", "preis",
    # English
    "municipality", "town", "name", "number", "year", "month", "amount", "address", "street", "area", "phone",
    "category", "men", "women", "price", "cost", "comments", "latitude",
    "longitude", "inhabitants", "count",
})
SAMPLE = 200  # the rows under a candidate row read to tell its columns' nature


def translated_row(frame: pd.DataFrame, header: list[str]) -> int | None:
    """The first row of ``frame`` when it is the header in another language: every filled cell a short text (no
    number, code or placeholder) that its column does not hold again, two of them or more over columns of numbers,
    and a word of :data:`LABEL_WORDS` among them; None otherwise (a first data row « Jambes ; Fermé ; Fermé »)."""
    if len(frame) < 4 or len(frame.columns) < 2:
        return None
    first = [str(value).strip() for value in frame.iloc[0].tolist()]
    filled = [position for position, text in enumerate(first) if text]
    if len(filled) < 2 or any(len(first[p]) > 60 or CODED.fullmatch(first[p]) or is_placeholder(first[p])
                              or not any(character.isalpha() for character in first[p]) for p in filled):
        return None
    labels = [str(label).strip().casefold() for label in header[: len(first)]]
    if any(position < len(labels) and first[position].casefold() == labels[position] for position in filled):
        return None  # a label repeated as it is: a repeated header, or a label the same in both languages
    words = {word for position in filled for word in re.split(r"[^\w]+", first[position].casefold()) if word}
    if not words & LABEL_WORDS:
        return None
    sample = frame.iloc[1: SAMPLE + 1]
    numbers = 0
    for position in filled:
        cells = [text for text in (str(value).strip() for value in sample.iloc[:, position].tolist()) if text]
        if first[position] in cells:
            return None  # a value its column holds again is data
        if len(cells) >= 3 and sum(bool(CODED.fullmatch(text)) for text in cells) >= 0.9 * len(cells):
            numbers += 1
    return int(frame.index[0]) if numbers >= 2 else None


@lru_cache(maxsize=65_536)
def technical(text: str) -> str:
    """The letters and digits of a label or a cell, accents and case aside (« Superficie (km²) » → superficiekm2)."""
    plain = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode("ascii")
    return "".join(character for character in plain if character.isalnum())


def _same(text: str, label: str, key: str) -> bool:
    """A cell equals a label (``label``: case-folded and stripped; ``key``: its :func:`technical` form)."""
    cell = text.strip().casefold()
    if cell == label:
        return True
    # a technical name begins as the label does: a digit for a digit, a letter for a letter (most cells are numbers)
    return bool(key) and cell[:1].isdigit() == key[0].isdigit() and len(cell) <= 2 * len(label) + 8 and \
        technical(cell) == key


# cells whose stripping and folding pyarrow's ASCII functions do as Python's ``strip().casefold()`` does: ASCII
# without the separators Python also takes for spaces
PYTHON_SPACES = "\x1c\x1d\x1e\x1f"
ARROW_FROM = 512  # distinct values: fewer are compared in Python (a pyarrow call costs more than that)


def same_values(column: ColumnValues, label: str, key: str) -> np.ndarray:
    """:func:`_same` for each distinct value of ``column`` (bool over ``column.values``): in pyarrow for plain ASCII
    cells (most of a table of numbers or codes), in Python for the others. No regular expression runs over every
    value (RE2 costs about 50 ns a cell): only over the few cells that may be the label's technical name."""
    import numpy as np

    from .cell_rules import may_hold_letters
    from .cells import holding
    from .plain import distinct_cells

    if any(character.isalpha() for character in key) and not may_hold_letters(column, beyond_ascii=True):
        return np.zeros(len(column), dtype=bool)  # a column of figures: no cell can be a label with a letter
    cells = distinct_cells(column) if len(column) >= ARROW_FROM else None
    if cells is None:
        return np.fromiter((_same(str(text), label, key) for text in column.texts), dtype=bool, count=len(column))
    import pyarrow as pa
    import pyarrow.compute as pc

    def flags(result: Any) -> np.ndarray:
        return np.asarray(pc.fill_null(result, False).to_numpy(zero_copy_only=False), dtype=bool)

    plain = ~holding(cells, PYTHON_SPACES, non_ascii=True)
    folded = pc.ascii_lower(pc.ascii_trim_whitespace(cells))
    verdicts = flags(pc.equal(folded, label))
    if key:  # the label written as a technical name: the same letters and digits (see ``_same``)
        starts = flags(pc.utf8_is_digit(pc.utf8_slice_codeunits(folded, 0, 1))) == key[0].isdigit()
        short = flags(pc.less_equal(pc.binary_length(folded), 2 * len(label) + 8))
        at = np.flatnonzero(plain & starts & short & ~verdicts)
        if len(at):
            named = pc.replace_substring_regex(folded.take(pa.array(at)), "[^a-z0-9]", "")
            verdicts[at] = flags(pc.equal(named, key))
    verdicts &= plain
    other = np.flatnonzero(~plain)
    if len(other):
        texts = column.values.iloc[other].tolist()
        verdicts[other] = [_same(str(text), label, key) for text in texts]
    return verdicts


def header_rows_text(detected: Any, fields: list[str]) -> list[list[str]]:
    """The header rows as the file has them (the labels read when the raw cells are unknown)."""
    cells = [list(row) for row in getattr(detected, "header_cells", []) or []]
    return cells or [list(fields)]


def repeated_header_rows(chunk: pd.DataFrame, headers: list[list[str]],
                         values: dict[int, ColumnValues] | None = None) -> list[int]:
    """Row numbers of the rows of ``chunk`` that repeat one of the header rows; ``values``: the distinct values of
    its columns by position, when the engine encoded them (each distinct cell is stripped and case-folded once)."""
    import numpy as np

    from .chunk_values import encoded

    if len(chunk.columns) < 2 or chunk.empty:
        return []
    found: set[int] = set()
    known = dict(values or {})

    def equal(position: int, label: str, rows: np.ndarray | None = None) -> np.ndarray:
        """Which rows (all, or ``rows``) hold ``label`` in that column, case and outer spaces ignored, or the label
        written as a technical name."""
        column = encoded(chunk, position, known)
        key = technical(label)
        verdicts = np.zeros(len(column) + 1, dtype=bool)  # code -1 (an empty cell) reads the final False
        if rows is None:  # every distinct value is some row's: no search for those used
            verdicts[:-1] = same_values(column, label, key)
            return verdicts[column.codes]
        codes = column.codes[rows]
        used = np.unique(codes)
        used = used[used >= 0]
        if len(used):
            texts = column.values.iloc[used].tolist()
            verdicts[used] = [_same(str(text), label, key) for text in texts]
        return verdicts[codes]

    for header in headers:
        labels = [str(cell).strip().casefold() for cell in header[: len(chunk.columns)]]
        filled = [(position, label) for position, label in enumerate(labels) if label]
        if len(filled) < 2:
            continue
        need = max(2, -(-4 * len(filled) // 5))
        # a row that repeats the header matches at least one of its first (filled - need + 1) labels: only those
        # columns are read for every row, the others for the few candidate rows
        first = filled[: len(filled) - need + 1]
        candidates = np.zeros(len(chunk), dtype=bool)
        for position, label in first:
            candidates |= equal(position, label)
        if not candidates.any():
            continue
        rows = np.flatnonzero(candidates)
        matches = np.zeros(len(rows), dtype=np.int64)
        for position, label in filled:
            matches += equal(position, label, rows)
        found.update(int(row) for row in chunk.index[rows[matches >= need]])
    return sorted(found)


class RepeatedHeaderCheck(KeepsValues, BaseTableCheck):
    name = "repeated-header"
    types = ("repeated-header", "stacked-same-tables")
    blocking = ("repeated-header", "stacked-same-tables")  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        detected = context.options.get("detected")
        self.headers = header_rows_text(detected, context.fields)
        self.titles = title_keys(text for _, text in getattr(detected, "title_rows", []))
        self.first = True
        self.previous: pd.DataFrame | None = None  # the last rows of the chunk before (a page's title may end it)

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        if self.first and len(chunk):
            self.first = False
            translated = translated_row(chunk, self.headers[-1])
            if translated is not None:
                cells = [str(value) for value in chunk.loc[translated].tolist()]
                yield Finding("repeated-header", Severity.ERROR, TRANSLATED_MESSAGE.format(row=translated,
                                                                                          **_names(cells)),
                              TRANSLATED_TIP, row_number=translated, cell=" | ".join(cells[:6]),
                              extra={"translatedLabels": True})
        repeated = repeated_header_rows(chunk, self.headers, self.chunk_values(chunk))
        previous, self.previous = self.previous, chunk.iloc[-REACH:]
        if repeated:
            yield from self._pages(chunk, repeated, previous)
        for row in repeated:
            cells = [str(value) for value in chunk.loc[row].tolist()]
            cell = " | ".join(cells[:6])
            if self._repeats(cells):
                yield Finding("repeated-header", Severity.ERROR, MESSAGE.format(row=row), TIP, row_number=row, cell=cell)
                continue
            yield Finding("repeated-header", Severity.ERROR, TECHNICAL_MESSAGE.format(row=row, **_names(cells)),
                          TECHNICAL_TIP, row_number=row, cell=cell, extra={"technicalNames": True})

    def _pages(self, chunk: pd.DataFrame, repeated: list[int], previous: pd.DataFrame | None) -> Iterable[Finding]:
        """The rows that open a new page above the repeated headers (:mod:`.page_breaks`), and the titles of tables
        under another (:mod:`.stacked_same_tables`) above the headers repeated as they are written."""
        from .shapes import filled_counts

        before = lines(previous, range(len(previous)), filled_counts(previous)) if previous is not None else []
        walks = walks_above(chunk, repeated, filled_counts(chunk, shared=True), before)
        for row in page_rows(walks, self.titles):
            frame = chunk if row in chunk.index else previous
            assert frame is not None
            cell = next(str(value).strip() for value in frame.loc[row].tolist() if str(value).strip())
            yield Finding("repeated-header", Severity.ERROR, PAGE_MESSAGE.format(row=row, cell=cell), TIP,
                          row_number=row, cell=cell, extra={"pageBreak": True})
        for header, walk in zip(repeated, walks, strict=True):
            title = table_title(walk, self.titles, out_of_column(chunk))
            if title is not None and self._repeats([str(value) for value in chunk.loc[header].tolist()]):
                yield stacked_finding(title, header)

    def _repeats(self, cells: list[str]) -> bool:
        """Whether a row found repeats one of the header rows as it is written (not as technical names)."""
        for header in self.headers:
            labels = [str(label).strip().casefold() for label in header[: len(cells)]]
            filled = [(position, label) for position, label in enumerate(labels) if label]
            same = sum(cells[position].strip().casefold() == label for position, label in filled)
            if len(filled) >= 2 and same >= max(2, -(-4 * len(filled) // 5)):
                return True
        return False


def _names(cells: list[str]) -> dict[str, str]:
    """The row's first three filled cells as each message quotes them (« a », « b » ; 'a', 'b')."""
    filled = [value.strip() for value in cells[:3] if value.strip()]
    return {"names": " », « ".join(filled), "names_en": "', '".join(filled)}


class DropRepeatedHeaders:
    """Drop the rows that repeat the header (each dropped row is a Change with ``after=None``)."""

    name = "drop-repeated-headers"
    reads = ("repeated-header",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Supprimer les en-têtes répétés", "Drop repeated header rows")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        headers = header_rows_text(context.options.get("detected"), [str(c) for c in table.columns])
        rows = repeated_header_rows(table, headers)
        if rows:
            from .shapes import filled_counts

            detected = context.options.get("detected")
            titles = title_keys(text for _, text in getattr(detected, "title_rows", []))
            rows = sorted({*rows, *page_rows_of(table, rows, titles, filled_counts(table))})
        translated = translated_row(table, headers[-1])
        rows = sorted({*rows, translated}) if translated is not None else rows
        changes = [Change(self.name, row, None, " | ".join(map(str, table.loc[row].tolist())), None) for row in rows]
        return (table.drop(index=rows), changes) if rows else (table, [])

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import rows_of

        rows = rows_of(context, ["repeated-header"])
        return FixPlan(rows=dict.fromkeys(rows), describe=" | ".join) if rows else None


@hookimpl
def odwb_checks(context: CheckContext) -> list[RepeatedHeaderCheck]:
    return [RepeatedHeaderCheck()]


@hookimpl
def odwb_fixes() -> list[DropRepeatedHeaders]:
    return [DropRepeatedHeaders()]
