"""Check ``html-in-cells`` (warning): cells holding HTML (« <p>Marché de Noël</p> », « Sport &amp; Loisirs »,
« &eacute; »), as a website's content manager exports its pages and agendas; fix ``html-to-text``.

The portal shows a cell as text: the tags and entities would be read as they are. A cell counts when it holds a
tag of HTML's text markup (``p``, ``br``, ``div``, ``span``, ``strong``, ``a``, ``li``…, opening or closing) or an
entity HTML defines (``&amp;``, ``&eacute;``, ``&#233;``): « <5 ans », « R&D » or « Dupont & fils » are text.
The fix writes what a browser shows, with Python's own HTML parser: entities as their characters, a line break or
a paragraph as a new line, a list item as a line « - … », a link as its text followed by its address in
parentheses (nothing is lost: the address is data), the other tags dropped; each cell in the change log.
"""

from __future__ import annotations

import html
import html.entities
import re
from collections.abc import Iterable
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import replace_cells
from .tally import SMALL_VALUES, ColumnTally

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

TAGS = ("p", "br", "div", "span", "strong", "b", "i", "em", "u", "a", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5",
        "h6", "table", "tbody", "thead", "tr", "td", "th", "font", "img", "sup", "sub", "hr", "blockquote", "small",
        "center", "section", "article", "dl", "dt", "dd")
TAG = re.compile(r"</?(?:" + "|".join(TAGS) + r")(?:\s[^<>]*)?/?>", re.IGNORECASE)
ENTITY = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|([A-Za-z][A-Za-z0-9]{1,31}));")
_BLOCKS = {"p", "div", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "hr",
           "section", "article", "dl", "dd", "dt"}

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) contiennent du HTML, que le portail affichera tel quel (ex. "
              "ligne {row} : « {cell} »).",
              "Column '{field}': {count} cell(s) hold HTML, which the portal will show as it is (e.g. row {row}: "
              "'{cell}').")
TIP = Msg("Le texte vient d'un site web ou d'un éditeur de pages : exportez-le en texte brut si le logiciel le permet, "
          "ou laissez « odwb-assist fix » écrire le texte tel qu'un navigateur l'affiche (« &eacute; » → « é », "
          "« <br> » → retour à la ligne, un lien → son texte et son adresse entre parenthèses).",
          "The text comes from a website or a page editor: export it as plain text if the software allows it, or "
          "let 'odwb-assist fix' write the text as a browser shows it ('&eacute;' → 'é', '<br>' → a new line, a "
          "link → its text and its address in parentheses).")


def _entity(found: re.Match[str]) -> bool:
    name = found.group(1)
    return name is None or f"{name};" in html.entities.html5


def has_html(text: str) -> bool:
    """Whether ``text`` holds an HTML tag of text markup or an entity HTML defines."""
    if "<" in text and TAG.search(text):
        return True
    return "&" in text and any(_entity(found) for found in ENTITY.finditer(text))


class _Text(HTMLParser):
    """What a browser shows of a cell's HTML, as plain text (links with their address)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        if tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            address = self.links.pop()
            if address and not address.startswith(("#", "javascript:")):
                self.parts.append(f" ({address})")
        elif tag in _BLOCKS or tag == "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


@lru_cache(maxsize=4096)
def as_text(text: str) -> str:
    """``text`` as a browser shows it (see the module's text); the lines stripped, blank ones dropped."""
    if not ("<" in text and TAG.search(text)):
        return html.unescape(text)  # entities only: a « < » of the text stays as it is
    parser = _Text()
    parser.feed(text)
    parser.close()
    shown = "".join(parser.parts).replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in shown.split("\n")]
    return "\n".join(line for line in lines if line)


def html_mask(values: pd.Series) -> np.ndarray:
    """True where a cell of ``values`` holds HTML (its bytes first: most columns have neither « < » nor « & »)."""
    import numpy as np

    from .cells import arrow_text

    cells = arrow_text(values)
    if cells is not None:
        return _arrow_mask(cells)
    texts = values.tolist()
    return np.fromiter((isinstance(t, str) and has_html(t) for t in texts), dtype=bool, count=len(texts))


def _arrow_mask(cells: pa.Array) -> np.ndarray:
    """:func:`html_mask` on Arrow text: the cells holding a « < » or « & » (numpy on the data buffer), then those
    few in Python."""
    import numpy as np
    import pyarrow as pa

    from .cells import byte_offsets

    mask = np.zeros(len(cells), dtype=bool)
    data_buffer = cells.buffers()[2]
    if not len(cells) or data_buffer is None:
        return mask
    offsets = byte_offsets(cells)
    low = int(offsets[0])
    data = np.frombuffer(data_buffer, dtype=np.uint8)[low: int(offsets[-1])]
    at = np.flatnonzero((data == ord("<")) | (data == ord("&")))
    if not len(at):
        return mask
    candidates = np.unique(np.searchsorted(offsets, at + low, side="right") - 1)
    texts = cells.take(pa.array(candidates)).to_pylist()
    mask[candidates] = [text is not None and has_html(text) for text in texts]
    return mask


def _html_values(column: ColumnValues) -> np.ndarray:
    """:func:`html_mask` over a column's distinct values (a few of them: in plain Python)."""
    import numpy as np

    if len(column) > SMALL_VALUES:
        return html_mask(column.values)
    return np.fromiter((has_html(text) for text in column.texts), dtype=bool, count=len(column))


class HtmlCellsCheck(BaseTableCheck):
    name = "html-in-cells"
    types = ("html-in-cells",)

    def start(self, context: CheckContext) -> None:
        self.tally = ColumnTally()

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        self.tally.add_values(column, _html_values(column))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        return self.tally.findings("html-in-cells", Severity.WARNING, MESSAGE, TIP)


class HtmlToText:
    """Fix ``html-to-text``: HTML cells written as a browser shows them."""

    name = "html-to-text"
    reads = ("html-in-cells",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("HTML écrit en texte (« &eacute; » → « é », « <br> » → retour à la ligne)",
                "HTML written as text ('&eacute;' → 'é', '<br>' → a new line)")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        changes: list[Change] = []
        table = table.copy()
        for column in table.columns:
            values = table[column].astype(str)
            found = values[html_mask(values)]
            changes.extend(replace_cells(table, column, found.map(as_text), self.name))
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import columns_of

        columns = columns_of(context, ["html-in-cells"])
        return FixPlan(rewrites=dict.fromkeys(columns, _as_text)) if columns else None


def _as_text(values: pd.Series) -> pd.Series:
    mask = html_mask(values)
    if not mask.any():
        return values
    shown = values.copy()
    shown[mask] = [as_text(text) for text in values[mask].tolist()]
    return shown


@hookimpl
def odwb_checks(context: CheckContext) -> list[HtmlCellsCheck]:
    return [HtmlCellsCheck()]


@hookimpl
def odwb_fixes() -> list[HtmlToText]:
    return [HtmlToText()]
