"""Check ``personal-email``: the e-mail address of a person (jean.dupont@…, …@gmail.com), not of a service."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..i18n import Msg
from ..quality.model import Finding, Severity
from .base import BaseTableCheck, CheckContext

if TYPE_CHECKING:
    import pandas as pd

WEBMAIL = (r"gmail|googlemail|hotmail|outlook|live|msn|yahoo|ymail|icloud|mac|aol|gmx|skynet|proximus|telenet|voo|"
           r"scarlet|orange|protonmail|proton|laposte|free|wanadoo|sfr|yandex")
SERVICE_WORDS = (
    "info|infos|contact|contacts|secretariat|secr|accueil|admin|administration|commune|mairie|ville|service|services|"
    "population|etat|civil|etatcivil|urbanisme|environnement|travaux|cpas|college|direction|dir|rh|grh|personnel|compta|"
    "comptabilite|finances|finance|tourisme|culture|sport|sports|police|zone|noreply|no|reply|webmaster|web|support|"
    "helpdesk|communication|presse|mail|office|bureau|greffe|enseignement|ecole|bibliotheque|biblio|jeunesse|social|"
    "energie|mobilite|logement|cadastre|permis|marches|juridique|courrier|reception|citoyen|citoyens|guichet|"
    "opendata|data|dpo|rgpd|gdpr|privacy|facturation|factures|invoice|ict|it|informatique|cellule|secretaire|"
    "directeur|directrice|bourgmestre|echevin|province|region|provincial|intercommunale|asbl|centre|maison|office"
)
PERSON_LOCAL = r"[a-z]+(?:[-'][a-z]+)?[._][a-z]+(?:[-'][a-z]+)?[0-9]{0,3}"
PERSONAL = rf"[ \t]*{PERSON_LOCAL}@[a-z0-9.-]+\.[a-z]{{2,}}[ \t]*"
SERVICE = rf"(?i)(?:.*[._-])?(?:{SERVICE_WORDS})(?:[._-].*)?@.*"

MESSAGE = Msg("Ligne {row}, colonne « {field} » : « {cell} » semble l'adresse e-mail d'une personne (donnée personnelle).",
              "Row {row}, column '{field}': '{cell}' looks like a person's e-mail address (personal data).")
TIP = Msg("Ne publiez pas l'adresse d'une personne : remplacez-la par l'adresse d'un service (info@…, urbanisme@…) ou "
          "supprimez la colonne. Le RGPD interdit de publier des données personnelles sans base légale.",
          "Do not publish a person's address: replace it with a service address (info@…, planning@…) or delete the "
          "column. The GDPR forbids publishing personal data without a legal basis.")


def personal_emails(values: pd.Series) -> pd.Series:
    """The cells of ``values`` that are e-mail addresses of persons."""
    candidates = values[values.str.contains("@", regex=False)]
    if candidates.empty:
        return candidates
    lowered = candidates.str.lower()
    personal = lowered.str.fullmatch(PERSONAL).fillna(False).astype(bool)
    webmail = lowered.str.contains(rf"@(?:{WEBMAIL})\.[a-z]{{2,3}}[ \t]*$", regex=True).fillna(False).astype(bool)
    service = lowered.str.fullmatch(SERVICE).fillna(False).astype(bool)
    return candidates[(personal | webmail) & ~service]


class PersonalEmailCheck(BaseTableCheck):
    name = "personal-email"
    types = ("personal-email",)

    def start(self, context: CheckContext) -> None:
        types = context.options.get("types", {})
        self.text = {name for name in context.fields if types.get(name, "string") in ("string", "any")}

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        for number, column in enumerate(chunk.columns, start=1):
            if column not in self.text:
                continue
            for row, cell in personal_emails(chunk[column]).items():
                yield Finding("personal-email", Severity.ERROR, MESSAGE.format(row=row, field=column, cell=cell), TIP,
                              row_number=int(row), field_name=str(column), field_number=number, cell=str(cell))


@hookimpl
def odwb_checks(context: CheckContext) -> list[PersonalEmailCheck]:
    return [PersonalEmailCheck()]
