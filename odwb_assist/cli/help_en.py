"""The English help of the core commands (``odwb-assist --lang en COMMAND --help``), keyed by the French text
each command and option shows, as gettext keys its messages by their source text.

The commands keep their French help where they are defined (French is the default); :func:`english_help` gives
this table plus the ones plugins add through ``odwb_help_en``, and :func:`~odwb_assist.cli.help_fr.localise`
swaps the texts when ``--lang en`` is chosen. tests/unit/test_help_en.py fails on a help text without its
English, so a new or reworded French text needs its line here.
"""

from __future__ import annotations

HELP_EN: dict[str, str] = {
    ("Accompagne une administration wallonne de ses données à leur publication sur ODWB.\n\nÉtapes "
     ": inventory (cartographier) → check / fix (qualité) → document (métadonnées) → publish (publier) "
     "→ catalog (explorer). Aide d'une commande : odwb-assist COMMANDE --help."):
        ("Takes a Walloon administration from its data to their publication on ODWB.\n\nSteps: "
         "inventory (map) → check / fix (quality) → document (metadata) → publish (publish) → catalog "
         "(explore). Help on a command: odwb-assist COMMAND --help."),
    "Langue des messages : fr (défaut) ou en.":
        "Language of the messages: fr (default) or en.",
    "Affiche la trace complète en cas d'erreur.":
        "Shows the full trace when an error occurs.",
    "Désactive un plugin par son nom (répétable).":
        "Turns a plugin off by its name (repeatable).",
    "N'active aucun plugin installé.":
        "Activates no installed plugin.",
    "Affiche la version.":
        "Shows the version.",
    "Crée un fichier odwb.toml commenté pour une nouvelle administration.":
        "Creates a commented odwb.toml file for a new administration.",
    "Fichier à créer, ou dossier où le créer.":
        "File to create, or the folder to create it in.",
    "Nom de l'administration (ex. « Ville de Ciney »).":
        "Name of the administration (e.g. \"Ville de Ciney\").",
    "Code INS (REFNIS) à 5 chiffres.":
        "5-digit NIS (REFNIS) code.",
    "Nom d'éditeur sur le portail (défaut : le nom).":
        "Publisher name on the portal (default: the name).",
    "commune, cpas, province, intercommunale ou autre.":
        "commune, cpas, province, intercommunale or autre.",
    "Adresse e-mail d'un service.":
        "E-mail address of a department.",
    "Liste les plugins enregistrés (intégrés et installés), leur version et leurs hooks.":
        "Lists the registered plugins (built-in and installed), their version and their hooks.",
    "Sortie JSON.":
        "JSON output.",
    ("Vérifie la qualité d'un fichier et explique comment corriger chaque problème ; avec plusieurs fichiers\n"
     "ou un dossier, un rapport par fichier et leur résumé.\n\nCodes de sortie : 0 aucune erreur, 1 erreurs "
     "trouvées, 2 fichier illisible (plusieurs fichiers : le pire)."):
        ("Checks the quality of a file and explains how to fix each problem; with several files or a folder, one "
         "report per file and their summary.\n\nExit codes: 0 no error, 1 errors found, 2 unreadable file "
         "(several files: the worst)."),
    ("Fichier(s) à vérifier : CSV, XLSX, XLS ou ODS ; un dossier : les tableaux qu'il contient ; l'adresse web "
     "(https://…) d'un fichier."):
        "File(s) to check: CSV, XLSX, XLS or ODS; a folder: the tables it holds; a file's web address (https://…).",
    "Table Schema (JSON) à respecter.":
        "Table Schema (JSON) to follow.",
    "text, json, html ou xlsx.":
        "text, json, html or xlsx.",
    "Fichier où écrire le rapport.":
        "File to write the report to.",
    ("Feuille à lire (par défaut, la première qui contient un tableau) ; « all » : chaque feuille, un "
     "rapport par feuille."):
        ("Sheet to read (by default the first one holding a table); \"all\": every sheet, one report per "
         "sheet."),
    "Nombre maximal de problèmes listés (tous sont comptés).":
        "Maximum number of problems listed (all are counted).",
    "Fichier de projet odwb.toml (par défaut : cherché ici et au-dessus).":
        "Project file odwb.toml (default: looked for here and above).",
    ("Écrit une copie propre (UTF-8, séparateur virgule) : titres, lignes vides et totaux retirés, "
     "nombres et dates\nnormalisés. Les lignes et colonnes retirées sont gardées à côté "
     "(FICHIER.lignes-retirees.csv).\n\nCode de sortie 1 quand le fichier propre garde des erreurs qu'aucune "
     "correction ne prend en charge (listées)."):
        ("Writes a clean copy (UTF-8, comma delimiter): titles, blank rows and totals removed, numbers and "
         "dates\nnormalised. The rows and columns removed are kept alongside (FILE.lignes-retirees.csv).\n\nExit "
         "code 1 when the clean file still holds errors that no fix handles (listed)."),
    ("Fichier(s) à corriger (jamais modifiés) ; un dossier : les tableaux qu'il contient ; l'adresse web (https://…) "
     "d'un fichier."):
        "File(s) to fix (never modified); a folder: the tables it holds; a file's web address (https://…).",
    ("Nouveau fichier CSV UTF-8 propre (par défaut : FICHIER-propre.csv à côté de l'original) ; avec plusieurs "
     "fichiers ou un dossier : le dossier des copies propres."):
        "New clean UTF-8 CSV file (default: FILE-clean.csv beside the original); with several files or a folder: the "
        "folder of the clean copies.",
    "Montre ce qui changerait, sans rien écrire.":
        "Shows what would change, without writing anything.",
    "N'appliquer que cette correction (répétable).":
        "Apply only this fix (repeatable).",
    "Feuille à lire (par défaut, la première qui contient un tableau) ; « all » : les feuilles d'un même tableau, "
    "l'une sous l'autre.":
        "Sheet to read (by default the first one holding a table); \"all\": the sheets of one table, one under "
        "the other.",
    ("Écrit dans ce fichier CSV le journal de toutes les corrections, cellule par cellule (ligne, "
     "colonne, avant, après). Sans cette option, l'aperçu n'en montre que les premières de chaque "
     "correction."):
        ("Writes the log of every fix to this CSV file, cell by cell (row, column, before, after). Without "
         "this option, the preview shows only the first ones of each fix."),
    ("Rédige les métadonnées d'un fichier, les note, et écrit datapackage.json et le dictionnaire des "
     "données."):
        "Drafts the metadata of a file, scores it, and writes datapackage.json and the data dictionary.",
    "Fichier de données (CSV, XLSX, ODS).":
        "Data file (CSV, XLSX, ODS).",
    "Identifiant du jeu de données dans odwb.toml.":
        "Identifier of the dataset in odwb.toml.",
    "Dossier des fichiers produits (défaut : documentation/<id> près de odwb.toml).":
        "Folder of the files produced (default: documentation/<id> next to odwb.toml).",
    ("Pose les questions que les données ne permettent pas de deviner ; garde les réponses dans "
     "odwb.toml."):
        "Asks the questions the data cannot answer; keeps the answers in odwb.toml.",
    ("Publie un jeu de données sur le portail, sans doublon : une seconde exécution sans changement "
     "n'envoie rien."):
        "Publishes a dataset on the portal, without duplicates: a second run without changes sends nothing.",
    "Identifiant du jeu de données (s'il y en a plusieurs).":
        "Identifier of the dataset (when there are several).",
    "Affiche les étapes prévues sans rien envoyer.":
        "Shows the planned steps without sending anything.",
    "Publie en accès restreint (non visible du public).":
        "Publishes with restricted access (not visible to the public).",
    "Adresse du portail (défaut : odwb.toml ou www.odwb.be).":
        "Address of the portal (default: odwb.toml or www.odwb.be).",
    "Lève un blocage par son code (répétable), avec --justification.":
        "Lifts a blocker by its code (repeatable), with --justification.",
    "Pourquoi le blocage est levé (gardé au registre).":
        "Why the blocker is lifted (kept in the register).",
    "Relit le jeu publié via l'API Explore.":
        "Reads the published dataset back through the Explore API.",
    "Confirme d'avance une première publication sur un portail réel (pour les scripts).":
        "Confirms in advance a first publication on a real portal (for scripts).",
    ("Démonstration complète, hors ligne : inventaire, qualité, correction, documentation, "
     "publication\nsur un portail bac à sable local, vérification, programme et tableau de bord."):
        ("Full offline demonstration: inventory, quality, fix, documentation, publication\non a local "
         "sandbox portal, verification, programme and dashboard."),
    "Dossier des résultats.":
        "Folder of the results.",
    "Captures d'écran des pages HTML dans un navigateur headless.":
        "Screenshots of the HTML pages in a headless browser.",
    "Le fichier de projet odwb.toml.":
        "The project file odwb.toml.",
    "Affiche la configuration résolue (la clé d'API : seulement « définie » ou « non définie »).":
        "Shows the resolved configuration (the API key: only \"set\" or \"not set\").",
    "Adresse du portail (remplace odwb.toml).":
        "Address of the portal (overrides odwb.toml).",
    "Métadonnées : leur score avant publication.":
        "Metadata: their score before publication.",
    "Note les métadonnées d'un jeu de données avant publication et dit quoi améliorer.":
        "Scores the metadata of a dataset before publication and says what to improve.",
    "text ou json.":
        "text or json.",
    "Explore le catalogue du portail (recherche, fiche d'un jeu, téléchargement).":
        "Explores the portal's catalogue (search, a dataset's page, download).",
    "Cherche des jeux de données dans le catalogue.":
        "Searches the catalogue for datasets.",
    "Texte recherché (titre, description, mots-clés).":
        "Text searched for (title, description, keywords).",
    "Producteur (ex. « Ville de Namur »).":
        "Publisher (e.g. \"Ville de Namur\").",
    "Thème du portail.":
        "Theme of the portal.",
    "Mot-clé.":
        "Keyword.",
    "Nombre maximum de résultats.":
        "Maximum number of results.",
    "Sortie JSON (pour un script).":
        "JSON output (for a script).",
    "Adresse du portail (par défaut : odwb.toml, ODWB_PORTAL_URL ou www.odwb.be).":
        "Address of the portal (default: odwb.toml, ODWB_PORTAL_URL or www.odwb.be).",
    "Affiche la fiche d'un jeu de données : métadonnées et champs.":
        "Shows a dataset's page: metadata and fields.",
    "Identifiant du jeu de données (ex. namur-arbres).":
        "Identifier of the dataset (e.g. namur-arbres).",
    "Télécharge tous les enregistrements d'un jeu de données dans un fichier.":
        "Downloads every record of a dataset into a file.",
    "Identifiant du jeu de données.":
        "Identifier of the dataset.",
    "csv, json, geojson ou parquet.":
        "csv, json, geojson or parquet.",
    "Fichier à écrire (par défaut : <id>.<format>).":
        "File to write (default: <id>.<format>).",
    "Remplace le fichier s'il existe déjà.":
        "Replaces the file if it already exists.",
    "Portail bac à sable local, compatible ODWB (formations, démos, tests).":
        "Local sandbox portal, compatible with ODWB (training, demos, tests).",
    "Démarre le portail bac à sable (Ctrl+C pour l'arrêter).":
        "Starts the sandbox portal (Ctrl+C to stop it).",
    "Adresse d'écoute (127.0.0.1 : cette machine seulement).":
        "Address to listen on (127.0.0.1: this machine only).",
    "Port d'écoute (0 : un port libre).":
        "Port to listen on (0: a free port).",
    "Dossier des données du bac à sable.":
        "Folder of the sandbox's data.",
    "Ajoute un catalogue de démonstration (36 jeux de données).":
        "Adds a demonstration catalogue (36 datasets).",
    ("Où ce portail accepte la licence et les thèmes : internal (internal.license_id, le document de "
     "l'éditeur) ou default (default.license_id ; internal.* en lecture seule). Retenu pour ce dossier "
     "de données."):
        ("Where this portal accepts the licence and the themes: internal (internal.license_id, the "
         "publisher's document) or default (default.license_id; internal.* read-only). Kept for this data "
         "folder."),
    ("Simule un quota d'appels par jour et par clé (en-têtes X-RateLimit-*, 429 au-delà). 0 : pas de "
     "quota. Retenu pour ce dossier de données."):
        ("Simulates a quota of calls per day and per key (X-RateLimit-* headers, 429 beyond). 0: no quota. "
         "Kept for this data folder."),
    "Jeux de données par participant au plus (0 : sans limite).":
        "Datasets per participant at most (0: no limit).",
    "Mo de fichiers déposés par participant au plus (0 : sans limite).":
        "MB of uploaded files per participant at most (0: no limit).",
    "Vide le bac à sable (utilisateurs, jeux de données, fichiers).":
        "Empties the sandbox (users, datasets, files).",
    "Ne pas demander de confirmation.":
        "Do not ask for confirmation.",
    ("Crée un utilisateur ; sa clé API est écrite dans un fichier lisible par vous seul (jamais "
     "affichée sans --show)."):
        "Creates a user; their API key is written to a file only you can read (never shown without --show).",
    "Nom du participant (ex. ciney).":
        "Name of the participant (e.g. ciney).",
    "Clé de formateur : voit et modifie tous les jeux de données.":
        "Trainer key: sees and changes every dataset.",
    "Remplace la clé d'un utilisateur existant (l'ancienne ne marche plus ; un formateur le reste).":
        "Replaces the key of an existing user (the old one stops working; a trainer stays one).",
    "Affiche aussi la clé à l'écran (évitez-le devant un projecteur).":
        "Also shows the key on screen (avoid it in front of a projector).",
    ("Simule des pannes (429, 503, lenteur) sur un bac à sable, même en marche ; sans option : les "
     "affiche."):
        ("Simulates failures (429, 503, slowness) on a sandbox, even while it runs; without an option: "
         "lists them."),
    "429, 503 ou delay.":
        "429, 503 or delay.",
    "Chemins visés (motif, ex. '/api/automation/*').":
        "Paths targeted (pattern, e.g. '/api/automation/*').",
    "Proportion des requêtes touchées (0 à 1).":
        "Share of the requests affected (0 to 1).",
    "Secondes annoncées dans Retry-After (429, 503).":
        "Seconds announced in Retry-After (429, 503).",
    "Secondes de retard (delay).":
        "Seconds of delay (delay).",
    "Méthodes visées (défaut : toutes).":
        "Methods targeted (default: all).",
    "Seulement les N prochaines requêtes visées.":
        "Only the next N targeted requests.",
    "Supprime toutes les pannes simulées.":
        "Removes every simulated failure.",
    "Inventaire des données de l'administration (cartographie, priorités, statut).":
        "Inventory of the administration's data (map, priorities, status).",
    ("Crée le classeur Excel d'inventaire : listes déroulantes, aide par colonne, exemple, mode "
     "d'emploi."):
        "Creates the Excel inventory workbook: drop-down lists, help per column, example, instructions.",
    "Classeur à créer (ex. inventaire.xlsx).":
        "Workbook to create (e.g. inventaire.xlsx).",
    ("Vérifie un inventaire et signale chaque problème par ligne et colonne (code 1 s'il y a des "
     "erreurs)."):
        ("Checks an inventory and reports each problem by row and column (exit code 1 when there are "
         "errors)."),
    "Inventaire à vérifier (.xlsx ou .csv ; défaut : \\[inventory] file).":
        "Inventory to check (.xlsx or .csv; default: \\[inventory] file).",
    "Sortie JSON (pour les scripts).":
        "JSON output (for scripts).",
    ("Propose des lignes d'inventaire à partir des fichiers d'un dossier (format, taille, colonnes, "
     "données\npersonnelles), et les ajoute à un inventaire sans rien écraser de ce que vous avez écrit."):
        ("Proposes inventory rows from the files of a folder (format, size, columns, personal\ndata), and "
         "adds them to an inventory without overwriting anything you wrote."),
    "Dossier de fichiers de données à parcourir.":
        "Folder of data files to go through.",
    "Inventaire existant à compléter (il n'est pas modifié).":
        "Existing inventory to complete (it is not modified).",
    "Inventaire à écrire (nouveau fichier .xlsx ou .csv).":
        "Inventory to write (a new .xlsx or .csv file).",
    ("Classe les jeux de données à ouvrir d'abord (valeur, effort, données personnelles, contraintes "
     "légales)."):
        "Ranks the datasets to open first (value, effort, personal data, legal constraints).",
    "Inventaire (.xlsx ou .csv ; défaut : \\[inventory] file de odwb.toml).":
        "Inventory (.xlsx or .csv; default: \\[inventory] file of odwb.toml).",
    "Dossier où dessiner la matrice valeur/effort (PNG et SVG).":
        "Folder where to draw the value/effort matrix (PNG and SVG).",
    ("Montre l'entonnoir identifié → publié ; avec --sync, met le statut à jour (dans un nouveau "
     "fichier)."):
        "Shows the funnel identified → published; with --sync, updates the status (in a new file).",
    "Met à jour statut et identifiant ODWB d'après vos publications.":
        "Updates status and ODWB identifier from your publications.",
    "Avec --sync : ne consulte pas le catalogue du portail.":
        "With --sync: does not query the portal's catalogue.",
    "Inventaire mis à jour à écrire (défaut : …-statut.xlsx).":
        "Updated inventory to write (default: …-statut.xlsx).",
    "Adresse du portail (défaut : odwb.toml, puis ODWB_PORTAL_URL).":
        "Address of the portal (default: odwb.toml, then ODWB_PORTAL_URL).",
    "Liste les jeux déjà publiés par d'autres administrations pour une ligne d'inventaire ou un thème.":
        "Lists the datasets already published by other administrations for an inventory row or a theme.",
    "Identifiant d'une ligne de l'inventaire, ou texte à chercher.":
        "Identifier of an inventory row, or text to search for.",
    "Thème du portail (ex. Mobilité).":
        "Theme of the portal (e.g. Mobilité).",
    "Inventaire (défaut : \\[inventory] file).":
        "Inventory (default: \\[inventory] file).",
    "Nombre maximum de jeux.":
        "Maximum number of datasets.",
    "Schémas de tables (Table Schema).":
        "Table schemas (Table Schema).",
    "Crée un Table Schema à partir des champs d'un jeu publié, pour publier la même structure.":
        "Creates a Table Schema from the fields of a published dataset, to publish the same structure.",
    "Identifiant du jeu publié sur le portail.":
        "Identifier of the dataset published on the portal.",
    "Fichier JSON à écrire (défaut : affiché).":
        "JSON file to write (default: printed).",
    ("Documents du défi à partir de \\[challenge] dans odwb.toml : canevas (jour 4), feuille de route "
     "(jour 5), fiche challenge du hackathon."):
        ("Challenge documents from \\[challenge] in odwb.toml: canvas (day 4), roadmap (day 5), hackathon "
         "challenge sheet."),
    ("Le canevas de projet (jour 4) : problème, usagers, données, idée de service, partenaires, "
     "indicateurs."):
        "The project canvas (day 4): problem, users, data, service idea, partners, indicators.",
    "Dossier où écrire (défaut : celui de odwb.toml).":
        "Folder to write to (default: that of odwb.toml).",
    "md (Markdown) ou html.":
        "md (Markdown) or html.",
    "Remplace un document déjà produit.":
        "Replaces a document already produced.",
    "Affiche le document au lieu de l'écrire.":
        "Prints the document instead of writing it.",
    "La feuille de route stratégique (jour 5) : actions, responsables, échéances, statut.":
        "The strategic roadmap (day 5): actions, owners, deadlines, status.",
    "La fiche challenge du hackathon Citizens of Wallonia, avec les liens vers vos jeux publiés.":
        "The challenge sheet of the Citizens of Wallonia hackathon, with links to your published datasets.",
    "Les trois documents d'un coup.":
        "The three documents at once.",
    "Outils du formateur : préparer la salle, suivre la progression des participants.":
        "Trainer's tools: prepare the room, follow the participants' progress.",
    ("Prépare un dossier par participant : fichier à corriger, odwb.toml, clé d'API personnelle, mode "
     "d'emploi.\n\nLes clés ne sont jamais affichées : chacune est écrite dans le dossier de son "
     "participant (cle-api.env)."):
        ("Prepares one folder per participant: file to fix, odwb.toml, personal API key, "
         "instructions.\n\nThe keys are never shown: each is written to its participant's folder "
         "(cle-api.env)."),
    "Dossier de la salle (un sous-dossier par participant y est créé).":
        "Folder of the room (one subfolder per participant is created in it).",
    "Nombre de participants.":
        "Number of participants.",
    "Fichier texte : un nom de participant par ligne.":
        "Text file: one participant name per line.",
    "Adresse du bac à sable telle que les participants la joignent (défaut : http://127.0.0.1:8765).":
        "Address of the sandbox as the participants reach it (default: http://127.0.0.1:8765).",
    ("Dossier des données du bac à sable (celui de « sandbox serve --data »), où les clés des "
     "participants sont créées (avec --add : celui de la salle)."):
        ("Folder of the sandbox's data (that of \"sandbox serve --data\"), where the participants' keys are "
         "created (with --add: that of the room)."),
    "Ne crée pas de clés (portail sans bac à sable local).":
        "Creates no keys (portal without a local sandbox).",
    "Ajoute des participants à une salle déjà préparée.":
        "Adds participants to a room already prepared.",
    ("Rassemble les paquets d'odwb-assist, de ses plugins et de toutes leurs dépendances, pour "
     "installer\nune salle sans Internet (pip install --no-index --find-links)."):
        ("Gathers the packages of odwb-assist, its plugins and all their dependencies, to set up\na room "
         "without Internet (pip install --no-index --find-links)."),
    "Dossier à remplir (une clé USB, par exemple).":
        "Folder to fill (a USB stick, for example).",
    "windows, macos, linux ou current (cet ordinateur) ; répétable. Défaut : current.":
        "windows, macos, linux or current (this computer); repeatable. Default: current.",
    "Version de Python des ordinateurs de la salle.":
        "Python version of the room's computers.",
    "La progression de la salle : dernière étape de chacun, et pourquoi une publication a échoué.":
        "The room's progress: each one's last step, and why a publication failed.",
    "Dossier de la salle (celui de salle.json).":
        "Folder of the room (that of salle.json).",
    "Adresse du portail à interroger (défaut : celle de salle.json).":
        "Address of the portal to query (default: that of salle.json).",
    "N'interroge pas le portail (dossiers des participants seulement).":
        "Does not query the portal (participants' folders only).",
    "Vue compacte pour le projecteur, rafraîchie jusqu'à Ctrl+C.":
        "Compact view for the projector, refreshed until Ctrl+C.",
    "Secondes entre deux rafraîchissements (avec --watch).":
        "Seconds between two refreshes (with --watch).",
    "Arrête --watch après N affichages (tests).":
        "Stops --watch after N displays (tests).",
}


def english_help() -> dict[str, str]:
    """This table and the plugins' (``odwb_help_en``), the plugins' last; each French text also under its one-line
    form (:func:`.help_fr.one_line_paragraphs`), as the help shows it once localised."""
    from .common import plugin_manager
    from .help_fr import one_line_paragraphs

    merged = dict(HELP_EN)
    for table in plugin_manager().hook.odwb_help_en():
        merged.update(table or {})
    merged.update({one_line_paragraphs(french) or french: text for french, text in list(merged.items())})
    return merged
