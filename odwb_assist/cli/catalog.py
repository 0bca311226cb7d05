"""``odwb-assist catalog``: search the portal's catalogue, show a dataset, download its records."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from .common import STATE, ProjectOption, console, echo, fail, load_project, print_json, t

if TYPE_CHECKING:
    from ..portal import PortalClient

catalog_app = typer.Typer(help="Explore le catalogue du portail (recherche, fiche d'un jeu, téléchargement).",
                          no_args_is_help=True)

PortalOption = typer.Option(None, "--portal", help="Adresse du portail (par défaut : odwb.toml, ODWB_PORTAL_URL ou www.odwb.be).")
JsonOption = typer.Option(False, "--json", help="Sortie JSON (pour un script).")


def _client(project: Path | None, portal: str | None) -> PortalClient:
    from ..portal import PortalClient  # requests is imported when a command runs, not when the CLI is built

    return PortalClient.from_config(load_project(project, portal_url=portal, required=False))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return html.unescape(re.sub(r"<[^>]+>", " ", str(value))).strip()


def _when(value: Any) -> str:
    """A portal timestamp as a person reads it (« 28/11/2026 à 14:03 », in Brussels time)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    try:
        stamp = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(ZoneInfo("Europe/Brussels"))
    return stamp.strftime(t("%d/%m/%Y à %H:%M", "%Y-%m-%d %H:%M"))


@catalog_app.command("search")
def search(
    text: str | None = typer.Argument(None, help="Texte recherché (titre, description, mots-clés)."),
    publisher: str | None = typer.Option(None, "--publisher", help="Producteur (ex. « Ville de Namur »)."),
    theme: str | None = typer.Option(None, "--theme", help="Thème du portail."),
    keyword: str | None = typer.Option(None, "--keyword", help="Mot-clé."),
    limit: int = typer.Option(20, "--limit", min=1, help="Nombre maximum de résultats."),
    as_json: bool = JsonOption,
    project: Path | None = ProjectOption,
    portal: str | None = PortalOption,
) -> None:
    """Cherche des jeux de données dans le catalogue."""
    explore = _client(project, portal).explore
    matches = explore.publisher_matches(publisher) if publisher else None
    frame = explore.search(text, theme=theme, keyword=keyword, limit=limit,
                           publisher_names=[m.publisher for m in matches] if matches is not None else None)
    rows = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    for row in rows:  # dates are Timestamps in the DataFrame, ISO 8601 text in JSON
        if row.get("modified") is not None and hasattr(row["modified"], "isoformat"):
            row["modified"] = row["modified"].isoformat()
    if as_json:
        print_json(rows)
        return
    if matches:
        echo(t("Producteurs retenus pour « {p} » :", "Publishers matched for '{p}':").format(p=publisher))
        for m in matches:
            echo(f"  « {m.publisher.strip()} » — {m.explain(STATE.lang)}")
    elif matches is not None:
        echo(t(f"Aucun producteur du portail ne correspond à « {publisher} » (majuscules, accents, « Ville de », "
               "services et abréviations sont pourtant pris en compte) : cherchez d'abord par mot, ex. "
               "odwb-assist catalog search vélo.",
               f"No publisher of the portal matches '{publisher}' (capitals, accents, 'Ville de', services and "
               "abbreviations are taken into account): search by word first, e.g. odwb-assist catalog search vélo."))
        return
    if not rows:
        echo(t("Aucun jeu de données ne correspond.", "No dataset matches."))
        if theme or keyword:
            echo(t("Le thème et le mot-clé s'écrivent exactement comme sur le portail (majuscules et "
                   "accents compris) : cherchez d'abord par mot, ex. odwb-assist catalog search vélo.",
                   "Theme and keyword are matched exactly as the portal spells them (capitals and accents "
                   "included): search by word first, e.g. odwb-assist catalog search vélo."))
        return
    table = Table()
    table.add_column(t("Identifiant", "Identifier"), no_wrap=True)
    for header in (t("Titre", "Title"), t("Producteur", "Publisher"), t("Thèmes", "Themes"), t("Lignes", "Rows")):
        table.add_column(header)
    for row in rows:
        table.add_row(*(_text(row.get(k)) for k in ("dataset_id", "title", "publisher", "theme", "records_count")))
    console.print(table)


@catalog_app.command("show")
def show(
    dataset_id: str = typer.Argument(..., help="Identifiant du jeu de données (ex. namur-arbres)."),
    as_json: bool = JsonOption,
    project: Path | None = ProjectOption,
    portal: str | None = PortalOption,
) -> None:
    """Affiche la fiche d'un jeu de données : métadonnées et champs."""
    from ..portal import PortalClient

    config = load_project(project, portal_url=portal, required=False)
    prefix = str(config.workshop.get("dataset_prefix") or "")
    if prefix and not dataset_id.startswith(prefix) and any(d.id == prefix + dataset_id for d in config.datasets):
        dataset_id = prefix + dataset_id  # a prepared workshop folder: the tutorial's id names the participant's own
    entry = PortalClient.from_config(config).explore.dataset(dataset_id)
    if as_json:
        print_json(entry)
        return
    default = (entry.get("metas") or {}).get("default") or {}
    labels = {"title": t("Titre", "Title"), "description": "Description", "publisher": t("Producteur", "Publisher"),
              "license": t("Licence", "Licence"), "theme": t("Thèmes", "Themes"), "keyword": t("Mots-clés", "Keywords"),
              "records_count": t("Lignes", "Rows"), "modified": t("Modifié", "Modified"), "language": t("Langue", "Language")}
    echo(f"{entry.get('dataset_id')} ({entry.get('dataset_uid', '')})")
    for key, label in labels.items():
        if default.get(key) not in (None, "", []):
            value = _when(default[key]) if key == "modified" else _text(default.get(key))
            echo(f"  {label} : {value}")
    fields = entry.get("fields") or []
    if fields:
        table = Table(t("Champ", "Field"), t("Libellé", "Label"), "Type", "Description")
        for item in fields:
            table.add_row(*(_text(item.get(k)) for k in ("name", "label", "type", "description")))
        console.print(table)


@catalog_app.command("download")
def download(
    dataset_id: str = typer.Argument(..., help="Identifiant du jeu de données."),
    format: str = typer.Option("csv", "--format", "-f", help="csv, json, geojson ou parquet."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Fichier à écrire (par défaut : <id>.<format>)."),
    force: bool = typer.Option(False, "--force", help="Remplace le fichier s'il existe déjà."),
    project: Path | None = ProjectOption,
    portal: str | None = PortalOption,
) -> None:
    """Télécharge tous les enregistrements d'un jeu de données dans un fichier."""
    fmt = format.lower()
    if fmt not in ("csv", "json", "geojson", "parquet"):
        raise fail(f"Format « {format} » inconnu : choisissez csv, json, geojson ou parquet.",
                   f"Unknown format '{format}': choose csv, json, geojson or parquet.")
    target = output or Path(f"{dataset_id}.{fmt}")
    if target.exists() and not force:
        raise fail(f"{target} existe déjà : choisissez un autre nom avec --output, ou ajoutez --force pour le remplacer.",
                   f"{target} already exists: choose another name with --output, or add --force to replace it.")
    written = _client(project, portal).explore.export(dataset_id, fmt, target)
    echo(t(f"Écrit : {written} ({Path(written).stat().st_size:,} octets).",
           f"Written: {written} ({Path(written).stat().st_size:,} bytes)."))


def register(app: typer.Typer) -> None:
    app.add_typer(catalog_app, name="catalog")
