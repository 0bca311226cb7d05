"""Checks ``personal-email`` and ``possible-personal-email``: the e-mail address of a person, not of a service.

An address is a person's (an error, which blocks publication) only with evidence of a person:

- its local part has the shape first-name.last-name (or last-name.first-name) with a common first
  name (``data/first_names.txt``): ``jean.dupont@…``, ``marie-claire.de.smet@…``;
- the table describes people (a first-name, birth-date… column, see :mod:`.people`);
- the same row names a person whose name the address spells (``Jean Dupont`` … ``jdupont@…``).
- the table is a survey tool's export and the address its respondent's (« Horodateur » or « Heure de début »
  first, a question among the labels: :func:`.people.survey_contacts`).

On a row about a public office (« Bourgmestre », « Échevine des Finances »: :mod:`.public_offices`), a person's
address is ``official-email``, a warning: the holder of a public office is published by name, with the contact of
the office; the warning asks to check that the address is that one, not a private one. Nothing is said of an address
on the administration's own domain, which answers that question: the domain of the project's website or contact
address, or one that :data:`SHARED_BY` office holders of the table use and no free mail service runs
(« marie.dupont@gembloux.be » beside « jean.lambert@gembloux.be »: a council's list, each member at the commune), or a
name under the same registered domain as these (« cpas.namur.be » beside « ville.namur.be »), or the domain of a body
named after the commune (« cpasciney.be », « cpas-ciney.be » beside « ciney.be »).

Organisation or service words in the address (asbl, club, chorale, info, urbanisme…) or the
organisation's own name in the same row (« Les Marsupilamis » … ``lesmarsupilamis@gmail.com``) mean
not personal; so does a first name at a shop's domain named after it (``lea@coiffurelea.be``), and a trade word
(« Fleuriste Rose ») makes a row's name a shop's, not a person's. A webmail domain alone is no evidence. Ambiguous
shapes (``j.dupont@…``, two unknown words, a first name alone) are warnings, never errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .organisations import names_organisation, words_of
from .people import is_first_name, rows_are_people, survey_contacts
from .public_offices import SHARED_BY
from .tally import clipped

if TYPE_CHECKING:
    import pandas as pd

PERSONAL, POSSIBLE, OFFICIAL = "personal-email", "possible-personal-email", "official-email"
OFFICE_DOMAINS = "administration_domains"  # CheckContext.options key: the domains of the project's administration
OFFICES_KEPT = 10_000  # office holders' findings kept until the end of the file (beyond: said at once, as found)
# free mail services and Belgian access providers: an address there is a private one, however many share the domain
WEBMAIL = frozenset({
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.be", "hotmail.fr", "outlook.com", "outlook.be",
    "outlook.fr", "live.com", "live.be", "live.fr", "msn.com", "yahoo.com", "yahoo.fr", "yahoo.be", "ymail.com",
    "icloud.com", "me.com", "mac.com", "aol.com", "gmx.com", "gmx.net", "gmx.fr", "gmx.be", "mail.com", "proton.me",
    "protonmail.com", "tutanota.com", "yandex.com", "laposte.net", "orange.fr", "free.fr", "sfr.fr", "wanadoo.fr",
    "skynet.be", "proximus.be", "belgacom.net", "telenet.be", "voo.be", "scarlet.be", "base.be", "edpnet.be",
    "swing.be", "brutele.be", "tvcablenet.be", "mobistar.be", "orange.be", "hotmail.nl", "live.nl", "outlook.nl",
    "web.de", "t-online.de"})
_ADDRESS = re.compile(r"\s*([^@\s]+)@([^@\s]+\.[a-z]{2,})\s*")
PARTICLES = frozenset({"de", "del", "della", "di", "da", "du", "des", "d", "la", "le", "les", "l", "van", "vande",
                       "vanden", "vander", "den", "der", "ter", "ten", "el", "al", "ben", "bin", "mac", "mc", "o", "y",
                       "et", "and", "en"})

ARTICLES = frozenset({"le", "la", "les", "l", "un", "une", "the", "het"})
WHY = {
    "name": Msg("forme prénom.nom", "first-name.last-name shape"),
    "row": Msg("le nom d'une personne de la même ligne", "the name of a person on the same row"),
    "people": Msg("le tableau décrit des personnes", "the table describes people"),
    "survey": Msg("réponse à un formulaire", "an answer to a form"),
    "initial": Msg("forme initiale.nom", "initial.last-name shape"),
    "shape": Msg("forme mot.mot", "word.word shape"),
    "first-name": Msg("un prénom", "a first name"),
    "joined": Msg("un prénom suivi d'un nom", "a first name followed by a name"),
}
MESSAGE = Msg("Ligne {row}, colonne « {field} » : « {cell} » est l'adresse e-mail d'une personne ({why}) : donnée "
              "personnelle.",
              "Row {row}, column '{field}': '{cell}' is a person's e-mail address ({why}): personal data.")
TIP = Msg("Ne publiez pas l'adresse d'une personne : remplacez-la par l'adresse d'un service ou de l'association "
          "(info@…, urbanisme@…) ou supprimez la colonne. Le RGPD interdit de publier des données personnelles sans "
          "base légale.",
          "Do not publish a person's address: replace it with the address of a service or of the association "
          "(info@…, planning@…) or delete the column. The GDPR forbids publishing personal data without a legal basis.")
POSSIBLE_MESSAGE = Msg("Ligne {row}, colonne « {field} » : « {cell} » pourrait être l'adresse e-mail d'une personne "
                       "({why}).",
                       "Row {row}, column '{field}': '{cell}' might be a person's e-mail address ({why}).")
IN_TEXT_MESSAGE = Msg("Ligne {row}, colonne « {field} » : le texte « {cell} » contient l'adresse e-mail d'une personne, "
                      "« {address} » ({why}) : donnée personnelle.",
                      "Row {row}, column '{field}': the text '{cell}' holds a person's e-mail address, '{address}' "
                      "({why}): personal data.")
POSSIBLE_IN_TEXT_MESSAGE = Msg("Ligne {row}, colonne « {field} » : le texte « {cell} » contient une adresse e-mail qui "
                               "pourrait être celle d'une personne, « {address} » ({why}).",
                               "Row {row}, column '{field}': the text '{cell}' holds an e-mail address that might be a "
                               "person's, '{address}' ({why}).")
IN_TEXT_TIP = Msg("Retirez l'adresse du texte avant de publier (ou remplacez-la par celle d'un service : info@…, "
                  "urbanisme@…). Le RGPD interdit de publier des données personnelles sans base légale.",
                  "Take the address out of the text before publishing (or replace it with a service's: info@…, "
                  "planning@…). The GDPR forbids publishing personal data without a legal basis.")
POSSIBLE_IN_TEXT_TIP = Msg("Si c'est l'adresse d'une personne, retirez-la du texte avant de publier ; si c'est celle "
                           "d'une association ou d'un service, ignorez cet avertissement.",
                           "If it is a person's address, take it out of the text before publishing; if it is an "
                           "association's or a service's, ignore this warning.")
OFFICIAL_MESSAGE = Msg("Ligne {row}, colonne « {field} » : « {cell} » est l'adresse d'une personne qui exerce une "
                       "fonction publique (« {office} ») : publiable si c'est l'adresse de la fonction, pas une adresse "
                       "privée.",
                       "Row {row}, column '{field}': '{cell}' is the address of a person holding a public office "
                       "('{office}'): it may be published if it is the office's address, not a private one.")
OFFICIAL_TIP = Msg("Les mandataires publics (bourgmestre, échevins, conseillers, président du CPAS) et les grades légaux "
                   "(directeur général, directeur financier) sont publics par leur fonction : la Région publie chaque "
                   "année, nommément, le cadastre des mandats (décrets du 29 mars 2018). Publiez l'adresse qu'ils "
                   "utilisent pour leur fonction (…@commune.be) ; une adresse privée ne se publie qu'avec l'accord de "
                   "la personne.",
                   "Public office holders (mayor, aldermen, councillors, CPAS president) and statutory officers (general "
                   "director, financial director) are public by their office: Wallonia publishes every year, by name, "
                   "the register of mandates (decrees of 29 March 2018). Publish the address they use for the office "
                   "(…@commune.be); a private address is published only with the person's consent.")
POSSIBLE_TIP = Msg("Si c'est l'adresse d'une personne, remplacez-la par l'adresse d'un service ou de l'association "
                   "(info@…) ou supprimez la colonne avant de publier ; si c'est déjà l'adresse d'une association ou "
                   "d'un service, ignorez cet avertissement.",
                   "If it is a person's address, replace it with the address of a service or of the association "
                   "(info@…) or delete the column before publishing; if it already is an association's or a "
                   "service's address, ignore this warning.")


@lru_cache(maxsize=65_536)
def address_shape(address: str) -> str | None:
    """What the address alone says: ``organisation``, a person's shape (``name``, ``initial``, ``shape``,
    ``first-name``, ``joined``) or ``None`` (no e-mail address, or nothing to say)."""
    match = _ADDRESS.fullmatch(address.lower())
    if match is None:
        return None
    local = match.group(1)
    words = words_of(local)
    if not words:
        return None
    if names_organisation(words):
        return "organisation"
    segments = [s for s in _segments(local) if s]
    if 2 <= len(segments) <= 3:
        first, last = segments[0], segments[-1]
        if (is_first_name(first) and len(last) > 1) or (is_first_name(last) and len(first) > 1):
            return "name"
        return "initial" if min(len(first), len(last)) == 1 else "shape"
    if len(segments) == 1:
        segment = segments[0]
        parts = segment.split("-")
        if is_first_name(segment):
            return "organisation" if _shop_named_after(segment, match.group(2)) else "first-name"
        if len(parts) == 2 and is_first_name(parts[0]) and len(parts[1]) > 1:
            return "name"
        if any(len(segment) - n >= 3 and is_first_name(segment[:n]) for n in range(4, len(segment) - 2)):
            return "joined"
    return None


def _shop_named_after(first_name: str, domain: str) -> bool:
    """Whether the domain is a shop's or a club's named after that first name (lea@coiffurelea.be,
    rose@fleuriste-rose.be): its name holds the first name and a trade or an organisation word."""
    labels = domain.split(".")[:-1]
    name = "".join(words_of(labels[-1])) if labels else ""
    plain = "".join(words_of(first_name))
    return len(name) > len(plain) and plain in name and names_organisation([name.replace(plain, " ", 1).strip()])


# the shapes of a person's address, whatever the table (« shape », two unknown words, is a service's as often:
# « etat.civil@… »): what metadata and the data dictionary take for a person's contact
PERSON_SHAPES = frozenset({"name", "initial", "first-name", "joined"})


def is_persons_address(address: str) -> bool:
    """Whether an e-mail address alone reads as a person's (:func:`address_shape` in :data:`PERSON_SHAPES`)."""
    return address_shape(address.strip()) in PERSON_SHAPES


