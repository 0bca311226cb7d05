"""Reading the register: one :class:`AdministrationStatus` per administration, with everything the
status, the dashboard, the export and the verification need. No writes here."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from odwb_assist.plugin import InputError

from .edition import Edition
from .ledger import Ledger
from .ledger.migrations import name_key
from .verdicts import Verdict, last_verdict

STATES = ("requested", "signed", "invoiced", "confirmed", "waiting_list", "cancelled", "terminated")
STATE_LABELS: dict[str, tuple[str, str]] = {
    "requested": ("inscription demandée", "enrolment requested"),
    "signed": ("convention signée", "convention signed"),
    "invoiced": ("facturée", "invoiced"),
    "confirmed": ("confirmée", "confirmed"),
    "waiting_list": ("liste d'attente", "waiting list"),
    "cancelled": ("annulée", "cancelled"),
    "terminated": ("résiliée", "terminated"),
}
ADMINISTRATION_TYPES = ("commune", "cpas", "province", "intercommunale", "autre")


class State(StrEnum):
    """An enrolment state: compares and serialises as its code (``"confirmed"``), prints as its French
    label (« confirmée »), the same words as the command line."""

    REQUESTED = "requested"
    SIGNED = "signed"
    INVOICED = "invoiced"
    CONFIRMED = "confirmed"
    WAITING_LIST = "waiting_list"
    CANCELLED = "cancelled"
    TERMINATED = "terminated"

    @property
    def code(self) -> str:
        return str(self.value)

    @property
    def label(self) -> str:
        return STATE_LABELS[self.value][0]

    @property
    def label_en(self) -> str:
        return STATE_LABELS[self.value][1]

    def text(self, lang: str = "fr") -> str:
        return self.label_en if lang == "en" else self.label

    def __str__(self) -> str:
        return self.label


def normalise_name(text: str) -> str:
    """Lower case, no accents, single spaces: how names and publishers are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("’", "'").split())


@dataclass
class Participant:
    id: int
    slot: int
    name: str
    email: str | None
    active: bool
    replacement_agreement: str | None = None
    replaced_on: str | None = None


