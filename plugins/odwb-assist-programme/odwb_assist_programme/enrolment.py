"""Enrolment following article 4 of the convention, with the cap, the waiting list, cancellation
(and its refund due date), formal notice and termination (art. 5), and participant replacement (art. 3).

States: ``requested`` (form filled) → ``signed`` (convention) → ``invoiced`` → payment received →
``confirmed`` while places remain, else ``waiting_list`` (paid, waiting for a place, or cancelled
by the organiser with a refund due within ``refund_days``). A place freed by a cancellation or a
termination goes to the first administration of the waiting list that has paid.
Every function is one transaction of the register, audited: the administration's status is read
inside that transaction (``BEGIN IMMEDIATE``), so a decision never rests on what another command
changed in the meantime (two ``pay`` at once record one payment; ``pay`` racing ``cancel`` ends in
one consistent state).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

from odwb_assist.plugin import InputError

from . import fees
from .edition import Edition
from .ledger import Ledger
from .ledger.migrations import name_key
from .ledger.store import Transaction, now_utc
from .records import ADMINISTRATION_TYPES, AdministrationStatus, find_row, normalise_name, status_of


def _day(value: date | str | None) -> date:
    if value is None:
        return date.today()
    return value if isinstance(value, date) else date.fromisoformat(value)


@contextmanager
def _decision(ledger: Ledger, edition: Edition, action: str, name: str,
              details: dict[str, object] | None = None) -> Iterator[tuple[Transaction, AdministrationStatus]]:
    """Open the transaction, then read the administration's status under its lock."""
    with ledger.change(action, name, details) as db:
        status = status_of(ledger, edition, name)
        db.administration = status.name
        yield db, status


def _already(name: str, existing: str) -> InputError:
    same = existing == name
    return InputError(
        f"{name} est déjà dans le registre" + ("" if same else f" sous le nom « {existing} »")
        + f" : rien n'a été modifié. Utilisez « programme status {existing} ».",
        f"{name} is already in the register" + ("" if same else f" as '{existing}'")
        + f": nothing was changed. Use 'programme status {existing}'.",
    )


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
    key = name_key(name)
    day = _day(requested_on).isoformat()
    clean_publishers = [" ".join(p.split()) for p in publishers if p and p.strip()]
    with ledger.change("enrol", name, {"type": kind, "nis_code": nis_code, "publishers": clean_publishers,
                                       "participants": len(participants)}) as db:
        # read under the write lock: four spellings of one name enrolled at once make one row
        existing = db.execute("SELECT name FROM administrations WHERE name_key = ? OR name = ? COLLATE NOCASE",
                              (key, name)).fetchone()
        if existing is None:
            existing = next((r for r in db.execute("SELECT name FROM administrations").fetchall()
                             if normalise_name(r["name"]) == normalise_name(name)), None)
        if existing is not None:
            raise _already(name, existing["name"])
        full = confirmed_count(db) >= edition.cap
        try:
            cur = db.execute(
                "INSERT INTO administrations (name, name_key, type, nis_code, publishers, state, form_filled, requested_on,"
                " waiting_since, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (name, key, kind, nis_code or None, json.dumps(clean_publishers, ensure_ascii=False),
                 "waiting_list" if full else "requested", int(form_filled), day, day if full else None, now_utc()),
            )
        except sqlite3.IntegrityError as exc:  # the unique index: the last line of defence
            raise _already(name, name) from exc
        for slot, (person, email) in enumerate(participants, start=1):
            db.execute("INSERT INTO participants (administration_id, slot, name, email) VALUES (?, ?, ?, ?)",
                       (cur.lastrowid, slot, person, email))
    return status_of(ledger, edition, name)


def sign(ledger: Ledger, edition: Edition, name: str, on: date | str | None = None) -> AdministrationStatus:
    day = _day(on).isoformat()
    with ledger.change("convention-signed", name, {"on": day}) as db:
        row = find_row(ledger, name)
        db.administration = row["name"]
        state = "signed" if row["state"] == "requested" else row["state"]
        db.execute("UPDATE administrations SET convention_signed = ?, state = ? WHERE id = ?", (day, state, row["id"]))
    return status_of(ledger, edition, row["name"])


