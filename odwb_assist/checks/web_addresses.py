"""Check ``web-address-scheme`` (warning): in a column of web addresses (a directory's « Site internet »), addresses
written without their scheme (« www.boulangerie-dupont.be », « facebook.com/club ») or with a scheme mistyped
(« http//… », « http:/… », « htpp://… », « http:\\\\… », « //www… » copied from a web page's code); fix
``web-address-scheme``: « http:// » put in front of an address without one, a mistyped scheme written right.

An address without its scheme is not a whole address (RFC 3986: a URI starts with its scheme): a browser guesses it
when a person types it, a program that reuses the data (a map's pop-up, a link checker, a table's « url » format in
Frictionless) does not; a mistyped scheme opens nothing at all. « http:// » is what a browser puts in front of an
address typed bare (a site served over https sends the reader on): the fix adds nothing the address did not mean.

Only in a column whose filled cells are nearly all web addresses (:data:`SHARE`), with or without their scheme: a
remark that names a site among other words, a column of file names (« budget.pdf »), initials (« J.Dupont ») are
left. An address without its scheme is a host starting with « www. » or ending with a common top-level domain.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellRewrite, CellRule
from .tally import ColumnTally

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

SHARE = 0.8  # of a column's filled cells that are web addresses
# top-level domains an address written bare may end with (a host « www.… » may end with any)
DOMAINS = ("be|com|org|net|eu|fr|nl|lu|de|info|biz|io|co|uk|ch|wallonie|brussels|bruxelles|vlaanderen|gent|immo|shop|"
           "online|site|app|tv|me|cafe|bar|restaurant|travel|museum|art|green|bio|coop|asso|gouv")
_HOST = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_PATH = r"(?:[:/?#][^\s]*)?"
# what a mistyped scheme looks like, and what it meant
# (« //www… » alone is a protocol-relative reference, RFC 3986 § 4.2: a link inside a web page, no address on its own)
_TYPOS = r"(?:(?:h?tt?p?s?|hxxps?|htpps?)(?::/{1,3}|/{1,2}|:\\{1,2}|;/{1,2}|:/{3,})|//)"
_BARE = rf"(?:www\.(?:{_HOST}\.)+[a-z]{{2,}}|(?:{_HOST}\.)+(?:{DOMAINS})){_PATH}"
# a whole cell that is a web address: right, without its scheme, or with its scheme mistyped (pyarrow's RE2 syntax)
WEB = rf"(?i)^\s*(?:https?://(?:{_HOST}\.)+[a-z]{{2,}}{_PATH}|(?:{_TYPOS})?{_BARE})\s*$"
_WEB = re.compile(WEB)
_RIGHT = re.compile(r"(?i)\s*https?://")
_TYPO = re.compile(rf"(?i)\s*({_TYPOS})")

MESSAGE = Msg("Colonne « {field} » : {count} adresse(s) web incomplète(s), sans « http:// » devant ou avec un « http:// » "
              "mal écrit (ex. ligne {row} : « {cell} ») : un programme qui réutilise les données n'en fait pas un lien.",
              "Column '{field}': {count} web address(es) not whole, without 'http://' in front or with a mistyped "
              "'http://' (e.g. row {row}: '{cell}'): a program reusing the data makes no link of them.")
TIP = Msg("Écrivez chaque adresse en entier, avec « https:// » (ou « http:// ») devant, ou lancez « odwb-assist fix », "
          "qui met « http:// » devant une adresse qui n'en a pas et répare « http// » ou « htpp:// ».",
          "Write each address whole, with 'https://' (or 'http://') in front, or run 'odwb-assist fix', which puts "
          "'http://' in front of an address without one and mends 'http//' or 'htpp://'.")


def is_web_address(text: str) -> bool:
    """Whether a cell is a web address, whole or not (see :data:`WEB`)."""
    return _WEB.fullmatch(text) is not None


def needs_scheme(text: str) -> bool:
    """Whether a cell is a web address without its scheme, or with it mistyped."""
    return is_web_address(text) and _RIGHT.match(text) is None


def with_scheme(text: str) -> str:
    """The address with its scheme: « http:// » in front of a bare one, a mistyped one written right (« https »
    when the typo holds its « s »: « https//… », « htps://… »)."""
    address = text.strip()
    typo = _TYPO.match(address)
    if typo is not None and is_web_address(address[typo.end():]):
        letters = re.match(r"[a-z]*", typo.group(1).lower())
        secure = letters is not None and letters.group(0).endswith("s")
        return ("https://" if secure else "http://") + address[typo.end():]
    return "http://" + address


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells that are web addresses, right or not (RE2 over the whole array: no Python per cell)."""
    import numpy as np
    import pyarrow.compute as pc

    found = pc.match_substring_regex(cells, WEB)
    return np.asarray(found.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


WEB_RULE = CellRule(is_web_address, _candidates)
RULE = CellRule(needs_scheme, _candidates)


class WebAddressSchemeCheck(BaseTableCheck):
    name = "web-address-scheme"
    types = ("web-address-scheme",)

    def start(self, context: CheckContext) -> None:
        self.tally = ColumnTally()
        self.web: Counter[str] = Counter()
        self.filled: Counter[str] = Counter()
        self.left: set[str] = set()  # columns whose first chunk held few web addresses: not looked at again

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        name = column.name
        if not len(column) or name in self.left:
            return ()
        counts = column.counts
        first = name not in self.filled
        self.filled[name] += int(counts.sum())
        web = WEB_RULE.values_mask(column)
        self.web[name] += int(counts[web].sum()) if web.any() else 0
        if first and self.web[name] < SHARE / 2 * self.filled[name]:
            self.left.add(name)  # not a column of web addresses (a remark naming a site, an e-mail…)
            return ()
        if web.any():
            missing = web.copy()
            missing[web] = [_RIGHT.match(text) is None for text in column.values[web].tolist()]
            self.tally.add_values(column, missing)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for finding in self.tally.findings(self.types[0], Severity.WARNING, MESSAGE, TIP):
            name = str(finding.field_name)
            if name not in self.left and self.web[name] >= SHARE * self.filled[name]:  # a column of web addresses
                yield finding


class WebAddressScheme(CellRewrite):
    name = "web-address-scheme"
    reads = ("web-address-scheme",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Adresses web complétées (« http:// » devant)", "Web addresses made whole ('http://' in front)")
    rule = RULE
    reported_only = True  # only in a column of web addresses: a cell alone does not tell

    def rewrite(self, text: str) -> str:
        return with_scheme(text)


@hookimpl
def odwb_checks(context: CheckContext) -> list[WebAddressSchemeCheck]:
    return [WebAddressSchemeCheck()]


@hookimpl
def odwb_fixes() -> list[WebAddressScheme]:
    return [WebAddressScheme()]
