"""What every ``odwb-assist programme …`` command shares: the command group and its sub-groups, the common
options (``--edition``, ``--ledger``, ``--on``, ``--format``), opening the register, reading a date, and the one-line
summary of an administration. The commands are in :mod:`.cli_register` and :mod:`.cli`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from odwb_assist.plugin import STATE, InputError, t

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
NameArg = typer.Argument(..., help="Nom de l'administration.")
OnOpt = typer.Option(None, "--on", help="Date (AAAA-MM-JJ ou JJ/MM/AAAA ; défaut : aujourd'hui).")
FormatOpt = typer.Option("text", "--format", help="text ou json.")


def open_programme(ledger: Path | None, edition: str | None, *, create: bool = False) -> Programme:
    from .api import Programme

    return Programme.open(ledger, edition, create=create)


def parse_day(value: str | None) -> date | None:
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


def summary_line(prog: Programme, s: AdministrationStatus) -> str:
    pct = round(100 * s.attendance_ratio(prog.edition))
    met = s.obligation_text(prog.edition, STATE.lang)
    return (f"{s.name} — {_state(s)} · {t('payé', 'paid')} {s.paid} € · {t('présence', 'attendance')} {pct} % · "
            f"{t('défis', 'challenges')} {len(s.challenges)}/{len(prog.edition.challenges)} · "
            f"{t('jeux publiés', 'datasets published')} {len(s.publications)} · {t('obligation', 'obligation')} {met}")
