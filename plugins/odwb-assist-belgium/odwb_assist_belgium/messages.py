"""Every error type of the Belgian plugin, with its severity, French/English message and tip.

Placeholders: ``{cell}`` the cell value, ``{field}`` the column label, and per type ``{new}``,
``{name}``, ``{other}``, ``{fixed}``, ``{date}``. The plugin README lists the same table.
"""

from __future__ import annotations

from dataclasses import dataclass

from odwb_assist.plugin import Msg, Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note (info)


@dataclass(frozen=True)
class Entry:
    severity: Severity
    message: Msg
    tip: Msg


_NIS_REF = ("la liste des communes belges au 1er janvier 2025 (Statbel REFNIS, fusions de 2019 et 2025)",
            "the list of Belgian municipalities on 1 January 2025 (Statbel REFNIS, 2019 and 2025 mergers)")
_POSTAL_REF = ("la liste des codes postaux bpost", "the bpost postal code list")

MESSAGES: dict[str, Entry] = {
    # --- NIS / INS / REFNIS codes
    "be-nis-invalid": Entry(E, Msg(
        "« {cell} » n'est pas un code INS : un code INS (REFNIS) compte exactement 5 chiffres.",
        "'{cell}' is not a NIS code: a NIS (REFNIS) code has exactly 5 digits."), Msg(
        "Écrivez le code à 5 chiffres de la commune (ex. 92094 pour Namur), en format Texte pour garder les zéros.",
        "Write the municipality's 5-digit code (e.g. 92094 for Namur), formatted as Text to keep leading zeros.")),
    "be-nis-unknown": Entry(E, Msg(
        "Code INS « {cell} » inconnu dans " + _NIS_REF[0] + ".",
        "NIS code '{cell}' unknown in " + _NIS_REF[1] + "."), Msg(
        "Vérifiez le code sur statbel.fgov.be (codes REFNIS) ; corrigez la faute de frappe ou l'inversion de chiffres.",
        "Check the code on statbel.fgov.be (REFNIS codes); fix the typo or swapped digits.")),
    "be-nis-retired": Entry(E, Msg(
        "Code INS « {cell} » supprimé le {date} : le code actuel est {new} ({name}), selon " + _NIS_REF[0] + ".",
        "NIS code '{cell}' retired on {date}: the current code is {new} ({name}), according to " + _NIS_REF[1] + "."), Msg(
        "Remplacez {cell} par {new} (rechercher/remplacer dans la colonne), ou lancez « odwb-assist fix ».",
        "Replace {cell} with {new} (find/replace in the column), or run 'odwb-assist fix'.")),
    "be-nis-obsolete": Entry(E, Msg(
        "Code INS « {cell} » ({name}) n'est plus valide depuis le {date} (fusions de communes), "
        "selon la table REFNIS de Statbel.",
        "NIS code '{cell}' ({name}) is no longer valid since {date} (municipality mergers), "
        "according to Statbel's REFNIS table."), Msg(
        "Utilisez le code INS de la commune actuelle (liste des communes au 1er janvier 2025).",
        "Use the NIS code of the current municipality (list of municipalities on 1 January 2025).")),
    "be-nis-lost-zero": Entry(E, Msg(
        "Code INS « {cell} » : le zéro initial a été perdu, le code est {fixed} ({name}).",
        "NIS code '{cell}': the leading zero was lost, the code is {fixed} ({name})."), Msg(
        "Mettez la colonne au format Texte dans le tableur et remettez le zéro initial (5 chiffres), ou lancez "
        "« odwb-assist fix », qui le remet.",
        "Format the column as Text in the spreadsheet and put the leading zero back (5 digits), or run "
        "'odwb-assist fix', which puts it back.")),
    "be-nis-outside-wallonia": Entry(W, Msg(
        "Code INS « {cell} » ({name}) : ce n'est pas une commune wallonne, alors que les autres codes de la colonne le "
        "sont (selon " + _NIS_REF[0] + ").",
        "NIS code '{cell}' ({name}) is not a Walloon municipality, while the column's other codes are (according to "
        + _NIS_REF[1] + ")."), Msg(
        "Si la donnée concerne bien la Wallonie, corrigez le code ; sinon ignorez cet avertissement.",
        "If the data is about Wallonia, fix the code; otherwise ignore this warning.")),
    "be-nis-mostly-outside-wallonia": Entry(N, Msg(
        "La colonne « {field} » contient surtout des codes INS hors de Wallonie ({count} sur {total}, p. ex. {examples}) : "
        "un fichier national, flamand ou bruxellois. Ils ont été vérifiés dans " + _NIS_REF[0] + ".",
        "Column '{field}' holds mostly NIS codes outside Wallonia ({count} of {total}, e.g. {examples}): a national, "
        "Flemish or Brussels file. They were checked against " + _NIS_REF[1] + "."), Msg(
        "Rien à corriger si le fichier couvre bien ces communes ; les codes inconnus ou supprimés sont signalés à part.",
        "Nothing to fix if the file does cover these municipalities; unknown or retired codes are reported separately.")),
    "be-nis-name-mismatch": Entry(W, Msg(
        "Le code INS « {cell} » ({name}) ne correspond pas à la commune « {other} » de la même ligne, selon " + _NIS_REF[0] + ".",
        "NIS code '{cell}' ({name}) does not match the municipality '{other}' on the same row, according to "
        + _NIS_REF[1] + "."), Msg(
        "Corrigez le code ou le nom pour qu'ils désignent la même commune.",
        "Fix the code or the name so that both designate the same municipality.")),
    # --- postal codes
    "be-postal-invalid": Entry(E, Msg(
        "« {cell} » n'est pas un code postal belge : il faut exactement 4 chiffres.",
        "'{cell}' is not a Belgian postal code: it needs exactly 4 digits."), Msg(
        "Gardez seulement les 4 chiffres (ex. 5000, sans « B- » ni nom de localité) ; la localité va dans une autre colonne.",
        "Keep only the 4 digits (e.g. 5000, without 'B-' or a place name); the locality goes in another column.")),
    "be-postal-prefixed": Entry(W, Msg(
        "« {cell} » : le préfixe de pays n'appartient pas au code postal belge, qui est {fixed}.",
        "'{cell}': the country prefix is not part of the Belgian postal code, which is {fixed}."), Msg(
        "Gardez seulement les 4 chiffres du code, sans « B- », ou lancez « odwb-assist fix ».",
        "Keep only the code's 4 digits, without 'B-', or run 'odwb-assist fix'.")),
    "be-postal-several": Entry(W, Msg(
        "« {cell} » : plusieurs codes postaux dans une même cellule, chacun connu ; le portail lira la cellule comme une "
        "seule valeur, et un filtre sur l'un des codes ne trouvera pas cette ligne.",
        "'{cell}': several postal codes in one cell, each of them known; the portal will read the cell as a single "
        "value, and a filter on one of the codes will not find this row."), Msg(
        "Si la ligne vaut pour chacun des codes, écrivez une ligne par code postal, ou séparez-les partout par « ; » et "
        "dites-le au portail (« multivalued » dans [datasets.fields] d'odwb.toml) ; sinon gardez le code principal.",
        "If the row holds for each code, write one row per postal code, or separate them with ';' everywhere and tell "
        "the portal ('multivalued' in [datasets.fields] of odwb.toml); otherwise keep the main code.")),
    "be-postal-unknown": Entry(E, Msg(
        "Code postal « {cell} » inconnu dans " + _POSTAL_REF[0] + ".",
        "Postal code '{cell}' unknown in " + _POSTAL_REF[1] + "."), Msg(
        "Vérifiez le code sur bpost.be (recherche de codes postaux) et corrigez la faute de frappe.",
        "Check the code on bpost.be (postal code search) and fix the typo.")),
    "be-postal-outside-wallonia": Entry(W, Msg(
        "Code postal « {cell} » hors de Wallonie (les codes wallons vont de 1300 à 1499 et de 4000 à 7999, selon "
        + _POSTAL_REF[0] + ").",
        "Postal code '{cell}' is outside Wallonia (Walloon codes are 1300–1499 and 4000–7999, according to "
        + _POSTAL_REF[1] + ")."), Msg(
        "Si l'adresse est bien en Wallonie, corrigez le code ; sinon ignorez cet avertissement.",
        "If the address is in Wallonia, fix the code; otherwise ignore this warning.")),
    "be-postal-mostly-outside-wallonia": Entry(N, Msg(
        "La colonne « {field} » contient surtout des codes postaux hors de Wallonie ({count} sur {total}, p. ex. "
        "{examples}) : un fichier national, flamand ou bruxellois. Ils existent dans " + _POSTAL_REF[0] + ".",
        "Column '{field}' holds mostly postal codes outside Wallonia ({count} of {total}, e.g. {examples}): a national, "
        "Flemish or Brussels file. They exist in " + _POSTAL_REF[1] + "."), Msg(
        "Rien à corriger si le fichier couvre bien ces communes ; les codes inconnus sont signalés à part.",
        "Nothing to fix if the file does cover these municipalities; unknown codes are reported separately.")),
    "be-postal-nis-mismatch": Entry(W, Msg(
        "Le code postal « {cell} » appartient à {name} ({new}), pas à la commune de code INS « {other} » de la même ligne "
        "(selon " + _POSTAL_REF[0] + ").",
        "Postal code '{cell}' belongs to {name} ({new}), not to the municipality with NIS code '{other}' on the same row "
        "(according to " + _POSTAL_REF[1] + ")."), Msg(
        "Corrigez le code postal ou le code INS de la ligne.", "Fix the postal code or the NIS code of the row.")),
    "be-postal-commune-mismatch": Entry(W, Msg(
        "Le code postal « {cell} » appartient à {name}, pas à « {other} » de la même ligne (selon " + _POSTAL_REF[0] + ").",
        "Postal code '{cell}' belongs to {name}, not to '{other}' on the same row (according to " + _POSTAL_REF[1] + ")."),
        Msg("Corrigez le code postal ou le nom de la commune de la ligne.",
            "Fix the postal code or the municipality name of the row.")),
    # --- enterprise numbers
    "be-enterprise-invalid": Entry(E, Msg(
        "« {cell} » n'est pas un numéro d'entreprise BCE valide (10 chiffres commençant par 0 ou 1, les 2 derniers = "
        "97 − (8 premiers modulo 97)).",
        "'{cell}' is not a valid BCE/KBO enterprise number (10 digits starting with 0 or 1, last 2 = 97 − (first 8 mod 97))."),
        Msg("Recopiez le numéro depuis la Banque-Carrefour des Entreprises (kbopub.economie.fgov.be), ex. 0440.966.354.",
            "Copy the number from the Crossroads Bank for Enterprises (kbopub.economie.fgov.be), e.g. 0440.966.354.")),
    "be-enterprise-lost-zero": Entry(E, Msg(
        "Numéro d'entreprise « {cell} » : le zéro initial a été perdu, le numéro est {fixed}.",
        "Enterprise number '{cell}': the leading zero was lost, the number is {fixed}."), Msg(
        "Mettez la colonne au format Texte et remettez le zéro initial (10 chiffres), ou lancez « odwb-assist fix », "
        "qui le remet.",
        "Format the column as Text and put the leading zero back (10 digits), or run 'odwb-assist fix', which puts it "
        "back.")),
    # --- establishment unit numbers
    "be-establishment-invalid": Entry(E, Msg(
        "« {cell} » n'est pas un numéro d'unité d'établissement BCE valide (10 chiffres, le premier de 2 à 9, les 2 "
        "derniers = 97 − (8 premiers modulo 97)).",
        "'{cell}' is not a valid BCE/KBO establishment unit number (10 digits, the first 2 to 9, last 2 = 97 − (first "
        "8 mod 97))."),
        Msg("Recopiez le numéro depuis la Banque-Carrefour des Entreprises (kbopub.economie.fgov.be), ex. "
            "2.123.456.789 ; un numéro qui commence par 0 ou 1 est celui de l'entreprise.",
            "Copy the number from the Crossroads Bank for Enterprises (kbopub.economie.fgov.be), e.g. 2.123.456.789; a "
            "number starting with 0 or 1 is the enterprise's.")),
    # --- IBAN
    "be-iban-invalid": Entry(E, Msg(
        "« {cell} » n'est pas un IBAN valide (chiffres de contrôle faux ou longueur incorrecte ; un IBAN belge = BE + "
        "14 chiffres ; règles de python-stdnum).",
        "'{cell}' is not a valid IBAN (wrong check digits or length; a Belgian IBAN is BE + 14 digits; python-stdnum "
        "rules)."), Msg(
        "Recopiez l'IBAN depuis un document bancaire, ex. BE48 3200 7018 4927.",
        "Copy the IBAN from a bank document, e.g. BE48 3200 7018 4927.")),
    "be-iban-unknown-bank": Entry(W, Msg(
        "« {cell} » a des chiffres de contrôle justes, mais son code de banque n'est pas dans la liste des banques "
        "belges que connaît l'outil (python-stdnum, d'après la Banque nationale) : une banque plus récente que la "
        "liste, le plus souvent.",
        "'{cell}' has the right check digits, but its bank code is not in the list of Belgian banks the tool knows "
        "(python-stdnum, after the National Bank's): a bank newer than the list, most often."), Msg(
        "Vérifiez l'IBAN sur un document bancaire ; s'il est juste, il n'y a rien à corriger.",
        "Check the IBAN on a bank document; if it is right, there is nothing to correct.")),
    # --- phones
    "be-phone-several": Entry(W, Msg(
        "« {cell} » : {count} numéros de téléphone dans une seule cellule, chacun valide ; le portail lira la cellule "
        "comme une seule valeur.",
        "'{cell}': {count} phone numbers in a single cell, each of them valid; the portal will read the cell as a "
        "single value."), Msg(
        "Un numéro par cellule : mettez l'autre dans une colonne à part (« GSM », « {field} 2 »), ou séparez-les partout "
        "par « ; » et dites-le au portail (« multivalued » dans [datasets.fields] d'odwb.toml).",
        "One number per cell: put the other one in a column of its own ('Mobile', '{field} 2'), or separate them with "
        "';' everywhere and tell the portal ('multivalued' in [datasets.fields] of odwb.toml).")),
    "be-postal-locality": Entry(W, Msg(
        "Colonne « {field} » : {count} cellule(s) écrivent le code postal et la localité ensemble (ex. ligne {row} : "
        "« {cell} ») : en deux colonnes, le code postal se vérifie, la localité se filtre et le jeu se relie aux "
        "autres par code postal ou par commune.",
        "Column '{field}': {count} cell(s) write the postal code and the locality together (e.g. row {row}: "
        "'{cell}'): in two columns, the postal code can be checked, the locality filtered, and the dataset joined "
        "with others by postal code or municipality."), Msg(
        "Mettez le code postal dans une colonne « Code postal » et la localité dans la sienne (dans Excel : Données > "
        "Convertir, séparateur espace), ou lancez « odwb-assist fix », qui le fait.",
        "Put the postal code in a 'Code postal' column and the locality in its own (in Excel: Data > Text to "
        "Columns, space separator), or run 'odwb-assist fix', which does.")),
    "be-iban-personal": Entry(E, Msg(
        "IBAN « {cell} » dans un tableau dont les lignes sont des personnes (colonnes de noms, prénoms ou dates de "
        "naissance, ou réponses à un formulaire) : le compte bancaire d'une personne est une donnée personnelle, qui ne "
        "peut pas être publiée sans base légale (RGPD).",
        "IBAN '{cell}' in a table whose rows are people (name, first name or birth date columns, or answers to a "
        "form): a person's bank account is personal data, which cannot be published without a legal basis (GDPR)."),
        Msg("Supprimez la colonne « {field} » avant publication.", "Delete column '{field}' before publishing.")),
    "be-iban-in-text-personal": Entry(E, Msg(
        "Un numéro de compte bancaire, « {number} », est écrit dans le texte de la colonne « {field} », dans un tableau "
        "dont les lignes sont des personnes (colonnes de noms, prénoms ou dates de naissance, ou réponses à un "
        "formulaire) : le compte d'une personne est une donnée personnelle, qui ne peut pas être publiée sans base "
        "légale (RGPD).",
        "A bank account number, '{number}', is written in the text of column '{field}', in a table whose rows are "
        "people (name, first name or birth date columns, or answers to a form): a person's account is personal data, "
        "which cannot be published without a legal basis (GDPR)."), Msg(
        "Retirez le numéro du texte avant de publier, ou supprimez la colonne « {field} ».",
        "Take the number out of the text before publishing, or delete column '{field}'.")),
    "be-phone-invalid": Entry(E, Msg(
        "« {cell} » n'est pas un numéro de téléphone valide (plan de numérotation belge, bibliothèque phonenumbers).",
        "'{cell}' is not a valid phone number (Belgian numbering plan, phonenumbers library)."), Msg(
        "Écrivez le numéro complet avec l'indicatif, ex. +32 81 24 64 11 ou 081 24 64 11.",
        "Write the full number with its prefix, e.g. +32 81 24 64 11 or 081 24 64 11.")),
    "be-phone-lost-zero": Entry(E, Msg(
        "Numéro de téléphone « {cell} » : le 0 initial a été perdu, le numéro est {fixed}.",
        "Phone number '{cell}': the leading 0 was lost, the number is {fixed}."), Msg(
        "Mettez la colonne au format Texte et remettez le 0 initial (ou mieux : +32 suivi du numéro sans le 0), ou "
        "lancez « odwb-assist fix », qui le remet.",
        "Format the column as Text and put the leading 0 back (or better: +32 followed by the number without the 0), or "
        "run 'odwb-assist fix', which puts it back.")),
    "be-phone-personal": Entry(E, Msg(
        "Numéro de téléphone « {cell} » dans un tableau qui décrit des personnes (colonnes de noms, prénoms ou dates de "
        "naissance) : c'est une donnée personnelle, qui ne peut pas être publiée sans base légale (RGPD).",
        "Phone number '{cell}' in a table that describes people (name, first name or birth date columns): this is "
        "personal data, which cannot be published without a legal basis (GDPR)."), Msg(
        "Supprimez la colonne « {field} » avant publication, ou remplacez-la par le numéro du service.",
        "Delete column '{field}' before publishing, or replace it with the service's number.")),
    "be-phone-official": Entry(W, Msg(
        "Numéro de téléphone « {cell} » d'une personne qui exerce une fonction publique (bourgmestre, échevin, "
        "conseiller…) : publiable si c'est le numéro de la fonction, pas un numéro privé.",
        "Phone number '{cell}' of a person holding a public office (mayor, alderman, councillor…): it may be "
        "published if it is the office's number, not a private one."), Msg(
        "Les mandataires publics et les grades légaux sont publics par leur fonction (cadastre des mandats publié "
        "chaque année par la Région). Gardez le numéro du service ou du secrétariat ; un numéro privé (GSM personnel) "
        "ne se publie qu'avec l'accord de la personne.",
        "Public office holders and statutory officers are public by their office (register of mandates published "
        "every year by Wallonia). Keep the number of the office or secretariat; a private number (personal mobile) "
        "is published only with the person's consent.")),
    "be-phone-remark": Entry(W, Msg(
        "« {cell} » : un numéro valide suivi d'une remarque (« {note} ») ; le portail lira la cellule comme une seule "
        "valeur.",
        "'{cell}': a valid number followed by a remark ('{note}'); the portal will read the cell as a single value."),
        Msg("Gardez le numéro seul dans la colonne « {field} » et mettez la remarque (horaires, personne à demander…) "
            "dans une colonne de remarques.",
            "Keep the number alone in column '{field}' and put the remark (hours, whom to ask for…) in a column of "
            "remarks.")),
    "be-phone-contact": Entry(W, Msg(
        "Numéro de GSM « {cell} » à côté du nom « {person} » (colonne « {label} ») : sans doute le numéro privé de "
        "cette personne, une donnée personnelle.",
        "Mobile number '{cell}' next to the name '{person}' (column '{label}'): probably that person's private "
        "number, personal data."), Msg(
        "Un GSM à côté du nom d'une personne est le plus souvent son numéro privé : publiez plutôt le numéro de "
        "l'association ou d'un service, ou vérifiez que la personne a accepté qu'il soit publié ; sinon, supprimez la "
        "colonne « {field} » avant de publier.",
        "A mobile number next to a person's name is most often their private number: publish the association's or a "
        "service's number instead, or make sure the person agreed to its publication; otherwise delete column "
        "'{field}' before publishing.")),
    "be-phone-in-text": Entry(W, Msg(
        "Un numéro de GSM, « {number} », est écrit dans le texte de la colonne « {field} » : le plus souvent le "
        "numéro privé d'une personne, une donnée personnelle.",
        "A mobile number, '{number}', is written in the text of column '{field}': most often a person's private "
        "number, personal data."), Msg(
        "Retirez le numéro du texte avant de publier, ou remplacez-le par celui de l'association ou d'un service ; si "
        "la personne a accepté qu'il soit publié (un organisateur dans un agenda), ignorez cet avertissement.",
        "Take the number out of the text before publishing, or replace it with the association's or a service's; if "
        "the person agreed to its publication (an organiser in an agenda), ignore this warning.")),
    "be-phone-in-text-personal": Entry(E, Msg(
        "Un numéro de GSM, « {number} », est écrit dans le texte de la colonne « {field} », dans un tableau dont les "
        "lignes sont des personnes (colonnes de noms, prénoms ou dates de naissance, ou réponses à un formulaire) : "
        "c'est une donnée personnelle, qui ne peut pas être publiée sans base légale (RGPD).",
        "A mobile number, '{number}', is written in the text of column '{field}', in a table whose rows are people "
        "(name, first name or birth date columns, or answers to a form): this is personal data, which cannot be "
        "published without a legal basis (GDPR)."), Msg(
        "Retirez le numéro du texte avant de publier, ou supprimez la colonne « {field} ».",
        "Take the number out of the text before publishing, or delete column '{field}'.")),
    # --- layout
    "be-mixed-levels": Entry(W, Msg(
        "Colonne « {field} » : {count} ligne(s) d'un autre niveau que la commune parmi {communes} lignes de communes "
        "(ex. ligne {at} : « {cell} », {level}) : ces lignes additionnent sans doute des communes, et une somme ou un "
        "graphique sur le portail les compterait deux fois.",
        "Column '{field}': {count} row(s) of another level than the municipality among {communes} municipality rows "
        "(e.g. row {at}: '{cell}', {level_en}): these rows probably add up municipalities, and a sum or a chart on "
        "the portal would count them twice."), Msg(
        "Publiez les chiffres des arrondissements, provinces, régions ou du pays dans un jeu de données à part, ou "
        "ajoutez une colonne « niveau » (commune, province, région…) pour qu'on puisse les filtrer. Ces lignes sont "
        "des données : la correction automatique n'y touche pas.",
        "Publish the figures of the districts, provinces, regions or the country in a dataset of their own, or add a "
        "'level' column (municipality, province, region…) so that they can be filtered. These rows are data: the "
        "automatic fix leaves them alone.")),
    "be-commune-columns": Entry(N, Msg(
        "Les colonnes « {first} » à « {last} » ({count}) portent chacune le nom d'une commune ou d'une province : le "
        "tableau est posé en travers (une colonne par lieu), et le portail ne pourra ni filtrer par commune ni placer "
        "les valeurs sur une carte.",
        "Columns '{first}' to '{last}' ({count}) are each named after a municipality or a province: the table is laid "
        "out sideways (one column per place), and the portal will neither filter by municipality nor put the values "
        "on a map."), Msg(
        "Pour le portail, mieux vaut une ligne par commune : une colonne « Commune » (et son code INS) et une colonne "
        "par mesure. Dans Excel : copiez le tableau, puis Collage spécial > Transposé. Le tableau peut aussi être "
        "publié tel quel.",
        "For the portal, one row per municipality is better: a 'Commune' column (and its NIS code) and one column per "
        "measure. In Excel: copy the table, then Paste Special > Transpose. The table may also be published as it "
        "is.")),
    # --- e-mail
    "email-invalid": Entry(E, Msg(
        "« {cell} » n'est pas une adresse e-mail valide (forme attendue : nom@domaine.be).",
        "'{cell}' is not a valid e-mail address (expected form: name@domain.be)."), Msg(
        "Corrigez l'adresse : une seule arobase, pas d'espace ni de « mailto: », un domaine complet.",
        "Fix the address: a single @, no spaces or 'mailto:', a complete domain.")),
    "email-mailto": Entry(E, Msg(
        "« {cell} » : « mailto: » (un lien copié) n'appartient pas à l'adresse, qui est {fixed}.",
        "'{cell}': 'mailto:' (a copied link) is not part of the address, which is {fixed}."), Msg(
        "Gardez seulement l'adresse, sans « mailto: », ou lancez « odwb-assist fix ».",
        "Keep only the address, without 'mailto:', or run 'odwb-assist fix'.")),
    "be-phone-labelled": Entry(E, Msg(
        "« {cell} » : le mot devant le numéro n'en fait pas partie ; le numéro est {fixed}.",
        "'{cell}': the word before the number is not part of it; the number is {fixed}."), Msg(
        "Gardez seulement le numéro et dites dans le titre de la colonne ce qu'il est (« Téléphone », « GSM »), ou "
        "lancez « odwb-assist fix ».",
        "Keep only the number and say in the column's title what it is ('Phone', 'Mobile'), or run "
        "'odwb-assist fix'.")),
    "email-masked": Entry(E, Msg(
        "« {cell} » : l'arobase est déguisée (« [at] », contre les robots) ; un jeu de données ouvert écrit l'adresse "
        "telle quelle, {fixed}.",
        "'{cell}': the @ is disguised ('[at]', against robots); an open dataset writes the address as it is, "
        "{fixed}."), Msg(
        "Écrivez l'adresse avec son arobase (@), ou lancez « odwb-assist fix » ; si elle ne doit pas être publiée, "
        "supprimez-la plutôt que de la déguiser.",
        "Write the address with its @, or run 'odwb-assist fix'; if it must not be published, delete it rather than "
        "disguise it.")),
    "email-remark": Entry(W, Msg(
        "« {cell} » : une adresse e-mail valide suivie d'une remarque (« {note} ») ; le portail lira la cellule comme "
        "une seule valeur.",
        "'{cell}': a valid e-mail address followed by a remark ('{note}'); the portal will read the cell as a single "
        "value."),
        Msg("Gardez l'adresse seule dans la colonne « {field} » et mettez la remarque dans une colonne de remarques.",
            "Keep the address alone in column '{field}' and put the remark in a column of remarks.")),
    "email-several": Entry(W, Msg(
        "« {cell} » : {count} adresses e-mail dans une seule cellule, chacune valide ; le portail lira la cellule comme "
        "une seule valeur.",
        "'{cell}': {count} e-mail addresses in a single cell, each of them valid; the portal will read the cell as a "
        "single value."), Msg(
        "Une adresse par cellule : mettez l'autre dans une colonne à part (« {field} 2 »), ou séparez-les partout par "
        "« ; » et dites-le au portail (« multivalued » dans [datasets.fields] d'odwb.toml).",
        "One address per cell: put the other one in a column of its own ('{field} 2'), or separate them with ';' "
        "everywhere and tell the portal ('multivalued' in [datasets.fields] of odwb.toml).")),
    # --- coordinates
    "coordinates-invalid": Entry(E, Msg(
        "« {cell} » n'est pas une coordonnée WGS84 en degrés décimaux.",
        "'{cell}' is not a WGS84 coordinate in decimal degrees."), Msg(
        "Écrivez un nombre décimal avec un point, ex. 50.4669 (latitude) ou 4.8670 (longitude), sans °, N ou E.",
        "Write a decimal number with a point, e.g. 50.4669 (latitude) or 4.8670 (longitude), without °, N or E.")),
    "coordinates-outside-wallonia": Entry(W, Msg(
        "La coordonnée « {cell} » est hors de la Wallonie (latitude 49,49–50,82 ; longitude 2,84–6,41 ; "
        "Lambert 72 x 39 000–298 000, y 20 000–169 000).",
        "Coordinate '{cell}' is outside Wallonia (latitude 49.49–50.82; longitude 2.84–6.41; "
        "Lambert 72 x 39,000–298,000, y 20,000–169,000)."), Msg(
        "Vérifiez la valeur (signe, virgule, latitude et longitude inversées) ; ignorez si le lieu est hors de Wallonie.",
        "Check the value (sign, decimal separator, latitude and longitude swapped); ignore if the place is outside Wallonia.")),
    "coordinates-mostly-outside-wallonia": Entry(N, Msg(
        "La colonne « {field} » contient surtout des coordonnées en Belgique hors de Wallonie ({count} sur {total}, "
        "p. ex. {examples}) : un fichier national, flamand ou bruxellois.",
        "Column '{field}' holds mostly coordinates in Belgium outside Wallonia ({count} of {total}, e.g. {examples}): "
        "a national, Flemish or Brussels file."), Msg(
        "Rien à corriger si le fichier couvre bien ces lieux ; les points hors de Belgique sont signalés à part.",
        "Nothing to fix if the file does cover these places; points outside Belgium are reported separately.")),
    "coordinates-swapped": Entry(E, Msg(
        "Latitude et longitude inversées : « {cell} » est une longitude de Wallonie et « {other} » une latitude.",
        "Latitude and longitude swapped: '{cell}' is a Walloon longitude and '{other}' a latitude."), Msg(
        "Échangez les deux valeurs de la ligne (ou les deux colonnes) : la latitude wallonne est vers 50, la longitude "
        "vers 4 ou 5. « odwb-assist fix » les remet à leur place.",
        "Swap the row's two values (or the two columns): a Walloon latitude is about 50, a longitude about 4 or 5. "
        "'odwb-assist fix' puts them back in place.")),
    "coordinates-projected": Entry(E, Msg(
        "« {cell} » ressemble à une coordonnée en mètres {name}, pas à des degrés WGS84 comme l'annonce la colonne « {field} ».",
        "'{cell}' looks like a metre coordinate in {name}, not WGS84 degrees as column '{field}' claims."), Msg(
        "Convertissez en WGS84 (EPSG:4326) avec un SIG (QGIS) ou renommez la colonne (ex. x_lambert72).",
        "Convert to WGS84 (EPSG:4326) with a GIS (QGIS) or rename the column (e.g. x_lambert72).")),
    "coordinates-degrees": Entry(E, Msg(
        "« {cell} » ressemble à des degrés WGS84, pas à des mètres Lambert 72 (EPSG:31370) "
        "comme l'annonce la colonne « {field} ».",
        "'{cell}' looks like WGS84 degrees, not Lambert 72 (EPSG:31370) metres as column '{field}' claims."), Msg(
        "Renommez la colonne (latitude / longitude) ou convertissez les valeurs en Lambert 72 avec un SIG.",
        "Rename the column (latitude / longitude) or convert the values to Lambert 72 with a GIS.")),
    "coordinates-lambert2008": Entry(W, Msg(
        "« {cell} » ressemble à du Lambert 2008 (EPSG:3812, environ Lambert 72 + 500 000 m), pas à du Lambert 72 (EPSG:31370).",
        "'{cell}' looks like Lambert 2008 (EPSG:3812, about Lambert 72 + 500,000 m), not Lambert 72 (EPSG:31370)."), Msg(
        "Indiquez le bon système dans le nom de la colonne et la description (EPSG:3812), ou convertissez avec un SIG.",
        "State the right system in the column name and description (EPSG:3812), or convert with a GIS.")),
    # --- personal data
    "be-national-number": Entry(E, Msg(
        "« {cell} » est un numéro de registre national ou BIS (11 chiffres, contrôle modulo 97) : donnée personnelle "
        "qui ne doit jamais être publiée.",
        "'{cell}' is a national register or BIS number (11 digits, mod-97 check): personal data that must never be published."),
        Msg("Supprimez la colonne « {field} » du fichier publié ; si un identifiant est nécessaire, "
            "utilisez un numéro d'ordre sans lien avec la personne.",
            "Delete column '{field}' from the published file; if an identifier is needed, "
            "use a sequence number unrelated to the person.")),
}


def errors(types: tuple[str, ...]) -> tuple[str, ...]:
    """The types among ``types`` whose findings are errors (a check's or a kind's ``blocking``: ``fix`` runs it to
    say which errors its clean file still holds)."""
    return tuple(kind for kind in types if kind in MESSAGES and MESSAGES[kind].severity == E)
