"""``odwb-assist workshop …``: the trainer's tools (prepare the room, follow its progress)."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import STATE, console, echo, fail, print_json, t

workshop_app = typer.Typer(help="Outils du formateur : préparer la salle, suivre la progression des participants.",
                           no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(workshop_app, name="workshop")


@workshop_app.command("prepare")
def prepare_command(
    directory: Path = typer.Argument(..., help="Dossier de la salle (un sous-dossier par participant y est créé)."),
    participants: int = typer.Option(None, "--participants", "-n", min=1, help="Nombre de participants."),
    names: Path = typer.Option(None, "--names", help="Fichier texte : un nom de participant par ligne."),
    portal: str = typer.Option(None, "--portal",
                               help="Adresse du bac à sable telle que les participants la joignent "
                                    "(défaut : http://127.0.0.1:8765)."),
    sandbox_data: Path = typer.Option(Path(".odwb") / "sandbox", "--sandbox-data",
                                      help="Dossier des données du bac à sable (celui de « sandbox serve --data »), "
                                           "où les clés des participants sont créées (avec --add : celui de la salle)."),
    no_keys: bool = typer.Option(False, "--no-keys", help="Ne crée pas de clés (portail sans bac à sable local)."),
    add: bool = typer.Option(False, "--add", help="Ajoute des participants à une salle déjà préparée."),
) -> None:
    """Prépare un dossier par participant : fichier à corriger, odwb.toml, clé d'API personnelle, mode d'emploi.

    Les clés ne sont jamais affichées : chacune est écrite dans le dossier de son participant (cle-api.env).
    """
    from ..sandbox.store import DB_NAME
    from ..workshop import prepare, read_names

    name_list = read_names(names) if names is not None else None
    if participants is None and name_list is None:
        raise fail("Indiquez le nombre de participants (--participants N) ou une liste de noms (--names FICHIER).",
                   "Give the number of participants (--participants N) or a list of names (--names FILE).")
    fresh_store = not no_keys and not add and not (sandbox_data / DB_NAME).is_file()
    result = prepare(directory, participants, names=name_list, portal_url=portal,
                     sandbox_data=None if no_keys else sandbox_data, add=add)
    room = result.room
    echo(t(f"Salle « {room.room} » : {len(result.added)} participant(s) préparé(s) dans {room.directory}",
           f"Room '{room.room}': {len(result.added)} participant(s) prepared in {room.directory}"))
    for participant in result.added:
        echo(f"  {participant.number:>3}  {participant.folder:<28} {participant.name}  ({participant.dataset_id})")
    echo(t(f"Portail des participants : {room.portal}", f"Participants' portal: {room.portal}"))
    if result.keys_created and room.sandbox_data:
        echo(t(f"Clés créées dans le bac à sable {room.sandbox_data} ; chacune est dans cle-api.env du dossier de son "
               "participant (elles ne sont affichées nulle part).",
               f"Keys created in the sandbox {room.sandbox_data}; each is in its participant's cle-api.env "
               "(they are never displayed)."))
        if fresh_store:
            echo(t(f"Attention : il n'y avait pas encore de bac à sable dans {room.sandbox_data}. Démarrez-le avec "
                   f"« odwb-assist sandbox serve --data {room.sandbox_data} --seed » (ou indiquez le bon dossier avec "
                   "--sandbox-data).",
                   f"Warning: there was no sandbox in {room.sandbox_data} yet. Start it with "
                   f"'odwb-assist sandbox serve --data {room.sandbox_data} --seed' (or give the right folder with "
                   "--sandbox-data)."))
    else:
        echo(t("Aucune clé créée : donnez à chaque participant une clé du portail (variable ODWB_API_KEY).",
               "No key created: give each participant a portal key (variable ODWB_API_KEY)."))
    echo(t(f"Liste de la salle : {room.path}. Suivez la progression avec : odwb-assist workshop summary {room.directory}",
           f"Room list: {room.path}. Follow the progress with: odwb-assist workshop summary {room.directory}"))


@workshop_app.command("bundle")
def bundle_command(
    directory: Path = typer.Argument(..., help="Dossier à remplir (une clé USB, par exemple)."),
    platform: list[str] = typer.Option([], "--platform", "-p",
                                       help="windows, macos, linux ou current (cet ordinateur) ; répétable. "
                                            "Défaut : current."),
    python: str = typer.Option("3.11", "--python", help="Version de Python des ordinateurs de la salle."),
) -> None:
    """Rassemble les paquets d'odwb-assist, de ses plugins et de toutes leurs dépendances, pour installer
    une salle sans Internet (pip install --no-index --find-links)."""
    from ..workshop.bundle import bundle

    result = bundle(directory, platform, python=python)
    if result.built_from is not None:
        echo(t(f"odwb-assist et ses plugins construits depuis {result.built_from}.",
               f"odwb-assist and its plugins built from {result.built_from}."))
    for item in result.bundles:
        echo(t(f"  {item.name} : {len(item.files)} paquet(s) dans {item.folder}",
               f"  {item.name}: {len(item.files)} package(s) in {item.folder}"))
    echo(t(f"Mode d'emploi pour la salle : {result.directory / 'LISEZMOI.txt'}",
           f"Instructions for the room: {result.directory / 'LISEZMOI.txt'}"))


@workshop_app.command("summary")
def summary_command(
    directory: Path = typer.Argument(Path("."), help="Dossier de la salle (celui de salle.json)."),
    portal: str = typer.Option(None, "--portal", help="Adresse du portail à interroger (défaut : celle de salle.json)."),
    output_format: str = typer.Option("text", "--format", "-f", help="text ou json."),
    offline: bool = typer.Option(False, "--offline", help="N'interroge pas le portail (dossiers des participants seulement)."),
    watch: bool = typer.Option(False, "--watch", help="Vue compacte pour le projecteur, rafraîchie jusqu'à Ctrl+C."),
    every: float = typer.Option(10.0, "--every", min=1.0, help="Secondes entre deux rafraîchissements (avec --watch)."),
    rounds: int = typer.Option(0, "--rounds", hidden=True, help="Arrête --watch après N affichages (tests)."),
) -> None:
    """La progression de la salle : dernière étape de chacun, et pourquoi une publication a échoué."""
    from ..workshop import summarise
    from ..workshop.render import compact_table, problem_lines, room_table

    fmt = output_format.lower()
    if fmt not in ("text", "json"):
        raise fail(f"--format doit valoir text ou json (pas « {output_format} »).",
                   f"--format must be text or json (not '{output_format}').")
    if watch:
        import time

        shown = 0
        try:
            while True:
                summary = summarise(directory, portal_url=portal, check_portal=not offline)
                if console.is_terminal:
                    console.clear()
                console.print(compact_table(summary, STATE.lang))
                if summary.portal_error is not None:
                    echo(t("Portail injoignable : « en ligne » inconnu.", "Portal unreachable: 'online' unknown."))
                shown += 1
                if rounds and shown >= rounds:
                    return
                time.sleep(every)
        except KeyboardInterrupt:
            echo(t("Suivi arrêté.", "Watch stopped."))
            return
    summary = summarise(directory, portal_url=portal, check_portal=not offline)
    if fmt == "json":
        print_json(summary.to_dict(STATE.lang))
        return
    console.print(room_table(summary, STATE.lang))
    problems = problem_lines(summary, STATE.lang)
    if problems:
        echo(t("Problèmes :", "Problems:"))
        for line in problems:
            echo(line)
    if summary.portal_error is not None:
        echo(t("Portail injoignable : la colonne « En ligne » est inconnue (?). ",
               "Portal unreachable: the 'Online' column is unknown (?). ") + summary.portal_error(STATE.lang))
    elif not offline:
        echo(t(f"« En ligne » : visible dans le catalogue public de {summary.portal}.",
               f"'Online': visible in the public catalogue of {summary.portal}."))