def _segments(local: str) -> list[str]:
    """The parts of a local part between dots, underscores and plus signs, digits removed, hyphens kept."""
    text = "".join(c for c in local if not c.isdigit())
    return [" ".join(words_of(s)).replace(" ", "-") for s in re.split(r"[._+]+", text)]


def _person_name(words: list[str]) -> bool:
    if words[0] in ARTICLES:
        return False
    significant = [w for w in words if w not in PARTICLES]
    return 1 < len(significant) <= 4 and any(is_first_name(w) for w in significant)


def row_evidence(address: str, cells: Iterable[str], people_table: bool) -> str | None:
    """``person`` or ``organisation`` when a cell of the row names who the address belongs to, else ``None``.

    A cell matches when it spells the whole local part (« Les Marsupilamis » … ``lesmarsupilamis@``) or
    holds one of its longer words (« Jean Dupont » … ``jdupont@``); whole spellings are preferred.
    """
    local = address.strip().lower().split("@", 1)[0]
    local_words = [w for w in words_of(local) if len(w) >= 4 and not is_first_name(w)]
    letters = "".join(words_of(local))
    whole: list[list[str]] = []
    partial: list[list[str]] = []
    for cell in cells:
        if "@" in cell:
            continue
        words = words_of(cell)
        if not words or len(words) > 12:
            continue
        compact = "".join(words)
        if len(letters) >= 5 and (letters in compact or (len(compact) >= 5 and compact in letters)):
            whole.append(words)
        elif any(w in words or (len(w) >= 5 and w in compact) for w in local_words) or (
                _person_name(words) and any(len(w) >= 4 and w in letters for w in words)):
            partial.append(words)
    for group in (whole, partial):
        if any(_person_name(words) and not names_organisation(words) for words in group):
            return "person"
        if any(names_organisation(words) or (not people_table and _named_like_organisation(words)) for words in group):
            return "organisation"
    return None


