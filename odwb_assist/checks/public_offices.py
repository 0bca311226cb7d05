"""Rows about a public office: the composition of a council, a college, a CPAS, with each holder's contact.

A commune publishes who holds its public offices (bourgmestre, échevins, conseillers communaux, président du CPAS)
and its « grades légaux » (directeur général, directeur financier), by name, with the address and number they are
reached at for the office. Wallonia publishes every year a register of these mandates, by name (« cadastre des
mandats, des fonctions et des rémunérations », decrees of 29 March 2018 amending the Code de la démocratie locale
et de la décentralisation; pouvoirslocaux.wallonie.be, « Déclarations de mandats, de fonctions et de
rémunérations »). Their e-mail addresses and phone numbers on such rows are not a private person's: the
``personal-email`` check and the Belgian phone kind say them as warnings (check that it is the office's contact, not
a private one), not as errors that block publication.

A row is about a public office when a cell of a column whose label names a function (« Fonction », « Mandat »,
« Qualité », « Functie », « Funktion »…) begins with the name of one (« Échevin des Finances », « Conseillère
communale », « Bourgmestre f.f. », « Schepen », « Bürgermeister »). Words that also name a job or an association's
officer (« conseiller », « président », « directeur ») count only followed by what makes them a public office
(« conseiller communal », « président du CPAS », « directeur général »). The engine finds these rows once per chunk
(:func:`office_rows`, in ``CheckContext.options[OFFICE_ROWS]``) before the checks and kinds run.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .people import label_words

if TYPE_CHECKING:
    import numpy as np

    from ..core.contract import CheckContext, ColumnValues

OFFICE_ROWS = "public_office_rows"  # CheckContext.options key: the chunk's rows about a public office (numpy int64)
SHARED_BY = 3  # office holders giving one contact (a number, an address's domain) that make it their administration's

# the words of a label naming a holder's function (label_words: accents and case aside)
FUNCTION_LABELS = frozenset({"fonction", "fonctions", "mandat", "mandats", "qualite", "titre", "role", "poste",
                             "function", "functie", "mandaat", "funktion", "amt", "mandate"})
# an office named by its first word alone
OFFICES = frozenset({"bourgmestre", "burgemeester", "burgermeister", "echevin", "echevine", "schepen", "schoffe",
                     "schoffin", "gouverneur", "gemeenteraadslid", "ratsmitglied", "provincieraadslid", "deputee",
                     "depute", "gedeputeerde"})
# an office named by a word and what follows it (« conseiller communal »): first word -> the words that may follow
QUALIFIED: dict[str, frozenset[str]] = {
    **dict.fromkeys(("conseiller", "conseillere"), frozenset({"communal", "communale", "provincial", "provinciale",
                                                              "cpas", "action"})),
    **dict.fromkeys(("president", "presidente"), frozenset({"cpas", "conseil", "college"})),
    **dict.fromkeys(("directeur", "directrice"), frozenset({"general", "generale", "financier", "financiere"})),
    **dict.fromkeys(("receveur", "receveuse"), frozenset({"regional", "regionale", "communal", "communale"})),
    **dict.fromkeys(("secretaire", "greffier", "greffiere"), frozenset({"communal", "communale", "provincial",
                                                                          "provinciale", "cpas"})),
    "membre": frozenset({"college", "conseil"}),
    **dict.fromkeys(("administrateur", "administratrice"), frozenset({"public", "publique"})),
    "voorzitter": frozenset({"ocmw", "gemeenteraad", "raad"}),
    "algemeen": frozenset({"directeur"}),
    "financieel": frozenset({"directeur"}),
    "ocmw": frozenset({"voorzitter", "raadslid"}),
}
# words that make the function an organisation's, not a public office (« Président du conseil d'administration »)
PRIVATE = frozenset({"administration", "asbl", "vzw", "association", "club", "societe", "entreprise", "fondation"})
# a rank before the office (« 1er Échevin », « Première échevine », « Eerste schepen »): digits are no words
RANKS = frozenset({"er", "ere", "e", "eme", "ieme", "nd", "premier", "premiere", "deuxieme", "second", "seconde",
                   "troisieme", "quatrieme", "cinquieme", "sixieme", "septieme", "huitieme", "neuvieme", "eerste",
                   "tweede", "derde", "vierde", "erster", "erste", "zweiter", "zweite", "dritter", "dritte"})
LINKS = frozenset({"de", "du", "des", "la", "le", "l", "d", "van", "het", "der"})  # « président du CPAS »
LONGEST = 80  # characters: a longer cell is a sentence, not a function


def function_columns(fields: list[str]) -> list[str]:
    """The labels that name a holder's function (« Fonction », « Mandat », « Qualité »…)."""
    return [field for field in fields if any(word in FUNCTION_LABELS for word in label_words(field))]


