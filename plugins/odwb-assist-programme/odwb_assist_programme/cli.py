"""The ``odwb-assist programme …`` command group (added through ``odwb_register_commands``).

Thin: each command opens the register with :class:`~odwb_assist_programme.api.Programme`, calls one
method and prints the result. ``--edition`` and ``--ledger`` are options of every command.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from odwb_assist.plugin import STATE, InputError, echo, print_json, t

from .edition import DEFAULT_EDITION

if TYPE_CHECKING:  # the register (SQLite, records) is imported when a command runs, not when the CLI starts
    from .api import Programme
    from .records import AdministrationStatus

programme_app = typer.Typer(
    name="programme", no_args_is_help=True, add_completion=False,
    help="Le programme « Ouvrir ma ville » : inscriptions, frais, présences, défis, obligations, vérification.",
)
challenge_app = typer.Typer(no_args_is_help=True, help="Défis réalisés (avec une preuve : fichier, lien, événement).")
obligation_app = typer.Typer(no_args_is_help=True, help="Autres obligations (entretien, questionnaires, charte…).")
programme_app.add_typer(challenge_app, name="challenge")
programme_app.add_typer(obligation_app, name="obligation")
edition_app = typer.Typer(no_args_is_help=True, help="Les éditions du programme (une édition = un fichier .toml).")
programme_app.add_typer(edition_app, name="edition")

EditionOpt = typer.Option(None, "--edition", help="Édition du programme : nom ou fichier .toml (défaut : la plus récente "
                          f"du dossier du registre, sinon {DEFAULT_EDITION}).")
LedgerOpt = typer.Option(None, "--ledger", help="Registre SQLite (défaut : programme.sqlite à côté d'odwb.toml, ou ici).")
OnOpt = typer.Option(None, "--on", help="Date (AAAA-MM-JJ ou JJ/MM/AAAA ; défaut : aujourd'hui).")
FormatOpt = typer.Option("text", "--format", help="text ou json.")


def _open(ledger: Path | None, edition: str | None, *, create: bool = False) -> Programme:
    from .api import Programme

    return Programme.open(ledger, edition, create=create)


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    from .importer import parse_date

    try:
        return parse_date(value)
    except ValueError:
        raise InputError(f"Date « {value} » illisible : écrivez 2021-04-15 ou 15/04/2021.",
                         f"Unreadable date '{value}': write 2021-04-15 or 15/04/2021.") from None


def _state(status: AdministrationStatus) -> str:
    from .records import STATE_LABELS

    fr, en = STATE_LABELS.get(status.state, (status.state, status.state))
    return t(fr, en)


def _summary(prog: Programme, s: AdministrationStatus) -> str:
    pct = round(100 * s.attendance_ratio(prog.edition))
    met = s.obligation_text(prog.edition, STATE.lang)
    return (f"{s.name} — {_state(s)} · {t('payé', 'paid')} {s.paid} € · {t('présence', 'attendance')} {pct} % · "
            f"{t('défis', 'challenges')} {len(s.challenges)}/{len(prog.edition.challenges)} · "
            f"{t('jeux publiés', 'datasets published')} {len(s.publications)} · {t('obligation', 'obligation')} {met}")


@programme_app.command("enrol")
def enrol_command(
    name: str = typer.Argument(..., help="Nom de l'administration."),
    type: str = typer.Option("commune", "--type", help="commune, cpas, province, intercommunale ou autre."),
    nis: str | None = typer.Option(None, "--nis", help="Code INS (5 chiffres)."),
    publisher: list[str] = typer.Option([], "--publisher", help="Nom d'éditeur utilisé sur le portail (répétable)."),
    participant: list[str] = typer.Option([], "--participant", help="« Prénom Nom <courriel> » (répétable, 3 au plus)."),
    on: str | None = OnOpt, edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Enregistrer une demande d'inscription (le formulaire rempli)."""
    people = []
    for text in participant:
        match = re.fullmatch(r"\s*(.*?)\s*<\s*([^>]+?)\s*>\s*", text)
        people.append((match.group(1), match.group(2)) if match else (text.strip(), None))
    with _open(ledger, edition, create=True) as prog:
        status = prog.enrol(name, type=type, nis_code=nis, publishers=publisher, participants=people, requested_on=_day(on))
        echo(_summary(prog, status))


