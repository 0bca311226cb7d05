"""Check ``hyperlink-cells`` (warning): cells of a workbook that show a text and hold a link (« Voir le site » to
https://amisdubocq.be, « Fiche » to a web page): the value of the cell is the text, and so is what every reader and
the portal get; the address, which is the data, is lost. Fix ``add-link-columns``: a column « … (lien) » right after,
with each cell's address; the texts stay (a link's text may be data too: an association's name).

Read from the sheet's XML (:mod:`..quality.xlsx_scan`: ``<hyperlink r:id>`` and the sheet's relationships), for an
XLSX workbook read through python-calamine. A cell whose text is its address already is not said.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext
from ..core.findings import Finding, RowNumbers, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import free_label

if TYPE_CHECKING:
    import pandas as pd

EXAMPLES = 5

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) montrent un texte et cachent un lien (ex. ligne {row} : « {cell} » "
              "→ {url}) : le fichier publié n'aurait que le texte, pas l'adresse.",
              "Column '{field}': {count} cell(s) show a text and hide a link (e.g. row {row}: '{cell}' → {url}): the "
              "published file would hold the text only, not the address.")
TIP = Msg("Écrivez l'adresse dans la cellule, ou dans une colonne à part. « odwb-assist fix » ajoute une colonne "
          "« {field} (lien) » avec les adresses, juste après.",
          "Write the address in the cell, or in a column of its own. 'odwb-assist fix' adds a column '{field} (lien)' "
          "with the addresses, right after.")


def links_by_column(detected: Any, fields: list[str]) -> dict[str, dict[int, str]]:
    """The table's columns holding hyperlinks: label -> {physical row: address}."""
    found: dict[str, dict[int, str]] = {}
    for row, column, url in getattr(detected, "links", None) or []:
        if 0 < column <= len(fields):
            found.setdefault(fields[column - 1], {})[int(row)] = str(url)
    return found


def _shows_its_address(text: str, url: str) -> bool:
    plain = text.strip().lower().removeprefix("mailto:")
    address = url.strip().lower().removeprefix("mailto:")
    return plain == address or plain.rstrip("/") == address.rstrip("/").removeprefix("https://").removeprefix(
        "http://").removeprefix("www.") or address.rstrip("/").endswith("//" + plain.rstrip("/"))


class HyperlinkCellsCheck(BaseTableCheck):
    name = "hyperlink-cells"
    types = ("hyperlink-cells",)

    def start(self, context: CheckContext) -> None:
        self.links = links_by_column(context.options.get("detected"), list(context.fields))
        self.hidden: dict[str, list[int]] = {}  # per column: the rows whose text is not their address
        self.examples: dict[str, list[tuple[int, str, str]]] = {}

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        for label, rows in self.links.items():
            if label not in chunk.columns:
                continue
            here = [row for row in rows if row in chunk.index]
            if not here:
                continue
            cells = chunk.loc[here, label].astype(str).tolist()
            for row, text in zip(here, cells, strict=True):
                if _shows_its_address(text, rows[row]):
                    continue
                self.hidden.setdefault(label, []).append(row)
                if len(self.examples.setdefault(label, [])) < EXAMPLES:
                    self.examples[label].append((row, text.strip(), rows[row]))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for label in context.fields:
            rows = self.hidden.get(label)
            if not rows:
                continue
            row, cell, url = self.examples[label][0]
            yield Finding("hyperlink-cells", Severity.WARNING,
                          MESSAGE.format(field=label, count=len(rows), row=row, cell=cell, url=url),
                          TIP.format(field=label), row_number=row, field_name=label,
                          field_number=list(context.fields).index(label) + 1, cell=cell, count=len(rows),
                          rows=RowNumbers(sorted(rows)),
                          extra={"examples": [{"rowNumber": r, "cell": c, "url": u} for r, c, u in self.examples[label]]})


class AddLinkColumns:
    """Fix ``add-link-columns``: after each column the check reported, a column « … (lien) » with each cell's
    address (empty where a cell holds no link); the texts stay as they are."""

    name = "add-link-columns"
    reads = ("hyperlink-cells",)  # the finding types its plan reads (see ``Fix.reads``)
    triggers = ("hyperlink-cells",)  # adds a column: the whole table, only when the check reports this
    label = Msg("Adresses des liens dans une colonne « (lien) »", "Links' addresses in a '(lien)' column")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        reported = {f.field_name for f in (context.report.findings if context.report else [])
                    if f.type == "hyperlink-cells"}
        links = links_by_column(context.options.get("detected"), [str(c) for c in table.columns])
        changes: list[Change] = []
        for label in [str(c) for c in table.columns]:
            if label not in reported or label not in links:
                continue
            new = free_label(f"{label} (lien)", table.columns)
            rows = links[label]
            values = [rows.get(int(row), "") for row in table.index]
            table = table.copy()
            table.insert(table.columns.get_loc(label) + 1, new, values)
            changes.append(Change(self.name, None, new, "", new))
            changes.extend(Change(self.name, int(row), new, "", url) for row, url in zip(table.index, values, strict=True)
                           if url)
        return table, changes


@hookimpl
def odwb_checks(context: CheckContext) -> list[HyperlinkCellsCheck]:
    return [HyperlinkCellsCheck()]


@hookimpl
def odwb_fixes() -> list[AddLinkColumns]:
    return [AddLinkColumns()]
