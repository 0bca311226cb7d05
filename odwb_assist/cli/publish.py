"""``odwb-assist publish``: check, plan, send, verify (``--dry-run`` shows the plan and sends nothing)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..core.errors import OdwbError
from .common import STATE, ProjectOption, console, echo, fail, load_project, plugin_manager, t

if TYPE_CHECKING:
    from ..portal import PortalClient
    from ..publish import Step


def __getattr__(name: str) -> Any:
    """``PortalClient`` is imported on first use (requests), so that building the CLI stays light; tests replace it."""
    if name == "PortalClient":
        from ..portal import PortalClient

        return PortalClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _client_class() -> type[PortalClient]:
    client_class: type[PortalClient] = sys.modules[__name__].PortalClient
    return client_class


def publish(
    project: Path | None = ProjectOption,
    dataset: str | None = typer.Option(None, "--dataset", "-d", help="Identifiant du jeu de données (s'il y en a plusieurs)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Affiche les étapes prévues sans rien envoyer."),
    restricted: bool = typer.Option(False, "--restricted", help="Publie en accès restreint (non visible du public)."),
    portal: str | None = typer.Option(None, "--portal", help="Adresse du portail (défaut : odwb.toml ou www.odwb.be)."),
    override: list[str] = typer.Option([], "--override", help="Lève un blocage par son code (répétable), avec --justification."),
    justification: str | None = typer.Option(None, "--justification", help="Pourquoi le blocage est levé (gardé au registre)."),
    verify: bool = typer.Option(True, "--verify/--no-verify", help="Relit le jeu publié via l'API Explore."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Confirme d'avance une première publication sur un portail réel "
                                                       "(pour les scripts)."),
) -> None:
    """Publie un jeu de données sur le portail, sans doublon : une seconde exécution sans changement n'envoie rien."""
    if override and not (justification or "").strip():
        raise fail("--override demande une --justification (elle est gardée dans le registre des publications).",
                   "--override needs a --justification (it is kept in the publication record).")
    config = load_project(project, portal_url=portal)
    client = _client_class().from_config(config)
    if not client.has_key:
        raise fail(f"Aucune clé d'API : définissez la variable d'environnement {client.api_key_env} avec une clé créée "
                   "dans votre compte sur le portail (« Mes clés d'API »).",
                   f"No API key: set the environment variable {client.api_key_env} to a key created in your portal "
                   "account ('My API keys').")
    _warn_damaged_record(config.root)
    overrides = {code: justification or "" for code in override}
    try:
        _publish(config, client, dataset, dry_run, restricted, overrides, verify, yes)
    except OdwbError as exc:  # the trainer's summary shows why (workshop summary)
        from ..core.events import PUBLICATION_FAILED, Event
        from ..core.plugins import announce
        from ..workshop.failures import failure_payload

        announce(plugin_manager(), Event(PUBLICATION_FAILED, failure_payload(exc, dataset, dry_run=dry_run),
                                         administration=config.administration.name or None,
                                         project_dir=str(config.root) if config.path else None))
        raise


def _publish(config: Any, client: Any, dataset: str | None, dry_run: bool, restricted: bool,
             overrides: dict[str, str], verify: bool, yes: bool = False) -> None:
    from ..publish import plan  # the portal client (requests) is imported when the command runs

    the_plan = plan(config, client, dataset_id=dataset, restricted=True if restricted else None, overrides=overrides,
                    plugins=plugin_manager())
    echo(the_plan.describe(STATE.lang))
    for item in the_plan.overrides:
        code, why = item["code"], item["justification"]
        echo(t(f"Blocage levé : {code} — {why}", f"Blocker lifted: {code} — {why}"))
    if dry_run:
        echo(t("Simulation (--dry-run) : rien n'a été envoyé.", "Dry run: nothing was sent."))
        return
    if not the_plan.steps:
        return
    _confirm_real_portal(config, client, yes)

    def show(step: Step) -> None:
        echo(f"→ {step.describe(STATE.lang)}")

    publication = the_plan.apply(progress=show, upload_progress=console.is_terminal)
    echo(t(f"Publié : {publication.portal}/explore/dataset/{publication.dataset_id}/ ({publication.records} lignes).",
           f"Published: {publication.portal}/explore/dataset/{publication.dataset_id}/ ({publication.records} rows)."))
    if verify:
        result = publication.verify()
        echo(result.describe(STATE.lang))
        if not result.ok:
            echo(t("Attention : le portail ne montre pas encore exactement ce qui a été envoyé ; relancez la "
                   "vérification dans quelques minutes.",
                   "Warning: the portal does not show exactly what was sent yet; check again in a few minutes."))


def _warn_damaged_record(root: Path) -> None:
    """Damaged lines of the local record are skipped, and said (they may hide an earlier publication)."""
    from ..publish.record import damaged_lines, record_path

    damaged = damaged_lines(root)
    if damaged:
        numbers = ", ".join(str(n) for n in damaged[:10]) + (" …" if len(damaged) > 10 else "")
        echo(t(f"Attention : {record_path(root)} a {len(damaged)} ligne(s) illisible(s) ({numbers}), ignorée(s). "
               "Les autres publications enregistrées restent prises en compte.",
               f"Warning: {record_path(root)} has {len(damaged)} unreadable line(s) ({numbers}), skipped. "
               "The other recorded publications still count."))


def _confirm_real_portal(config: Any, client: Any, yes: bool) -> None:
    """The first publication from this project to a portal that is not a sandbox is confirmed (« --yes »)."""
    from ..publish import record as publication_record

    if client.target.sandbox is not False or yes:
        return
    if any(r.get("portal") == client.base_url for r in publication_record.read_records(config.root)):
        return
    question = t(f"Première publication depuis ce projet sur {client.base_url}, un portail réel (pas un bac à sable) : "
                 "le jeu sera visible de tous. Continuer ?",
                 f"First publication from this project to {client.base_url}, a real portal (not a sandbox): the "
                 "dataset will be visible to everyone. Go on?")
    if sys.stdin.isatty():
        typer.confirm(question, abort=True)
        return
    raise fail(f"Première publication depuis ce projet sur {client.base_url}, un portail réel (pas un bac à sable) : "
               "rien n'a été envoyé. Relancez dans un terminal pour confirmer, ou ajoutez --yes (scripts). Pour "
               "la salle de formation, vérifiez l'adresse du portail (odwb.toml, --portal).",
               f"First publication from this project to {client.base_url}, a real portal (not a sandbox): nothing "
               "was sent. Run again in a terminal to confirm, or add --yes (scripts). For the training room, check "
               "the portal address (odwb.toml, --portal).")


def register(app: typer.Typer) -> None:
    app.command("publish")(publish)
