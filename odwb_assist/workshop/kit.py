"""The texts of a participant's folder: ``odwb.toml``, ``README.txt`` and the key files they source."""

from __future__ import annotations

import json

SAMPLE_NAME = "parkings-velos-ciney.csv"
CLEAN_NAME = "parkings-velos-propre.csv"
KEY_ENV = "ODWB_API_KEY"
KEY_FILE_SH = "cle-api.env"
KEY_FILE_PS1 = "cle-api.ps1"
README_NAME = "README.txt"


def _q(value: str) -> str:
    """A TOML basic string (JSON strings are valid TOML strings)."""
    return json.dumps(value, ensure_ascii=False)


def project_file(name: str, portal_url: str, dataset_id: str) -> str:
    """The participant's ``odwb.toml``: their administration, the room's portal, one dataset."""
    return f"""# Projet de l'atelier odwb-assist : {name}
# Vérifiez ce fichier avec : odwb-assist config show

[administration]
name = {_q(name)}
publisher = {_q(name)}
language = "fr"

[portal]
url = {_q(portal_url)}        # le portail bac à sable de l'atelier
api_key_env = "{KEY_ENV}"     # la clé est dans {KEY_FILE_SH} ; elle ne s'écrit JAMAIS ici

[[datasets]]
id = {_q(dataset_id)}
file = "{SAMPLE_NAME}"
# Après « odwb-assist fix », publiez la copie propre : remplacez la ligne ci-dessus par
# file = "{CLEAN_NAME}"

[datasets.metadata]
title = {_q(f"Parkings vélos de Ciney ({name})")}
description = "Emplacements, type et capacité des parkings vélos publics de Ciney (données d'exercice de l'atelier)."
license = "CC BY 4.0"
theme = ["Mobilité"]
keyword = ["vélo", "parking", "mobilité douce"]
"""


def key_file_sh(key: str) -> str:
    return (f"# Votre clé d'API personnelle pour le portail de l'atelier : ne la partagez pas, ne l'affichez pas.\n"
            f"# Chargez-la dans votre terminal avec : source {KEY_FILE_SH}\n"
            f"export {KEY_ENV}={key}\n")


def key_file_ps1(key: str) -> str:
    return (f"# Votre clé d'API personnelle pour le portail de l'atelier : ne la partagez pas, ne l'affichez pas.\n"
            f"# Chargez-la dans PowerShell avec : . .\\{KEY_FILE_PS1}\n"
            f"$env:{KEY_ENV} = \"{key}\"\n")


def readme(name: str, portal_url: str, dataset_id: str, has_key: bool) -> str:
    """A short French guide: what is in the folder and what to type, step by step."""
    key_line = (f"  {KEY_FILE_SH} / {KEY_FILE_PS1}   votre clé d'API personnelle pour le portail de l'atelier :\n"
                "                              ne la montrez pas, ne la copiez pas ailleurs\n"
                if has_key else
                "  (pas encore de clé d'API : demandez-la au formateur)\n")
    return f"""Atelier odwb-assist — {name}
{"=" * (len(name) + 22)}

Ce dossier est le vôtre. Il contient :
  {SAMPLE_NAME}   un export « en désordre » à remettre en état
                              (odwb-assist ne modifie jamais ce fichier d'origine)
  odwb.toml                   votre projet : votre administration, le portail de l'atelier
                              et votre jeu de données « {dataset_id} »
{key_line}
Ouvrez un terminal dans ce dossier, puis tapez dans l'ordre :

1. Chargez votre clé (une fois par terminal) :
     Linux ou macOS :        source {KEY_FILE_SH}
     Windows (PowerShell) :  . .\\{KEY_FILE_PS1}

2. Vérifiez le fichier et lisez ce qui ne va pas :
     odwb-assist check {SAMPLE_NAME}
   Le même rapport, à ouvrir dans le navigateur :
     odwb-assist check {SAMPLE_NAME} --format html --output rapport.html

3. Écrivez une copie propre, puis vérifiez-la :
     odwb-assist fix {SAMPLE_NAME} --output {CLEAN_NAME}
     odwb-assist check {CLEAN_NAME}

4. Ouvrez odwb.toml dans un éditeur de texte et remplacez la ligne
     file = "{SAMPLE_NAME}"
   par
     file = "{CLEAN_NAME}"

5. Documentez le jeu de données (métadonnées, dictionnaire des données, note) :
     odwb-assist document {CLEAN_NAME}

6. Publiez : d'abord une simulation, qui n'envoie rien, puis pour de vrai :
     odwb-assist publish --dry-run
     odwb-assist publish

7. Voyez votre jeu de données en ligne :
     {portal_url}/explore/dataset/{dataset_id}/

En cas de doute : odwb-assist --help, ou levez la main.
"""
