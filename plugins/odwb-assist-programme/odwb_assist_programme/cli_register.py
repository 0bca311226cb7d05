"""The ``odwb-assist programme …`` commands that record what happens to an enrolment: enrol, sign, invoice, pay,
cancel, notice, terminate, replace a participant, attendance, challenges and obligations done, datasets confirmed or
rejected, publisher aliases. Each opens the register, calls one method of
:class:`~odwb_assist_programme.api.Programme` and prints the administration's summary.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import typer

from odwb_assist.plugin import echo, t

from .cli_common import (
    EditionOpt,
    LedgerOpt,
    NameArg,
    OnOpt,
    challenge_app,
    obligation_app,
    open_programme,
    parse_day,
    programme_app,
    summary_line,
)


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
    with open_programme(ledger, edition, create=True) as prog:
        status = prog.enrol(name, type=type, nis_code=nis, publishers=publisher, participants=people, requested_on=parse_day(on))
        echo(summary_line(prog, status))


@programme_app.command("sign")
def sign_command(name: str = NameArg, on: str | None = OnOpt, edition: str | None = EditionOpt,
                 ledger: Path | None = LedgerOpt) -> None:
    """Enregistrer la convention signée."""
    with open_programme(ledger, edition) as prog:
        echo(summary_line(prog, prog.sign(name, parse_day(on))))


@programme_app.command("invoice")
def invoice_command(name: str = NameArg, on: str | None = OnOpt, edition: str | None = EditionOpt,
                    ledger: Path | None = LedgerOpt) -> None:
    """Émettre la facture (250 € HTVA pour un participant, 200 € HTVA par participant à partir de deux)."""
    with open_programme(ledger, edition) as prog:
        amount = prog.invoice(name, parse_day(on))
        echo(t(f"Facture : {amount.participants} participant(s), {amount.excl_vat} € HTVA, TVA {amount.vat} €, "
               f"{amount.incl_vat} € TVAC.",
               f"Invoice: {amount.participants} participant(s), {amount.excl_vat} € excl. VAT, VAT {amount.vat} €, "
               f"{amount.incl_vat} € incl. VAT."))


@programme_app.command("pay")
def pay_command(
    name: str = NameArg, on: str | None = OnOpt,
    amount: str | None = typer.Option(None, "--amount", help="Montant reçu (défaut : la facture)."),
    confirmed_on: str | None = typer.Option(None, "--confirmed-on", help="Date de la confirmation envoyée."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Enregistrer un paiement ; l'inscription est confirmée s'il reste une place, sinon liste d'attente."""
    with open_programme(ledger, edition) as prog:
        day = parse_day(on)
        echo(summary_line(prog, prog.pay(name, day, amount, confirmed_on=parse_day(confirmed_on))))
        if day is not None and not (date(prog.edition.start.year - 1, 1, 1) <= day <= prog.edition.end):
            echo(t(f"Attention : le {day} est hors de l'édition {prog.edition.id} (programme du {prog.edition.start} au "
                   f"{prog.edition.end}) : vérifiez l'année.",
                   f"Warning: {day} is outside edition {prog.edition.id} (programme from {prog.edition.start} to "
                   f"{prog.edition.end}): check the year."))


