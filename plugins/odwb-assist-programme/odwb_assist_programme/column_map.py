"""Reading the usual form exports: a proposed mapping from the file's headers to the import columns.

Google Forms and Microsoft Forms exports carry their own headers (« Horodateur », « E-mail 1 »,
« Nom de l'administration », « ID », « Heure de début »…). Headers are compared once normalised
(lower case, no accents, ``_`` for anything else); the built-in synonyms cover the usual wordings,
``--map "En-tête=colonne"`` the rest (``--map "En-tête=-"`` ignores a column). The mapping is shown
before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from odwb_assist.plugin import InputError

from .records import normalise_name

IGNORE = "-"
TIMESTAMP = "horodateur"  # a form's answer time: the enrolment request date, and proof the form was filled

_NUMBERED = {
    "participant": ("participant_{i}", "nom_du_participant_{i}", "nom_participant_{i}", "participant_{i}_nom",
                    "prenom_et_nom_{i}", "nom_et_prenom_{i}", "participant_n_{i}", "nom_prenom_{i}",
                    "prenom_nom_{i}", "participant_e_{i}"),
    "email": ("email_{i}", "e_mail_{i}", "courriel_{i}", "adresse_e_mail_{i}", "adresse_courriel_{i}", "mail_{i}",
              "e_mail_du_participant_{i}", "courriel_du_participant_{i}", "email_participant_{i}",
              "adresse_mail_{i}", "e_mail_participant_{i}"),
}
SYNONYMS: dict[str, tuple[str, ...]] = {
    "administration": ("administration", "nom_de_l_administration", "nom_administration", "pouvoir_local",
                       "nom_du_pouvoir_local", "commune", "nom_de_la_commune", "organisation", "organisme",
                       "administration_communale"),
    "type": ("type", "type_d_administration", "type_administration", "type_de_pouvoir_local", "categorie"),
    "code_ins": ("code_ins", "code_nis", "ins", "nis", "code_refnis", "code_ins_de_la_commune", "code_ins_nis"),
    "noms_editeur": ("noms_editeur", "nom_editeur", "nom_d_editeur", "noms_d_editeur", "nom_d_editeur_sur_odwb",
                     "editeur_odwb", "editeur_sur_odwb", "nom_sur_le_portail", "nom_sur_odwb"),
    "formulaire_rempli": ("formulaire_rempli", "formulaire"),
    "convention_signee": ("convention_signee", "date_de_signature", "convention", "date_convention",
                          "signature_convention"),
    "facture": ("facture", "date_de_facture", "date_facture", "facturation", "facture_le"),
    "paiement": ("paiement", "date_de_paiement", "date_paiement", "paye_le", "paiement_recu"),
    "confirmation": ("confirmation", "date_de_confirmation", "confirme_le"),
    TIMESTAMP: ("horodateur", "horodatage", "timestamp", "heure_de_fin", "date_de_reponse", "completion_time"),
    IGNORE: ("id", "heure_de_debut", "start_time", "adresse_e_mail", "adresse_de_messagerie", "email", "nom",
             "name", "derniere_modification", "last_modified_time", "points", "total_points", "commentaires"),
}
for _i in (1, 2, 3):
    for _kind, _patterns in _NUMBERED.items():
        SYNONYMS[f"{_kind}_{_i}"] = tuple(p.format(i=_i) for p in _patterns)
SYNONYMS["participant_1"] += ("participant", "nom_du_participant", "prenom_et_nom", "nom_et_prenom")
SYNONYMS["email_1"] += ("courriel", "e_mail_du_participant", "courriel_du_participant", "adresse_e_mail_du_participant")


def header_key(text: object) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise_name(str(text))).strip("_")


_LOOKUP = {synonym: target for target, synonyms in SYNONYMS.items() for synonym in synonyms}


@dataclass(frozen=True)
class MappedColumn:
    header: str  # as written in the file
    target: str | None  # an import column, IGNORE, or None when unknown
    how: str  # "exact", "synonym", "--map", "unknown"

    def text(self, lang: str = "fr") -> str:
        if self.target is None:
            return (f"« {self.header} » → ?? (column not recognised: --map \"{self.header}=column\")" if lang == "en"
                    else f"« {self.header} » → ?? (colonne non reconnue : --map \"{self.header}=colonne\")")
        if self.target == IGNORE:
            return f"« {self.header} » → " + ("ignored" if lang == "en" else "ignorée")
        how = {"exact": "", "synonym": " (synonyme)" if lang != "en" else " (synonym)", "--map": " (--map)"}[self.how]
        return f"« {self.header} » → {self.target}{how}"


def parse_overrides(items: list[str]) -> dict[str, str]:
    """``["E-mail du responsable=email_1", "Remarque=-"]`` → ``{"e_mail_du_responsable": "email_1", …}``."""
    found: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise InputError(f"--map « {item} » : écrivez « En-tête du fichier=colonne » (ou « En-tête=- » pour "
                             "ignorer la colonne).",
                             f"--map '{item}': write 'File header=column' (or 'Header=-' to ignore the column).")
        header, target = item.rsplit("=", 1)
        target = target.strip()
        if target != IGNORE and target not in SYNONYMS:
            known = ", ".join(t for t in SYNONYMS if t != IGNORE)
            raise InputError(f"--map « {item} » : colonne « {target} » inconnue ({known}, ou - pour ignorer).",
                             f"--map '{item}': unknown column '{target}' ({known}, or - to ignore).")
        found[header_key(header)] = target
    return found


def propose(headers: list[str], overrides: dict[str, str] | None = None) -> list[MappedColumn]:
    """The mapping of every header of the file, in order; a target is used once (the first header wins)."""
    taken: set[str] = set()
    result = []
    for header in headers:
        key = header_key(header)
        if overrides and key in overrides:
            target, how = overrides[key], "--map"
        elif key in SYNONYMS and key != IGNORE:
            target, how = key, "exact"
        elif key in _LOOKUP:
            target, how = _LOOKUP[key], "synonym"
        elif not key:
            target, how = IGNORE, "exact"
        else:
            target, how = None, "unknown"
        if target not in (None, IGNORE) and target in taken:
            target, how = None, "unknown"
        if target not in (None, IGNORE):
            taken.add(str(target))
        result.append(MappedColumn(str(header), target, how))
    return result
