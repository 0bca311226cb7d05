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
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from ..core.contract import CheckContext
from ..core.findings import Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellCheck, CellRewrite, CellRule, buffer, cells_at

if TYPE_CHECKING:
    import numpy as np
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


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells holding a « < » or « & » (numpy on the data buffer)."""
    import numpy as np

    offsets, data = buffer(cells)
    low = int(offsets[0])
    part = data[low: int(offsets[-1])]
    return cells_at(offsets, np.flatnonzero((part == ord("<")) | (part == ord("&"))) + low)


RULE = CellRule(has_html, _candidates, needs="<&")


html_mask = RULE.mask  # True where a cell of a text Series holds HTML


class HtmlCellsCheck(CellCheck):
    name = "html-in-cells"
    types = ("html-in-cells",)
    rule = RULE
    severity = Severity.WARNING
    message = MESSAGE
    tip = TIP


class HtmlToText(CellRewrite):
    """Fix ``html-to-text``: HTML cells written as a browser shows them."""

    name = "html-to-text"
    reads = ("html-in-cells",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("HTML écrit en texte (« &eacute; » → « é », « <br> » → retour à la ligne)",
                "HTML written as text ('&eacute;' → 'é', '<br>' → a new line)")
    rule = RULE

    def rewrite(self, text: str) -> str:
        return as_text(text)


@hookimpl
def odwb_checks(context: CheckContext) -> list[HtmlCellsCheck]:
    return [HtmlCellsCheck()]


@hookimpl
def odwb_fixes() -> list[HtmlToText]:
    return [HtmlToText()]
