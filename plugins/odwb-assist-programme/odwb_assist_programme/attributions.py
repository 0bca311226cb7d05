"""Staff decisions on the datasets ``verify`` could attribute only by their free-text metadata.

A dataset's ``publisher`` (and its spatial metadata) are written by whoever owns the dataset, so a
dataset matched that way, and not recorded by the administration's own publication (a
``dataset-published`` event), is shown « à confirmer ». Staff confirm it (it then counts for the
obligation, whatever later verifies find) or reject it (it never counts); the decision is kept in
the register, audited, and respected by every later ``verify``.
"""

from __future__ import annotations

from .edition import Edition
from .enrolment import _decision
from .ledger import Ledger
from .ledger.store import now_utc
from .records import AdministrationStatus, status_of

DECISIONS = ("confirmed", "rejected")


def decide(ledger: Ledger, edition: Edition, name: str, dataset_id: str, decision: str,
           note: str = "") -> AdministrationStatus:
    """Record (or replace) the decision on ``dataset_id`` for the administration ``name``."""
    assert decision in DECISIONS
    dataset = dataset_id.strip()
    action = "attribution-confirmed" if decision == "confirmed" else "attribution-rejected"
    with _decision(ledger, edition, action, name, {"dataset_id": dataset, "note": note}) as (db, status):
        db.execute(
            "INSERT INTO attributions (administration_id, dataset_id, decision, decided_at, actor, note)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (administration_id, dataset_id) DO UPDATE SET"
            " decision = excluded.decision, decided_at = excluded.decided_at, actor = excluded.actor, note = excluded.note",
            (status.id, dataset, decision, now_utc(), ledger.actor, note))
    return status_of(ledger, edition, status.name)


def decisions(ledger: Ledger) -> dict[tuple[int, str], str]:
    """(administration id, dataset id) -> ``confirmed`` or ``rejected``."""
    return {(int(r["administration_id"]), str(r["dataset_id"])): str(r["decision"])
            for r in ledger.rows("SELECT administration_id, dataset_id, decision FROM attributions")}
