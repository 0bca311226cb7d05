"""The commented ``odwb.toml`` written by ``odwb-assist init`` for a new administration."""

from __future__ import annotations

import json
from collections.abc import Callable


def render(name: str, nis_code: str | None = None, publisher: str | None = None,
           type_: str | None = None, contact_email: str | None = None,
           datasets: list[tuple[str, str]] | None = None) -> str:
    """The text of a new project file; values are TOML-quoted (JSON strings are valid TOML strings). ``datasets``:
    (id, file relative to the project file) of the tables found beside it, written as commented blocks: the user
    chooses what to publish (often the clean copy of one of them), and nothing is declared twice."""

    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    nis_line = f"nis_code = {q(nis_code)}" if nis_code else '# nis_code = "91030"          # code INS (REFNIS) à 5 chiffres'
    type_line = (f"type = {q(type_)}" if type_ else
                 '# type = "commune"             # commune, cpas, province, intercommunale, autre')
    mail_line = (f"contact_email = {q(contact_email)}" if contact_email else
                 '# contact_email = "opendata@ciney.be"   # une adresse de service, pas personnelle')
    return f"""# Projet odwb-assist : votre administration, le portail et les jeux de données à publier.
# Documentation : docs/fr/tutoriel-jour-7.md. Vérifiez ce fichier avec : odwb-assist config show

[administration]
name = {q(name)}
{nis_line}
publisher = {q(publisher or name)}   # le nom d'éditeur affiché sur le portail
{type_line}
# contact_name = "Service informatique"
{mail_line}
language = "fr"

[portal]
url = "https://www.odwb.be"         # ou l'adresse du portail bac à sable de la formation
api_key_env = "ODWB_API_KEY"        # la clé elle-même ne s'écrit JAMAIS ici : variable d'environnement

# Un bloc [[datasets]] par jeu de données à publier :
# [[datasets]]
# id = "ciney-parkings-velos"         # identifiant du jeu de données sur le portail
# file = "data/parkings-velos.csv"    # chemin relatif à ce fichier
# [datasets.metadata]
# title = "Parkings vélos de Ciney"
# description = "Emplacements des parkings vélos publics de la commune."
# license = "CC BY 4.0"
# theme = ["Mobilité"]
# keyword = ["vélo", "parking"]

# [inventory]
# file = "inventaire.xlsx"

# [challenge]
# theme = "Mobilité"
# problem = "Les cyclistes ne trouvent pas les parkings vélos."
""" + _declared(datasets or [], q)


def _declared(datasets: list[tuple[str, str]], q: Callable[[str], str]) -> str:
    if not datasets:
        return ""
    blocks = "".join(f"\n# [[datasets]]\n# id = {q(identifier)}\n# file = {q(file)}\n" for identifier, file in datasets)
    return ("\n# Les tableaux trouvés dans ce dossier : pour publier l'un d'eux, retirez le « # » de ses trois lignes\n"
            "# (le fichier à publier est d'ordinaire la copie propre de « odwb-assist fix », FICHIER-propre.csv),\n"
            "# puis décrivez-le dans [datasets.metadata] (ou : odwb-assist document -d ID --interactive).\n" + blocks)
