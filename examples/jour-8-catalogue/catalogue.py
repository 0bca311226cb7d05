"""Jour 8 — explorer le catalogue du portail, ouvrir un jeu de données et en tirer un graphique.

Ce que fait le script, dans l'ordre :

1. compte les jeux du catalogue et les range par éditeur et par thème (les « facettes ») ;
2. cherche avec des filtres (un mot, un thème, un éditeur) : le résultat est un tableau pandas ;
3. ouvre un jeu de données : titre, description, colonnes ;
4. charge ses enregistrements dans un tableau pandas (DataFrame) ;
5. dessine un graphique (matplotlib) et l'enregistre en PNG.

Sans ``--portal``, le script démarre son propre portail d'essai (le « bac à sable ») sur
l'ordinateur : il fonctionne sans Internet. Lancez-le ainsi ::

    python examples/jour-8-catalogue/catalogue.py
    python examples/jour-8-catalogue/catalogue.py --jeu namur-parkings-velos --output mes-resultats
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # dessine dans un fichier, sans fenêtre

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from odwb_assist import OdwbError  # noqa: E402
from odwb_assist.portal import PortalClient  # noqa: E402

JEU_PAR_DEFAUT = "ciney-budget"
NOMBRES = ("int", "double", "decimal")
PAS_UNE_MESURE = r"^(code|id|fonction|exercice|annee|année|year|lat|lon|latitude|longitude|cp|code_postal)$"


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


def facettes(reponse: dict[str, Any]) -> dict[str, pd.Series]:
    """La réponse de /catalog/facets en une série pandas par facette (valeur → nombre de jeux)."""
    return {f["name"]: pd.Series({v["name"]: v["count"] for v in f["facets"]}, dtype="int64")
            for f in reponse.get("facets", [])}


def texte_brut(html: str | None) -> str:
    return re.sub(r"<[^>]+>", "", html or "").strip()


def colonne_a_dessiner(colonnes: list[dict[str, Any]], donnees: pd.DataFrame, demandee: str | None) -> str | None:
    """La colonne demandée, sinon la première mesure : un nombre qui n'est ni un code, ni une année, ni une coordonnée."""
    if demandee:
        return demandee if demandee in donnees else None
    nombres = [c for c in colonnes if c.get("type") in NOMBRES and c["name"] in donnees]
    mesures = [c for c in nombres if not re.search(PAS_UNE_MESURE, c["name"], re.IGNORECASE)]
    choix = sorted(mesures or nombres, key=lambda c: c.get("type") != "double")  # les décimaux d'abord
    return choix[0]["name"] if choix else None


def graphique_enregistrements(donnees: pd.DataFrame, colonnes: list[dict[str, Any]], valeur: str, nom: str,
                              chemin: Path) -> None:
    """Un diagramme en barres : la colonne ``valeur`` additionnée par la première colonne de texte."""
    textes = [c["name"] for c in colonnes if c.get("type") == "text" and c["name"] in donnees]
    nombres = pd.to_numeric(donnees[valeur], errors="coerce")
    if textes:
        serie = nombres.groupby(donnees[textes[0]].astype(str)).sum().sort_values()
    else:
        serie = nombres.set_axis(donnees.index.astype(str))
    figure, axe = plt.subplots(figsize=(8, 4.5))
    axe.barh(serie.index, serie.to_numpy(), color="#2a7ab0")
    axe.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}".replace(",", " ")))  # 1 250 000
    axe.set_xlabel(valeur)
    axe.set_title(nom)
    figure.tight_layout()
    figure.savefig(chemin, dpi=100)
    plt.close(figure)


