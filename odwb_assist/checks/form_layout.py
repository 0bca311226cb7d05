"""Check ``form-layout``: label/value pairs (a form, a record card), not a table of rows.

Found on a sheet of two columns (or four: two label/value blocks) of at most 100 rows whose label
columns hold distinct text labels, when most labels end with a colon (an error: certain), or when the
value column mixes shapes (numbers, dates, e-mails, text…) as no table column does (a warning).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..hookspecs import hookimpl
from ..i18n import Msg
from ..quality.model import Finding, Severity
from .base import BaseTableCheck, CheckContext
from .shapes import shape

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("La feuille est un formulaire (des paires étiquette / valeur : {labels}), pas un tableau de données.",
              "The sheet is a form (label / value pairs: {labels}), not a data table.")
TIP = Msg("Transformez le formulaire en tableau : une colonne par étiquette (« {first} »…) et une ligne par fiche. "
          "Pour une seule fiche, copiez les valeurs puis Collage spécial > Transposer ; pour plusieurs fiches "
          "(une par feuille ou par fichier), rassemblez-les dans un même tableau, une ligne chacune.",
          "Turn the form into a table: one column per label ('{first}'…) and one row per record. For a single "
          "record, copy the values then Paste special > Transpose; for several records (one per sheet or file), "
          "gather them in one table, one row each.")
MAX_ROWS = 100


def _label_like(values: pd.Series) -> bool:
    texts = values[values.str.strip() != ""].str.strip()
    return len(texts) >= 3 and texts.is_unique and bool((texts.map(shape) == "text").all())


def form_verdict(header: list[str], table: pd.DataFrame) -> tuple[Severity, list[str]] | None:
    """(severity, labels) when the sheet is label/value pairs, else None."""
    import pandas as pd

    width = len(table.columns)
    if width not in (2, 4) or len(table) > MAX_ROWS:
        return None
    label_positions = range(0, width, 2)
    labels: list[str] = []
    values: list[str] = []
    for position in label_positions:
        column = pd.concat([pd.Series([header[position] if position < len(header) else ""]),
                            table.iloc[:, position]], ignore_index=True)
        value = pd.concat([pd.Series([header[position + 1] if position + 1 < len(header) else ""]),
                           table.iloc[:, position + 1]], ignore_index=True)
        if not _label_like(column):
            return None
        keep = column.str.strip() != ""
        labels += list(column[keep].str.strip())
        values += list(value[keep].str.strip())
    colons = sum(label.endswith(":") for label in labels)
    if colons * 2 > len(labels):
        return Severity.ERROR, labels
    kinds = pd.Series(["number" if shape(v) == "year" else shape(v) for v in values if v], dtype="str")
    counts = kinds.value_counts()
    if len(counts) >= 3 and "text" in counts.index and counts.iloc[0] <= 0.6 * len(kinds):
        return Severity.WARNING, labels
    return None


class FormLayoutCheck(BaseTableCheck):
    name = "form-layout"
    types = ("form-layout",)

    def start(self, context: CheckContext) -> None:
        self.parts: list[pd.DataFrame] = []
        self.rows = 0

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        self.rows += len(chunk)
        if self.rows <= MAX_ROWS:
            self.parts.append(chunk)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        import pandas as pd

        if not self.parts or self.rows > MAX_ROWS:
            return
        detected: Any = context.options.get("detected")
        cells = getattr(detected, "header_cells", None) or [context.fields]
        verdict = form_verdict([str(c) for c in cells[-1]], pd.concat(self.parts))
        if verdict is None:
            return
        severity, labels = verdict
        shown = ", ".join(f"« {label.rstrip(' :')} »" for label in labels[:4]) + ("…" if len(labels) > 4 else "")
        first = labels[0].rstrip(" :")
        yield Finding("form-layout", severity, MESSAGE.format(labels=shown), TIP.format(first=first),
                      row_number=context.header_row, extra={"labels": [label.rstrip(" :") for label in labels]})


@hookimpl
def odwb_checks(context: CheckContext) -> list[FormLayoutCheck]:
    return [FormLayoutCheck()]
