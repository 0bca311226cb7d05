"""The English help of the ``odwb-assist programme`` commands (``--lang en``), keyed by their French text."""

from __future__ import annotations

HELP_EN: dict[str, str] = {
    ("Le programme « Ouvrir ma ville » : inscriptions, frais, présences, défis, obligations, "
     "vérification."):
        ("The \"Ouvrir ma ville\" programme: enrolments, fees, attendance, challenges, obligations, "
         "verification."),
    "Enregistrer une demande d'inscription (le formulaire rempli).":
        "Record an enrolment request (the form filled in).",
    "Nom de l'administration.":
        "Name of the administration.",
    "Code INS (5 chiffres).":
        "NIS code (5 digits).",
    "Nom d'éditeur utilisé sur le portail (répétable).":
        "Publisher name used on the portal (repeatable).",
    "« Prénom Nom <courriel> » (répétable, 3 au plus).":
        "\"First name Last name <e-mail>\" (repeatable, 3 at most).",
    "Date (AAAA-MM-JJ ou JJ/MM/AAAA ; défaut : aujourd'hui).":
        "Date (YYYY-MM-DD or DD/MM/YYYY; default: today).",
    ("Édition du programme : nom ou fichier .toml (défaut : la plus récente du dossier du registre, "
     "sinon ouvrir-ma-ville-2021)."):
        ("Edition of the programme: name or .toml file (default: the latest one in the register's folder, "
         "else ouvrir-ma-ville-2021)."),
    "Registre SQLite (défaut : programme.sqlite à côté d'odwb.toml, ou ici).":
        "SQLite register (default: programme.sqlite next to odwb.toml, or here).",
    "Enregistrer la convention signée.":
        "Record the signed agreement.",
    "Émettre la facture (250 € HTVA pour un participant, 200 € HTVA par participant à partir de deux).":
        "Issue the invoice (€250 excl. VAT for one participant, €200 excl. VAT per participant from two).",
    "Enregistrer un paiement ; l'inscription est confirmée s'il reste une place, sinon liste d'attente.":
        "Record a payment; the enrolment is confirmed if a place is left, otherwise waiting list.",
    "Montant reçu (défaut : la facture).":
        "Amount received (default: the invoice).",
    "Date de la confirmation envoyée.":
        "Date of the confirmation sent.",
    "Annuler une inscription ; la somme versée est à rembourser dans les 15 jours (art. 4).":
        "Cancel an enrolment; the sum paid is to be refunded within 15 days (art. 4).",
    "Motif (ex. nombre limite dépassé).":
        "Reason (e.g. limit number exceeded).",
    "Enregistrer une mise en demeure (art. 5) ; résiliation possible après 8 jours sans effet.":
        "Record a formal notice (art. 5); termination possible after 8 days without effect.",
    "Obligation non respectée.":
        "Obligation not met.",
    "La mise en demeure a eu effet : la lever.":
        "The formal notice had an effect: lift it.",
    "Résilier la convention après une mise en demeure restée sans effet pendant 8 jours.":
        "Terminate the agreement after a formal notice left without effect for 8 days.",
    "Remplacer un participant, avec l'accord préalable de l'organisateur (art. 3).":
        "Replace a participant, with the organiser's prior agreement (art. 3).",
    "Nom (ou numéro) du participant remplacé.":
        "Name (or number) of the participant replaced.",
    "Nom du remplaçant.":
        "Name of the replacement.",
    "L'accord préalable de l'organisateur (référence).":
        "The organiser's prior agreement (reference).",
    "Enregistrer la présence d'une administration à une séance.":
        "Record an administration's attendance at a session.",
    "Séance : 1 … 11, et 5a / 5b pour le jour 5.":
        "Session: 1 … 11, and 5a / 5b for day 5.",
    "Heures présentes si moins que la séance.":
        "Hours present if less than the session.",
    "Nombre de participants présents.":
        "Number of participants present.",
    "Retirer la présence enregistrée.":
        "Remove the recorded attendance.",
    ("Les noms d'éditeur rattachés à une administration quand la comparaison automatique ne suffit "
     "pas\n(« BEP » pour le Bureau économique, un ancien nom…) ; sans option, la liste."):
        ("The publisher names attached to an administration when the automatic comparison is not "
         "enough\n(\"BEP\" for the Bureau économique, a former name…); without an option, the list."),
    "L'administration.":
        "The administration.",
    "Nom d'éditeur à rattacher à l'administration (répétable).":
        "Publisher name to attach to the administration (repeatable).",
    "Nom d'éditeur à retirer (répétable).":
        "Publisher name to remove (repeatable).",
    "L'état du registre : inscription, paiement, présence, défis, publications.":
        "The state of the register: enrolment, payment, attendance, challenges, publications.",
    "Une administration (défaut : toutes).":
        "One administration (default: all).",
    "Montrer noms et courriels des participants.":
        "Show the participants' names and e-mails.",
    "Le montant dû pour un nombre de participants.":
        "The amount due for a number of participants.",
    "Nombre de participants (1 à 3).":
        "Number of participants (1 to 3).",
    ("Importer les inscriptions : correspondance des colonnes montrée d'abord, tout ou rien, chaque "
     "problème\nsignalé avec sa ligne et sa colonne ; les administrations déjà inscrites sont laissées "
     "telles quelles."):
        ("Import the enrolments: column mapping shown first, all or nothing, each problem\nreported with "
         "its row and column; administrations already enrolled are left as they are."),
    "Formulaire d'inscription (.xlsx ou .csv), ex. l'export d'un Google/Microsoft Forms.":
        "Enrolment form (.xlsx or .csv), e.g. the export of a Google/Microsoft Forms.",
    "« En-tête du fichier=colonne » (ou « En-tête=- » pour l'ignorer), répétable.":
        "\"File header=column\" (or \"Header=-\" to ignore it), repeatable.",
    "Feuille du classeur à lire (par défaut : la première).":
        "Sheet of the workbook to read (by default: the first).",
    "Adresse e-mail du remplaçant.":
        "E-mail address of the replacement.",
    "Preuve (facultative) : chemin d'un fichier, lien, ou note.":
        "Evidence (optional): a file's path, a link, or a note.",
    "Accepter des dates hors de l'édition (avertissement).":
        "Accept dates outside the edition (warning).",
    "Montrer la correspondance des colonnes et les problèmes, sans rien écrire.":
        "Show the column mapping and the problems, without writing anything.",
    ("Exporter le registre, une ligne par administration (un fichier existant n'est remplacé qu'avec "
     "--force)."):
        "Export the register, one row per administration (an existing file is replaced only with --force).",
    "Fichier à écrire (.xlsx ou .csv).":
        "File to write (.xlsx or .csv).",
    "Sans noms ni courriels des participants.":
        "Without the participants' names and e-mails.",
    "Remplacer le fichier s'il existe déjà.":
        "Replace the file if it already exists.",
    ("Chaque administration confirmée a-t-elle publié au moins un jeu sur le portail pendant le "
     "programme ?\nCode de sortie 1 si l'une d'elles ne l'a pas fait."):
        ("Has every confirmed administration published at least one dataset on the portal during the "
         "programme?\nExit code 1 if one of them has not."),
    "Adresse du portail (défaut : celui de l'édition).":
        "Address of the portal (default: that of the edition).",
    "Tableau de bord HTML autonome (graphiques inclus).":
        "Self-contained HTML dashboard (charts included).",
    "Dossier où écrire tableau-de-bord.html.":
        "Folder where to write tableau-de-bord.html.",
    "Inclure noms et courriels des participants.":
        "Include the participants' names and e-mails.",
    "Vérifier d'abord les publications sur ce portail.":
        "Check the publications on this portal first.",
    "Les fiches challenge de toutes les administrations, avec les liens vers leurs jeux publiés.":
        "The challenge sheets of every administration, with links to their published datasets.",
    "Dossier où écrire la page HTML et le fichier Markdown.":
        "Folder where to write the HTML page and the Markdown file.",
    "Chercher aussi les jeux publiés sur ce portail.":
        "Also look for the datasets published on this portal.",
    "Défis réalisés (avec une preuve : fichier, lien, événement).":
        "Challenges done (with evidence: file, link, event).",
    "Marquer un défi réalisé.":
        "Mark a challenge as done.",
    "Identifiant du défi (programme status --format json les liste).":
        "Identifier of the challenge (programme status --format json lists them).",
    "Preuve : chemin d'un fichier, lien, ou note.":
        "Evidence: path of a file, link, or note.",
    "file, link ou note (deviné sinon).":
        "file, link or note (guessed otherwise).",
    "Annuler un défi marqué par erreur (l'historique le garde).":
        "Undo a challenge marked by mistake (the history keeps it).",
    "Les défis de l'édition.":
        "The challenges of the edition.",
    "Autres obligations (entretien, questionnaires, charte…).":
        "Other obligations (interview, questionnaires, charter…).",
    "Marquer une obligation remplie.":
        "Mark an obligation as met.",
    "entretien, questionnaires, charte, projet-replicable, politique-donnee.":
        "entretien, questionnaires, charte, projet-replicable, politique-donnee.",
    ("Confirmer qu'un jeu « à confirmer » est bien celui de l'administration : il compte pour "
     "l'obligation."):
        ("Confirm that a dataset \"to confirm\" is indeed the administration's: it counts for the "
         "obligation."),
    "Identifiant du jeu « à confirmer » montré par verify.":
        "Identifier of the dataset \"to confirm\" shown by verify.",
    "Comment vous l'avez vérifié (gardé dans le registre).":
        "How you checked it (kept in the register).",
    "Rejeter un jeu « à confirmer » : il n'est pas celui de l'administration et ne comptera jamais.":
        "Reject a dataset \"to confirm\": it is not the administration's and will never count.",
    "Pourquoi ce n'est pas le sien (gardé dans le registre).":
        "Why it is not theirs (kept in the register).",
    "Les éditions du programme (une édition = un fichier .toml).":
        "The editions of the programme (one edition = one .toml file).",
    ("Écrire l'édition suivante à partir de l'édition courante (frais, plafond et séances "
     "gardés),\ndans le dossier du registre ; elle devient l'édition par défaut de ce dossier."):
        ("Write the next edition from the current one (fees, cap and sessions kept),\nin the register's "
         "folder; it becomes the default edition of that folder."),
    "Année de la nouvelle édition.":
        "Year of the new edition.",
    "Premier jour du programme (AAAA-MM-JJ).":
        "First day of the programme (YYYY-MM-DD).",
    "Dernier jour du programme (AAAA-MM-JJ).":
        "Last day of the programme (YYYY-MM-DD).",
    "commune, cpas, province, intercommunale ou autre.":
        "commune, cpas, province, intercommunale or autre.",
    "text ou json.":
        "text or json.",
}
