"""``odwb-assist inventory …`` (map the administration's data) and ``odwb-assist schema from-portal``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from .. import inventory as inv
from ..core.errors import ConfigError, InventoryError
from .common import STATE, ProjectOption, echo, load_project, plugin_manager, print_json, t

inventory_app = typer.Typer(help="Inventaire des données de l'administration (cartographie, priorités, statut).",
                            no_args_is_help=True)
schema_app = typer.Typer(help="Schémas de tables (Table Schema).", no_args_is_help=True)
JsonOption = typer.Option(False, "--json", help="Sortie JSON (pour les scripts).")
PortalOption = typer.Option(None, "--portal", help="Adresse du portail (défaut : odwb.toml, puis ODWB_PORTAL_URL).")


def register(app: typer.Typer) -> None:
    app.add_typer(inventory_app, name="inventory")
    app.add_typer(schema_app, name="schema")


def portal_client(project: Any) -> Any:
    """The portal client of the project (tests replace this function with a fake)."""
    from ..portal import PortalClient

    return PortalClient.from_config(project)


def _incidental_project(path: Path | None) -> Any:
    """The project when it only adds context (themes, event metadata): a broken odwb.toml found
    upwards does not stop the command, one given with --project does."""
    if path is not None:
        return load_project(path)
    try:
        return load_project(None, required=False)
    except ConfigError:
        return None


def _inventory_path(path: Path | None, config: Any) -> Path:
    """The inventory given on the command line, else the one of ``[inventory] file`` in odwb.toml."""
    if path is not None:
        return path
    if config is not None and config.inventory_file is not None:
        return Path(config.inventory_file)
    raise InventoryError(
        "Indiquez le fichier d'inventaire (ex. inventaire.xlsx), ou déclarez-le dans odwb.toml : "
        "[inventory] file = \"inventaire.xlsx\".",
        "Give the inventory file (e.g. inventaire.xlsx), or declare it in odwb.toml: [inventory] file = \"…\".",
    )


def _new_path(path: Path, suffix: str) -> Path:
    return path.with_name(f"{path.stem}-{suffix}{path.suffix if path.suffix.lower() != '.csv' else '.csv'}")


@inventory_app.command("template")
def template_command(
    path: Path = typer.Argument(..., help="Classeur à créer (ex. inventaire.xlsx)."),
    project: Path = ProjectOption,
) -> None:
    """Crée le classeur Excel d'inventaire : listes déroulantes, aide par colonne, exemple, mode d'emploi."""
    config = _incidental_project(project)
    themes = list(config.portal.themes) or None if config is not None else None
    written = inv.write_template(path, themes=themes)
    echo(t(f"Modèle d'inventaire créé : {written}", f"Inventory template written: {written}"))
    echo(t(f"Remplissez la feuille « Inventaire », puis : odwb-assist inventory check {path}",
           f"Fill in the 'Inventaire' sheet, then: odwb-assist inventory check {path}"))


@inventory_app.command("check")
def check_command(
    path: Path = typer.Argument(None, help="Inventaire à vérifier (.xlsx ou .csv ; défaut : \\[inventory] file)."),
    project: Path = ProjectOption,
    as_json: bool = JsonOption,
) -> None:
    """Vérifie un inventaire et signale chaque problème par ligne et colonne (code 1 s'il y a des erreurs)."""
    config = _incidental_project(project)
    path = _inventory_path(path, config)
    report = inv.check(path, STATE.lang, plugins=plugin_manager(), project=config)
    if as_json:
        print_json(report.to_dict())
    else:
        echo(report.render_text())
    if not report.valid:
        raise typer.Exit(1)


def _describe(entries: list[inv.InventoryEntry]) -> None:
    for entry in entries:
        flag = t(" — données personnelles possibles", " — possible personal data") if entry.personal_data == "oui" else ""
        echo(f"- {entry.identifier} : {entry.title} [{entry.format}, {entry.volume}]{flag}")


def _propose_merge(folder: Path, output: Path, proposals: list[inv.InventoryEntry], as_json: bool) -> None:
    """``discover`` onto an existing inventory: never replace it; show what --merge would add, and how."""
    existing = inv.read(output, engine=None)
    added, completed = inv.merge_preview(existing, proposals)
    command = f"odwb-assist inventory discover {folder} --merge {output}"
    if as_json:
        print_json({"output_exists": str(output), "merge_command": command,
                    "would_add": [e.to_dict() for e in added], "would_complete": [e.identifier for e in completed]})
    else:
        echo(t(f"{output} existe déjà : il n'est pas remplacé. Pour y ajouter ce qui a été trouvé, relancez avec "
               f"--merge :\n  {command}\n(le résultat va dans {_new_path(output, 'complete')} ; votre fichier n'est "
               "pas modifié).",
               f"{output} already exists: it is not replaced. To add what was found, run again with --merge:\n"
               f"  {command}\n(the result goes to {_new_path(output, 'complete')}; your file is not modified)."))
        echo(t(f"Ce qui serait ajouté : {len(added)} nouvelle(s) ligne(s), {len(completed)} ligne(s) complétée(s).",
               f"What would be added: {len(added)} new row(s), {len(completed)} row(s) completed."))
        _describe(added)
        for entry in completed:
            echo(t(f"- {entry.identifier} : cellules vides complétées", f"- {entry.identifier}: empty cells filled"))
    raise typer.Exit(1)


@inventory_app.command("discover")
def discover_command(
    folder: Path = typer.Argument(..., help="Dossier de fichiers de données à parcourir."),
    merge_into: Path = typer.Option(None, "--merge", help="Inventaire existant à compléter (il n'est pas modifié)."),
    output: Path = typer.Option(None, "--output", "-o", help="Inventaire à écrire (nouveau fichier .xlsx ou .csv)."),
    as_json: bool = JsonOption,
) -> None:
    """Propose des lignes d'inventaire à partir des fichiers d'un dossier (format, taille, colonnes, données
    personnelles), et les ajoute à un inventaire sans rien écraser de ce que vous avez écrit."""
    proposals = inv.discover(folder, plugins=plugin_manager())
    entries = proposals
    if merge_into is None and output is not None and output.exists():
        _propose_merge(folder, output, proposals, as_json)
    if merge_into is not None:
        existing = inv.read(merge_into, engine=None)
        entries = inv.merge(existing, proposals)
        output = output or _new_path(merge_into, "complete")
        if not as_json:
            added, completed = inv.merge_preview(existing, proposals)
            echo(t(f"Ajout à {merge_into} : {len(added)} nouvelle(s) ligne(s), {len(completed)} ligne(s) complétée(s) "
                   "(seulement leurs cellules vides).",
                   f"Merge into {merge_into}: {len(added)} new row(s), {len(completed)} row(s) completed "
                   "(only their empty cells)."))
    if as_json:
        print_json({"proposed": [e.to_dict() for e in proposals], "output": str(output) if output else None})
    else:
        echo(t(f"{len(proposals)} fichier(s) de données trouvé(s) dans {folder} :",
               f"{len(proposals)} data file(s) found in {folder}:"))
        _describe(proposals)
    if output is not None:
        written = inv.write_inventory(entries, output)
        if not as_json:
            echo(t(f"Inventaire écrit : {written} ({len(entries)} ligne(s)). Vérifiez les lignes proposées et "
                   "complétez valeur, effort et thème.",
                   f"Inventory written: {written} ({len(entries)} row(s)). Review the proposed rows and fill in "
                   "value, effort and theme."))


@inventory_app.command("prioritise")
def prioritise_command(
    path: Path = typer.Argument(None, help="Inventaire (.xlsx ou .csv ; défaut : \\[inventory] file de odwb.toml)."),
    chart_dir: Path = typer.Option(None, "--chart-dir", help="Dossier où dessiner la matrice valeur/effort (PNG et SVG)."),
    project: Path = ProjectOption,
    as_json: bool = JsonOption,
) -> None:
    """Classe les jeux de données à ouvrir d'abord (valeur, effort, données personnelles, contraintes légales)."""
    inventory = inv.read(_inventory_path(path, _incidental_project(project) if path is None else None), engine=None)
    ranked = inv.prioritise(inventory)
    charts = inv.draw_matrix(ranked, chart_dir, lang=STATE.lang) if chart_dir is not None else None
    if as_json:
        print_json({"ranking": [r.to_dict(STATE.lang) for r in ranked],
                    "charts": [str(p) for p in charts] if charts else []})
        return
    if not ranked:
        echo(t("L'inventaire ne contient aucune ligne.", "The inventory has no row."))
    for r in ranked:
        echo(f"{r.rank:>3}. {r.entry.identifier} — {r.entry.title} : {r.score}/100")
        echo(f"     {r.reasons_text(STATE.lang)}")
    if charts:
        echo(t(f"Matrice valeur/effort : {charts[0]} et {charts[1]}", f"Value/effort matrix: {charts[0]} and {charts[1]}"))


@inventory_app.command("status")
def status_command(
    path: Path = typer.Argument(None, help="Inventaire (.xlsx ou .csv ; défaut : \\[inventory] file de odwb.toml)."),
    sync: bool = typer.Option(False, "--sync", help="Met à jour statut et identifiant ODWB d'après vos publications."),
    offline: bool = typer.Option(False, "--offline", help="Avec --sync : ne consulte pas le catalogue du portail."),
    output: Path = typer.Option(None, "--output", "-o", help="Inventaire mis à jour à écrire (défaut : …-statut.xlsx)."),
    project: Path = ProjectOption,
    portal: str = PortalOption,
    as_json: bool = JsonOption,
) -> None:
    """Montre l'entonnoir identifié → publié ; avec --sync, met le statut à jour (dans un nouveau fichier)."""
    path = _inventory_path(path, _incidental_project(project) if path is None else None)
    inventory = inv.read(path, engine=None)
    entries = inventory.entries
    result = None
    if sync:
        config = load_project(project, portal_url=portal, required=False)
        client = None if offline else portal_client(config)
        result = inv.sync_status(inventory, config, client)
        entries = result.entries
        if result.changes:
            output = output or _new_path(path, "statut")
            inv.write_inventory(entries, output)
    counts = inv.funnel(entries)
    if as_json:
        data: dict[str, Any] = {"funnel": counts}
        if result is not None:
            data.update(result.to_dict(STATE.lang), output=str(output) if result.changes else None)
        print_json(data)
        return
    total = max(counts["identifié"], 1)
    for status, count in counts.items():
        echo(f"{status:<11} {'█' * round(30 * count / total):<30} {count}")
    if result is not None:
        for change in result.changes:
            echo(f"- {change.identifier} : {change.field} « {change.old} » → « {change.new} » ({change.source})")
        for note in result.notes:
            echo(f"! {note(STATE.lang)}")
        if result.changes:
            echo(t(f"Inventaire mis à jour écrit dans {output}", f"Updated inventory written to {output}"))
        else:
            echo(t("Rien à mettre à jour.", "Nothing to update."))


@inventory_app.command("similar")
def similar_command(
    entry: str = typer.Argument(None, help="Identifiant d'une ligne de l'inventaire, ou texte à chercher."),
    theme: str = typer.Option(None, "--theme", help="Thème du portail (ex. Mobilité)."),
    inventory_file: Path = typer.Option(None, "--inventory", "-i", help="Inventaire (défaut : \\[inventory] file)."),
    project: Path = ProjectOption,
    portal: str = PortalOption,
    limit: int = typer.Option(20, "--limit", help="Nombre maximum de jeux."),
    as_json: bool = JsonOption,
) -> None:
    """Liste les jeux déjà publiés par d'autres administrations pour une ligne d'inventaire ou un thème."""
    config = load_project(project, portal_url=portal, required=False)
    target: inv.InventoryEntry | str | None = entry
    source = inventory_file or config.inventory_file
    if entry and source is not None and Path(source).is_file():
        found = inv.read(source, engine=None).find(entry)
        target = found if found is not None else entry
    if target is None and not theme:
        raise InventoryError("Donnez l'identifiant d'une ligne de l'inventaire, un texte, ou --theme.",
                             "Give an inventory row identifier, a text, or --theme.")
    mine = config.administration.publisher_label if config.administration.name else None
    results = inv.similar(target, portal_client(config), theme=theme, exclude_publisher=mine,
                          portal_url=config.portal.url, limit=limit)
    if as_json:
        print_json([r.to_dict() for r in results])
        return
    if not results:
        echo(t("Aucun jeu similaire trouvé sur le portail.", "No similar dataset found on the portal."))
    for r in results:
        echo(f"- {r.title} ({r.publisher or '?'}) — {r.dataset_id}")
        if r.url:
            echo(f"  {r.url}")
    if results:
        echo(t("Pour reprendre la même structure : odwb-assist schema from-portal IDENTIFIANT",
               "To reuse the same structure: odwb-assist schema from-portal DATASET_ID"))


@schema_app.command("from-portal")
def schema_from_portal_command(
    dataset_id: str = typer.Argument(..., help="Identifiant du jeu publié sur le portail."),
    output: Path = typer.Option(None, "--output", "-o", help="Fichier JSON à écrire (défaut : affiché)."),
    project: Path = ProjectOption,
    portal: str = PortalOption,
) -> None:
    """Crée un Table Schema à partir des champs d'un jeu publié, pour publier la même structure."""
    config = load_project(project, portal_url=portal, required=False)
    schema = inv.schema_from_portal(dataset_id, portal_client(config), portal_url=config.portal.url)
    if output is None:
        print_json(schema)
        return
    if output.exists():
        raise InventoryError(f"{output} existe déjà : il n'est pas remplacé. Choisissez un autre nom.",
                             f"{output} already exists: it is not replaced. Choose another name.")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    echo(t(f"Schéma écrit : {output} ({len(schema['fields'])} champs). Déclarez-le dans odwb.toml : schema = \"{output}\"",
           f"Schema written: {output} ({len(schema['fields'])} fields). Declare it in odwb.toml: schema = \"{output}\""))
