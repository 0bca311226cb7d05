"""Jour 7 — qualité et documentation d'un fichier de données.

Ce que fait le script, dans l'ordre :

1. contrôle un fichier « sale » (export Excel typique) et écrit le rapport HTML et le rapport Excel ;
2. le corrige : un NOUVEAU fichier propre est écrit, l'original n'est jamais modifié ;
3. contrôle le fichier corrigé (avant / après) ;
4. rédige un brouillon des métadonnées, les note, les complète, les note à nouveau ;
5. écrit le dictionnaire des données (HTML et Markdown) et les métadonnées ;
6. regarde sur le portail si un jeu semblable existe déjà (recherche dans le catalogue).

Sans ``--portal``, le script démarre son propre portail d'essai (le « bac à sable ») sur
l'ordinateur : il fonctionne sans Internet. Lancez-le ainsi ::

    python examples/jour-7-qualite/qualite.py
    python examples/jour-7-qualite/qualite.py --fichier mon-fichier.csv --output mes-resultats
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from odwb_assist import OdwbError
from odwb_assist.metadata import draft, score, write_documentation
from odwb_assist.portal import PortalClient
from odwb_assist.quality import check, fix, render_html, write_xlsx
from odwb_assist.quality.report import QualityReport

ICI = Path(__file__).resolve().parent
FICHIER_EXEMPLE = ICI / "donnees" / "parkings-velos-ciney.csv"
GRAVITE = {"error": "erreur", "warning": "avertissement", "info": "info"}


@contextmanager
def portail(url: str | None) -> Iterator[str]:
    """L'adresse du portail donné, ou d'un bac à sable local démarré pour la durée du script."""
    if url:
        yield url.rstrip("/")
        return
    from odwb_assist.sandbox import SandboxServer

    with tempfile.TemporaryDirectory(prefix="bac-a-sable-") as dossier:
        serveur = SandboxServer(dossier, seed=True).start()  # port libre choisi par le système, 127.0.0.1
        try:
            print(f"Bac à sable démarré sur {serveur.url} (catalogue d'exemple, aucune donnée réelle).")
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


def resume(rapport: QualityReport) -> str:
    return (f"{rapport.rows} lignes, {rapport.error_count} erreur(s), {rapport.warning_count} avertissement(s)"
            + (" — fichier valide" if rapport.valid else " — fichier à corriger"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Jour 7 : contrôler, corriger et documenter un fichier de données.")
    parser.add_argument("--portal", help="adresse du portail (par défaut : un bac à sable local, hors ligne)")
    parser.add_argument("--output", help="dossier des résultats (par défaut : un nouveau dossier ici)")
    parser.add_argument("--fichier", default=str(FICHIER_EXEMPLE), help="le fichier à contrôler (CSV, XLSX, ODS)")
    args = parser.parse_args(argv)
    sortie = dossier_de_sortie(args.output, "jour-7-resultats")
    source = Path(args.fichier)
    propre = sortie / f"{source.stem}-propre.csv"
    ecrits: list[Path] = []

    try:
        # 1. Contrôle du fichier d'origine (il n'est jamais modifié).
        titre(f"1. Contrôle de {source.name}")
        avant = check(source, lang="fr")
        print(resume(avant))
        for constat in avant.findings[:6]:
            ou = f"ligne {constat.row_number}" if constat.row_number else "tout le fichier"
            if constat.field_name:
                ou += f", colonne « {constat.field_name} »"
            print(f"  - [{GRAVITE[constat.severity.value]}] {ou} : {constat.message('fr')}")
            print(f"      Comment corriger : {constat.tip('fr')}")
        html = sortie / "rapport-qualite.html"
        html.write_text(render_html(avant), encoding="utf-8")
        ecrits += [html, write_xlsx(avant, source, sortie / "rapport-qualite.xlsx")]

        # 2. Correction : un nouveau fichier UTF-8, séparateur « , ».
        titre("2. Correction automatique (nouveau fichier)")
        correction = fix(source, propre, lang="fr")
        print(correction.preview("fr", examples=2))
        ecrits.append(propre)

        # 3. Nouveau contrôle : ce qui reste demande un humain (catégories à harmoniser, unités…).
        titre("3. Contrôle du fichier corrigé")
        apres = check(propre, lang="fr")
        print(f"Avant : {resume(avant)}")
        print(f"Après : {resume(apres)}")
        for constat in apres.findings[:4]:
            print(f"  - reste à faire à la main : {constat.message('fr')}")
        html_apres = sortie / "rapport-qualite-apres-correction.html"
        html_apres.write_text(render_html(apres), encoding="utf-8")
        ecrits.append(html_apres)

        # 4. Métadonnées : un brouillon déduit du fichier, noté, puis complété par l'agent.
        titre("4. Métadonnées : brouillon et note")
        metadonnees = draft(None, propre, lang="fr")
        note = score(metadonnees, apres, lang="fr")
        print(f"Brouillon : {note.score}/{note.max} ({note.band_label('fr')})")
        for manque in note.findings[:5]:
            print(f"  - {manque.message('fr')} → {manque.advice('fr')[:110]}")
        metadonnees.set("default.title", "Parkings vélos de Ciney")
        metadonnees.set("default.description", "Emplacements des parkings vélos publics de la commune de Ciney : "
                        "adresse, nombre de places, type d'abri et taux d'occupation mesuré.")
        metadonnees.set("default.publisher", "Commune de Ciney")
        metadonnees.set("default.theme", ["Mobilité"])
        metadonnees.set("default.keyword", ["vélo", "parking", "mobilité douce"])
        metadonnees.set("default.license", "CC0 1.0")
        note = score(metadonnees, apres, lang="fr")
        print(f"Complété  : {note.score}/{note.max} ({note.band_label('fr')})")

        # 5. Documentation : dictionnaire des données, métadonnées, descripteur Data Package.
        titre("5. Dictionnaire des données")
        fichiers = write_documentation(metadonnees, sortie / "documentation", report=note, lang="fr")
        ecrits += list(fichiers.values())

        # 6. Avant de publier : un jeu semblable existe-t-il déjà sur le portail ?
        titre("6. Un jeu semblable existe-t-il déjà ?")
        with portail(args.portal) as url:
            semblables = PortalClient(url, None, timeout=15).explore.search(text="vélo", limit=20)
            print(f"{len(semblables)} jeu(x) de données parlent de vélos sur {url} :")
            for ligne in semblables.itertuples():
                print(f"  - {ligne.title} ({ligne.publisher})")
    except OdwbError as erreur:
        print(f"\nArrêt : {erreur.message('fr')}", file=sys.stderr)
        return erreur.exit_code

    titre("Fichiers écrits")
    for chemin in ecrits:
        print(f"  {chemin}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
