"""The Python API for staff notebooks: one :class:`Programme` object over a register and an edition.

    from odwb_assist_programme.api import Programme
    with Programme.open("programme.sqlite") as prog:
        prog.enrol("Ville de Ciney", type="commune", nis_code="91030", participants=[("A. Martin", "a@ciney.be")])
        prog.sign("Ville de Ciney", "2021-04-02"); prog.invoice("Ville de Ciney", "2021-04-05")
        prog.pay("Ville de Ciney", "2021-04-20")
        report = prog.verify("https://www.odwb.be")
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from odwb_assist.plugin import ProjectConfig, find_project_file
from odwb_assist.plugin import load_config as load

from . import attendance, challenges, enrolment, fees
from .edition import DEFAULT_EDITION, Edition, load_edition, newest_local_edition
from .ledger import Ledger
from .listener import DEFAULT_LEDGER_NAME
from .records import AdministrationStatus, all_statuses, status_of
from .verify import ExploreClient, verify
from .verify_report import VerifyReport

Day = date | str | None


def resolve_ledger_path(ledger: str | Path | None = None, project: ProjectConfig | None = None) -> Path:
    """``--ledger`` if given; else ``[programme] ledger`` of odwb.toml; else ``programme.sqlite`` beside
    odwb.toml (found here or above), else in the working folder."""
    if ledger is not None:
        return Path(ledger).expanduser().resolve()
    if project is None:
        found = find_project_file()
        project = load(found) if found else None
    if project is not None and project.path is not None:
        configured = project.programme.get("ledger")
        if configured:
            path = Path(str(configured)).expanduser()
            return path if path.is_absolute() else (project.root / path).resolve()
        return project.root / DEFAULT_LEDGER_NAME
    return Path.cwd() / DEFAULT_LEDGER_NAME


def resolve_edition(edition: str | Path | None, folder: Path, project: ProjectConfig | None = None) -> Edition:
    if edition is None:
        if project is None:
            found = find_project_file()
            project = load(found) if found else None
        configured = project.programme.get("edition") if project is not None else None
        edition = str(configured) if configured else (newest_local_edition(folder) or DEFAULT_EDITION)
    return load_edition(edition, folder)


class Programme:
    """An edition and its register; every method is one audited transaction or a read."""

    def __init__(self, ledger: Ledger, edition: Edition) -> None:
        self.ledger = ledger
        self.edition = edition

    @classmethod
    def open(cls, ledger: str | Path | None = None, edition: str | Path | None = None, *,
             actor: str | None = None, create: bool = True, project: ProjectConfig | None = None) -> Programme:
        """``edition`` None: ``[programme] edition`` of odwb.toml, else the newest edition file beside the
        register (written by ``programme edition new``), else the shipped edition."""
        path = resolve_ledger_path(ledger, project)
        return cls(Ledger.open(path, actor=actor, create=create), resolve_edition(edition, path.parent, project))

    def close(self) -> None:
        self.ledger.close()

    def __enter__(self) -> Programme:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- enrolment -------------------------------------------------------------------------------
    def enrol(self, name: str, *, type: str = "autre", nis_code: str | None = None, publishers: Sequence[str] = (),
              participants: Sequence[tuple[str, str | None]] = (), requested_on: Day = None) -> AdministrationStatus:
        return enrolment.enrol(self.ledger, self.edition, name, type=type, nis_code=nis_code, publishers=publishers,
                               participants=participants, requested_on=requested_on)

    def sign(self, name: str, on: Day = None) -> AdministrationStatus:
        return enrolment.sign(self.ledger, self.edition, name, on)

    def invoice(self, name: str, on: Day = None) -> fees.FeeQuote:
        return enrolment.invoice(self.ledger, self.edition, name, on)

    def pay(self, name: str, on: Day = None, amount: Decimal | str | None = None, *,
            confirmed_on: Day = None) -> AdministrationStatus:
        return enrolment.pay(self.ledger, self.edition, name, on, amount, confirmed_on=confirmed_on)

    def cancel(self, name: str, on: Day = None, reason: str = "") -> AdministrationStatus:
        return enrolment.cancel(self.ledger, self.edition, name, on, reason)

    def notice(self, name: str, on: Day = None, reason: str = "") -> AdministrationStatus:
        return enrolment.notice(self.ledger, self.edition, name, on, reason)

    def lift_notice(self, name: str) -> AdministrationStatus:
        return enrolment.lift_notice(self.ledger, self.edition, name)

    def terminate(self, name: str, on: Day = None) -> AdministrationStatus:
        return enrolment.terminate(self.ledger, self.edition, name, on)

    def add_participant(self, name: str, person: str, email: str | None = None) -> AdministrationStatus:
        return enrolment.add_participant(self.ledger, self.edition, name, person, email)

    def replace_participant(self, name: str, old: str, new: str, email: str | None = None, *, agreement: str,
                            on: Day = None) -> AdministrationStatus:
        return enrolment.replace_participant(self.ledger, self.edition, name, old, new, email, agreement=agreement, on=on)

    def set_publishers(self, name: str, publishers: Sequence[str]) -> AdministrationStatus:
        return enrolment.set_publishers(self.ledger, self.edition, name, publishers)

    def quote(self, participants: int) -> fees.FeeQuote:
        return fees.quote(self.edition, participants)

    # --- progress --------------------------------------------------------------------------------
    def attendance(self, name: str, session: str | int, *, participants: int = 1, hours: float | None = None,
                   present: bool = True) -> AdministrationStatus:
        return attendance.record_attendance(self.ledger, self.edition, name, session, participants=participants,
                                            hours=hours, present=present)

    def challenge_done(self, name: str, challenge: str, evidence: str, *, kind: str | None = None, on: Day = None,
                       done: bool = True) -> AdministrationStatus:
        return challenges.mark_challenge(self.ledger, self.edition, name, challenge, evidence=evidence, kind=kind, on=on,
                                         done=done)

    def obligation_done(self, name: str, obligation: str, evidence: str = "", *, on: Day = None,
                        done: bool = True) -> AdministrationStatus:
        return challenges.mark_obligation(self.ledger, self.edition, name, obligation, evidence=evidence, on=on, done=done)

    def confirm_dataset(self, name: str, dataset_id: str, note: str = "") -> AdministrationStatus:
        """Staff: ``dataset_id`` (matched by publisher name only) is this administration's; it counts."""
        from .attributions import decide

        return decide(self.ledger, self.edition, name, dataset_id, "confirmed", note)

    def reject_dataset(self, name: str, dataset_id: str, note: str = "") -> AdministrationStatus:
        """Staff: ``dataset_id`` is not this administration's; later verifies never count it."""
        from .attributions import decide

        return decide(self.ledger, self.edition, name, dataset_id, "rejected", note)

    # --- reading ---------------------------------------------------------------------------------
    def status(self, name: str | None = None) -> list[AdministrationStatus]:
        if name:
            return [status_of(self.ledger, self.edition, name)]
        return all_statuses(self.ledger, self.edition)

    def audit(self, name: str | None = None) -> list[dict[str, Any]]:
        return self.ledger.audit(name)

    def verify(self, portal: str | None = None, *, client: ExploreClient | None = None, record: bool = True) -> VerifyReport:
        """The publication obligation of every confirmed administration, against the portal; the verdict
        is kept in the register (``record=False`` to only look)."""
        url = (portal or self.edition.portal_url).rstrip("/")
        if client is None:
            from odwb_assist.plugin import PortalClient

            # the public catalogue, read anonymously: what counts is what everyone can see
            client = PortalClient(url, api_key="").explore
        report = verify(self.ledger, self.edition, client, portal=url)
        if record:
            from .verdict_store import record_verdicts

            record_verdicts(self.ledger, report)
        return report

    def import_file(self, path: str | Path, *, sheet: str | None = None, frame: Any = None,
                    overrides: dict[str, str] | None = None, accept_dates: bool = False, dry_run: bool = False) -> Any:
        """Import a form export (see :mod:`.importer`); rows of administrations already registered are skipped."""
        from .importer import import_file

        return import_file(self.ledger, self.edition, Path(path), sheet=sheet, frame=frame, overrides=overrides,
                           accept_dates=accept_dates, dry_run=dry_run)

    def export(self, path: str | Path, *, include_personal: bool = True, overwrite: bool = False) -> Path:
        from .exporter import export_file

        return export_file(self, Path(path), include_personal=include_personal, overwrite=overwrite)

    def dashboard(self, output: str | Path, *, include_personal: bool = False, report: VerifyReport | None = None) -> Path:
        from .dashboard import write_dashboard

        return write_dashboard(self, Path(output), include_personal=include_personal, report=report)

    def hackathon_pack(self, output: str | Path, *, report: VerifyReport | None = None,
                       portal: str | None = None) -> list[Path]:
        from .hackathon import write_pack

        return write_pack(self, Path(output), report=report, portal=portal)
