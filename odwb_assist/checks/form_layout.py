"""Check ``form-layout``: label/value pairs (a form, a record card), not a table of rows.

Found on a sheet of two columns (or four: two label/value blocks) of at most 100 rows whose label
columns hold distinct text labels, when most labels end with a colon (an error: certain), or when the
value column mixes shapes (numbers, dates, e-mails, text…) as no table column does (a warning).
Fix (the certain case only): the form becomes a one-row table, one column per label.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core.contract import Change, CheckContext, FixContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .shapes import HeadSampleCheck, header_labels, shape

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


class FormLayoutCheck(HeadSampleCheck):
    name = "form-layout"
    types = ("form-layout",)
    blocking = ("form-layout",)  # the types it may report as errors (see ``TableCheck.blocking``)
    sample_rows = MAX_ROWS + 1  # one more: a longer sheet is a table

    def end(self, context: CheckContext) -> Iterable[Finding]:
        table = self.head()
        verdict = form_verdict(header_labels(context), table) if table is not None else None
        if verdict is None:
            return
        severity, labels = verdict
        shown = ", ".join(f"« {label.rstrip(' :')} »" for label in labels[:4]) + ("…" if len(labels) > 4 else "")
        first = labels[0].rstrip(" :")
        yield Finding("form-layout", severity, MESSAGE.format(labels=shown), TIP.format(first=first),
                      row_number=context.header_row, extra={"labels": [label.rstrip(" :") for label in labels]})


class FormToRow:
    """A form whose labels end with « : » (certain) becomes a one-row table: one column per label."""

    name = "form-to-row"
    reads = ()  # the finding types its plan reads (see ``Fix.reads``)
    triggers = ("form-layout",)  # needs the whole table, only when the check reports this
    label = Msg("Formulaire → une ligne de tableau", "Form → one table row")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        import pandas as pd

        detected: Any = context.options.get("detected")
        cells = getattr(detected, "header_cells", None) or [[str(c) for c in table.columns]]
        header = [str(c) for c in cells[-1]]
        verdict = form_verdict(header, table)
        if verdict is None or verdict[0] != Severity.ERROR:
            return table, []
        first = int(getattr(detected, "header_row", 1) or 1)
        pairs: list[tuple[int, str, str]] = []
        for position in range(0, len(table.columns), 2):
            pairs.append((first, header[position], header[position + 1] if position + 1 < len(header) else ""))
            for row, label, value in zip(table.index, table.iloc[:, position], table.iloc[:, position + 1], strict=True):
                pairs.append((int(row), str(label), str(value)))
        pairs = [(row, label.strip().rstrip(":").strip(), value) for row, label, value in pairs
                 if label.strip() or value.strip()]
        labels = [label for _, label, _ in pairs]
        if not all(labels) or len(set(labels)) != len(labels):
            return table, []  # a value without a label, or a label twice: leave it to the user
        new = pd.DataFrame([[value for _, _, value in pairs]], columns=labels, index=[first], dtype="str")
        new.index.name = table.index.name
        if detected is not None:
            from dataclasses import replace

            context.options["detected"] = replace(detected, header_cells=[labels])
        return new, [Change(self.name, row, label, value, value) for row, label, value in pairs]


@hookimpl
def odwb_checks(context: CheckContext) -> list[FormLayoutCheck]:
    return [FormLayoutCheck()]


@hookimpl
def odwb_fixes() -> list[FormToRow]:
    return [FormToRow()]