@dataclass
class AdministrationStatus:
    id: int
    name: str
    type: str
    nis_code: str | None
    publishers: list[str]
    state: State
    form_filled: bool
    requested_on: str
    convention_signed: str | None
    invoice_date: str | None
    payment_date: str | None
    confirmation_date: str | None
    waiting_since: str | None
    cancelled_on: str | None
    cancel_reason: str | None
    refund_due: str | None
    notice_date: str | None
    notice_reason: str | None
    terminated_on: str | None
    participants: list[Participant] = field(default_factory=list)
    invoiced_incl_vat: str | None = None
    invoiced_excl_vat: str | None = None
    paid: str = "0.00"
    attendance: dict[str, float] = field(default_factory=dict)
    challenges: dict[str, dict[str, str]] = field(default_factory=dict)
    obligations: dict[str, dict[str, str]] = field(default_factory=dict)
    publications: list[dict[str, Any]] = field(default_factory=list)
    notice_deadline: str | None = None
    verdict: Verdict | None = None  # the last ``programme verify`` of this edition

    @property
    def active_participants(self) -> list[Participant]:
        return [p for p in self.participants if p.active]

    @property
    def hours_attended(self) -> float:
        return round(sum(self.attendance.values()), 2)

    def attendance_ratio(self, edition: Edition) -> float:
        return self.hours_attended / edition.total_hours if edition.total_hours else 0.0

    def published_in_window(self, edition: Edition) -> list[dict[str, Any]]:
        """Publications recorded from events whose date falls within the programme window."""
        found = []
        for pub in self.publications:
            try:
                day = date.fromisoformat(str(pub["published_at"])[:10])
            except ValueError:
                continue
            if edition.in_window(day):
                found.append(pub)
        return found

    def publication_obligation_met(self, edition: Edition) -> bool:
        """From the register: a publication recorded in the window, or the last ``programme verify`` said so."""
        return bool(self.published_in_window(edition)) or bool(self.verdict and self.verdict.met)

    def obligation_text(self, edition: Edition, lang: str = "fr") -> str:
        """« oui (vérifié le 2021-12-01) », « non (vérifié le …) », or « oui » / « non vérifié » without a verdict."""
        met = self.publication_obligation_met(edition)
        yes, no = ("yes", "no") if lang == "en" else ("oui", "non")
        if self.verdict is not None:
            checked = ("checked on " if lang == "en" else "vérifié le ") + self.verdict.day
            return f"{yes if met else no} ({checked})"
        if met:
            return f"{yes} ({'recorded publication' if lang == 'en' else 'publication enregistrée'})"
        return "not checked yet" if lang == "en" else "pas encore vérifiée"

    @property
    def names(self) -> list[str]:
        """The administration's name and the publisher names it uses on the portal."""
        return [self.name, *[p for p in self.publishers if normalise_name(p) != normalise_name(self.name)]]

    def to_dict(self, edition: Edition, *, include_personal: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "administration": self.name, "type": self.type, "nis_code": self.nis_code, "publishers": self.publishers,
            "state": self.state.code, "state_label": self.state.label, "form_filled": self.form_filled,
            "requested_on": self.requested_on,
            "convention_signed": self.convention_signed, "invoice_date": self.invoice_date,
            "invoiced_excl_vat": self.invoiced_excl_vat, "invoiced_incl_vat": self.invoiced_incl_vat, "paid": self.paid,
            "payment_date": self.payment_date, "confirmation_date": self.confirmation_date,
            "waiting_since": self.waiting_since, "cancelled_on": self.cancelled_on, "cancel_reason": self.cancel_reason,
            "refund_due": self.refund_due, "notice_date": self.notice_date, "notice_deadline": self.notice_deadline,
            "notice_reason": self.notice_reason, "terminated_on": self.terminated_on,
            "participants_count": len(self.active_participants),
            "hours_attended": self.hours_attended, "hours_total": edition.total_hours,
            "attendance_percent": round(100 * self.attendance_ratio(edition), 1),
            "attendance": self.attendance,
            "challenges_done": len(self.challenges), "challenges_total": len(edition.challenges),
            "challenges": self.challenges, "obligations": self.obligations, "publications": self.publications,
            "publication_obligation_met": self.publication_obligation_met(edition),
            "last_verdict": self.verdict.to_dict() if self.verdict else None,
        }
        if include_personal:
            data["participants"] = [
                {"slot": p.slot, "name": p.name, "email": p.email, "active": p.active,
                 "replacement_agreement": p.replacement_agreement, "replaced_on": p.replaced_on}
                for p in self.participants
            ]
        return data