@programme_app.command("sign")
def sign_command(name: str, on: str | None = OnOpt, edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt) -> None:
    """Enregistrer la convention signée."""
    with _open(ledger, edition) as prog:
        echo(_summary(prog, prog.sign(name, _day(on))))


@programme_app.command("invoice")
def invoice_command(name: str, on: str | None = OnOpt, edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt) -> None:
    """Émettre la facture (250 € HTVA pour un participant, 200 € HTVA par participant à partir de deux)."""
    with _open(ledger, edition) as prog:
        amount = prog.invoice(name, _day(on))
        echo(t(f"Facture : {amount.participants} participant(s), {amount.excl_vat} € HTVA, TVA {amount.vat} €, "
               f"{amount.incl_vat} € TVAC.",
               f"Invoice: {amount.participants} participant(s), {amount.excl_vat} € excl. VAT, VAT {amount.vat} €, "
               f"{amount.incl_vat} € incl. VAT."))


@programme_app.command("pay")
def pay_command(
    name: str, on: str | None = OnOpt,
    amount: str | None = typer.Option(None, "--amount", help="Montant reçu (défaut : la facture)."),
    confirmed_on: str | None = typer.Option(None, "--confirmed-on", help="Date de la confirmation envoyée."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Enregistrer un paiement ; l'inscription est confirmée s'il reste une place, sinon liste d'attente."""
    with _open(ledger, edition) as prog:
        day = _day(on)
        echo(_summary(prog, prog.pay(name, day, amount, confirmed_on=_day(confirmed_on))))
        if day is not None and not (date(prog.edition.start.year - 1, 1, 1) <= day <= prog.edition.end):
            echo(t(f"Attention : le {day} est hors de l'édition {prog.edition.id} (programme du {prog.edition.start} au "
                   f"{prog.edition.end}) : vérifiez l'année.",
                   f"Warning: {day} is outside edition {prog.edition.id} (programme from {prog.edition.start} to "
                   f"{prog.edition.end}): check the year."))


@programme_app.command("cancel")
def cancel_command(
    name: str, on: str | None = OnOpt, reason: str = typer.Option("", "--reason", help="Motif (ex. nombre limite dépassé)."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Annuler une inscription ; la somme versée est à rembourser dans les 15 jours (art. 4)."""
    with _open(ledger, edition) as prog:
        status = prog.cancel(name, _day(on), reason)
        echo(_summary(prog, status))
        if status.refund_due:
            echo(t(f"Remboursement de {status.paid} € dû au plus tard le {status.refund_due}.",
                   f"Refund of {status.paid} € due by {status.refund_due}."))


@programme_app.command("notice")
def notice_command(
    name: str, on: str | None = OnOpt, reason: str = typer.Option("", "--reason", help="Obligation non respectée."),
    lift: bool = typer.Option(False, "--lift", help="La mise en demeure a eu effet : la lever."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Enregistrer une mise en demeure (art. 5) ; résiliation possible après 8 jours sans effet."""
    with _open(ledger, edition) as prog:
        if lift:
            echo(_summary(prog, prog.lift_notice(name)))
            return
        status = prog.notice(name, _day(on), reason)
        echo(_summary(prog, status))
        echo(t(f"Sans effet au {status.notice_deadline}, la convention pourra être résiliée (programme terminate).",
               f"Without effect by {status.notice_deadline}, the convention can be terminated (programme terminate)."))


@programme_app.command("terminate")
def terminate_command(name: str, on: str | None = OnOpt, edition: str | None = EditionOpt,
                      ledger: Path | None = LedgerOpt) -> None:
    """Résilier la convention après une mise en demeure restée sans effet pendant 8 jours."""
    with _open(ledger, edition) as prog:
        echo(_summary(prog, prog.terminate(name, _day(on))))


@programme_app.command("replace-participant")
def replace_command(
    name: str, old: str = typer.Argument(..., help="Nom (ou numéro) du participant remplacé."),
    new: str = typer.Argument(..., help="Nom du remplaçant."), email: str | None = typer.Option(None, "--email"),
    agreement: str = typer.Option(..., "--agreement", help="L'accord préalable de l'organisateur (référence)."),
    on: str | None = OnOpt, edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Remplacer un participant, avec l'accord préalable de l'organisateur (art. 3)."""
    with _open(ledger, edition) as prog:
        echo(_summary(prog, prog.replace_participant(name, old, new, email, agreement=agreement, on=_day(on))))


@programme_app.command("attendance")
def attendance_command(
    name: str, session: str = typer.Argument(..., help="Séance : 1 … 11, et 5a / 5b pour le jour 5."),
    hours: float | None = typer.Option(None, "--hours", help="Heures présentes si moins que la séance."),
    participants: int = typer.Option(1, "--participants", help="Nombre de participants présents."),
    absent: bool = typer.Option(False, "--absent", help="Retirer la présence enregistrée."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Enregistrer la présence d'une administration à une séance."""
    with _open(ledger, edition) as prog:
        echo(_summary(prog, prog.attendance(name, session, participants=participants, hours=hours, present=not absent)))


@challenge_app.command("done")
def challenge_done_command(
    name: str, challenge: str = typer.Argument(..., help="Identifiant du défi (programme status --format json les liste)."),
    evidence: str = typer.Option(..., "--evidence", help="Preuve : chemin d'un fichier, lien, ou note."),
    kind: str | None = typer.Option(None, "--kind", help="file, link ou note (deviné sinon)."),
    on: str | None = OnOpt, edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Marquer un défi réalisé."""
    with _open(ledger, edition) as prog:
        echo(_summary(prog, prog.challenge_done(name, challenge, evidence, kind=kind, on=_day(on))))


@challenge_app.command("undo")
def challenge_undo_command(name: str, challenge: str, edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt) -> None:
    """Annuler un défi marqué par erreur (l'historique le garde)."""
    with _open(ledger, edition) as prog:
        echo(_summary(prog, prog.challenge_done(name, challenge, "", done=False)))


@challenge_app.command("list")
def challenge_list_command(edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt) -> None:
    """Les défis de l'édition."""
    from .api import resolve_edition, resolve_ledger_path

    for c in resolve_edition(edition, resolve_ledger_path(ledger).parent).challenges:
        echo(f"{c.id:18} {t('après la séance', 'after session')} {c.after_session:2} — {c.title}")


@obligation_app.command("done")
def obligation_done_command(
    name: str,
    obligation: str = typer.Argument(..., help="entretien, questionnaires, charte, projet-replicable, politique-donnee."),
    evidence: str = typer.Option("", "--evidence"), on: str | None = OnOpt,
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Marquer une obligation remplie."""
    with _open(ledger, edition) as prog:
        echo(_summary(prog, prog.obligation_done(name, obligation, evidence, on=_day(on))))


@obligation_app.command("confirm")
def obligation_confirm_command(
    name: str, dataset: str = typer.Argument(..., help="Identifiant du jeu « à confirmer » montré par verify."),
    note: str = typer.Option("", "--note", help="Comment vous l'avez vérifié (gardé dans le registre)."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Confirmer qu'un jeu « à confirmer » est bien celui de l'administration : il compte pour l'obligation."""
    with _open(ledger, edition) as prog:
        echo(_summary(prog, prog.confirm_dataset(name, dataset, note)))
        echo(t(f"{dataset} : confirmé ; les prochaines vérifications le comptent.",
               f"{dataset}: confirmed; later checks count it."))


@obligation_app.command("reject")
def obligation_reject_command(
    name: str, dataset: str = typer.Argument(..., help="Identifiant du jeu « à confirmer » montré par verify."),
    note: str = typer.Option("", "--note", help="Pourquoi ce n'est pas le sien (gardé dans le registre)."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Rejeter un jeu « à confirmer » : il n'est pas celui de l'administration et ne comptera jamais."""
    with _open(ledger, edition) as prog:
        echo(_summary(prog, prog.reject_dataset(name, dataset, note)))
        echo(t(f"{dataset} : rejeté ; les prochaines vérifications l'ignorent.",
               f"{dataset}: rejected; later checks ignore it."))


@programme_app.command("aliases")
def aliases_command(
    name: str = typer.Argument(..., help="L'administration."),
    add: list[str] = typer.Option([], "--add", help="Nom d'éditeur à rattacher à l'administration (répétable)."),
    remove: list[str] = typer.Option([], "--remove", help="Nom d'éditeur à retirer (répétable)."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Les noms d'éditeur rattachés à une administration quand la comparaison automatique ne suffit pas
    (« BEP » pour le Bureau économique, un ancien nom…) ; sans option, la liste."""
    from odwb_assist.plugin import fold

    with _open(ledger, edition) as prog:
        status = prog.status(name)[0]
        if add or remove:
            gone = {fold(r) for r in remove}
            kept = [p for p in status.publishers if fold(p) not in gone]
            kept += [a for a in add if fold(a) not in {fold(p) for p in kept}]
            status = prog.set_publishers(status.name, kept)
        echo(t(f"{status.name} — alias d'éditeur : ", f"{status.name} — publisher aliases: ")
             + (", ".join(f"« {p} »" for p in status.publishers) or t("aucun", "none")))
        echo(t("Les noms du portail sont aussi reconnus sans alias : majuscules, accents, « Ville de », services "
               "(« … - Mobilité ») et abréviations entre parenthèses.",
               "Portal names are also recognised without an alias: capitals, accents, 'Ville de', services "
               "('… - Mobilité') and abbreviations in parentheses."))


@programme_app.command("status")
def status_command(
    name: str | None = typer.Argument(None, help="Une administration (défaut : toutes)."), format: str = FormatOpt,
    include_personal: bool = typer.Option(False, "--include-personal", help="Montrer noms et courriels des participants."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """L'état du registre : inscription, paiement, présence, défis, publications."""
    with _open(ledger, edition) as prog:
        statuses = prog.status(name)
        if format == "json":
            print_json([s.to_dict(prog.edition, include_personal=include_personal) for s in statuses])
            return
        if not statuses:
            echo(t("Le registre est vide.", "The register is empty."))
        for s in statuses:
            echo(_summary(prog, s))
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
    sheet: str | None = typer.Option(None, "--sheet"), format: str = FormatOpt,
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
    with _open(ledger, edition, create=True) as prog:
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
    with _open(ledger, edition) as prog:
        echo(str(prog.export(file, include_personal=not no_personal, overwrite=force)))


@programme_app.command("verify")
def verify_command(
    portal: str | None = typer.Option(None, "--portal", help="Adresse du portail (défaut : celui de l'édition)."),
    format: str = FormatOpt, edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Chaque administration confirmée a-t-elle publié au moins un jeu sur le portail pendant le programme ?
    Code de sortie 1 si l'une d'elles ne l'a pas fait."""
    from odwb_assist.plugin import Event, announce, plugin_manager

    with _open(ledger, edition) as prog:
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

    with _open(ledger, edition) as prog:
        report = prog.verify(portal) if portal else None
        echo(str(write_dashboard(prog, output, include_personal=include_personal, report=report, lang=STATE.lang)))


@programme_app.command("hackathon-pack")
def hackathon_command(
    output: Path = typer.Option(..., "--output", help="Dossier où écrire la page HTML et le fichier Markdown."),
    portal: str | None = typer.Option(None, "--portal", help="Chercher aussi les jeux publiés sur ce portail."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Les fiches challenge de toutes les administrations, avec les liens vers leurs jeux publiés."""
    with _open(ledger, edition) as prog:
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
    first, last = _day(start), _day(end)
    assert first is not None and last is not None
    path = new_edition(current, folder, year=year, start=first, end=last, overwrite=force)
    echo(t(f"Édition écrite : {path} (depuis {current.id} ; programme du {first} au {last}). Les commandes "
           "« programme » lancées dans ce dossier l'utilisent désormais par défaut.",
           f"Edition written: {path} (from {current.id}; programme from {first} to {last}). The "
           "« programme » commands run in this folder now use it by default."))
