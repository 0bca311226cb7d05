"""``odwb-assist init`` and ``odwb-assist config show``: the project file."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from ..core import project_template
from ..core.config import load
from ..core.config_model import PROJECT_FILE
from ..core.errors import ConfigError
from .common import ProjectOption, console, echo, print_json, t

config_app = typer.Typer(help="Le fichier de projet odwb.toml.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("init")(init_command)
    app.add_typer(config_app, name="config")


def init_command(
    path: Path = typer.Argument(Path(PROJECT_FILE), help="Fichier à créer, ou dossier où le créer."),
    name: str = typer.Option(None, "--name", help="Nom de l'administration (ex. « Ville de Ciney »)."),
    nis_code: str = typer.Option(None, "--nis-code", help="Code INS (REFNIS) à 5 chiffres."),
    publisher: str = typer.Option(None, "--publisher", help="Nom d'éditeur sur le portail (défaut : le nom)."),
    type_: str = typer.Option(None, "--type", help="commune, cpas, province, intercommunale ou autre."),
    contact_email: str = typer.Option(None, "--contact-email", help="Adresse e-mail d'un service."),
) -> None:
    """Crée un fichier odwb.toml commenté pour une nouvelle administration."""
    if path.is_dir() or (not path.exists() and not path.suffix):  # « init . », « init ciney »: a folder
        path = path / PROJECT_FILE
    if path.exists() and _prepared(path):
        echo(t(f"Ce dossier est déjà prêt : {path.resolve()} a été préparé par le formateur pour l'atelier. "
               "Rien à créer ; passez à l'étape suivante.",
               f"This folder is ready: {path.resolve()} was prepared by the trainer for the workshop. Nothing to "
               "create; go on with the next step."))
        return
    if path.exists():
        raise ConfigError(
            f"{path} existe déjà : il n'est pas écrasé. Modifiez-le, ou choisissez un autre chemin.",
            f"{path} already exists: it is not overwritten. Edit it, or choose another path.",
        )
    if not name:
        if sys.stdin.isatty():
            name = typer.prompt(t("Nom de l'administration", "Name of the administration"))
        else:
            raise ConfigError("Indiquez le nom de l'administration avec --name \"Ville de …\".",
                              "Give the administration's name with --name \"…\".")
    datasets = _tables_beside(path.parent, name)
    text = project_template.render(name, nis_code, publisher, type_, contact_email, datasets)
    load_check = _check_text(text, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    echo(t(f"Fichier de projet créé : {path.resolve()}", f"Project file written: {path.resolve()}"))
    if datasets:
        files = ", ".join(file for _, file in datasets[:5]) + ("…" if len(datasets) > 5 else "")
        echo(t(f"{len(datasets)} tableau(x) trouvé(s) dans le dossier ({files}), proposé(s) en commentaire à la fin "
               "du fichier : retirez le « # » des blocs [[datasets]] à publier, puis « odwb-assist config show ».",
               f"{len(datasets)} table(s) found in the folder ({files}), proposed as comments at the end of the file: "
               "remove the '#' of the [[datasets]] blocks to publish, then 'odwb-assist config show'."))
    else:
        echo(t("Étape suivante : déclarez vos jeux de données dans [[datasets]], puis « odwb-assist config show ».",
               "Next: declare your datasets in [[datasets]], then 'odwb-assist config show'."))
    del load_check


def _tables_beside(folder: Path, administration: str) -> list[tuple[str, str]]:
    """(id, file relative to ``folder``) of the tables found there and one level down, to propose; each id made from the
    territory's name and the file's (« ciney-budget »: an id is unique on the whole portal, where thirty communes
    publish a « budget »), lower-case ASCII with hyphens, numbered when two files would share one."""
    from ..metadata.enrich_fallback import territory
    from ..metadata.export import slug
    from ..quality.several_files import tables_near

    place = slug(territory(administration))
    declared: list[tuple[str, str]] = []
    taken: set[str] = set()
    for table in tables_near(folder):
        stem = slug(table.stem)
        base = (stem if stem.startswith(place) else f"{place}-{stem}")[:60].strip("-")
        identifier, number = base, 2
        while identifier in taken:
            identifier, number = f"{base}-{number}", number + 1
        taken.add(identifier)
        declared.append((identifier, table.relative_to(folder).as_posix()))
    return declared


def _prepared(path: Path) -> bool:
    """A project file written by ``workshop prepare`` (it has a ``[workshop]`` table)."""
    import tomllib

    try:
        return "workshop" in tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def _check_text(text: str, path: Path) -> object:
    from ..core.config import parse

    return parse(text, path.resolve())


@config_app.command("show")
def show_command(
    project: Path = ProjectOption,
    portal: str = typer.Option(None, "--portal", help="Adresse du portail (remplace odwb.toml)."),
    as_json: bool = typer.Option(False, "--json", help="Sortie JSON."),
) -> None:
    """Affiche la configuration résolue (la clé d'API : seulement « définie » ou « non définie »)."""
    cfg = load(project, portal_url=portal)
    key_set = cfg.portal.api_key() is not None
    data = {
        "project_file": str(cfg.path),
        "administration": vars(cfg.administration),
        "portal": {
            "url": cfg.portal.url,
            "api_key_env": cfg.portal.api_key_env,
            "api_key": "set" if key_set else "not set",
            "timeout": cfg.portal.timeout,
            "licenses": cfg.portal.licenses,
            "themes": cfg.portal.themes,
        },
        "datasets": [
            {"id": d.id, "file": str(d.file), "exists": d.file.is_file(), "sheet": d.sheet,
             "schema": str(d.schema) if d.schema else None, "restricted": d.restricted,
             "metadata": d.metadata}
            for d in cfg.datasets
        ],
        "inventory": str(cfg.inventory_file) if cfg.inventory_file else None,
        "challenge": bool(cfg.challenge),
        "programme": cfg.programme,
    }
    if as_json:
        print_json(data)
        return
    console.print(f"[bold]{t('Fichier de projet', 'Project file')}[/] : {escape(str(cfg.path))}")
    adm = cfg.administration
    console.print(f"[bold]{t('Administration', 'Administration')}[/] : {escape(adm.name)}"
                  + (f" (INS {adm.nis_code})" if adm.nis_code else ""))
    console.print(f"[bold]{t('Éditeur sur le portail', 'Portal publisher')}[/] : {escape(adm.publisher_label)}")
    console.print(f"[bold]{t('Portail', 'Portal')}[/] : {escape(cfg.portal.url)}")
    state = t("définie", "set") if key_set else t("non définie", "not set")
    console.print(f"[bold]{t('Clé d’API', 'API key')}[/] : {state} "
                  f"({t('variable', 'variable')} {cfg.portal.api_key_env})")
    if cfg.datasets:
        table = Table(title=t("Jeux de données", "Datasets"))
        table.add_column("id")
        table.add_column(t("fichier", "file"))
        table.add_column(t("existe", "exists"))
        table.add_column(t("titre", "title"))
        for d in cfg.datasets:
            table.add_row(d.id, str(d.file), t("oui", "yes") if d.file.is_file() else t("NON", "NO"),
                          str(d.metadata.get("title", "")))
        console.print(table)
    else:
        echo(t("Aucun jeu de données déclaré ([[datasets]]).", "No dataset declared ([[datasets]])."))
