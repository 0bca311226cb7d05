"""Jour 9 — publier un jeu de données, puis le republier après une modification.

Ce que fait le script, dans l'ordre :

1. prépare un dossier de projet : le fichier de données et un ``odwb.toml`` qui le décrit ;
2. publication « à blanc » (--dry-run) : le plan de ce qui serait envoyé, rien n'est envoyé ;
3. publication pour de vrai, puis vérification via l'API Explore (ce que le public voit) ;
4. republication sans changement : rien à envoyer ;
5. modification des données (une ligne ajoutée) puis republication : seules les données partent ;
6. vérification finale.

Sans ``--portal``, le script démarre son propre portail d'essai (le « bac à sable ») sur
l'ordinateur et s'y crée un compte : il fonctionne sans Internet. Avec ``--portal``, la clé d'API
est lue dans la variable d'environnement ODWB_API_KEY (jamais affichée, jamais écrite) ::

    python examples/jour-9-publication/publication.py
    ODWB_API_KEY=… python examples/jour-9-publication/publication.py --portal https://mon-bac-a-sable.example
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from odwb_assist import OdwbError, Project
from odwb_assist.core.config import load
from odwb_assist.portal import PortalClient
from odwb_assist.publish import Plan, Publication

ICI = Path(__file__).resolve().parent
DONNEES = ICI / "donnees" / "parkings-velos-ciney.csv"
VARIABLE_CLE = "ODWB_API_KEY"  # le nom de la variable, jamais sa valeur
JEU = "ciney-parkings-velos-atelier"

ODWB_TOML = """# Projet de l'atelier du jour 9 (écrit par examples/jour-9-publication/publication.py).
# La clé d'API n'est jamais dans ce fichier : elle est lue dans la variable {variable}.

[administration]
name = "Commune de Ciney"
nis_code = "91030"
type = "commune"
contact_email = "opendata@ciney.be"

[portal]
url = "{url}"
api_key_env = "{variable}"

[[datasets]]
id = "{jeu}"
file = "parkings-velos-ciney.csv"

