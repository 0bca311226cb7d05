"""``read-as-text``: a column mostly of dates or numbers that the portal will read as text, said before publishing.

A column's type is chosen from every row (:mod:`.typecheck`): when more than a tenth of its cells do not read as
dates (or numbers), it is a text column, and its odd cells are no ``type-error``. The portal types a column the
same way: a column of closing dates where a fifth of the cells read « en cours », or dates Excel exported as
their serial numbers (« 45306 »), arrives as text, with no date filter, timeline nor sort. This finding says so,
with the numbers and the first cell that is not a date, while most of the column still is one.

Not said: for a column of whole numbers whose other cells hold digits too (codes « B012 », house numbers « 12A »,
years « 2019-2020 »: text by nature; a count column with « à définir » is said), for dates among
date-times (a portal may type the column as date-times), nor when
another finding already explains the column's cells (decimal commas, units, local dates, placeholders), nor
with a given schema (its types are checked cell by cell).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol

import numpy as np

from ..core.findings import Finding, Severity
from ..core.i18n import Msg
from .aggregate import EXAMPLES, number_text
from .messages import column_words

GOOD = 10  # at least this many cells of the type: a short column of a few dates among words is a text column
SERIAL = (20_000, 80_000)  # whole numbers read as Excel date serials when a date column holds them (1954-2118)
ISO_DATETIME = re.compile(r"\s*[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}")
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel counts a 29 February 1900 that never was)

WORDS = {"date": Msg("des dates", "dates"), "number": Msg("des nombres", "numbers")}
LOST = {"date": Msg("sans filtre ni tri par date, ni frise chronologique", "with no date filter, sort nor timeline"),
        "number": Msg("sans tri numérique, somme ni graphique", "with no numeric sort, sum nor chart")}
TIP = Msg("Corrigez ou videz ces cellules (une remarque va dans une colonne à part) : la colonne sera alors lue comme "
          "{words} sur le portail.",
          "Correct or empty those cells (a remark goes in a column of its own): the column is then read as {words} "
          "on the portal.")
SERIAL_TIP = Msg("Ces nombres sont des dates qu'Excel a enregistrées sans leur format : dans Excel, sélectionnez la "
                 "colonne, Format de cellule > Date (aaaa-mm-jj), puis exportez à nouveau.",
                 "These numbers are dates Excel saved without their format: in Excel, select the column, Format "
                 "Cells > Date (yyyy-mm-dd), then export again.")


class TypedColumn(Protocol):
    """What the type tally knows of a column (:class:`.typecheck.TypeTally`'s state of it)."""

    name: str
    number: int
    fixed: bool  # a schema gives its type
    filled: int  # non-empty cells that are not placeholders
    counts: dict[str, int]  # type -> cells contradicting it (their rows and cells below), while few
    rows: dict[str, list[Any]]
    cells: dict[str, list[str]]
    mostly: dict[str, int]  # type -> cells contradicting it, only counted (see ``typecheck._give_up``)
    first: dict[str, tuple[int, str]]


def read_as_text(columns: Mapping[str, TypedColumn], types: Mapping[str, str],
                 explained: Mapping[str, Sequence[Sequence[int]]] | None = None,
                 explained_rows: Sequence[Sequence[int]] = ()) -> Iterator[Finding]:
    """One ``read-as-text`` warning per text column that most of its cells would have typed (see the module doc);
    not when every cell that is not of the type lies on a row another finding explains whole (``explained_rows``: a
    header repeated in the data, a table's title), which ``fix`` removes."""
    rows = np.unique(np.concatenate([np.asarray(group, dtype=np.int64) for group in explained_rows])) \
        if explained_rows else None
    for name, state in columns.items():
        if state.fixed or types.get(name) != "string" or (explained and explained.get(name)):
            continue
        found = _mostly(state)
        if found is not None and not (rows is not None and _all_on(state, found[0], rows)):
            yield _finding(state, *found)


def _all_on(state: TypedColumn, kind: str, rows: np.ndarray) -> bool:
    """Whether every cell of the column that is not of ``kind`` lies on one of ``rows`` (known only when counted)."""
    if kind not in state.counts or not state.rows.get(kind):
        return False
    return bool(np.isin(np.concatenate(state.rows[kind]), rows).all())


def _contradicting(state: TypedColumn, kind: str) -> tuple[int, tuple[int, str]] | None:
    """How many cells do not read as ``kind``, with the first of them (None: not known)."""
    if kind in state.counts and state.rows[kind]:
        return state.counts[kind], (int(state.rows[kind][0][0]), state.cells[kind][0])
    if kind in state.mostly:
        return state.mostly[kind], state.first[kind]
    return None


def _mostly(state: TypedColumn) -> tuple[str, int, tuple[int, str]] | None:
    """The type most cells read as (date, then number), its contradicting cells and the first of them."""
    for kind in ("date", "number"):
        found = _contradicting(state, kind)
        if found is None:
            continue
        bad, first = found
        if not bad or state.filled - bad < GOOD or 2 * bad >= state.filled:  # most cells read as the type
            continue
        if kind == "date" and ISO_DATETIME.match(first[1]):  # dates and date-times: a portal may type them date-times
            continue
        if kind == "number":
            whole = _contradicting(state, "integer")
            if whole is not None and whole[0] <= bad and _coded(state, kind):  # codes, house numbers: text by nature
                continue
        return kind, bad, first
    return None


def _coded(state: TypedColumn, kind: str) -> bool:
    """Whether the cells that are no ``kind`` (the first few known) all hold a digit: « B012 », « 12A » (a code, a
    house number), not « à définir »."""
    cells = list(state.cells.get(kind, [])[:EXAMPLES]) or ([state.first[kind][1]] if kind in state.first else [])
    return bool(cells) and all(any(character.isdigit() for character in cell) for cell in cells)


def _serial(cell: str) -> dt.date | None:
    text = cell.strip()
    if not text.isdigit() or not SERIAL[0] <= int(text) <= SERIAL[1]:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(text))


