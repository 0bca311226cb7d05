"""Check ``inconsistent-category``: values of a category column differing only by case, accents or spaces; in a
column of yes and no, the spellings of each (« Oui », « O », « oui » ; « Non », « N »), which split the portal's
filter on that column into as many choices."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import replace_cells
from .decomposed_accents import composed
from .unreadable import without_format

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


# the spellings of yes and of no (after :func:`category_key`): a column whose every value is one of them is a column of
# yes and no, whose spellings of each are one category (not « x », a tick as often as a figure kept secret)
YES = frozenset({"oui", "o", "yes", "y", "ja", "j", "vrai", "true"})
NO = frozenset({"non", "n", "no", "nee", "neen", "faux", "false"})


def grouped(values: Iterable[str]) -> dict[str, list[str]]:
    """The values of a column by category (:func:`category_key`; in a column of yes and no, by yes and no)."""
    keys = {value: category_key(value) for value in values}
    yes_no = bool(keys) and all(key in YES or key in NO for key in keys.values())
    groups: dict[str, list[str]] = {}
    for value, key in keys.items():
        groups.setdefault(("oui" if key in YES else "non") if yes_no else key, []).append(value)
    return groups


def abbreviated(value: str) -> bool:
    """Whether a spelling is one letter (« O », « N »): a category's main spelling is a word when it has one, then the
    most frequent, then the first met (only yes and no put one letter and a word in one category)."""
    return len(category_key(value)) == 1


def worded(key: str) -> bool:
    """Whether values of this :func:`category_key` can be a category: they hold a letter (« - », « - € », « 12,5 % »
    and « 12,5 » are amounts and placeholders, not spellings of one category)."""
    return any("a" <= character <= "z" for character in key)


class InconsistentCategoryCheck(BaseTableCheck):
    name = "inconsistent-category"
    types = ("inconsistent-category",)

    def start(self, context: CheckContext) -> None:
        types = context.options.get("types", {})
        self.counts: dict[str, Counter[str]] = {name: Counter() for name in context.fields
                                                if types.get(name, "string") == "string"}
        self.first: dict[str, dict[str, int]] = {name: {} for name in self.counts}
        self.numbers = {name: number for number, name in enumerate(context.fields, start=1)}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        import numpy as np

        name = column.name
        if name not in self.counts:
            return ()
        seen = self.counts[name]
        if len(column) > MAX_DISTINCT:  # more categories than that in this chunk alone
            del self.counts[name], self.first[name]
            return ()
        values = column.texts
        seen.update(dict(zip(values, column.counts.tolist(), strict=True)))
        if len(seen) > MAX_DISTINCT:
            del self.counts[name], self.first[name]
            return ()
        first = self.first[name]
        if all(value in first for value in values):  # every value seen in an earlier chunk: no first row to find
            return ()
        codes = column.codes
        # codes number the values in order of appearance: a value first appears where its code exceeds all before
        before = np.maximum.accumulate(np.concatenate(([-1], codes[:-1])))
        first_rows = column.rows[codes > before].tolist()
        for value, row in zip(values, first_rows, strict=True):
            first.setdefault(value, int(row))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for column, counts in self.counts.items():
            for key, variants in grouped(counts).items():
                if len(variants) < 2 or not worded(key):
                    continue
                variants.sort(key=lambda v: (abbreviated(v), -counts[v], self.first[column][v]))
                main = variants[0]
                for variant in variants[1:]:
                    if same_letters(variant) == same_letters(main):  # decomposed-accents, format-characters
                        continue
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
    reads = ("placeholder-value",)  # the finding types its plan reads (see ``Fix.reads``)
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
            groups = grouped(str(value) for value in counts.index)
            if len(groups) > 50 or len(groups) * 2 > len(filled):
                continue
            first_row = {str(value): int(row) for row, value in filled.drop_duplicates().items()}
            replace = {}
            for key, variants in groups.items():
                if len(variants) > 1 and worded(key):
                    main = min(variants, key=lambda v: (abbreviated(v), -int(counts[v]), first_row[v]))
                    replace.update(_replacements(variants, main))
            if not replace:
                continue
            changed = values[values.isin(list(replace))]
            changes.extend(replace_cells(table, column, changed.map(replace), self.name))
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        """The same choice as :meth:`apply`, from each column's values and rows counted during the check."""
        from ..quality.fix_plans import IncompletePlan, columns_of, fields

        stats = context.options.get("column_stats")
        if stats is None:
            raise IncompletePlan("no column counts")
        typed = set(columns_of(context, ["placeholder-value"]))
        rewrites = {}
        for column in fields(context):
            seen = stats.category_counts(column, column in typed)
            if not seen:
                continue
            groups = grouped(seen)
            if len(groups) > 50 or len(groups) * 2 > sum(entry[0] for entry in seen.values()):
                continue
            replace = {}
            for key, variants in groups.items():
                if len(variants) > 1 and worded(key):
                    main = min(variants, key=lambda v: (abbreviated(v), -seen[v][0], seen[v][1]))
                    replace.update(_replacements(variants, main))
            if replace:
                rewrites[column] = _replacer(replace)
        return FixPlan(rewrites=rewrites) if rewrites else None


def same_letters(value: str) -> str:
    """``value`` as ``compose-accents`` and ``drop-format-characters`` write it, before this fix: its letters
    composed, without the characters that show nothing."""
    return without_format(composed(value))


def _replacements(variants: list[str], main: str) -> dict[str, str]:
    """Each variant (as :func:`same_letters` writes it) to the main spelling, so written too: a variant that differs
    from it only so is left to those fixes."""
    target = same_letters(main)
    return {same_letters(variant): target for variant in variants if same_letters(variant) != target}


def _replacer(mapping: dict[str, str]) -> Callable[[pd.Series], pd.Series]:
    def rewrite(values: pd.Series) -> pd.Series:
        hit = values.isin(list(mapping))
        return values.where(~hit, values.map(mapping)) if hit.any() else values

    return rewrite


@hookimpl
def odwb_checks(context: CheckContext) -> list[InconsistentCategoryCheck]:
    return [InconsistentCategoryCheck()]


@hookimpl
def odwb_fixes() -> list[UnifyCategories]:
    return [UnifyCategories()]
