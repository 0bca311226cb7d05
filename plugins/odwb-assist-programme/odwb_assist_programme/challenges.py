"""Challenges done (with evidence: a file, a link or an event), the other obligations, and the
datasets an administration published (recorded from ``dataset-published`` events)."""

from __future__ import annotations

from datetime import date
from typing import Any

from odwb_assist.plugin import InputError

from .edition import Edition
from .enrolment import _day
from .ledger import Ledger
from .records import AdministrationStatus, status_of

EVIDENCE_KINDS = ("file", "link", "event", "note")


def evidence_kind(evidence: str) -> str:
    text = evidence.strip()
    if text.startswith(("http://", "https://")):
        return "link"
    return "file" if ("/" in text or "\\" in text or "." in text.rsplit(" ", 1)[-1]) else "note"


def mark_challenge(
    ledger: Ledger, edition: Edition, name: str, challenge_id: str, *, evidence: str,
    kind: str | None = None, on: date | str | None = None, done: bool = True,
) -> AdministrationStatus:
    """Mark a challenge done with its evidence (the first evidence is kept; ``done=False`` undoes)."""
    challenge = edition.challenge(challenge_id)
    if done and not evidence.strip():
        raise InputError(
            f"Indiquez une preuve pour le défi « {challenge.title} » : un fichier, un lien, ou une note.",
            f"Give evidence for challenge '{challenge.title}': a file, a link, or a note.",
        )
    status = status_of(ledger, edition, name)
    use_kind = kind or evidence_kind(evidence)
    if use_kind not in EVIDENCE_KINDS:
        raise InputError(f"Type de preuve « {use_kind} » inconnu ({', '.join(EVIDENCE_KINDS)}).",
                         f"Unknown evidence kind '{use_kind}' ({', '.join(EVIDENCE_KINDS)}).")
    day = _day(on).isoformat()
    with ledger.change("challenge", status.name, {"challenge": challenge.id, "done": done, "evidence": evidence,
                                                  "kind": use_kind}) as db:
        if done:
            db.execute("INSERT OR IGNORE INTO challenges (administration_id, challenge, done_on, evidence_kind, evidence) "
                       "VALUES (?, ?, ?, ?, ?)", (status.id, challenge.id, day, use_kind, evidence.strip()))
        else:
            db.execute("DELETE FROM challenges WHERE administration_id = ? AND challenge = ?", (status.id, challenge.id))
    return status_of(ledger, edition, status.name)


def mark_obligation(
    ledger: Ledger, edition: Edition, name: str, obligation_id: str, *, evidence: str = "",
    on: date | str | None = None, done: bool = True,
) -> AdministrationStatus:
    obligation = edition.obligation(obligation_id)
    status = status_of(ledger, edition, name)
    day = _day(on).isoformat()
    with ledger.change("obligation", status.name, {"obligation": obligation.id, "done": done, "evidence": evidence}) as db:
        if done:
            db.execute("INSERT OR IGNORE INTO obligations (administration_id, obligation, done_on, evidence) VALUES (?, ?, ?, ?)",
                       (status.id, obligation.id, day, evidence))
        else:
            db.execute("DELETE FROM obligations WHERE administration_id = ? AND obligation = ?", (status.id, obligation.id))
    return status_of(ledger, edition, status.name)


def record_publication(ledger: Ledger, edition: Edition, name: str, payload: dict[str, Any], published_at: str) -> bool:
    """Record a dataset published by the administration; False when it was already recorded."""
    status = status_of(ledger, edition, name)
    dataset_id = str(payload.get("dataset_id") or "").strip()
    if not dataset_id:
        return False
    if any(p["dataset_id"] == dataset_id for p in status.publications):
        return False
    records = payload.get("records")
    with ledger.change("publication", status.name, {"dataset_id": dataset_id, "published_at": published_at}) as db:
        db.execute(
            "INSERT INTO publications (administration_id, dataset_id, uid, portal, title, records, published_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (status.id, dataset_id, payload.get("uid"), payload.get("portal"), payload.get("title"),
             int(records) if isinstance(records, int) else None, published_at),
        )
    return True
