"""The texts of a participant's folder: ``odwb.toml``, ``README.txt`` and the key files they source."""

from __future__ import annotations

import json

SAMPLE_NAME = "parkings-velos-ciney.csv"
CLEAN_NAME = "parkings-velos-propre.csv"
TUTORIAL_DATASET = "ciney-parkings-velos"  # the id the tutorials of days 7-9 declare
# the samples the tutorials of days 7-9 use, copied into every participant's folder
TUTORIAL_SAMPLES = (SAMPLE_NAME, "registre-inscriptions-stage.csv", "salles-communales.csv", "subsides-associations.csv")
KEY_ENV = "ODWB_API_KEY"
KEY_FILE_SH = "cle-api.env"
KEY_FILE_PS1 = "cle-api.ps1"
README_NAME = "README.txt"


def _q(value: str) -> str:
    """A TOML basic string (JSON strings are valid TOML strings)."""
    return json.dumps(value, ensure_ascii=False)


def dataset_prefix(number: int) -> str:
    """``p07-``: what makes the tutorials' dataset ids unique to participant 7 on the room's portal."""
    return f"p{number:02d}-"


def project_file(name: str, portal_url: str, number: int, room: str) -> str:
    """The participant's ``odwb.toml``: their administration, the room's portal, their dataset prefix.

    No dataset is declared: the day-7 tutorial adds it (``ciney-parkings-velos``), and the
    ``[workshop]`` prefix makes it ``p07-ciney-parkings-velos`` on the portal."""
    return f"""# Projet de l'atelier odwb-assist : {name}
# Préparé par le formateur : inutile de lancer « odwb-assist init » ici.
# Vérifiez ce fichier avec : odwb-assist config show

[administration]
name = {_q(name)}
publisher = {_q(name)}
language = "fr"

[portal]
url = {_q(portal_url)}        # le portail bac à sable de l'atelier
api_key_env = "{KEY_ENV}"     # la clé est dans {KEY_FILE_SH} ; elle ne s'écrit JAMAIS ici

[workshop]
participant = {_q(name)}
room = {_q(room)}
dataset_prefix = {_q(dataset_prefix(number))}   # vos jeux portent ce préfixe sur le portail de l'atelier
"""


DATASET_BLOCK = f"""
[[datasets]]
id = "{TUTORIAL_DATASET}"
file = "{CLEAN_NAME}"
[datasets.metadata]
title = "Parkings vélos de Ciney"
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


def _indent(text: str) -> str:
    return "".join(f"     {line}\n" if line else "\n" for line in text.strip("\n").splitlines())


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
  odwb.toml                   votre projet : votre administration et le portail de l'atelier ;
                              votre jeu de données y sera « {dataset_id} »
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

4. Ouvrez odwb.toml dans un éditeur de texte et ajoutez à la fin la description de
   votre jeu de données (tutoriel du jour 7, partie 4) :
{_indent(DATASET_BLOCK)}
   Sur le portail de l'atelier, il s'appellera « {dataset_id} » (votre préfixe
   évite de prendre l'identifiant d'un autre participant).

5. Documentez le jeu de données (métadonnées, dictionnaire des données, note) :
     odwb-assist document {CLEAN_NAME}

6. Publiez : d'abord une simulation, qui n'envoie rien, puis pour de vrai :
     odwb-assist publish --dry-run
     odwb-assist publish

7. Voyez votre jeu de données en ligne :
     {portal_url}/explore/dataset/{dataset_id}/

En cas de doute : odwb-assist --help, ou levez la main.
"""
