"""``odwb-assist sandbox …``: the local training portal (serve, reset, add-user, faults)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..core.errors import SandboxError
from .common import echo, print_json, t

sandbox_app = typer.Typer(help="Portail bac à sable local, compatible ODWB (formations, démos, tests).",
                          no_args_is_help=True)

DEFAULT_DATA = Path(".odwb") / "sandbox"
DataOption = typer.Option(DEFAULT_DATA, "--data", help="Dossier des données du bac à sable.")


def register(app: typer.Typer) -> None:
    app.add_typer(sandbox_app, name="sandbox")


def write_key_files(folder: Path, stem: str, key: str) -> Path:
    """``<folder>/<stem>.env`` and ``.ps1`` holding the key, readable by their owner only; the ``.env`` path.

    Keys never go to the screen (it is often projected): only where the file is."""
    import os

    from ..workshop import kit

    folder.mkdir(parents=True, exist_ok=True)
    for suffix, text in ((".env", kit.key_file_sh(key)), (".ps1", kit.key_file_ps1(key))):
        path = folder / f"{stem}{suffix}"
        path.unlink(missing_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text.replace(kit.KEY_FILE_SH, path.with_suffix(".env").name)
                         .replace(kit.KEY_FILE_PS1, path.with_suffix(".ps1").name))
    return folder / f"{stem}.env"


@sandbox_app.command("serve")
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Adresse d'écoute (127.0.0.1 : cette machine seulement)."),
    port: int = typer.Option(8765, "--port", help="Port d'écoute (0 : un port libre)."),
    data: Path = DataOption,
    seed: bool = typer.Option(False, "--seed", help="Ajoute un catalogue de démonstration (36 jeux de données)."),
    licence_path: str = typer.Option(None, "--licence-path",
                                     help="Où ce portail accepte la licence et les thèmes : internal (internal.license_id, "
                                          "le document de l'éditeur) ou default (default.license_id ; internal.* en "
                                          "lecture seule). Retenu pour ce dossier de données."),
    daily_quota: int = typer.Option(None, "--daily-quota", min=0,
                                    help="Simule un quota d'appels par jour et par clé (en-têtes X-RateLimit-*, 429 au-delà)."
                                         " 0 : pas de quota. Retenu pour ce dossier de données."),
    max_datasets: int = typer.Option(50, "--max-datasets",
                                     help="Jeux de données par participant au plus (0 : sans limite)."),
    max_mb: int = typer.Option(500, "--max-mb",
                               help="Mo de fichiers déposés par participant au plus (0 : sans limite)."),
) -> None:
    """Démarre le portail bac à sable (Ctrl+C pour l'arrêter)."""
    from ..sandbox import SandboxServer
    from ..sandbox.address import check_address
    from ..sandbox.limits import Limits

    check_address(host, port)
    if licence_path is not None and licence_path not in ("internal", "default"):
        raise SandboxError(f"--licence-path vaut « internal » ou « default », pas « {licence_path} ».",
                           f"--licence-path is 'internal' or 'default', not '{licence_path}'.")
    if max_datasets < 0 or max_mb < 0:
        raise SandboxError("--max-datasets et --max-mb sont des nombres positifs (0 : sans limite).",
                           "--max-datasets and --max-mb are positive numbers (0: no limit).")
    limits = Limits(max_datasets=max_datasets, max_bytes=max_mb * 1024 * 1024)
    server = SandboxServer(data, host=host, port=port, seed=seed, licence_path=licence_path, daily_quota=daily_quota,
                           limits=limits)
    first_key = None
    if not server.store.users():
        first_key = server.add_user("formateur", admin=True)
    server.start()
    echo(t(f"Portail bac à sable en ligne : {server.url}", f"Sandbox portal running: {server.url}"))
    if host in ("0.0.0.0", "::"):
        addresses = _room_addresses()
        for address in addresses:
            echo(t(f"  adresse à donner aux participants : http://{address}:{server.port_number}",
                   f"  address for the participants: http://{address}:{server.port_number}"))
        if not addresses:
            echo(t(f"  donnez aux participants l'adresse IP de cette machine sur le réseau de la salle (ip addr, "
                   f"ipconfig), avec le port {server.port_number}.",
                   f"  give the participants this machine's IP address on the room's network (ip addr, ipconfig), "
                   f"with port {server.port_number}."))
    echo(t(f"Données : {data.resolve()}", f"Data: {data.resolve()}"))
    if first_key:
        where = write_key_files(data, "cle-formateur", first_key)
        del first_key
        echo(t(f"Clé API du formateur écrite dans {where} (et .ps1), lisible par vous seul : elle n'est jamais "
               f"affichée. Chargez-la avec « source {where} » (PowerShell : « . {where.with_suffix('.ps1')} »).",
               f"Trainer API key written to {where} (and .ps1), readable by you only: it is never displayed. "
               f"Load it with 'source {where}' (PowerShell: '. {where.with_suffix('.ps1')}')."))
    echo(t("Ajoutez un participant : odwb-assist sandbox add-user NOM --data " + str(data),
           "Add a participant: odwb-assist sandbox add-user NAME --data " + str(data)))
    sys.stdout.flush()
    try:
        server.wait()
    except KeyboardInterrupt:
        echo(t("Arrêt du portail bac à sable.", "Stopping the sandbox portal."))
    finally:
        server.stop()


@sandbox_app.command("reset")
def reset_command(
    data: Path = DataOption,
    yes: bool = typer.Option(False, "--yes", "-y", help="Ne pas demander de confirmation."),
) -> None:
    """Vide le bac à sable (utilisateurs, jeux de données, fichiers)."""
    from ..sandbox.store import reset

    if not yes:
        if not sys.stdin.isatty():
            raise SandboxError("Ajoutez --yes pour confirmer l'effacement du bac à sable.",
                               "Add --yes to confirm that the sandbox is to be emptied.")
        typer.confirm(t(f"Effacer tout le contenu du bac à sable {data} ?", f"Erase everything in the sandbox {data}?"),
                      abort=True)
    if reset(data):
        echo(t(f"Bac à sable vidé : {data}", f"Sandbox emptied: {data}"))
        echo(t("S'il tourne encore, arrêtez-le (Ctrl+C) et relancez « odwb-assist sandbox serve --seed » : jusque-là, "
               "il sert encore l'ancien contenu.",
               "If it is still running, stop it (Ctrl+C) and start « odwb-assist sandbox serve --seed » again: until then "
               "it still serves the old content."))
    else:
        echo(t(f"Rien à vider : pas de bac à sable dans {data}", f"Nothing to empty: no sandbox in {data}"))


@sandbox_app.command("add-user")
def add_user_command(
    name: str = typer.Argument(..., help="Nom du participant (ex. ciney)."),
    admin: bool = typer.Option(False, "--admin", help="Clé de formateur : voit et modifie tous les jeux de données."),
    data: Path = DataOption,
    replace: bool = typer.Option(False, "--replace", help="Remplace la clé d'un utilisateur existant (l'ancienne ne "
                                                          "marche plus ; un formateur le reste)."),
    show: bool = typer.Option(False, "--show", help="Affiche aussi la clé à l'écran (évitez-le devant un projecteur)."),
) -> None:
    """Crée un utilisateur ; sa clé API est écrite dans un fichier lisible par vous seul (jamais affichée sans --show)."""
    from ..core.slugs import slug
    from ..sandbox.store import Store

    store = Store(data)
    existing = next((u for u in store.users() if u.name == name), None)
    if existing is not None and not replace:
        raise SandboxError(f"L'utilisateur « {name} » existe déjà. Ajoutez --replace pour lui donner une nouvelle clé "
                           "(l'ancienne ne marchera plus).",
                           f"User '{name}' already exists. Add --replace to give them a new key (the old one will stop "
                           "working).")
    key = store.add_user(name, admin=admin or (existing is not None and existing.is_admin))
    where = write_key_files(data / "cles", f"cle-{slug(name, 'utilisateur')}", key)
    echo(t(f"Clé API de {name} écrite dans {where} (et .ps1), lisible par vous seul. Donnez ce fichier à la "
           "personne, qui le charge avec « source … » (PowerShell : « . … »).",
           f"API key of {name} written to {where} (and .ps1), readable by you only. Give this file to the person, "
           "who loads it with 'source …' (PowerShell: '. …')."))
    if show:
        echo(key)


@sandbox_app.command("faults")
def faults_command(
    data: Path = DataOption,
    kind: str = typer.Option(None, "--kind", help="429, 503 ou delay."),
    path: str = typer.Option("*", "--path", help="Chemins visés (motif, ex. '/api/automation/*')."),
    rate: float = typer.Option(1.0, "--rate", help="Proportion des requêtes touchées (0 à 1)."),
    retry_after: int = typer.Option(1, "--retry-after", help="Secondes annoncées dans Retry-After (429, 503)."),
    delay: float = typer.Option(1.0, "--delay", help="Secondes de retard (delay)."),
    method: list[str] = typer.Option(None, "--method", help="Méthodes visées (défaut : toutes)."),
    times: int = typer.Option(None, "--times", help="Seulement les N prochaines requêtes visées."),
    clear: bool = typer.Option(False, "--clear", help="Supprime toutes les pannes simulées."),
) -> None:
    """Simule des pannes (429, 503, lenteur) sur un bac à sable, même en marche ; sans option : les affiche."""
    from ..sandbox.faults import FaultRuleError, validate_rules
    from ..sandbox.store import Store

    store = Store(data)
    rules = [] if clear else list(store.get_setting("faults", []) or [])
    if kind is not None:
        rule = {"path": path, "kind": kind, "rate": rate, "retry_after": retry_after, "delay": delay}
        if method:
            rule["methods"] = [m.upper() for m in method]
        if times is not None:
            rule["times"] = times
        rules.append(rule)
    try:
        rules = validate_rules(rules)
    except FaultRuleError as exc:
        raise SandboxError(f"Panne mal décrite : {exc.fr}.", f"Invalid fault: {exc.en}.") from exc
    if clear or kind is not None:
        store.set_setting("faults", rules)
    print_json(rules)


def _room_addresses() -> list[str]:
    """This machine's non-loopback IPv4 addresses, as the room's network sees them (no packet is sent)."""
    import socket

    try:
        found = socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        return []
    return sorted({address for address in found if not address.startswith("127.")})
