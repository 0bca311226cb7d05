"""The report heading of each finding type of the plugin, in French and English.

odwb-assist titles the findings of its own checks; a plugin's finding carries its title in
``extra["title"]`` (``{"fr": …, "en": …}``, plain JSON), read by the text and HTML reports.
"""

from __future__ import annotations

from odwb_assist.plugin import Msg

TITLES: dict[str, Msg] = {
    "be-nis-invalid": Msg("Code INS mal formé", "Malformed NIS code"),
    "be-nis-unknown": Msg("Code INS inconnu", "Unknown NIS code"),
    "be-nis-retired": Msg("Code INS supprimé (commune fusionnée)", "Retired NIS code (merged municipality)"),
    "be-nis-obsolete": Msg("Code INS plus valide", "NIS code no longer valid"),
    "be-nis-lost-zero": Msg("Code INS sans son zéro initial", "NIS code without its leading zero"),
    "be-nis-outside-wallonia": Msg("Code INS hors de Wallonie", "NIS code outside Wallonia"),
    "be-nis-mostly-outside-wallonia": Msg("Colonne de codes INS surtout hors de Wallonie",
                                          "Column of NIS codes mostly outside Wallonia"),
    "be-mixed-levels": Msg("Lignes d'une province, d'une région ou du pays parmi les communes",
                           "Rows of a province, a region or the country among the municipalities"),
    "be-nis-name-mismatch": Msg("Code INS et nom de commune discordants", "NIS code and municipality name disagree"),
    "be-postal-invalid": Msg("Code postal mal formé", "Malformed postal code"),
    "be-postal-prefixed": Msg("Code postal précédé de « B- »", "Postal code after a 'B-' prefix"),
    "be-postal-unknown": Msg("Code postal inconnu", "Unknown postal code"),
    "be-postal-several": Msg("Plusieurs codes postaux dans une cellule", "Several postal codes in one cell"),
    "be-postal-outside-wallonia": Msg("Code postal hors de Wallonie", "Postal code outside Wallonia"),
    "be-postal-mostly-outside-wallonia": Msg("Colonne de codes postaux surtout hors de Wallonie",
                                             "Column of postal codes mostly outside Wallonia"),
    "be-postal-nis-mismatch": Msg("Code postal et code INS discordants", "Postal code and NIS code disagree"),
    "be-postal-commune-mismatch": Msg("Code postal et commune discordants", "Postal code and municipality disagree"),
    "be-enterprise-invalid": Msg("Numéro d'entreprise (BCE) non valide", "Invalid enterprise number (CBE)"),
    "be-enterprise-lost-zero": Msg("Numéro d'entreprise sans son zéro initial", "Enterprise number without its leading zero"),
    "be-establishment-invalid": Msg("Numéro d'unité d'établissement (BCE) non valide",
                                    "Invalid establishment unit number (CBE)"),
    "be-iban-invalid": Msg("IBAN non valide", "Invalid IBAN"),
    "be-iban-unknown-bank": Msg("IBAN d'une banque inconnue de l'outil", "IBAN of a bank the tool does not know"),
    "be-phone-invalid": Msg("Numéro de téléphone non valide", "Invalid phone number"),
    "be-phone-lost-zero": Msg("Numéro de téléphone sans son 0 initial", "Phone number without its leading 0"),
    "be-phone-personal": Msg("Numéros de téléphone de personnes", "Phone numbers of people"),
    "be-phone-official": Msg("Numéros de téléphone de mandataires publics", "Phone numbers of public office holders"),
    "email-invalid": Msg("Adresse e-mail non valide", "Invalid e-mail address"),
    "email-mailto": Msg("Adresse e-mail précédée de « mailto: »", "E-mail address after 'mailto:'"),
    "email-masked": Msg("Adresse e-mail déguisée (« [at] »)", "Disguised e-mail address ('[at]')"),
    "email-remark": Msg("Adresses e-mail suivies d'une remarque", "E-mail addresses followed by a remark"),
    "email-several": Msg("Plusieurs adresses e-mail dans une cellule", "Several e-mail addresses in one cell"),
    "be-phone-labelled": Msg("Numéro de téléphone précédé d'un mot (« Tél. »)", "Phone number after a word ('Tel.')"),
    "be-phone-remark": Msg("Numéros de téléphone suivis d'une remarque", "Phone numbers followed by a remark"),
    "be-postal-locality": Msg("Code postal et localité dans une même cellule", "Postal code and locality in one cell"),
    "be-iban-personal": Msg("Comptes bancaires de personnes", "Bank accounts of people"),
    "be-iban-in-text-personal": Msg("Comptes bancaires de personnes dans un texte", "Bank accounts of people inside a text"),
    "be-phone-contact": Msg("Numéros de GSM de personnes de contact", "Mobile numbers of contact persons"),
    "be-phone-in-text": Msg("Numéros de GSM dans un texte", "Mobile numbers inside a text"),
    "be-phone-in-text-personal": Msg("Numéros de GSM dans les textes d'un tableau de personnes",
                                     "Mobile numbers inside the texts of a table of people"),
    "be-phone-several": Msg("Plusieurs numéros de téléphone dans une cellule", "Several phone numbers in one cell"),
    "coordinates-invalid": Msg("Coordonnée non valide", "Invalid coordinate"),
    "coordinates-outside-wallonia": Msg("Coordonnée hors de Wallonie", "Coordinate outside Wallonia"),
    "coordinates-mostly-outside-wallonia": Msg("Colonne de coordonnées surtout hors de Wallonie",
                                               "Column of coordinates mostly outside Wallonia"),
    "coordinates-swapped": Msg("Latitude et longitude inversées", "Latitude and longitude swapped"),
    "coordinates-projected": Msg("Coordonnées en mètres au lieu de degrés", "Coordinates in metres instead of degrees"),
    "coordinates-degrees": Msg("Coordonnées en degrés au lieu de mètres Lambert 72",
                               "Coordinates in degrees instead of Lambert 72 metres"),
    "coordinates-lambert2008": Msg("Coordonnées en Lambert 2008 au lieu de Lambert 72",
                                   "Coordinates in Lambert 2008 instead of Lambert 72"),
    "be-national-number": Msg("Numéro de registre national", "National register number"),
    "be-commune-columns": Msg("Une colonne par commune", "One column per municipality"),
}

EXTRA: dict[str, dict[str, str]] = {code: title.to_dict() for code, title in TITLES.items()}  # for ``extra["title"]``
