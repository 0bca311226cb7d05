"""The SQLite register: one file, every change in one transaction with its audit row.

``Ledger.open(path)`` creates the file (schema migrated to the latest version) or opens an existing
register; a file that is not a register, or one written by a newer version, is refused rather than
touched. Changes go through :meth:`Ledger.change`, a context manager that opens an immediate
transaction, lets the caller write, appends an audit row (what, when, by whom) and commits, or
rolls everything back on any exception.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from odwb_assist.errors import ConfigError

from .migrations import MIGRATIONS

APPLICATION_ID = 0x0D3B7001  # marks the file as an odwb-assist programme register


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
        connection = sqlite3.connect(file, isolation_level=None, timeout=10)
        connection.row_factory = sqlite3.Row
        ledger = cls(connection, file, actor or default_actor())
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            ledger._check_and_migrate(existed)
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise ConfigError(
                f"{file} n'est pas un registre du programme lisible ({exc}). Vérifiez le chemin donné à --ledger ; "
                "le fichier n'a pas été modifié.",
                f"{file} is not a readable programme register ({exc}). Check the path given to --ledger; the "
                "file was not changed.",
            ) from exc
        except ConfigError:
            connection.close()
            raise
        return ledger

    def _check_and_migrate(self, existed: bool) -> None:
        app_id = self.connection.execute("PRAGMA application_id").fetchone()[0]
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        if existed and app_id != APPLICATION_ID:
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
        for number in range(version + 1, len(MIGRATIONS) + 1):
            with self.change("migrate", None, {"schema_version": number}) as db:
                db.executescript_in_txn(MIGRATIONS[number - 1])
                db.execute(f"PRAGMA user_version = {number}")
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    @property
    def schema_version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def change(self, action: str, administration: str | None, details: dict[str, Any] | None = None) -> Iterator[Transaction]:
        """One transaction: the caller's writes plus one audit row; all or nothing. Nested calls
        become savepoints of the outer transaction, so that a batch (an import) is all or nothing too."""
        self._depth += 1
        savepoint = f"odwb_{self._depth}"
        if self._depth == 1:
            self.connection.execute("BEGIN IMMEDIATE")
        else:
            self.connection.execute(f"SAVEPOINT {savepoint}")
        txn = Transaction(self.connection)
        try:
            yield txn
            self.connection.execute(
                "INSERT INTO audit (at, actor, action, administration, details) VALUES (?, ?, ?, ?, ?)",
                (now_utc(), self.actor, action, administration, json.dumps(details or {}, ensure_ascii=False, default=str)),
            )
        except BaseException:
            if self._depth == 1:
                self.connection.execute("ROLLBACK")
            else:
                self.connection.execute(f"ROLLBACK TO {savepoint}")
                self.connection.execute(f"RELEASE {savepoint}")
            raise
        else:
            self.connection.execute("COMMIT" if self._depth == 1 else f"RELEASE {savepoint}")
        finally:
            self._depth -= 1

    def rows(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return list(self.connection.execute(sql, params))

    def row(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Row | None:
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


class Transaction:
    """The writes allowed inside :meth:`Ledger.change` (statement by statement, inside the open transaction)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, params)

    def executescript_in_txn(self, script: str) -> None:
        # executescript() would COMMIT first; split on ';' instead (the migrations hold no ';' in literals)
        for statement in script.split(";"):
            if statement.strip():
                self.connection.execute(statement)