def _named_like_organisation(words: list[str]) -> bool:
    """« Les Marsupilamis », « Repair Café Namur »: an article first, or three words without a first name."""
    significant = [w for w in words if w not in PARTICLES]
    return words[0] in ARTICLES or (len(significant) >= 3 and not any(is_first_name(w) for w in significant))


def verdict(address: str, cells: Callable[[], Iterable[str]], people_table: bool) -> tuple[str, str] | None:
    """(finding type, reason) for one address, ``None`` when it is not a person's."""
    shape = address_shape(address)
    if shape == "organisation":
        return None
    row = row_evidence(address, cells(), people_table)
    if row == "organisation" or (row is None and shape is None and not people_table):
        return None
    if row == "person":
        return PERSONAL, "row"
    if people_table:
        return PERSONAL, "people"
    if shape is None:  # already excluded above; kept for the type checker
        return None
    return (PERSONAL, shape) if shape == "name" else (POSSIBLE, shape)


_BETWEEN = re.compile(r"[\s;,/|]+(?:(?:ou|et|or|and)[\s;,/|]+)?", re.IGNORECASE)  # between two addresses of a cell


# an address inside a text (« écrivez-moi : marie.dubois@gmail.com ») : not glued to a letter, a digit or a dot
_IN_TEXT = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.IGNORECASE)


