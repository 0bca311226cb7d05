"""The register's schema, versioned: migration *n* takes ``PRAGMA user_version`` from n-1 to n.

Never edit a released migration: append a new one. Pending migrations run in one transaction, under
the write lock, with an audit row. A migration is SQL, or a function of the open transaction when rows
must be computed in Python (it returns what the audit row should remember).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from odwb_assist.plugin import fold, strip_prefix

if TYPE_CHECKING:
    from .transaction import Transaction

Migration = str | Callable[["Transaction"], "dict[str, Any] | None"]


def name_key(name: str) -> str:
    """The key two spellings of one administration share: case, accents, spaces and the commune
    prefix (« Ville de », « Commune de », « Administration communale de ») ignored."""
    return strip_prefix(fold(name))


def _unique_names(db: Transaction) -> dict[str, Any] | None:
    """3: one administration per normalised name, enforced by a unique index. Rows already sharing a
    key are kept (nothing is deleted): the oldest keeps the key, the others get ``key#id`` and are
    listed in the audit row for staff to merge or cancel."""
    db.execute("ALTER TABLE administrations ADD COLUMN name_key TEXT")
    seen: dict[str, str] = {}
    duplicates: list[dict[str, str]] = []
    for row in db.execute("SELECT id, name FROM administrations ORDER BY id").fetchall():
        key = name_key(row[1])
        if key in seen:
            duplicates.append({"name": row[1], "same_as": seen[key]})
            key = f"{key}#{row[0]}"
        else:
            seen[key] = row[1]
        db.execute("UPDATE administrations SET name_key = ? WHERE id = ?", (key, row[0]))
    db.execute("CREATE UNIQUE INDEX administrations_name_key ON administrations (name_key)")
    return {"duplicates": duplicates} if duplicates else None


MIGRATIONS: tuple[Migration, ...] = (
    # 1: the first schema
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE administrations (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        type TEXT NOT NULL DEFAULT 'autre',
        nis_code TEXT,
        publishers TEXT NOT NULL DEFAULT '[]',
        state TEXT NOT NULL DEFAULT 'requested',
        form_filled INTEGER NOT NULL DEFAULT 1,
        requested_on TEXT NOT NULL,
        convention_signed TEXT,
        invoice_date TEXT,
        payment_date TEXT,
        confirmation_date TEXT,
        waiting_since TEXT,
        cancelled_on TEXT,
        cancel_reason TEXT,
        refund_due TEXT,
        notice_date TEXT,
        notice_reason TEXT,
        terminated_on TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE participants (
        id INTEGER PRIMARY KEY,
        administration_id INTEGER NOT NULL REFERENCES administrations(id),
        slot INTEGER NOT NULL,
        name TEXT NOT NULL,
        email TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        replaced_by INTEGER REFERENCES participants(id),
        replacement_agreement TEXT,
        replaced_on TEXT
    );
    CREATE TABLE invoices (
        id INTEGER PRIMARY KEY,
        administration_id INTEGER NOT NULL REFERENCES administrations(id),
        issued_on TEXT NOT NULL,
        participants INTEGER NOT NULL,
        excl_vat TEXT NOT NULL,
        vat TEXT NOT NULL,
        incl_vat TEXT NOT NULL
    );
    CREATE TABLE payments (
        id INTEGER PRIMARY KEY,
        administration_id INTEGER NOT NULL REFERENCES administrations(id),
        received_on TEXT NOT NULL,
        amount TEXT NOT NULL
    );
    CREATE TABLE attendance (
        administration_id INTEGER NOT NULL REFERENCES administrations(id),
        session TEXT NOT NULL,
        participants INTEGER NOT NULL DEFAULT 1,
        hours REAL NOT NULL,
        PRIMARY KEY (administration_id, session)
    );
    CREATE TABLE challenges (
        administration_id INTEGER NOT NULL REFERENCES administrations(id),
        challenge TEXT NOT NULL,
        done_on TEXT NOT NULL,
        evidence_kind TEXT NOT NULL,
        evidence TEXT NOT NULL,
        PRIMARY KEY (administration_id, challenge)
    );
    CREATE TABLE obligations (
        administration_id INTEGER NOT NULL REFERENCES administrations(id),
        obligation TEXT NOT NULL,
        done_on TEXT NOT NULL,
        evidence TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (administration_id, obligation)
    );
    CREATE TABLE publications (
        administration_id INTEGER NOT NULL REFERENCES administrations(id),
        dataset_id TEXT NOT NULL,
        uid TEXT,
        portal TEXT,
        title TEXT,
        records INTEGER,
        published_at TEXT NOT NULL,
        PRIMARY KEY (administration_id, dataset_id)
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        administration TEXT,
        details TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 2: the verdicts of ``programme verify`` (one row per administration per run; the last one counts)
    """
    CREATE TABLE verdicts (
        id INTEGER PRIMARY KEY,
        administration_id INTEGER NOT NULL REFERENCES administrations(id),
        checked_at TEXT NOT NULL,
        portal TEXT NOT NULL,
        edition TEXT NOT NULL,
        met INTEGER NOT NULL,
        datasets TEXT NOT NULL DEFAULT '[]',
        other_datasets TEXT NOT NULL DEFAULT '[]',
        publishers TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX verdicts_by_administration ON verdicts (administration_id, id)
    """,
    _unique_names,
    # 4: staff decisions on datasets matched only by publisher name or NIS code (« à confirmer » in verify)
    """
    CREATE TABLE attributions (
        administration_id INTEGER NOT NULL REFERENCES administrations(id),
        dataset_id TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
        decided_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (administration_id, dataset_id)
    )
    """,
)
