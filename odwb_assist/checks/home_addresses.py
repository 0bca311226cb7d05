"""Check ``home-addresses`` (error): people's street addresses, in a table whose rows are people.

A list of members, of the children registered for a holiday course or of a survey's respondents may give where each
lives (« Rue du Centre 1 »). Published, a home address with a name or a date of birth beside it is personal data. In
a table whose rows are things (halls, parks, associations' seats) an address is what the data is about: not said.

Said of a column whose title names an address (« Adresse », « Rue », « Domicile », « Straat », « street »; not an
e-mail, a web or an office address: « Adresse e-mail », « Adresse du cabinet ») and whose filled cells are mostly
street addresses (a street word and a number: « Rue du Centre 1 », « Chaussée de Namur 12 b », « Kerkstraat 5 »), in a
table that describes people (the core's :func:`.people.rows_are_people`: a first-name, birth-date… column, a
survey's respondents, or a register's people named under « Bénéficiaire », « Élève »…). No fix: the author chooses
what to publish instead (the commune, the postal code).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .people import label_words, rows_are_people
from .tally import ColumnTally, values_where

if TYPE_CHECKING:
    from ..core.findings import Finding

ADDRESS_WORDS = frozenset({"adresse", "adresses", "address", "adres", "rue", "domicile", "residence", "straat",
                           "street", "woonplaats", "anschrift", "strasse", "domicilie", "voie"})
# what makes an address title another thing than a home: an e-mail, the web, a workplace
OTHER_WORDS = frozenset({"mail", "email", "courriel", "web", "site", "url", "ip", "internet", "cabinet", "bureau",
                         "siege", "office", "travail", "work", "professionnelle", "professionnel", "facturation",
                         "livraison", "chantier", "lieu", "evenement", "manifestation"})
STREET_FIRST = ("rue", "r.", "avenue", "av.", "av", "chaussée", "chée", "place", "pl.", "boulevard", "bd", "bld",
                "chemin", "ch.", "route", "rte", "allée", "impasse", "quai", "clos", "square", "drève", "sentier",
                "ruelle", "cité", "cour", "faubourg", "galerie", "passage", "rond-point", "thier", "voie", "venelle",
                "résidence", "hameau", "val")
_STREET = re.compile(r"(?i)^\s*(?:" + "|".join(re.escape(word) for word in STREET_FIRST) + r")\s+\S.*?\d"
                     r"|^\s*\S.*?(?:straat|laan|weg|plein|steenweg|lei|dreef|strasse|straße|street|road|lane)\s*\d")
SHARE = 0.5  # of a column's filled cells that must be street addresses

MESSAGE = Msg("Colonne « {field} » : {count} adresse(s) de personnes (ex. ligne {row} : « {cell} »), dans un tableau dont "
              "les lignes sont des personnes : où vit quelqu'un, avec son nom ou sa date de naissance à côté, est une "
              "donnée personnelle.",
              "Column '{field}': {count} address(es) of people (e.g. row {row}: '{cell}'), in a table whose rows are "
              "people: where someone lives, with their name or date of birth beside it, is personal data.")
TIP = Msg("Supprimez la colonne avant de publier, ou ne gardez que la commune ou le code postal si le jeu en a besoin. "
          "Le RGPD interdit de publier des données personnelles sans base légale.",
          "Delete the column before publishing, or keep only the municipality or the postal code if the dataset needs "
          "it. The GDPR forbids publishing personal data without a legal basis.")


def names_home_address(label: str) -> bool:
    """Whether a column's title names a street address that may be someone's home (not an e-mail, a web or a
    workplace address)."""
    words = label_words(label)
    return any(word in ADDRESS_WORDS for word in words) and not any(word in OTHER_WORDS for word in words)


def is_street_address(text: str) -> bool:
    """Whether a cell reads as a street address: a street word and a number (« Rue du Centre 1 », « Kerkstraat 5 »)."""
    return _STREET.search(text) is not None


class HomeAddressesCheck(BaseTableCheck):
    name = "home-addresses"
    types = ("home-addresses",)
    blocking = ("home-addresses",)  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        people = rows_are_people(context)  # a first name, a date of birth, a survey's respondents, a register's people
        self.columns = {label for label in context.fields if names_home_address(label)} if people else set()
        self.tally = ColumnTally()
        self.filled: dict[str, int] = {}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if column.name in self.columns and len(column):
            import numpy as np

            self.tally.add_values(column, values_where(column, np.ones(len(column), dtype=bool), is_street_address))
            self.filled[column.name] = self.filled.get(column.name, 0) + int(column.counts.sum())
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for finding in self.tally.findings("home-addresses", Severity.ERROR, MESSAGE, TIP):
            if (finding.count or 0) >= SHARE * self.filled.get(str(finding.field_name), 0):
                yield finding


@hookimpl
def odwb_checks(context: CheckContext) -> list[HomeAddressesCheck]:
    return [HomeAddressesCheck()]