def cell_verdict(cell: str, cells: Callable[[], Iterable[str]],
                 people_table: bool) -> tuple[str, str, str | None] | None:
    """(finding type, reason, the address when the cell is a text holding it) of a cell: :func:`verdict` of an address,
    each of its addresses judged when it holds several (« info@club.be / jean.dupont@gmail.com »), or of each address
    written inside a text (a remark, a survey's answer: « contactez-moi : marie.dubois@gmail.com »); a person's address
    among them makes the cell personal."""
    parts = [part for part in _BETWEEN.split(cell.strip()) if part]
    if parts and all(_ADDRESS.fullmatch(part.lower()) for part in parts):  # addresses, nothing else
        found = [(*judged, None) for judged in (verdict(part, cells, people_table) for part in parts) if judged]
    else:
        found = [(*judged, address) for judged, address in
                 ((verdict(address, cells, people_table), address) for address in _IN_TEXT.findall(cell)) if judged]
    return next((item for item in found if item[0] == PERSONAL), None) or next(iter(found), None)


def administration_domains(*sources: str | None) -> tuple[str, ...]:
    """The domains of an administration's website and contact address (« https://www.ciney.be/fr », « info@ciney.be »
    → ciney.be), free mail services left out."""
    from urllib.parse import urlsplit

    found: list[str] = []
    for source in sources:
        text = (source or "").strip().lower()
        if "@" in text:
            domain = text.rsplit("@", 1)[1]
        else:  # a website with or without its scheme
            domain = (urlsplit(text if "//" in text else "//" + text).hostname or "").removeprefix("www.")
        if "." in domain and domain not in WEBMAIL and domain not in found:
            found.append(domain)
    return tuple(found)


