"""The files the demo starts from: the embedded samples, its output folder, the project file, the programme
edition with its window moved around today, and the programme's enrolment form.

:mod:`.demo` runs the lifecycle on them; nothing here starts a server or runs a command.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from ..core.errors import OdwbError

DATASET_ID = "ciney-parkings-velos"
MESSY_SAMPLE = "parkings-velos-ciney.csv"
KEY_ENV = "ODWB_DEMO_API_KEY"  # the sandbox key travels in the environment only, never on screen
DESCRIPTION = ("Emplacements, types et capacités des parkings vélos publics de la Ville de Ciney, relevés par le service "
               "Mobilité. Mise à jour annuelle. Les taux d'occupation sont des moyennes de comptages manuels.")


def sample_path(name: str) -> Path:
    return Path(str(resources.files("odwb_assist") / "data" / "samples" / name))


def copy_samples(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in (MESSY_SAMPLE, "salles-communales.csv", "registre-inscriptions-stage.csv", "subsides-associations.csv"):
        shutil.copyfile(sample_path(name), target / name)
    return target


def prepare_output(output: Path) -> Path:
    """A new or empty folder, or one made by an earlier demo (recognised by its marker file)."""
    marker = output / ".odwb-demo"
    if output.exists() and any(output.iterdir()) and not marker.exists():
        raise OdwbError(
            f"Le dossier {output} existe et n'est pas un dossier de démo : choisissez un autre --output "
            "(rien n'a été modifié).",
            f"Folder {output} exists and is not a demo folder: choose another --output (nothing was changed).",
        )
    if marker.exists():
        shutil.rmtree(output)
    output.mkdir(parents=True, exist_ok=True)
    marker.write_text("odwb-assist demo\n", encoding="utf-8")
    return output


def project_file(project_dir: Path, clean_file: Path, portal_url: str, edition: Path | None) -> Path:
    programme = f'\n[programme]\nedition = "{edition.as_posix()}"\nledger = "programme.sqlite"\n' if edition else ""
    text = f"""# Projet de démonstration (odwb-assist demo)
[administration]
name = "Ville de Ciney"
nis_code = "91030"
publisher = "Ville de Ciney"
type = "commune"
contact_name = "Service Mobilité"
contact_email = "mobilite@ciney.be"
website = "https://www.ciney.be"

[portal]
url = "{portal_url}"
api_key_env = "{KEY_ENV}"

[inventory]
file = "../inventaire/inventaire.xlsx"

[[datasets]]
id = "{DATASET_ID}"
file = "{os.path.relpath(clean_file, project_dir)}"
inventory_id = "{DATASET_ID}"
[datasets.metadata]
title = "Parkings vélos de Ciney"
description = {json.dumps(DESCRIPTION, ensure_ascii=False)}
license = "CC BY 4.0"
theme = ["Mobilité"]
keyword = ["vélo", "parking", "mobilité douce", "Ciney"]
[datasets.fields]
"Nom" = {{ description = "Nom du parking vélos" }}
"Localité" = {{ description = "Village ou section de Ciney où se trouve le parking", facet = true }}
"Type" = {{ description = "Couvert, non couvert ou box sécurisé", facet = true }}
"Capacité" = {{ description = "Nombre d'emplacements pour vélos", unit = "places" }}
"Taux d'occupation" = {{ description = "Occupation moyenne lors des comptages manuels", unit = "%" }}
"Date d'installation" = {{ description = "Date de mise en service du parking" }}
{programme}
[challenge]
title = "Trouver un parking vélo à Ciney"
theme = "Mobilité"
problem = "Les cyclistes ne savent pas où garer leur vélo en sécurité dans le centre et les villages."
users = ["cyclistes", "touristes", "service Mobilité"]
datasets = ["{DATASET_ID}"]
service_idea = "Une carte mobile des parkings vélos avec leur capacité et leur type."
partners = ["GRACQ Ciney", "Office du tourisme"]
indicators = ["nombre de consultations de la carte", "taux d'occupation des parkings"]
[[challenge.roadmap]]
action = "Publier le jeu de données des parkings vélos"
owner = "Service Mobilité"
due = "2021-09-30"
"""
    path = project_dir / "odwb.toml"
    path.write_text(text, encoding="utf-8")
    return path


def demo_edition(target: Path, today: date, programme_plugin: Any) -> Path | None:
    """The plugin's 2021 edition with its window moved around today, so that the demo's publication counts.

    The edition file is found beside the registered plugin module (the core never imports a plugin).
    """
    source = Path(getattr(programme_plugin, "__file__", "")).parent / "editions" / "ouvrir-ma-ville-2021.toml"
    if not source.is_file():
        return None
    text = source.read_text(encoding="utf-8")
    start, end = today - timedelta(days=150), today + timedelta(days=30)
    text = re.sub(r'(?m)^id = ".*"$', 'id = "ouvrir-ma-ville-demo"', text, count=1)
    text = re.sub(r'(?m)^title = ".*"$', 'title = "Ouvrir ma ville — édition de démonstration"', text, count=1)
    text = re.sub(r"(?m)^start = \S+", f"start = {start.isoformat()}", text)
    text = re.sub(r"(?m)^end = \S+", f"end = {end.isoformat()}", text)
    target.write_text(text, encoding="utf-8")
    return target


ENROLMENTS = [
    # administration, type, NIS, publisher names, participants
    ("Ville de Ciney", "commune", "91030", "Ville de Ciney", [("Anne Lambert", "a.lambert@ciney.be")]),
    ("Ville de Namur", "commune", "92094", "Ville de Namur",
     [("Marc Denis", "m.denis@ville.namur.be"), ("Julie Petit", "j.petit@ville.namur.be")]),
    ("CPAS de Charleroi", "cpas", "", "CPAS de Charleroi", [("Karim Haddad", "k.haddad@cpas-charleroi.be")]),
    ("Province de Luxembourg", "province", "", "Province de Luxembourg",
     [("Sophie Collard", "s.collard@province.luxembourg.be")]),
    ("Commune de Durbuy", "commune", "83012", "Commune de Durbuy", [("Luc Gérard", "l.gerard@durbuy.be")]),
]


def enrolment_form(path: Path, today: date) -> Path:
    start = today - timedelta(days=140)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["administration", "type", "code_ins", "noms_editeur", "participant_1", "email_1", "participant_2",
                         "email_2", "participant_3", "email_3", "formulaire_rempli", "convention_signee", "facture",
                         "paiement", "confirmation"])
        for i, (name, kind, nis, publishers, people) in enumerate(ENROLMENTS):
            cells = [name, kind, nis, publishers]
            for n in range(3):
                cells += list(people[n]) if n < len(people) else ["", ""]
            day = start + timedelta(days=i)
            cells += ["oui", day.isoformat(), (day + timedelta(days=3)).isoformat(),
                      (day + timedelta(days=10)).isoformat(), (day + timedelta(days=11)).isoformat()]
            writer.writerow(cells)
    return path
