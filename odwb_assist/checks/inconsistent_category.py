"""Check ``inconsistent-category``: values of a category column differing only by case, accents or spaces."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import replace_cells
from .tally import SMALL_CHUNK

if TYPE_CHECKING:
    import pandas as pd

MAX_DISTINCT = 500  # beyond this, the column is not a category column and is no longer followed

MESSAGE = Msg("Colonne « {field} », ligne {row} : « {cell} » s'écrit aussi « {main} » ({count} fois) — même catégorie écrite "
              "différemment.",
              "Column '{field}', row {row}: '{cell}' is also written '{main}' ({count} times) — the same category "
              "written differently.")
TIP = Msg("Écrivez chaque catégorie toujours de la même façon (majuscules, accents, espaces) : utilisez Rechercher et "
          "remplacer, ou une liste déroulante (Données > Validation).",
          "Write each category the same way every time (case, accents, spaces): use Find and replace, or a drop-down "
          "list (Data > Validation).")


def category_key(value: str) -> str:
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.lower().replace("-", " ").split())


class InconsistentCategoryCheck(BaseTableCheck):
    name = "inconsistent-category"
    types = ("inconsistent-category",)

    def start(self, context: CheckContext) -> None:
        types = context.options.get("types", {})
        self.counts: dict[str, Counter[str]] = {name: Counter() for name in context.fields
                                                if types.get(name, "string") == "string"}
        self.first: dict[str, dict[str, int]] = {name: {} for name in self.counts}
        self.numbers = {name: number for number, name in enumerate(context.fields, start=1)}

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        if len(chunk) <= SMALL_CHUNK and len(chunk.columns) > 1:
            self._short_chunk(chunk)  # plain Python: a pandas call per column is slow on wide sheets
            return ()
        for column in list(self.counts):
            if column not in chunk.columns:
                continue
            values = chunk[column]
            values = values[values != ""]
            counts = values.value_counts(sort=False)
            seen = self.counts[column]
            seen.update({str(k): int(v) for k, v in counts.items()})
            if len(seen) > MAX_DISTINCT:
                del self.counts[column], self.first[column]
                continue
            first = self.first[column]
            unique = values.drop_duplicates()
            for row, value in unique.items():
                first.setdefault(str(value), int(row))
        return ()

    def _short_chunk(self, chunk: pd.DataFrame) -> None:
        """What the column-by-column pass counts, for a chunk of a few rows (every column at once)."""
        from .cells import text_series

        positions = {name: position for position, name in enumerate(chunk.columns)}
        wanted = [name for name in self.counts if name in positions]
        if not wanted:
            return
        height = len(chunk)
        cells = text_series(chunk, [positions[name] for name in wanted]).tolist()
        rows = [int(row) for row in chunk.index]
        for at, column in enumerate(wanted):
            values = cells[at * height:(at + 1) * height]
            seen = self.counts[column]
            seen.update(value for value in values if value != "")
            if len(seen) > MAX_DISTINCT:
                del self.counts[column], self.first[column]
                continue
            first = self.first[column]
            for row, value in zip(rows, values, strict=True):
                if value != "":
                    first.setdefault(value, row)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for column, counts in self.counts.items():
            groups: dict[str, list[str]] = {}
            for value in counts:
                groups.setdefault(category_key(value), []).append(value)
            for variants in groups.values():
                if len(variants) < 2:
                    continue
                variants.sort(key=lambda v: (-counts[v], self.first[column][v]))
                main = variants[0]
                for variant in variants[1:]:
                    row = self.first[column][variant]
                    yield Finding("inconsistent-category", Severity.WARNING,
                                  MESSAGE.format(field=column, row=row, cell=variant, main=main, count=counts[main]), TIP,
                                  row_number=row, field_name=column, field_number=self.numbers.get(column), cell=variant,
                                  extra={"count": counts[variant], "main": main, "variants": variants})


class UnifyCategories:
    """Fix ``unify-categories``: in a category column, each variant takes the most frequent spelling.

    Only columns that look like categories are touched (at most 50 distinct categories, and fewer than
    half as many as filled cells), so names and free text are left alone.
    """

    name = "unify-categories"
    label = Msg("Catégories écrites de la même façon", "Categories written the same way")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        changes: list[Change] = []
        table = table.copy()
        for column in table.columns:
            values = table[column]
            filled = values[values.str.strip() != ""]
            counts = filled.value_counts(sort=False)
            if counts.empty or len(counts) > 200:
                continue
            groups: dict[str, list[str]] = {}
            for value in counts.index:
                groups.setdefault(category_key(str(value)), []).append(str(value))
            if len(groups) > 50 or len(groups) * 2 > len(filled):
                continue
            first_row = {str(value): int(row) for row, value in filled.drop_duplicates().items()}
            replace = {}
            for variants in groups.values():
                if len(variants) > 1:
                    main = min(variants, key=lambda v: (-int(counts[v]), first_row[v]))
                    replace.update({variant: main for variant in variants if variant != main})
            if not replace:
                continue
            changed = values[values.isin(list(replace))]
            changes.extend(replace_cells(table, column, changed.map(replace), self.name))
        return table, changes


@hookimpl
def odwb_checks(context: CheckContext) -> list[InconsistentCategoryCheck]:
    return [InconsistentCategoryCheck()]


@hookimpl
def odwb_fixes() -> list[UnifyCategories]:
    return [UnifyCategories()]