[datasets.metadata]
title = "Parkings vélos de Ciney (atelier)"
description = "Parkings vélos publics de la commune de Ciney : adresse, places, type d'abri et taux d'occupation."
license = "CC BY 4.0"
theme = ["Mobilité"]
keyword = ["vélo", "parking", "mobilité douce"]
language = "fr"
"""


@contextmanager
def portail(url: str | None) -> Iterator[str]:
    """Le portail donné (clé dans ODWB_API_KEY), ou un bac à sable local avec un compte créé pour le script."""
    if url:
        if not os.environ.get(VARIABLE_CLE):
            raise SystemExit(f"Mettez votre clé d'API dans la variable d'environnement {VARIABLE_CLE} avant de lancer "
                             "le script (elle n'est jamais affichée).")
        yield url.rstrip("/")
        return
    from odwb_assist.sandbox import SandboxServer

    with tempfile.TemporaryDirectory(prefix="bac-a-sable-") as dossier:
        serveur = SandboxServer(dossier, seed=True, processing_delay=0.01)
        os.environ[VARIABLE_CLE] = serveur.add_user("participant-ciney")  # dans l'environnement, jamais à l'écran
        serveur.start()  # port libre choisi par le système, 127.0.0.1
        try:
            print(f"Bac à sable démarré sur {serveur.url} ; compte « participant-ciney » créé, clé dans {VARIABLE_CLE}.")
            yield serveur.url
        finally:
            serveur.stop()


def dossier_de_sortie(demande: str | None, prefixe: str) -> Path:
    """Le dossier demandé, ou un nouveau dossier daté dans le dossier courant."""
    dossier = Path(demande) if demande else Path.cwd() / f"{prefixe}-{datetime.now():%Y%m%d-%H%M%S}"
    dossier.mkdir(parents=True, exist_ok=True)
    return dossier


def titre(texte: str) -> None:
    print(f"\n=== {texte} ===")


def charger(projet_toml: Path) -> Project:
    """Le projet, avec un client qui interroge souvent le portail (le bac à sable traite vite)."""
    config = load(projet_toml)
    return Project(config, client=PortalClient.from_config(config, poll_interval=0.1))


def publier(projet: Project, jeu: str, journal: list[dict[str, object]], etape: str, sortie: Path) -> Publication:
    """Le plan (écrit dans un fichier), puis son envoi ; renvoie la publication."""
    plan = projet.plan(jeu)
    print(plan.describe("fr"))
    (sortie / f"plan-{etape}.txt").write_text(plan.describe("fr") + "\n", encoding="utf-8")
    publication = plan.apply()
    print(f"→ {'Publié' if publication.changed else 'Rien envoyé'} : {publication.records} enregistrement(s), "
          f"{len(publication.steps_done)} étape(s) envoyée(s).")
    journal.append({"etape": etape, "etapes_prevues": [s.kind for s in plan.steps], "envoye": publication.changed,
                    "enregistrements": publication.records})
    return publication


def verifier(publication: Publication, journal: list[dict[str, object]], etape: str) -> bool:
    verification = publication.verify()
    print(verification.describe("fr"))
    journal.append({"etape": etape, "verification_ok": verification.ok,
                    "controles": {c.name: c.ok for c in verification.checks}})
    return verification.ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Jour 9 : publier et republier un jeu de données.")
    parser.add_argument("--portal", help="adresse du portail (par défaut : un bac à sable local, hors ligne)")
    parser.add_argument("--output", help="dossier des résultats (par défaut : un nouveau dossier ici)")
    parser.add_argument("--jeu", default=JEU, help=f"identifiant du jeu à publier (par défaut : {JEU} ; "
                        "sur un portail partagé, un identifiant par participant)")
    args = parser.parse_args(argv)
    jeu = args.jeu
    sortie = dossier_de_sortie(args.output, "jour-9-resultats")
    journal: list[dict[str, object]] = []

    try:
        with portail(args.portal) as url:
            # 1. Le dossier du projet : les données et odwb.toml.
            titre("1. Le projet")
            projet_dir = sortie / "projet"
            projet_dir.mkdir(exist_ok=True)
            donnees = projet_dir / DONNEES.name
            shutil.copyfile(DONNEES, donnees)
            projet_toml = projet_dir / "odwb.toml"
            projet_toml.write_text(ODWB_TOML.format(url=url, variable=VARIABLE_CLE, jeu=jeu), encoding="utf-8")
            print(f"{projet_toml} écrit (portail {url}, clé lue dans {VARIABLE_CLE}).")
            projet = charger(projet_toml)

            # 2. À blanc : le plan, rien n'est envoyé.
            titre("2. Publication à blanc (rien n'est envoyé)")
            plan = projet.publish(jeu, dry_run=True)
            assert isinstance(plan, Plan)
            print(plan.describe("fr"))
            (sortie / "plan-a-blanc.txt").write_text(plan.describe("fr") + "\n", encoding="utf-8")
            journal.append({"etape": "a-blanc", "etapes_prevues": [s.kind for s in plan.steps], "envoye": False})

            # 3. Pour de vrai, puis vérification via Explore.
            titre("3. Publication")
            premiere = publier(projet, jeu, journal, "1-premiere", sortie)
            verifier(premiere, journal, "1-premiere")

            # 4. Republier sans rien changer : rien ne part.
            titre("4. Republication sans changement")
            publier(projet, jeu, journal, "2-sans-changement", sortie)

            # 5. Une ligne de plus dans les données : seules les données partent.
            titre("5. Modification des données et republication")
            with donnees.open("a", encoding="utf-8", newline="") as fichier:
                csv.writer(fichier).writerow(["Parking vélos Ciney gare 13", "Rue du Commerce 1", "5590", "Ciney", "91030",
                                              "Couvert", "30", "0.0", "2019-06-01", "50.2936", "5.1003"])
            print(f"Une ligne ajoutée à {donnees.name}.")
            derniere = publier(projet, jeu, journal, "3-apres-modification", sortie)

            # 6. Vérification finale : le nombre d'enregistrements et les métadonnées vus par le public.
            titre("6. Vérification finale via l'API Explore")
            ok = verifier(derniere, journal, "3-apres-modification")
            journal_portail = projet_dir / ".odwb" / "publications.jsonl"
    except OdwbError as erreur:
        print(f"\nArrêt : {erreur.message('fr')}", file=sys.stderr)
        return erreur.exit_code

    resume = sortie / "resume.json"
    resume.write_text(json.dumps({"portail": url, "jeu": jeu, "verification_ok": ok, "etapes": journal},
                                 ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    titre("Fichiers écrits")
    for chemin in [projet_toml, donnees, *sorted(sortie.glob("plan-*.txt")), journal_portail, resume]:
        print(f"  {chemin}")
    print("\nTout est en ordre." if ok else "\nLa vérification a trouvé des différences (voir ci-dessus).")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
