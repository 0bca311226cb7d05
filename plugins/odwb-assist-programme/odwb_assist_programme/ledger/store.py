"""The SQLite register: one file, every change in one transaction with its audit row.

``Ledger.open(path)`` creates the file (schema migrated to the latest version) or opens an existing
register; a file that is not a register, or one written by a newer version, is refused rather than
touched. Changes go through :meth:`Ledger.change`, a context manager that opens an immediate
transaction, lets the caller write, appends an audit row (what, when, by whom) and commits, or
rolls everything back on any exception.

Decisions read the register inside that transaction (``BEGIN IMMEDIATE`` takes the write lock before the
first read), so two commands racing on one file are serialised, never interleaved. A command that finds
the register locked waits at most 10 s (``ODWB_ASSIST_REGISTER_WAIT``), then stops with :class:`RegisterBusy` (exit 2).
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from odwb_assist.plugin import ConfigError

from .migrations import MIGRATIONS, Migration
from .transaction import Transaction

APPLICATION_ID = 0x0D3B7001  # marks the file as an odwb-assist programme register


def _wait_seconds() -> float:
    """How long a command waits for a register another command is writing (bounded; tests shorten it)."""
    try:
        value = float(os.environ.get("ODWB_ASSIST_REGISTER_WAIT", "10"))
    except ValueError:
        return 10.0
    return value if 0 <= value <= 120 else 10.0


class RegisterBusy(ConfigError):
    """Another command holds the register's write lock for longer than the bounded wait."""

    def __init__(self) -> None:
        super().__init__(
            "Le registre est utilisé par une autre commande : réessayez dans quelques secondes.",
            "The register is being used by another command: try again in a few seconds.",
        )


def is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


@contextmanager
def busy_as_error() -> Iterator[None]:
    """Turn SQLite's « database is locked » into the French :class:`RegisterBusy`."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise RegisterBusy() from exc
        raise


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "inconnu"


class Ledger:
    """An open register. Use :meth:`open`; close it (or use it as a context manager) when done."""

    def __init__(self, connection: sqlite3.Connection, path: Path, actor: str) -> None:
        self.connection = connection
        self.path = path
        self.actor = actor
        self._depth = 0

    @classmethod
    def open(cls, path: str | Path, *, actor: str | None = None, create: bool = True) -> Ledger:
        file = Path(path)
        if not file.exists() and not create:
            raise ConfigError(
                f"Le registre {file} n'existe pas. Créez-le avec « odwb-assist programme enrol » ou "
                "« programme import », ou indiquez le bon chemin avec --ledger.",
                f"Register {file} does not exist. Create it with 'odwb-assist programme enrol' or "
                "'programme import', or give the right path with --ledger.",
            )
        if file.exists() and file.is_dir():
            raise ConfigError(f"{file} est un dossier, pas un registre.", f"{file} is a folder, not a register.")
        existed = file.exists() and file.stat().st_size > 0
        if not existed:
            file.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(file, isolation_level=None, timeout=_wait_seconds())
        connection.row_factory = sqlite3.Row
        ledger = cls(connection, file, actor or default_actor())
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            ledger._check_and_migrate(existed)
        except sqlite3.DatabaseError as exc:
            connection.close()
            if is_busy(exc):
                raise RegisterBusy() from exc
            raise ConfigError(
                f"{file} n'est pas un registre du programme lisible (fichier SQLite illisible). Vérifiez le chemin "
                "donné à --ledger ; le fichier n'a pas été modifié.",
                f"{file} is not a readable programme register ({exc}). Check the path given to --ledger; the "
                "file was not changed.",
            ) from exc
        except ConfigError:
            connection.close()
            raise
        return ledger

    def _check_and_migrate(self, existed: bool) -> None:
        if self._identity() == (APPLICATION_ID, len(MIGRATIONS)):
            return  # up to date: no lock taken
        # Checked again under the write lock: another command may be creating or migrating this file now.
        with self.change("migrate", None) as db:
            app_id, version = self._identity()
            tables = self.connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
            if app_id != APPLICATION_ID and (version or tables):
                raise ConfigError(
                    f"{self.path} n'est pas un registre du programme « Ouvrir ma ville » : il n'a pas été modifié. "
                    "Indiquez un autre chemin avec --ledger.",
                    f"{self.path} is not an « Ouvrir ma ville » register: it was not changed. Give another path "
                    "with --ledger.",
                )
            if version > len(MIGRATIONS):
                raise ConfigError(
                    f"{self.path} a été écrit par une version plus récente du plugin (schéma {version}). Mettez à "
                    "jour odwb-assist-programme.",
                    f"{self.path} was written by a newer version of the plugin (schema {version}). Upgrade "
                    "odwb-assist-programme.",
                )
            applied: list[int] = []
            for number in range(version + 1, len(MIGRATIONS) + 1):
                outcome = _apply(db, MIGRATIONS[number - 1])
                db.execute(f"PRAGMA user_version = {number}")
                applied.append(number)
                if outcome:
                    db.details[f"schema_{number}"] = outcome
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.details["schema_version"] = applied[-1] if applied else version
            db.details["applied"] = applied

    def _identity(self) -> tuple[int, int]:
        app_id = self.connection.execute("PRAGMA application_id").fetchone()[0]
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        return int(app_id), int(version)

    @property
    def schema_version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def change(self, action: str, administration: str | None, details: dict[str, Any] | None = None) -> Iterator[Transaction]:
        """One transaction: the caller's writes plus one audit row; all or nothing. Nested calls
        become savepoints of the outer transaction, so that a batch (an import) is all or nothing too."""
        savepoint = f"odwb_{self._depth + 1}"
        if self._depth == 0:
            with busy_as_error():
                self.connection.execute("BEGIN IMMEDIATE")
        else:
            self.connection.execute(f"SAVEPOINT {savepoint}")
        self._depth += 1
        txn = Transaction(self.connection, administration, dict(details or {}))
        try:
            yield txn
            self.connection.execute(
                "INSERT INTO audit (at, actor, action, administration, details) VALUES (?, ?, ?, ?, ?)",
                (now_utc(), self.actor, action, txn.administration,
                 json.dumps(txn.details, ensure_ascii=False, default=str)),
            )
            if self._depth == 1:
                with busy_as_error():
                    self.connection.execute("COMMIT")
            else:
                self.connection.execute(f"RELEASE {savepoint}")
        except BaseException:
            if self.connection.in_transaction:
                if self._depth == 1:
                    self.connection.execute("ROLLBACK")
                else:
                    self.connection.execute(f"ROLLBACK TO {savepoint}")
                    self.connection.execute(f"RELEASE {savepoint}")
            raise
        finally:
            self._depth -= 1

    def rows(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with busy_as_error():
            return list(self.connection.execute(sql, params))

    def row(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Row | None:
        with busy_as_error():
            return self.connection.execute(sql, params).fetchone()

    def audit(self, administration: str | None = None) -> list[dict[str, Any]]:
        if administration is None:
            rows = self.rows("SELECT * FROM audit ORDER BY id")
        else:
            rows = self.rows("SELECT * FROM audit WHERE administration = ? COLLATE NOCASE ORDER BY id", (administration,))
        return [{**dict(r), "details": json.loads(r["details"])} for r in rows]

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ledger({str(self.path)!r})"


def _apply(db: Transaction, migration: Migration) -> dict[str, Any] | None:
    if isinstance(migration, str):
        db.executescript_in_txn(migration)
        return None
    return migration(db)