@programme_app.command("cancel")
def cancel_command(
    name: str = NameArg, on: str | None = OnOpt,
    reason: str = typer.Option("", "--reason", help="Motif (ex. nombre limite dépassé)."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Annuler une inscription ; la somme versée est à rembourser dans les 15 jours (art. 4)."""
    with open_programme(ledger, edition) as prog:
        status = prog.cancel(name, parse_day(on), reason)
        echo(summary_line(prog, status))
        if status.refund_due:
            echo(t(f"Remboursement de {status.paid} € dû au plus tard le {status.refund_due}.",
                   f"Refund of {status.paid} € due by {status.refund_due}."))


@programme_app.command("notice")
def notice_command(
    name: str = NameArg, on: str | None = OnOpt, reason: str = typer.Option("", "--reason", help="Obligation non respectée."),
    lift: bool = typer.Option(False, "--lift", help="La mise en demeure a eu effet : la lever."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Enregistrer une mise en demeure (art. 5) ; résiliation possible après 8 jours sans effet."""
    with open_programme(ledger, edition) as prog:
        if lift:
            echo(summary_line(prog, prog.lift_notice(name)))
            return
        status = prog.notice(name, parse_day(on), reason)
        echo(summary_line(prog, status))
        echo(t(f"Sans effet au {status.notice_deadline}, la convention pourra être résiliée (programme terminate).",
               f"Without effect by {status.notice_deadline}, the convention can be terminated (programme terminate)."))


@programme_app.command("terminate")
def terminate_command(name: str = NameArg, on: str | None = OnOpt, edition: str | None = EditionOpt,
                      ledger: Path | None = LedgerOpt) -> None:
    """Résilier la convention après une mise en demeure restée sans effet pendant 8 jours."""
    with open_programme(ledger, edition) as prog:
        echo(summary_line(prog, prog.terminate(name, parse_day(on))))


@programme_app.command("replace-participant")
def replace_command(
    name: str = NameArg, old: str = typer.Argument(..., help="Nom (ou numéro) du participant remplacé."),
    new: str = typer.Argument(..., help="Nom du remplaçant."), email: str | None = typer.Option(
        None, "--email", help="Adresse e-mail du remplaçant."),
    agreement: str = typer.Option(..., "--agreement", help="L'accord préalable de l'organisateur (référence)."),
    on: str | None = OnOpt, edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Remplacer un participant, avec l'accord préalable de l'organisateur (art. 3)."""
    with open_programme(ledger, edition) as prog:
        echo(summary_line(prog, prog.replace_participant(name, old, new, email, agreement=agreement, on=parse_day(on))))


@programme_app.command("attendance")
def attendance_command(
    name: str = NameArg, session: str = typer.Argument(..., help="Séance : 1 … 11, et 5a / 5b pour le jour 5."),
    hours: float | None = typer.Option(None, "--hours", help="Heures présentes si moins que la séance."),
    participants: int = typer.Option(1, "--participants", help="Nombre de participants présents."),
    absent: bool = typer.Option(False, "--absent", help="Retirer la présence enregistrée."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Enregistrer la présence d'une administration à une séance."""
    with open_programme(ledger, edition) as prog:
        echo(summary_line(prog, prog.attendance(name, session, participants=participants, hours=hours, present=not absent)))


@challenge_app.command("done")
def challenge_done_command(
    name: str = NameArg,
    challenge: str = typer.Argument(..., help="Identifiant du défi (programme status --format json les liste)."),
    evidence: str = typer.Option(..., "--evidence", help="Preuve : chemin d'un fichier, lien, ou note."),
    kind: str | None = typer.Option(None, "--kind", help="file, link ou note (deviné sinon)."),
    on: str | None = OnOpt, edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Marquer un défi réalisé."""
    with open_programme(ledger, edition) as prog:
        echo(summary_line(prog, prog.challenge_done(name, challenge, evidence, kind=kind, on=parse_day(on))))


@challenge_app.command("undo")
def challenge_undo_command(
    name: str = NameArg,
    challenge: str = typer.Argument(..., help="Identifiant du défi (programme status --format json les liste)."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Annuler un défi marqué par erreur (l'historique le garde)."""
    with open_programme(ledger, edition) as prog:
        echo(summary_line(prog, prog.challenge_done(name, challenge, "", done=False)))


@challenge_app.command("list")
def challenge_list_command(edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt) -> None:
    """Les défis de l'édition."""
    from .api import resolve_edition, resolve_ledger_path

    for c in resolve_edition(edition, resolve_ledger_path(ledger).parent).challenges:
        echo(f"{c.id:18} {t('après la séance', 'after session')} {c.after_session:2} — {c.title}")


@obligation_app.command("done")
def obligation_done_command(
    name: str = NameArg,
    obligation: str = typer.Argument(..., help="entretien, questionnaires, charte, projet-replicable, politique-donnee."),
    evidence: str = typer.Option("", "--evidence", help="Preuve (facultative) : chemin d'un fichier, lien, ou note."),
    on: str | None = OnOpt,
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Marquer une obligation remplie."""
    with open_programme(ledger, edition) as prog:
        echo(summary_line(prog, prog.obligation_done(name, obligation, evidence, on=parse_day(on))))


@obligation_app.command("confirm")
def obligation_confirm_command(
    name: str = NameArg, dataset: str = typer.Argument(..., help="Identifiant du jeu « à confirmer » montré par verify."),
    note: str = typer.Option("", "--note", help="Comment vous l'avez vérifié (gardé dans le registre)."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Confirmer qu'un jeu « à confirmer » est bien celui de l'administration : il compte pour l'obligation."""
    with open_programme(ledger, edition) as prog:
        echo(summary_line(prog, prog.confirm_dataset(name, dataset, note)))
        echo(t(f"{dataset} : confirmé ; les prochaines vérifications le comptent.",
               f"{dataset}: confirmed; later checks count it."))


@obligation_app.command("reject")
def obligation_reject_command(
    name: str = NameArg, dataset: str = typer.Argument(..., help="Identifiant du jeu « à confirmer » montré par verify."),
    note: str = typer.Option("", "--note", help="Pourquoi ce n'est pas le sien (gardé dans le registre)."),
    edition: str | None = EditionOpt, ledger: Path | None = LedgerOpt,
) -> None:
    """Rejeter un jeu « à confirmer » : il n'est pas celui de l'administration et ne comptera jamais."""
    with open_programme(ledger, edition) as prog:
        echo(summary_line(prog, prog.reject_dataset(name, dataset, note)))
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

    with open_programme(ledger, edition) as prog:
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