def _finding(state: TypedColumn, kind: str, bad: int, first: tuple[int, str]) -> Finding:
    row, cell = first
    column = column_words(state.name, state.number)
    good, filled, others = number_text(state.filled - bad), number_text(state.filled), number_text(bad)
    words, lost = WORDS[kind], LOST[kind]
    fr, en = column.fr[:1].upper() + column.fr[1:], column.en[:1].upper() + column.en[1:]
    other_fr, other_en = ("autre", "other is") if bad == 1 else ("autres", "others are")
    message = Msg(f"{fr} : {good} cellules sur {filled} sont {words.fr}, mais {others} {other_fr} non (ex. ligne {row} : "
                  f"« {cell} ») : le portail lira toute la colonne comme du texte, {lost.fr}.",
                  f"{en}: {good} of {filled} cells are {words.en}, but {others} {other_en} not (e.g. row {row}: "
                  f"'{cell}'): the portal will read the whole column as text, {lost.en}.")
    tip = Msg(TIP.fr.format(words=words.fr), TIP.en.format(words=words.en))
    serial = _serial(cell) if kind == "date" else None
    if serial is not None:
        message = Msg(f"{message.fr} « {cell} » est sans doute une date d'Excel enregistrée comme nombre "
                      f"({serial.isoformat()}).",
                      f"{message.en} '{cell}' is likely an Excel date saved as a number ({serial.isoformat()}).")
        tip = SERIAL_TIP
    return Finding("read-as-text", Severity.WARNING, message, tip, row_number=row, field_name=state.name,
                   field_number=state.number, cell=cell, source="odwb",
                   extra={"expectedType": kind, "cells": bad, "filled": state.filled,
                          "examples": [{"rowNumber": row, "cell": cell}]})