def invoice(ledger: Ledger, edition: Edition, name: str, on: date | str | None = None) -> fees.FeeQuote:
    """Issue the invoice for the active participants; needs the form and the signed convention."""
    day = _day(on).isoformat()
    with _decision(ledger, edition, "invoice", name) as (db, status):
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
        db.details.update({"on": day, **amount.to_dict()})
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
    else it goes to the waiting list (art. 4: the cap may be reached between invoice and payment).

    Money received for a cancelled enrolment is recorded with its refund due date (art. 4 of the
    convention: « la somme versée sera remboursée à l'Administration dans un délai de 15 jours »);
    a terminated convention (art. 5) takes no payment at all."""
    day = _day(on)
    with _decision(ledger, edition, "payment", name) as (db, status):
        if status.state == "terminated":
            raise InputError(
                f"La convention de {status.name} est résiliée depuis le {status.terminated_on} (art. 5) : paiement "
                "refusé, rien n'a été enregistré.",
                f"The convention of {status.name} was terminated on {status.terminated_on} (art. 5): payment refused, "
                "nothing was recorded.")
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
                f"{value} € dépasse ce qui reste dû par {status.name} ({max(remaining, Decimal('0'))} € sur une facture "
                f"de {due} €) : vérifiez le montant (une virgule, un zéro de trop ?).",
                f"{value} € is more than what {status.name} still owes ({max(remaining, Decimal('0'))} € of a {due} € "
                "invoice): check the amount.")
        db.details.update({"on": day.isoformat(), "amount": str(value)})
        db.execute("INSERT INTO payments (administration_id, received_on, amount) VALUES (?, ?, ?)",
                   (status.id, day.isoformat(), str(value)))
        if status.state == "cancelled":
            # Convention, art. 4: after a cancellation the money is refunded within 15 days (edition.refund_days).
            refund = (day + timedelta(days=edition.refund_days)).isoformat()
            db.details["refund_due"] = refund
            db.execute("UPDATE administrations SET refund_due = MAX(COALESCE(refund_due, ''), ?) WHERE id = ?",
                       (refund, status.id))
            return status_of(ledger, edition, status.name)
        paid = Decimal(status.paid) + value
        if paid >= due and status.state in ("requested", "signed", "invoiced", "waiting_list"):
            if confirmed_count(db) < edition.cap and status.form_filled and status.convention_signed:
                confirmation = _day(confirmed_on or day).isoformat()
                db.execute("UPDATE administrations SET payment_date = ?, state = 'confirmed', confirmation_date = ?,"
                           " waiting_since = NULL WHERE id = ?", (day.isoformat(), confirmation, status.id))
            else:
                db.execute("UPDATE administrations SET payment_date = ?, state = 'waiting_list',"
                           " waiting_since = COALESCE(waiting_since, ?) WHERE id = ?",
                           (day.isoformat(), day.isoformat(), status.id))
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


def _not_ended(status: AdministrationStatus) -> None:
    if status.state in ("cancelled", "terminated"):
        raise InputError(f"{status.name} est déjà {status.state}.", f"{status.name} is already {status.state.label_en}.")


def cancel(ledger: Ledger, edition: Edition, name: str, on: date | str | None = None, reason: str = "") -> AdministrationStatus:
    """Cancel an enrolment (by the organiser, e.g. cap exceeded between invoice and payment). Money
    received is refunded within ``refund_days`` (art. 4): the due date is recorded."""
    day = _day(on)
    with _decision(ledger, edition, "cancel", name) as (db, status):
        _not_ended(status)
        refund = (day + timedelta(days=edition.refund_days)).isoformat() if Decimal(status.paid) > 0 else None
        db.details.update({"on": day.isoformat(), "reason": reason, "refund_due": refund})
        db.execute("UPDATE administrations SET state = 'cancelled', cancelled_on = ?, cancel_reason = ?, refund_due = ?"
                   " WHERE id = ?", (day.isoformat(), reason, refund, status.id))
        if status.state == "confirmed":
            _promote_waiting(db, edition, day.isoformat())
    return status_of(ledger, edition, status.name)


def notice(ledger: Ledger, edition: Edition, name: str, on: date | str | None = None, reason: str = "") -> AdministrationStatus:
    """Record a formal notice (registered letter, art. 5); termination is possible after ``notice_days``."""
    day = _day(on).isoformat()
    with _decision(ledger, edition, "notice", name, {"on": day, "reason": reason}) as (db, status):
        _not_ended(status)
        db.execute("UPDATE administrations SET notice_date = ?, notice_reason = ? WHERE id = ?", (day, reason, status.id))
    return status_of(ledger, edition, status.name)


def lift_notice(ledger: Ledger, edition: Edition, name: str) -> AdministrationStatus:
    """The notice had effect (the administration complied): clear it."""
    with _decision(ledger, edition, "notice-lifted", name) as (db, status):
        db.details["notice_date"] = status.notice_date
        db.execute("UPDATE administrations SET notice_date = NULL, notice_reason = NULL WHERE id = ?", (status.id,))
    return status_of(ledger, edition, status.name)


def terminate(ledger: Ledger, edition: Edition, name: str, on: date | str | None = None) -> AdministrationStatus:
    """Terminate the convention: allowed only when a notice stayed without effect for ``notice_days``."""
    day = _day(on)
    with _decision(ledger, edition, "terminate", name) as (db, status):
        _not_ended(status)
        if not status.notice_date:
            raise InputError(
                f"Aucune mise en demeure n'est enregistrée pour {status.name} : envoyez-la d'abord (« programme notice »).",
                f"No formal notice is recorded for {status.name}: send it first ('programme notice').",
            )
        deadline = date.fromisoformat(status.notice_date) + timedelta(days=edition.notice_days)
        if day <= deadline:
            raise InputError(
                f"La mise en demeure de {status.name} date du {status.notice_date} : la résiliation n'est possible "
                f"qu'après {edition.notice_days} jours sans effet, à partir du "
                f"{(deadline + timedelta(days=1)).isoformat()}.",
                f"The formal notice to {status.name} is dated {status.notice_date}: termination is possible only after "
                f"{edition.notice_days} days without effect, from {(deadline + timedelta(days=1)).isoformat()}.",
            )
        db.details.update({"on": day.isoformat(), "notice_date": status.notice_date})
        db.execute("UPDATE administrations SET state = 'terminated', terminated_on = ? WHERE id = ?",
                   (day.isoformat(), status.id))
        if status.state == "confirmed":
            _promote_waiting(db, edition, day.isoformat())
    return status_of(ledger, edition, status.name)


def add_participant(ledger: Ledger, edition: Edition, name: str, person: str, email: str | None = None) -> AdministrationStatus:
    with _decision(ledger, edition, "participant-added", name) as (db, status):
        if len(status.active_participants) >= edition.max_participants:
            raise InputError(
                f"{status.name} a déjà {edition.max_participants} participants, le maximum de la convention.",
                f"{status.name} already has {edition.max_participants} participants, the convention's maximum.",
            )
        slot = max((p.slot for p in status.participants), default=0) + 1
        db.details["slot"] = slot
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
    day = _day(on).isoformat()
    with _decision(ledger, edition, "participant-replaced", name) as (db, status):
        target = [p for p in status.active_participants
                  if normalise_name(p.name) == normalise_name(old) or str(p.slot) == old]
        if not target:
            names = ", ".join(p.name for p in status.active_participants) or "aucun"
            raise InputError(
                f"« {old} » n'est pas un participant actif de {status.name} (participants : {names}).",
                f"'{old}' is not an active participant of {status.name} (participants: {names}).",
            )
        leaving = target[0]
        db.details.update({"slot": leaving.slot, "agreement": agreement, "on": day})
        cur = db.execute("INSERT INTO participants (administration_id, slot, name, email) VALUES (?, ?, ?, ?)",
                         (status.id, leaving.slot, new, email))
        db.execute("UPDATE participants SET active = 0, replaced_by = ?, replacement_agreement = ?, replaced_on = ?"
                   " WHERE id = ?", (cur.lastrowid, agreement.strip(), day, leaving.id))
    return status_of(ledger, edition, status.name)


def set_publishers(ledger: Ledger, edition: Edition, name: str, publishers: Sequence[str]) -> AdministrationStatus:
    clean = [" ".join(p.split()) for p in publishers if p.strip()]
    with _decision(ledger, edition, "publishers", name) as (db, status):
        db.details.update({"before": status.publishers, "after": clean})
        db.execute("UPDATE administrations SET publishers = ? WHERE id = ?", (json.dumps(clean, ensure_ascii=False), status.id))
    return status_of(ledger, edition, status.name)
