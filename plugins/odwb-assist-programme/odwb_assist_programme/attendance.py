"""Attendance per session: hours attended by an administration against the programme's hours."""

from __future__ import annotations

from odwb_assist.plugin import InputError

from .edition import Edition
from .ledger import Ledger
from .records import AdministrationStatus, status_of


def record_attendance(
    ledger: Ledger, edition: Edition, name: str, session: str | int, *, participants: int = 1,
    hours: float | None = None, present: bool = True,
) -> AdministrationStatus:
    """Mark the administration present at a session (``"5a"``, ``"7"``…), for the session's full
    length unless ``hours`` says less; ``present=False`` removes the record."""
    spec = edition.session(session)
    status = status_of(ledger, edition, name)
    if status.state in ("cancelled", "terminated"):
        raise InputError(f"{status.name} est {status.state} : présence non enregistrée.",
                         f"{status.name} is {status.state.label_en}: attendance not recorded.")
    value = spec.hours if hours is None else float(hours)
    if not 0 <= value <= spec.hours:
        raise InputError(
            f"Heures de présence {value} impossibles pour la séance {spec.key} (durée {spec.hours:g} h).",
            f"Attendance of {value} hours impossible for session {spec.key} (length {spec.hours:g} h).",
        )
    with ledger.change("attendance", status.name, {"session": spec.key, "present": present, "hours": value,
                                                   "participants": participants}) as db:
        if present:
            db.execute("INSERT INTO attendance (administration_id, session, participants, hours) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (administration_id, session) DO UPDATE SET participants = excluded.participants, "
                       "hours = excluded.hours", (status.id, spec.key, participants, value))
        else:
            db.execute("DELETE FROM attendance WHERE administration_id = ? AND session = ?", (status.id, spec.key))
    return status_of(ledger, edition, status.name)
