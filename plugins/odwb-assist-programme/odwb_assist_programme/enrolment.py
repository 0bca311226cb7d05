"""Enrolment following article 4 of the convention, with the cap, the waiting list, cancellation
(and its refund due date), formal notice and termination (art. 5), and participant replacement (art. 3).

States: ``requested`` (form filled) → ``signed`` (convention) → ``invoiced`` → payment received →
``confirmed`` while places remain, else ``waiting_list`` (paid, waiting for a place, or cancelled
by the organiser with a refund due within ``refund_days``). A place freed by a cancellation or a
termination goes to the first administration of the waiting list that has paid.
Every function is one transaction of the register, audited.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from odwb_assist.errors import InputError

from . import fees
from .edition import Edition
from .ledger import Ledger
from .ledger.store import Transaction, now_utc
from .records import ADMINISTRATION_TYPES, AdministrationStatus, find_row, normalise_name, status_of


def _day(value: date | str | None) -> date:
    if value is None:
        return date.today()
    return value if isinstance(value, date) else date.fromisoformat(value)


def confirmed_count(db: Ledger | Transaction) -> int:
    conn = db.connection
    return int(conn.execute("SELECT COUNT(*) FROM administrations WHERE state = 'confirmed'").fetchone()[0])


def enrol(
    ledger: Ledger, edition: Edition, name: str, *, type: str = "autre", nis_code: str | None = None,
    publishers: Sequence[str] = (), participants: Sequence[tuple[str, str | None]] = (),
    requested_on: date | str | None = None, form_filled: bool = True,
) -> AdministrationStatus:
    """Record an enrolment request (the form). A name already in the register is refused, never overwritten."""
    name = " ".join(name.split())
    if not name:
        raise InputError("Le nom de l'administration est vide.", "The administration's name is empty.")
    kind = (type or "autre").strip().lower()
    if kind not in ADMINISTRATION_TYPES:
        raise InputError(
            f"Type « {type} » inconnu pour {name} : choisissez parmi {', '.join(ADMINISTRATION_TYPES)}.",
            f"Unknown type '{type}' for {name}: choose one of {', '.join(ADMINISTRATION_TYPES)}.",
        )
    if nis_code is not None and nis_code != "" and not (nis_code.isdigit() and len(nis_code) == 5):
        raise InputError(
            f"Code INS « {nis_code} » de {name} invalide : 5 chiffres (ex. 92094).",
            f"NIS code '{nis_code}' of {name} is invalid: 5 digits (e.g. 92094).",
        )
    if len(participants) > edition.max_participants:
        raise InputError(
            f"{name} inscrit {len(participants)} participants ; la convention en permet {edition.max_participants} au plus.",
            f"{name} enrols {len(participants)} participants; the convention allows at most {edition.max_participants}.",
        )
    existing = ledger.rows("SELECT name FROM administrations")
    if any(normalise_name(r["name"]) == normalise_name(name) for r in existing):
        raise InputError(
            f"{name} est déjà dans le registre : rien n'a été modifié. Utilisez « programme status {name} ».",
            f"{name} is already in the register: nothing was changed. Use 'programme status {name}'.",
        )
    day = _day(requested_on).isoformat()
    clean_publishers = [" ".join(p.split()) for p in publishers if p and p.strip()]
    with ledger.change("enrol", name, {"type": kind, "nis_code": nis_code, "publishers": clean_publishers,
                                       "participants": len(participants)}) as db:
        full = confirmed_count(db) >= edition.cap
        cur = db.execute(
            "INSERT INTO administrations (name, type, nis_code, publishers, state, form_filled, requested_on, waiting_since,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (name, kind, nis_code or None, json.dumps(clean_publishers, ensure_ascii=False),
             "waiting_list" if full else "requested", int(form_filled), day, day if full else None, now_utc()),
        )
        for slot, (person, email) in enumerate(participants, start=1):
            db.execute("INSERT INTO participants (administration_id, slot, name, email) VALUES (?, ?, ?, ?)",
                       (cur.lastrowid, slot, person, email))
    return status_of(ledger, edition, name)


def sign(ledger: Ledger, edition: Edition, name: str, on: date | str | None = None) -> AdministrationStatus:
    row = find_row(ledger, name)
    day = _day(on).isoformat()
    with ledger.change("convention-signed", row["name"], {"on": day}) as db:
        state = "signed" if row["state"] == "requested" else row["state"]
        db.execute("UPDATE administrations SET convention_signed = ?, state = ? WHERE id = ?", (day, state, row["id"]))
    return status_of(ledger, edition, row["name"])


def invoice(ledger: Ledger, edition: Edition, name: str, on: date | str | None = None) -> fees.FeeQuote:
    """Issue the invoice for the active participants; needs the form and the signed convention."""
    status = status_of(ledger, edition, name)
    if status.state in ("cancelled", "terminated"):
        raise InputError(f"{status.name} est {status.state} : pas de facture.",
                         f"{status.name} is {status.state.label_en}: no invoice.")
    if not status.convention_signed:
        raise InputError(
            f"{status.name} n'a pas encore signé la convention : enregistrez la signature avant la facture "
            "(art. 4).",
            f"{status.name} has not signed the convention yet: record the signature before the invoice (art. 4).",
        )
    if not status.active_participants:
        raise InputError(
            f"{status.name} n'a aucun participant : ajoutez-en un avant de facturer.",
            f"{status.name} has no participant: add one before invoicing.",
        )
    amount = fees.quote(edition, len(status.active_participants))
    day = _day(on).isoformat()
    with ledger.change("invoice", status.name, {"on": day, **amount.to_dict()}) as db:
        db.execute(
            "INSERT INTO invoices (administration_id, issued_on, participants, excl_vat, vat, incl_vat)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (status.id, day, amount.participants, str(amount.excl_vat), str(amount.vat), str(amount.incl_vat)),
        )
        state = "invoiced" if status.state in ("requested", "signed") else status.state
        db.execute("UPDATE administrations SET invoice_date = ?, state = ? WHERE id = ?", (day, state, status.id))
    return amount


def pay(
    ledger: Ledger, edition: Edition, name: str, on: date | str | None = None, amount: Decimal | str | None = None,
    *, confirmed_on: date | str | None = None,
) -> AdministrationStatus:
    """Record a payment; once the invoice is paid the enrolment is confirmed if a place remains,
    else it goes to the waiting list (art. 4: the cap may be reached between invoice and payment)."""
    status = status_of(ledger, edition, name)
    if status.invoiced_incl_vat is None:
        raise InputError(
            f"Aucune facture n'a été émise pour {status.name} : émettez-la d'abord (« programme invoice »).",
            f"No invoice was issued for {status.name}: issue it first ('programme invoice').",
        )
    due = Decimal(status.invoiced_incl_vat)
    remaining = due - Decimal(status.paid)
    if amount is None and remaining <= 0:
        raise InputError(f"La facture de {status.name} est déjà payée ({status.paid} €).",
                         f"The invoice of {status.name} is already paid ({status.paid} €).")
    value = remaining if amount is None else Decimal(str(amount))
    if value <= 0:
        raise InputError("Le montant payé doit être positif.", "The amount paid must be positive.")
    if value > max(remaining, Decimal("0")):
        raise InputError(
            f"{value} € dépasse ce qui reste dû par {status.name} ({max(remaining, Decimal('0'))} € sur une facture de "
            f"{due} €) : vérifiez le montant (une virgule, un zéro de trop ?).",
            f"{value} € is more than what {status.name} still owes ({max(remaining, Decimal('0'))} € of a {due} € "
            "invoice): check the amount.")
    day = _day(on).isoformat()
    with ledger.change("payment", status.name, {"on": day, "amount": str(value)}) as db:
        db.execute("INSERT INTO payments (administration_id, received_on, amount) VALUES (?, ?, ?)", (status.id, day, str(value)))
        paid = Decimal(status.paid) + value
        if paid >= due and status.state in ("requested", "signed", "invoiced", "waiting_list"):
            if confirmed_count(db) < edition.cap and status.form_filled and status.convention_signed:
                confirmation = _day(confirmed_on or day).isoformat()
                db.execute("UPDATE administrations SET payment_date = ?, state = 'confirmed', confirmation_date = ?,"
                           " waiting_since = NULL WHERE id = ?", (day, confirmation, status.id))
            else:
                db.execute("UPDATE administrations SET payment_date = ?, state = 'waiting_list',"
                           " waiting_since = COALESCE(waiting_since, ?) WHERE id = ?", (day, day, status.id))
    return status_of(ledger, edition, status.name)


def _promote_waiting(db: Transaction, edition: Edition, on: str) -> str | None:
    """Give a freed place to the first paid administration of the waiting list."""
    if confirmed_count(db) >= edition.cap:
        return None
    row = db.execute(
        "SELECT id, name FROM administrations WHERE state = 'waiting_list' AND payment_date IS NOT NULL "
        "AND convention_signed IS NOT NULL ORDER BY payment_date, waiting_since, id LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    db.execute("UPDATE administrations SET state = 'confirmed', confirmation_date = ?, waiting_since = NULL WHERE id = ?",
               (on, row["id"]))
    return str(row["name"])


def cancel(ledger: Ledger, edition: Edition, name: str, on: date | str | None = None, reason: str = "") -> AdministrationStatus:
    """Cancel an enrolment (by the organiser, e.g. cap exceeded between invoice and payment). Money
    received is refunded within ``refund_days`` (art. 4): the due date is recorded."""
    status = status_of(ledger, edition, name)
    if status.state in ("cancelled", "terminated"):
        raise InputError(f"{status.name} est déjà {status.state}.", f"{status.name} is already {status.state.label_en}.")
    day = _day(on)
    refund = (day + timedelta(days=edition.refund_days)).isoformat() if Decimal(status.paid) > 0 else None
    with ledger.change("cancel", status.name, {"on": day.isoformat(), "reason": reason, "refund_due": refund}) as db:
        db.execute("UPDATE administrations SET state = 'cancelled', cancelled_on = ?, cancel_reason = ?, refund_due = ?"
                   " WHERE id = ?", (day.isoformat(), reason, refund, status.id))
        if status.state == "confirmed":
            _promote_waiting(db, edition, day.isoformat())
    return status_of(ledger, edition, status.name)


def notice(ledger: Ledger, edition: Edition, name: str, on: date | str | None = None, reason: str = "") -> AdministrationStatus:
    """Record a formal notice (registered letter, art. 5); termination is possible after ``notice_days``."""
    status = status_of(ledger, edition, name)
    if status.state in ("cancelled", "terminated"):
        raise InputError(f"{status.name} est déjà {status.state}.", f"{status.name} is already {status.state.label_en}.")
    day = _day(on).isoformat()
    with ledger.change("notice", status.name, {"on": day, "reason": reason}) as db:
        db.execute("UPDATE administrations SET notice_date = ?, notice_reason = ? WHERE id = ?", (day, reason, status.id))
    return status_of(ledger, edition, status.name)


def lift_notice(ledger: Ledger, edition: Edition, name: str) -> AdministrationStatus:
    """The notice had effect (the administration complied): clear it."""
    status = status_of(ledger, edition, name)
    with ledger.change("notice-lifted", status.name, {"notice_date": status.notice_date}) as db:
        db.execute("UPDATE administrations SET notice_date = NULL, notice_reason = NULL WHERE id = ?", (status.id,))
    return status_of(ledger, edition, status.name)


def terminate(ledger: Ledger, edition: Edition, name: str, on: date | str | None = None) -> AdministrationStatus:
    """Terminate the convention: allowed only when a notice stayed without effect for ``notice_days``."""
    status = status_of(ledger, edition, name)
    day = _day(on)
    if not status.notice_date:
        raise InputError(
            f"Aucune mise en demeure n'est enregistrée pour {status.name} : envoyez-la d'abord (« programme notice »).",
            f"No formal notice is recorded for {status.name}: send it first ('programme notice').",
        )
    deadline = date.fromisoformat(status.notice_date) + timedelta(days=edition.notice_days)
    if day <= deadline:
        raise InputError(
            f"La mise en demeure de {status.name} date du {status.notice_date} : la résiliation n'est possible qu'après "
            f"{edition.notice_days} jours sans effet, à partir du {(deadline + timedelta(days=1)).isoformat()}.",
            f"The formal notice to {status.name} is dated {status.notice_date}: termination is possible only after "
            f"{edition.notice_days} days without effect, from {(deadline + timedelta(days=1)).isoformat()}.",
        )
    with ledger.change("terminate", status.name, {"on": day.isoformat(), "notice_date": status.notice_date}) as db:
        db.execute("UPDATE administrations SET state = 'terminated', terminated_on = ? WHERE id = ?",
                   (day.isoformat(), status.id))
        if status.state == "confirmed":
            _promote_waiting(db, edition, day.isoformat())
    return status_of(ledger, edition, status.name)


def add_participant(ledger: Ledger, edition: Edition, name: str, person: str, email: str | None = None) -> AdministrationStatus:
    status = status_of(ledger, edition, name)
    if len(status.active_participants) >= edition.max_participants:
        raise InputError(
            f"{status.name} a déjà {edition.max_participants} participants, le maximum de la convention.",
            f"{status.name} already has {edition.max_participants} participants, the convention's maximum.",
        )
    slot = max((p.slot for p in status.participants), default=0) + 1
    with ledger.change("participant-added", status.name, {"slot": slot}) as db:
        db.execute("INSERT INTO participants (administration_id, slot, name, email) VALUES (?, ?, ?, ?)",
                   (status.id, slot, person, email))
    return status_of(ledger, edition, status.name)


def replace_participant(
    ledger: Ledger, edition: Edition, name: str, old: str, new: str, email: str | None = None, *,
    agreement: str, on: date | str | None = None,
) -> AdministrationStatus:
    """Replace a participant (art. 3): only with the organiser's prior agreement, recorded here."""
    if not agreement or not agreement.strip():
        raise InputError(
            "Un remplacement demande l'accord préalable de l'organisateur (art. 3) : indiquez-le avec --agreement "
            "(ex. « courriel du 3 mai de J. Dupont »).",
            "A replacement needs the organiser's prior agreement (art. 3): give it with --agreement "
            "(e.g. 'e-mail of 3 May from J. Dupont').",
        )
    status = status_of(ledger, edition, name)
    target = [p for p in status.active_participants if normalise_name(p.name) == normalise_name(old) or str(p.slot) == old]
    if not target:
        names = ", ".join(p.name for p in status.active_participants) or "aucun"
        raise InputError(
            f"« {old} » n'est pas un participant actif de {status.name} (participants : {names}).",
            f"'{old}' is not an active participant of {status.name} (participants: {names}).",
        )
    leaving = target[0]
    day = _day(on).isoformat()
    with ledger.change("participant-replaced", status.name, {"slot": leaving.slot, "agreement": agreement, "on": day}) as db:
        cur = db.execute("INSERT INTO participants (administration_id, slot, name, email) VALUES (?, ?, ?, ?)",
                         (status.id, leaving.slot, new, email))
        db.execute("UPDATE participants SET active = 0, replaced_by = ?, replacement_agreement = ?, replaced_on = ? WHERE id = ?",
                   (cur.lastrowid, agreement.strip(), day, leaving.id))
    return status_of(ledger, edition, status.name)


def set_publishers(ledger: Ledger, edition: Edition, name: str, publishers: Sequence[str]) -> AdministrationStatus:
    status = status_of(ledger, edition, name)
    clean = [" ".join(p.split()) for p in publishers if p.strip()]
    with ledger.change("publishers", status.name, {"before": status.publishers, "after": clean}) as db:
        db.execute("UPDATE administrations SET publishers = ? WHERE id = ?", (json.dumps(clean, ensure_ascii=False), status.id))
    return status_of(ledger, edition, status.name)