class PersonalEmailCheck(BaseTableCheck):
    name = "personal-email"
    types = (PERSONAL, POSSIBLE, OFFICIAL)
    blocking = (PERSONAL,)  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        types = context.options.get("types", {})
        self.text = {name for name in context.fields if types.get(name, "string") in ("string", "any")}
        self.people = rows_are_people(context)
        self.respondents = set(survey_contacts(context.fields))  # a survey export's respondent addresses
        self.pending: list[tuple[str, int, pd.Series]] = []  # this chunk's candidate cells, column by column
        self.known_domains = tuple(context.options.get(OFFICE_DOMAINS, ()))
        self.office_findings: list[tuple[set[str], Finding]] = []  # said at the end, once the domains are known
        self.office_addresses: dict[str, set[str]] = {}  # domain -> the office holders' addresses there

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        """The address alone, once per distinct value: service and organisation addresses (most of a big
        file) leave here; the others wait for :meth:`check_chunk`, which reads the rest of their row."""
        import numpy as np

        if column.name not in self.text or not len(column):
            return ()
        from .cells import arrow_text

        cells = arrow_text(column.values) if len(column.codes) > column.SMALL else None
        if cells is None:
            values = column.texts
            candidate = np.fromiter(("@" in value and address_shape(value) != "organisation" for value in values),
                                    dtype=bool, count=len(values))
        else:  # the « @ » test on the Arrow buffers: only addresses become Python text
            from .cells import holding

            candidate = holding(cells, "@")
            at = np.flatnonzero(candidate)
            if len(at):
                texts = column.values.iloc[at].tolist()
                candidate[at] = [address_shape(str(value)) != "organisation" for value in texts]
        if candidate.any():
            self.pending.append((column.name, column.number, column.cells(candidate)))
        return ()

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        pending, self.pending = self.pending, []
        if not pending:
            return
        rows = _RowCells(chunk, [cells.index for _, _, cells in pending])
        offices = _offices(chunk, context)
        for column, number, candidates in pending:
            for row, cell in candidates.items():
                found = cell_verdict(str(cell), rows.other_cells(row, column), self.people)
                if found is None:
                    continue
                kind, why, address = found
                if column in self.respondents:
                    kind, why = PERSONAL, "survey"
                office = offices.get(int(row)) if column not in self.respondents else None
                if office is not None:  # the holder of a public office: the office's contact, said, not blocked
                    fmt = {"row": row, "field": column, "cell": cell, "office": office}
                    finding = Finding("official-email", Severity.WARNING, OFFICIAL_MESSAGE.format(**fmt), OFFICIAL_TIP,
                                      row_number=int(row), field_name=str(column), field_number=number,
                                      cell=str(cell), extra={"reason": why, "office": office})
                    domains = self._office_domains(str(cell))
                    if len(self.office_findings) < OFFICES_KEPT:
                        self.office_findings.append((domains, finding))
                    else:
                        yield finding
                    continue
                quoted = cell if address is None else clipped(str(cell))  # a long remark: its start, the address apart
                fmt = {"row": row, "field": column, "cell": quoted, "why": WHY[why].fr, "address": address}
                message = (MESSAGE if kind == PERSONAL else POSSIBLE_MESSAGE) if address is None else \
                    (IN_TEXT_MESSAGE if kind == PERSONAL else POSSIBLE_IN_TEXT_MESSAGE)
                text = Msg(message.fr.format(**fmt), message.en.format(**{**fmt, "why": WHY[why].en}))
                yield Finding(kind, Severity.ERROR if kind == PERSONAL else Severity.WARNING, text,
                              (TIP if kind == PERSONAL else POSSIBLE_TIP) if address is None else
                              (IN_TEXT_TIP if kind == PERSONAL else POSSIBLE_IN_TEXT_TIP),
                              row_number=int(row), field_name=str(column), field_number=number, cell=str(cell),
                              extra={"reason": why} if address is None else {"reason": why, "address": address})

    def _office_domains(self, cell: str) -> set[str]:
        """The domains of an office holder's addresses in ``cell``, each address counted for its domain."""
        domains: set[str] = set()
        for address in _IN_TEXT.findall(cell):
            address = address.lower()
            domain = address.rsplit("@", 1)[1]
            domains.add(domain)
            if domain not in WEBMAIL:
                self.office_addresses.setdefault(domain, set()).add(address)
        return domains

    def end(self, context: CheckContext) -> Iterable[Finding]:
        """The office holders' addresses that are not all on the administration's domain (see the module's text)."""
        shared = {domain for domain, addresses in self.office_addresses.items() if len(addresses) >= SHARED_BY}
        # the administration's own name under its domain: « cpas.namur.be » beside « ville.namur.be » (its registrable
        # domain, « namur.be », the same), never a free mail service's
        families = {_registrable(domain) for domain in (*shared, *self.known_domains)} - WEBMAIL

        def administration(domain: str) -> bool:
            return domain in shared or any(domain == known or domain.endswith("." + known)
                                           for known in self.known_domains) or \
                (domain not in WEBMAIL and (domain.count(".") >= 2 and _registrable(domain) in families
                                            or _local_body(_registrable(domain)) in families))

        findings, self.office_findings, self.office_addresses = self.office_findings, [], {}
        return [finding for domains, finding in findings if not (domains and all(map(administration, domains)))]


