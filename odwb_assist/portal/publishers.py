"""Matching an administration to the publisher names of a portal, as portals really write them.

Publisher names on ODWB are free text: « Ville de Namur - Mobilité », « Administration communale de
Tournai », « Service public de Wallonie (SPW) », « Ville de Liège » with a trailing space. An
administration matches a publisher name when, after normalisation (case, accents, spaces,
apostrophes), one of these holds — the first that holds is the reason shown to staff:

1. the names are equal;
2. the name is in the administration's explicit alias list (the register's publisher names);
3. they are equal once the commune prefix is dropped (« Ville de », « Commune de »,
   « Administration communale de », « AC »): « Administration communale de Tournai » is Tournai;
4. the publisher is a service of the administration (« Ville de Namur - Mobilité »: the part before
   « - » matches);
5. the abbreviation in parentheses matches (« Service public de Wallonie (SPW) » and « SPW »).

Matching by NIS code needs a dataset's metadata, not a publisher name: see :func:`nis_codes_in`.
Every key is computed once, so matching 300 administrations against 1 000 names is a dictionary lookup each.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PREFIXES = ("administration communale de ", "administration communale d'", "commune de ", "commune d'",
            "ville de ", "ville d'", "ac ")
SERVICE_SEPARATOR = re.compile(r"\s+[-–—]\s+")
ABBREVIATION = re.compile(r"\(([^()]{2,15})\)\s*$")
NIS_CODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")

# reason code -> (French, English); {name} is the administration's name or alias that matched
REASONS: dict[str, tuple[str, str]] = {
    "alias": ("alias du registre « {name} »", "register alias '{name}'"),
    "same": ("même nom (majuscules, accents et espaces ignorés)", "same name (case, accents and spaces ignored)"),
    "prefix": ("même commune (« Ville de », « Commune de », « Administration communale de » ignorés)",
               "same commune ('Ville de', 'Commune de', 'Administration communale de' ignored)"),
    "service": ("service de « {name} »", "a service of '{name}'"),
    "abbreviation": ("même abréviation « {abbr} »", "same abbreviation '{abbr}'"),
    "nis": ("code INS {nis} dans les métadonnées du jeu", "NIS code {nis} in the dataset's metadata"),
}


def fold(text: str) -> str:
    """Lower case, no accents, single spaces, straight apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    # « Ville+de+Nivelles »: a name that went through a URL once
    return " ".join(plain.casefold().replace("’", "'").replace("`", "'").replace("+", " ").split())


def strip_prefix(folded: str) -> str:
    for prefix in PREFIXES:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            return folded[len(prefix):].strip()
    return folded


def main_part(folded: str) -> str | None:
    """« ville de namur - mobilite » -> « ville de namur »; None without a spaced dash."""
    parts = SERVICE_SEPARATOR.split(folded, maxsplit=1)
    return parts[0].strip() if len(parts) == 2 and parts[0].strip() else None


def abbreviation(folded: str) -> str | None:
    found = ABBREVIATION.search(folded)
    return found.group(1).strip() if found else None


def without_abbreviation(folded: str) -> str:
    return ABBREVIATION.sub("", folded).strip()


def nis_codes_in(*texts: object) -> set[str]:
    """The 5-digit codes written in metadata values (« Ville de Ciney (code INS 91030) »)."""
    found: set[str] = set()
    for text in texts:
        if isinstance(text, (list, tuple)):
            found |= nis_codes_in(*text)
        elif text:
            found.update(NIS_CODE.findall(str(text)))
    return found


@dataclass(frozen=True)
class PublisherMatch:
    """One publisher name (as the portal writes it) that belongs to an administration, and why."""

    publisher: str
    reason: str
    detail: str = ""

    def explain(self, lang: str = "fr") -> str:
        fr, en = REASONS[self.reason]
        template = en if lang == "en" else fr
        return template.format(name=self.detail, abbr=self.detail, nis=self.detail)

    def to_dict(self) -> dict[str, str]:
        return {"publisher": self.publisher, "reason": self.reason, "explanation": self.explain("fr")}


@dataclass
class _Keys:
    full: str
    core: str
    abbr: str | None
    plain: str  # without the abbreviation in parentheses


def _keys(name: str) -> _Keys:
    full = fold(name)
    plain = without_abbreviation(full)
    return _Keys(full, strip_prefix(plain), abbreviation(full), plain)


class PublisherMatcher:
    """Matches publisher names to owners (administrations), each owner with names and aliases."""

    def __init__(self) -> None:
        self._alias: dict[str, list[tuple[object, str]]] = {}
        self._full: dict[str, list[tuple[object, str]]] = {}
        self._core: dict[str, list[tuple[object, str]]] = {}
        self._abbr: dict[str, list[tuple[object, str]]] = {}

    def add(self, owner: object, names: Iterable[str], aliases: Iterable[str] = ()) -> None:
        for alias in aliases:
            if alias.strip():
                self._alias.setdefault(fold(alias), []).append((owner, alias.strip()))
        for name in names:
            if not name.strip():
                continue
            keys = _keys(name)
            self._full.setdefault(keys.full, []).append((owner, name.strip()))
            self._core.setdefault(keys.core, []).append((owner, name.strip()))
            if keys.abbr:
                self._abbr.setdefault(keys.abbr, []).append((owner, name.strip()))
            if keys.plain != keys.full:  # « Service public de Wallonie (SPW) » also answers to its long name
                self._full.setdefault(keys.plain, []).append((owner, name.strip()))
            if " " not in keys.full and keys.full.isalpha() and len(keys.full) <= 15:  # « SPW » as an abbreviation
                self._abbr.setdefault(keys.full, []).append((owner, name.strip()))

    def owners(self, publisher: str) -> list[tuple[object, PublisherMatch]]:
        """Every owner of ``publisher``, each with its first reason (see the module docstring)."""
        found: dict[int, tuple[object, PublisherMatch]] = {}

        def take(table: dict[str, list[tuple[object, str]]], key: str | None, reason: str, detail: str | None = None) -> None:
            if not key:
                return
            for owner, name in table.get(key, []):
                found.setdefault(id(owner), (owner, PublisherMatch(publisher, reason, detail if detail is not None else name)))

        keys = _keys(publisher)
        take(self._full, keys.full, "same")
        take(self._full, keys.plain, "same")
        take(self._alias, keys.full, "alias")
        take(self._core, keys.core, "prefix")
        main = main_part(keys.plain)
        if main:
            take(self._full, main, "service")
            take(self._core, strip_prefix(main), "service")
            take(self._alias, main, "service")
        if keys.abbr:
            take(self._abbr, keys.abbr, "abbreviation", keys.abbr.upper())
        elif " " not in keys.full and keys.full.isalpha():
            take(self._abbr, keys.full, "abbreviation", keys.full.upper())
        return list(found.values())


def matching_publishers(name: str, publishers: Sequence[str], aliases: Sequence[str] = ()) -> list[PublisherMatch]:
    """The publisher names among ``publishers`` that belong to ``name`` (one administration), with reasons."""
    matcher = PublisherMatcher()
    matcher.add(name, [name], aliases)
    result = []
    for publisher in publishers:
        owners = matcher.owners(publisher)
        if owners:
            result.append(owners[0][1])
    return result
