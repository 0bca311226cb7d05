"""Check ``inconsistent-category``: values of a category column differing only by case, accents or spaces."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..i18n import Msg
from ..quality.model import Finding, Severity
from .base import BaseTableCheck, CheckContext

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


@hookimpl
def odwb_checks(context: CheckContext) -> list[InconsistentCategoryCheck]:
    return [InconsistentCategoryCheck()]