# the bodies of a commune that name their own domain after it: « cpasciney.be », « cpas-ciney.be » beside « ciney.be »
LOCAL_BODIES = re.compile(r"^(?:(?:cpas|ocmw|villede|ville|communede|commune|police|zp)-?|ac-)(?=[a-z0-9])")


def _local_body(registrable: str) -> str | None:
    """The commune's domain of a body named after it (« ciney.be » of « cpasciney.be »), or None."""
    name, _, suffix = registrable.partition(".")
    stripped = LOCAL_BODIES.sub("", name)
    return f"{stripped}.{suffix}" if stripped != name and len(stripped) >= 3 else None


def _registrable(domain: str) -> str:
    """A domain's last two labels (« namur.be » of « cpas.namur.be »): Belgian public bodies' domains are under
    ``.be``, whose names are registered at the second level."""
    return ".".join(domain.split(".")[-2:])


def _offices(chunk: pd.DataFrame, context: CheckContext) -> dict[int, str]:
    """The chunk's rows about a public office (found by the engine), with the office's cell."""
    from .public_offices import OFFICE_ROWS, function_columns, names_public_office

    rows = context.options.get(OFFICE_ROWS)
    if rows is None or not len(rows):
        return {}
    labels = [label for label in function_columns(list(chunk.columns)) if label in chunk.columns]
    found: dict[int, str] = {}
    for row in rows.tolist():
        if row not in chunk.index:
            continue
        for label in labels:
            cell = chunk.at[row, label]
            if isinstance(cell, str) and names_public_office(cell):
                found[int(row)] = cell.strip()
                break
    return found


class _RowCells:
    """The cells of the chunk's rows holding a candidate address, read once from the chunk."""

    def __init__(self, chunk: pd.DataFrame, indexes: list[pd.Index]) -> None:
        import numpy as np

        wanted = np.unique(np.concatenate([index.to_numpy() for index in indexes]))
        block = chunk.loc[wanted]
        self.columns = [str(column) for column in chunk.columns]
        self.where = {int(row): at for at, row in enumerate(wanted.tolist())}
        self.cells = block.to_numpy(dtype=object)

    def other_cells(self, row: object, column: str) -> Callable[[], list[str]]:
        def cells() -> list[str]:
            line = self.cells[self.where[int(row)]]  # type: ignore[call-overload]
            return [str(v) for c, v in zip(self.columns, line, strict=True)
                    if c != column and isinstance(v, str) and v.strip()]
        return cells


@hookimpl
def odwb_checks(context: CheckContext) -> list[PersonalEmailCheck]:
    return [PersonalEmailCheck()]
