"""The ``odwb-assist programme …`` command group (added through ``odwb_register_commands``): here, the commands that
read the register or the portal (status, fees, import, export, verify, dashboard, hackathon pack, a new edition).

Thin: each command opens the register with :class:`~odwb_assist_programme.api.Programme`, calls one
method and prints the result. ``--edition`` and ``--ledger`` are options of every command. The commands that record
what happens to an enrolment are in :mod:`.cli_register` (imported first, so that ``--help`` lists them first); the
command group, its sub-groups and the shared options are in :mod:`.cli_common`.
"""

from __future__ import annotations

from pathlib import Path

import typer

from odwb_assist.plugin import STATE, echo, print_json, t

from . import cli_register  # noqa: F401  (registers its commands on programme_app, before the ones below)
from .cli_common import EditionOpt, FormatOpt, LedgerOpt, edition_app, open_programme, parse_day, programme_app, summary_line


@programme_app.command("status")
def status_command(
    name: str | None = typer.Argument(None, help="Une administration (défaut : toutes)."), format: str = FormatOpt,
    include_personal: bool = typer.Option(False, "--include-personal", help="Montrer noms et courriels des participants."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """L'état du registre : inscription, paiement, présence, défis, publications."""
    with open_programme(ledger, edition) as prog:
        statuses = prog.status(name)
        if format == "json":
            print_json([s.to_dict(prog.edition, include_personal=include_personal) for s in statuses])
            return
        if not statuses:
            echo(t("Le registre est vide.", "The register is empty."))
        for s in statuses:
            echo(summary_line(prog, s))
            if include_personal:
                for p in s.active_participants:
                    echo(f"    {p.slot}. {p.name}" + (f" <{p.email}>" if p.email else ""))


@programme_app.command("fees")
def fees_command(participants: int = typer.Argument(..., help="Nombre de participants (1 à 3)."),
                 edition: str | None = EditionOpt) -> None:
    """Le montant dû pour un nombre de participants."""
    from .api import resolve_edition
    from .fees import quote

    q = quote(resolve_edition(edition, Path.cwd()), participants)
    echo(t(f"{q.excl_vat} € HTVA + TVA {q.vat} € = {q.incl_vat} € TVAC (valeur du programme : {q.programme_value} €).",
           f"{q.excl_vat} € excl. VAT + VAT {q.vat} € = {q.incl_vat} € incl. VAT (programme value: {q.programme_value} €)."))


@programme_app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="Formulaire d'inscription (.xlsx ou .csv), ex. l'export d'un Google/Microsoft Forms."),
    sheet: str | None = typer.Option(None, "--sheet", help="Feuille du classeur à lire (par défaut : la première)."),
    format: str = FormatOpt,
    map_: list[str] = typer.Option([], "--map", help="« En-tête du fichier=colonne » (ou « En-tête=- » pour l'ignorer), "
                                                     "répétable."),
    accept_dates: bool = typer.Option(False, "--accept-dates", help="Accepter des dates hors de l'édition (avertissement)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Montrer la correspondance des colonnes et les problèmes, sans "
                                                           "rien écrire."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Importer les inscriptions : correspondance des colonnes montrée d'abord, tout ou rien, chaque problème
    signalé avec sa ligne et sa colonne ; les administrations déjà inscrites sont laissées telles quelles."""
    from .column_map import parse_overrides
    from .importer import read_table

    overrides = parse_overrides(map_)
    frame = read_table(file, sheet)  # an unreadable file stops here, before any register is created
    from .api import resolve_ledger_path

    if dry_run and not resolve_ledger_path(ledger).exists():  # a dry run never creates the register
        import tempfile

        ledger = Path(tempfile.mkdtemp(prefix="odwb-import-")) / "essai.sqlite"
    with open_programme(ledger, edition, create=True) as prog:
        result = prog.import_file(file, sheet=sheet, frame=frame, overrides=overrides, accept_dates=accept_dates,
                                  dry_run=dry_run)
        if format == "json":
            print_json(result.to_dict(STATE.lang))
            if not result.ok:
                raise typer.Exit(1)
            return
        echo(t("Correspondance des colonnes :", "Column mapping:"))
        for item in result.mapping:
            echo("  " + item.text(STATE.lang))
        for warning in result.warnings:
            echo(t("  Attention, ", "  Warning, ") + warning.text(STATE.lang))
        if result.ok:
            if result.skipped:
                echo(t(f"{len(result.skipped)} administration(s) déjà dans le registre : laissée(s) telle(s) quelle(s).",
                       f"{len(result.skipped)} administration(s) already in the register: left as they are."))
            if dry_run:
                echo(t(f"Simulation (--dry-run) : {len(result.rows)} administration(s) seraient importée(s) ; rien n'a "
                       "été écrit.", f"Dry run: {len(result.rows)} administration(s) would be imported; nothing was "
                       "written."))
                return
            echo(t(f"{result.imported} administration(s) importée(s) : {len(result.confirmed)} confirmée(s), "
                   f"{len(result.waiting)} en liste d'attente.",
                   f"{result.imported} administration(s) imported: {len(result.confirmed)} confirmed, "
                   f"{len(result.waiting)} on the waiting list."))
        else:
            echo(t(f"{file.name} n'a pas été importé ({len(result.findings)} problème(s)) ; le registre n'a pas changé. "
                   "Corrigez le fichier (ou la correspondance avec --map) puis relancez :",
                   f"{file.name} was not imported ({len(result.findings)} problem(s)); the register did not change. "
                   "Fix the file (or the mapping with --map) and run again:"))
            for finding in result.findings:
                echo("  - " + finding.text(STATE.lang))
            raise typer.Exit(1)


@programme_app.command("export")
def export_command(
    file: Path = typer.Argument(..., help="Fichier à écrire (.xlsx ou .csv)."),
    no_personal: bool = typer.Option(False, "--no-personal", help="Sans noms ni courriels des participants."),
    force: bool = typer.Option(False, "--force", help="Remplacer le fichier s'il existe déjà."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Exporter le registre, une ligne par administration (un fichier existant n'est remplacé qu'avec --force)."""
    with open_programme(ledger, edition) as prog:
        echo(str(prog.export(file, include_personal=not no_personal, overwrite=force)))


@programme_app.command("verify")
def verify_command(
    portal: str | None = typer.Option(None, "--portal", help="Adresse du portail (défaut : celui de l'édition)."),
    format: str = FormatOpt, edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Chaque administration confirmée a-t-elle publié au moins un jeu sur le portail pendant le programme ?
    Code de sortie 1 si l'une d'elles ne l'a pas fait."""
    from odwb_assist.plugin import Event, announce, plugin_manager

    with open_programme(ledger, edition) as prog:
        report = prog.verify(portal)
    announce(plugin_manager(), Event("programme-verified", {"edition": report.edition, "administrations": len(report.entries),
                                                            "met": len(report.entries) - len(report.missing),
                                                            "requests": report.requests}))
    if format == "json":
        print_json(report.to_dict())
    else:
        echo(t(f"Vérification sur {report.portal} ({report.start} → {report.end}), {report.requests} requête(s) :",
               f"Checked on {report.portal} ({report.start} → {report.end}), {report.requests} request(s):"))
        if not report.entries:
            echo(t("  Aucune administration confirmée dans le registre : rien à vérifier.",
                   "  No confirmed administration in the register: nothing to check."))
        for e in report.entries:
            mark = "✔" if e.obligation_met else ("?" if e.pending else "✘")
            listed = ", ".join(f"{d.dataset_id} ({(d.published or '')[:10]})" for d in e.datasets) or (
                t("à confirmer", "to confirm") if e.pending else
                t("aucun jeu publié pendant le programme", "no dataset published during the programme"))
            echo(f"  {mark} {e.administration} : {listed}")
            for d in e.pending:
                echo(t(f"      à confirmer : {d.dataset_id} — {d.evidence('fr')}",
                       f"      to confirm: {d.dataset_id} — {d.evidence('en')}"))
            for d in e.other_datasets:
                echo(f"      {d.dataset_id} : {d.outside_text(STATE.lang)}")
            for m in e.matches:
                echo(t(f"      éditeur « {m.publisher.strip()} » : {m.explain('fr')}",
                       f"      publisher '{m.publisher.strip()}': {m.explain('en')}"))
        if any(e.pending for e in report.entries):
            echo(t("« à confirmer » : un jeu reconnu par son seul nom d'éditeur, que tout propriétaire de jeu peut "
                   "écrire. Vérifiez-le, puis « programme obligation confirm NOM JEU » (il compte) ou « … reject NOM "
                   "JEU » (il ne comptera jamais).",
                   "'to confirm': a dataset recognised by its publisher name only, which any dataset owner can write. "
                   "Check it, then 'programme obligation confirm NAME DATASET' (it counts) or '… reject NAME DATASET' "
                   "(it never will)."))
        echo(t(f"Verdict enregistré dans le registre ({report.checked_at[:10]}) : programme status, dashboard et export "
               "le montrent.",
               f"Verdict recorded in the register ({report.checked_at[:10]}): programme status, dashboard and export "
               "show it."))
        if report.missing:
            echo(t(f"{len(report.missing)} administration(s) n'ont pas encore rempli l'obligation de publication.",
                   f"{len(report.missing)} administration(s) have not met the publication obligation yet."))
    if report.missing:
        raise typer.Exit(1)


@programme_app.command("dashboard")
def dashboard_command(
    output: Path = typer.Option(..., "--output", help="Dossier où écrire tableau-de-bord.html."),
    include_personal: bool = typer.Option(False, "--include-personal", help="Inclure noms et courriels des participants."),
    portal: str | None = typer.Option(None, "--portal", help="Vérifier d'abord les publications sur ce portail."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Tableau de bord HTML autonome (graphiques inclus)."""
    from .dashboard import write_dashboard

    with open_programme(ledger, edition) as prog:
        report = prog.verify(portal) if portal else None
        echo(str(write_dashboard(prog, output, include_personal=include_personal, report=report, lang=STATE.lang)))


@programme_app.command("hackathon-pack")
def hackathon_command(
    output: Path = typer.Option(..., "--output", help="Dossier où écrire la page HTML et le fichier Markdown."),
    portal: str | None = typer.Option(None, "--portal", help="Chercher aussi les jeux publiés sur ce portail."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Les fiches challenge de toutes les administrations, avec les liens vers leurs jeux publiés."""
    with open_programme(ledger, edition) as prog:
        report = prog.verify(portal) if portal else None
        for path in prog.hackathon_pack(output, report=report, portal=portal):
            echo(str(path))


@edition_app.command("new")
def edition_new_command(
    year: int = typer.Option(..., "--year", help="Année de la nouvelle édition."),
    start: str = typer.Option(..., "--start", help="Premier jour du programme (AAAA-MM-JJ)."),
    end: str = typer.Option(..., "--end", help="Dernier jour du programme (AAAA-MM-JJ)."),
    force: bool = typer.Option(False, "--force", help="Remplacer le fichier s'il existe déjà."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Écrire l'édition suivante à partir de l'édition courante (frais, plafond et séances gardés),
    dans le dossier du registre ; elle devient l'édition par défaut de ce dossier."""
    from .api import resolve_edition, resolve_ledger_path
    from .edition_new import new_edition

    folder = resolve_ledger_path(ledger).parent
    current = resolve_edition(edition, folder)
    first, last = parse_day(start), parse_day(end)
    assert first is not None and last is not None
    path = new_edition(current, folder, year=year, start=first, end=last, overwrite=force)
    echo(t(f"Édition écrite : {path} (depuis {current.id} ; programme du {first} au {last}). Les commandes "
           "« programme » lancées dans ce dossier l'utilisent désormais par défaut.",
           f"Edition written: {path} (from {current.id}; programme from {first} to {last}). The "
           "« programme » commands run in this folder now use it by default."))