def _status(ledger: Ledger, edition: Edition, row: sqlite3.Row) -> AdministrationStatus:
    adm_id = row["id"]
    status = AdministrationStatus(
        id=adm_id, name=row["name"], type=row["type"], nis_code=row["nis_code"],
        publishers=json.loads(row["publishers"]), state=State(row["state"]), form_filled=bool(row["form_filled"]),
        requested_on=row["requested_on"], convention_signed=row["convention_signed"], invoice_date=row["invoice_date"],
        payment_date=row["payment_date"], confirmation_date=row["confirmation_date"],
        waiting_since=row["waiting_since"], cancelled_on=row["cancelled_on"], cancel_reason=row["cancel_reason"],
        refund_due=row["refund_due"], notice_date=row["notice_date"], notice_reason=row["notice_reason"],
        terminated_on=row["terminated_on"],
    )
    if status.notice_date:
        status.notice_deadline = (date.fromisoformat(status.notice_date) + timedelta(days=edition.notice_days)).isoformat()
    status.participants = [
        Participant(r["id"], r["slot"], r["name"], r["email"], bool(r["active"]), r["replacement_agreement"], r["replaced_on"])
        for r in ledger.rows("SELECT * FROM participants WHERE administration_id = ? ORDER BY slot, id", (adm_id,))
    ]
    invoice = ledger.row("SELECT * FROM invoices WHERE administration_id = ? ORDER BY id DESC LIMIT 1", (adm_id,))
    if invoice is not None:
        status.invoiced_incl_vat = invoice["incl_vat"]
        status.invoiced_excl_vat = invoice["excl_vat"]
    status.paid = str(sum((Decimal(r["amount"]) for r in ledger.rows(
        "SELECT amount FROM payments WHERE administration_id = ?", (adm_id,))), Decimal("0.00")))
    status.attendance = {r["session"]: r["hours"] for r in ledger.rows(
        "SELECT session, hours FROM attendance WHERE administration_id = ?", (adm_id,))}
    status.challenges = {r["challenge"]: {"done_on": r["done_on"], "evidence_kind": r["evidence_kind"], "evidence": r["evidence"]}
                         for r in ledger.rows("SELECT * FROM challenges WHERE administration_id = ?", (adm_id,))}
    status.obligations = {r["obligation"]: {"done_on": r["done_on"], "evidence": r["evidence"]}
                          for r in ledger.rows("SELECT * FROM obligations WHERE administration_id = ?", (adm_id,))}
    status.publications = [
        {k: r[k] for k in ("dataset_id", "uid", "portal", "title", "records", "published_at")}
        for r in ledger.rows("SELECT * FROM publications WHERE administration_id = ? ORDER BY published_at", (adm_id,))
    ]
    status.verdict = last_verdict(ledger, adm_id, edition.id)
    return status


def all_statuses(ledger: Ledger, edition: Edition, *, states: tuple[str, ...] | None = None) -> list[AdministrationStatus]:
    rows = ledger.rows("SELECT * FROM administrations ORDER BY name COLLATE NOCASE")
    result = [_status(ledger, edition, r) for r in rows]
    return [s for s in result if states is None or s.state in states]


def find_row(ledger: Ledger, name: str) -> sqlite3.Row:
    """The administration called ``name`` (case-insensitive), or its NIS code; a clear error otherwise."""
    row = ledger.row("SELECT * FROM administrations WHERE name = ? COLLATE NOCASE OR nis_code = ?", (name.strip(), name.strip()))
    if row is None:
        row = ledger.row("SELECT * FROM administrations WHERE name_key = ?", (name_key(name),))
    if row is None:
        wanted = normalise_name(name)
        for candidate in ledger.rows("SELECT * FROM administrations"):
            if normalise_name(candidate["name"]) == wanted:
                return candidate
        raise InputError(
            f"L'administration « {name} » n'est pas dans le registre. Vérifiez l'orthographe avec "
            "« odwb-assist programme status », ou inscrivez-la avec « programme enrol ».",
            f"Administration '{name}' is not in the register. Check the spelling with "
            "'odwb-assist programme status', or enrol it with 'programme enrol'.",
        )
    return row


def status_of(ledger: Ledger, edition: Edition, name: str) -> AdministrationStatus:
    return _status(ledger, edition, find_row(ledger, name))


def match_administration(ledger: Ledger, *, nis_code: str | None, names: list[str]) -> sqlite3.Row | None:
    """The administration an event speaks of: by NIS code, else by name, else by publisher names."""
    if nis_code:
        row = ledger.row("SELECT * FROM administrations WHERE nis_code = ?", (nis_code,))
        if row is not None:
            return row
    wanted = {normalise_name(n) for n in names if n}
    if not wanted:
        return None
    rows = ledger.rows("SELECT * FROM administrations")
    for row in rows:
        if normalise_name(row["name"]) in wanted:
            return row
    for row in rows:
        if wanted & {normalise_name(p) for p in json.loads(row["publishers"])}:
            return row
    return None