@lru_cache(maxsize=4096)
def names_public_office(cell: str) -> bool:
    """Whether a cell begins with the name of a public office (« Échevine de l'Enseignement », « Président du
    CPAS », « Directeur général f.f. »); a job (« Conseiller en prévention ») or an association's « Président » is
    not one."""
    if len(cell) > LONGEST:
        return False
    words = label_words(cell)
    while words and words[0] in RANKS:
        words = words[1:]
    if not words or PRIVATE.intersection(words):
        return False
    first = words[0]
    if first in OFFICES:
        return True
    following = QUALIFIED.get(first)
    if following is None:
        return False
    rest = [word for word in words[1:4] if word not in LINKS]
    return bool(rest) and rest[0] in following


def office_rows(frame: Any, labels: list[str], columns: Any = None) -> np.ndarray:
    """The rows (the frame's index: physical row numbers) where a cell of ``labels`` names a public office; each
    distinct value is judged once (``columns``: the chunk's encoded columns, by label, when the engine has them)."""
    import numpy as np

    found: list[np.ndarray] = []
    for label in labels:
        if label not in frame.columns:
            continue
        column: ColumnValues | None = columns[label] if columns is not None else None
        if column is not None and len(column.rows) == len(column.codes):
            offices = np.fromiter((names_public_office(text) for text in column.texts), dtype=bool, count=len(column))
            if offices.any():
                found.append(column.rows[np.append(offices, False)[column.codes]])
            continue
        values = frame[label]
        mask = np.fromiter((isinstance(text, str) and names_public_office(text) for text in values.tolist()),
                           dtype=bool, count=len(values))
        if mask.any():
            found.append(frame.index.to_numpy()[mask])
    return np.unique(np.concatenate(found)).astype(np.int64) if found else np.zeros(0, dtype=np.int64)


def official_values(column: ColumnValues, context: CheckContext) -> np.ndarray:
    """Which distinct values of a chunk column are held only on rows about a public office (a mask over
    ``column.values``: all False when the table has none); what a plugin's kind of contacts reads."""
    return _office_counts(column, context) > 0


def shared_official_values(column: ColumnValues, context: CheckContext) -> np.ndarray:
    """Which distinct values of a chunk column are held only on rows about a public office, on :data:`SHARED_BY` rows
    at least (a mask over ``column.values``): the administration's contact that its holders give (the town hall's
    switchboard, the secretariat's address), no holder's own."""
    return _office_counts(column, context) >= SHARED_BY


def _office_counts(column: ColumnValues, context: CheckContext) -> np.ndarray:
    """Per distinct value: its rows about a public office, 0 when it is also on another row."""
    import numpy as np

    rows = context.options.get(OFFICE_ROWS)
    if rows is None or not len(rows) or not len(column):
        return np.zeros(len(column), dtype=np.int64)
    filled = column.codes >= 0
    official = np.isin(column.rows, rows) & filled
    inside = np.bincount(column.codes[official], minlength=len(column))
    outside = np.bincount(column.codes[filled & ~official], minlength=len(column))
    return np.where(outside == 0, inside, 0)