def graphique_editeurs(par_editeur: pd.Series, chemin: Path) -> None:
    figure, axe = plt.subplots(figsize=(8, 4.5))
    par_editeur.sort_values().plot.barh(ax=axe, color="#e0a100")
    axe.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}".replace(",", " ")))  # jamais « 1e6 »
    axe.set_xlabel("jeux de données")
    axe.set_title("Jeux de données par éditeur")
    figure.tight_layout()
    figure.savefig(chemin, dpi=100)
    plt.close(figure)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Jour 8 : explorer le catalogue et un jeu de données.")
    parser.add_argument("--portal", help="adresse du portail (par défaut : un bac à sable local, hors ligne)")
    parser.add_argument("--output", help="dossier des résultats (par défaut : un nouveau dossier ici)")
    parser.add_argument("--jeu", default=JEU_PAR_DEFAUT, help=f"identifiant du jeu à ouvrir (par défaut : {JEU_PAR_DEFAUT})")
    parser.add_argument("--colonne", help="colonne numérique à dessiner (par défaut : la première mesure trouvée)")
    parser.add_argument("--mot", default="vélo", help="mot à chercher dans le catalogue (par défaut : vélo)")
    args = parser.parse_args(argv)
    sortie = dossier_de_sortie(args.output, "jour-8-resultats")
    ecrits: list[Path] = []

    try:
        with portail(args.portal) as url:
            explore = PortalClient(url, None, timeout=30).explore  # lecture seule : aucune clé nécessaire

            # 1. Le catalogue en chiffres : les facettes comptent les jeux par valeur.
            titre("1. Le catalogue")
            comptes = facettes(explore.catalog_facets(["publisher", "theme"]))
            par_editeur = comptes.get("publisher", pd.Series(dtype="int64"))
            print(f"{int(par_editeur.sum())} jeux de données, {len(par_editeur)} éditeurs.")
            print("Thèmes les plus fréquents :")
            for theme, nombre in comptes.get("theme", pd.Series(dtype="int64")).head(5).items():
                print(f"  - {theme} : {nombre}")
            if not par_editeur.empty:
                graphique_editeurs(par_editeur.head(15), sortie / "jeux-par-editeur.png")
                ecrits.append(sortie / "jeux-par-editeur.png")

            # 2. Chercher avec des filtres : chaque résultat est un tableau pandas.
            titre("2. Recherches")
            tout = explore.search(limit=1000)
            tout.to_csv(sortie / "catalogue.csv", index=False)
            ecrits.append(sortie / "catalogue.csv")
            par_mot = explore.search(text=args.mot)
            print(f"« {args.mot} » : {len(par_mot)} jeu(x)")
            print(par_mot[["dataset_id", "publisher", "records_count"]].to_string(index=False))
            mobilite = explore.search(theme="Mobilité")
            print(f"Thème « Mobilité » : {len(mobilite)} jeu(x) — {', '.join(mobilite['dataset_id'])}")
            if not par_editeur.empty:
                editeur = str(par_editeur.index[0])
                siens = explore.search(publisher=editeur)
                print(f"Éditeur « {editeur} » : {len(siens)} jeu(x) — {', '.join(siens['dataset_id'])}")

            # 3. Ouvrir un jeu : ses métadonnées et ses colonnes.
            jeu = args.jeu if args.jeu in set(tout["dataset_id"]) or tout.empty else str(tout["dataset_id"].iloc[0])
            titre(f"3. Le jeu « {jeu} »")
            fiche = explore.dataset(jeu)
            meta = (fiche.get("metas") or {}).get("default") or {}
            print(f"Titre : {meta.get('title')}")
            print(f"Éditeur : {meta.get('publisher')} — licence : {meta.get('license')}")
            print(f"Description : {texte_brut(meta.get('description'))}")
            colonnes = list(fiche.get("fields") or [])
            print("Colonnes : " + ", ".join(f"{c['name']} ({c.get('type')})" for c in colonnes))

            # 4. Les enregistrements dans un DataFrame.
            titre("4. Les enregistrements")
            donnees = explore.records(jeu, limit=1000)
            print(donnees.head(10).to_string(index=False))
            donnees.to_csv(sortie / f"{jeu}.csv", index=False)
            ecrits.append(sortie / f"{jeu}.csv")

        # 5. Un graphique (le portail n'est plus nécessaire : tout est dans le DataFrame).
        titre("5. Graphique")
        image = sortie / f"{jeu}.png"
        valeur = colonne_a_dessiner(colonnes, donnees, args.colonne)
        if valeur and not donnees.empty:
            graphique_enregistrements(donnees, colonnes, valeur, str(meta.get("title") or jeu), image)
            print(f"Graphique de la colonne « {valeur} » : {image}")
            ecrits.append(image)
        else:
            print("Pas de colonne numérique à dessiner dans ce jeu (choisissez-en une avec --colonne).")
    except OdwbError as erreur:
        print(f"\nArrêt : {erreur.message('fr')}", file=sys.stderr)
        return erreur.exit_code

    titre("Fichiers écrits")
    for chemin in ecrits:
        print(f"  {chemin}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
