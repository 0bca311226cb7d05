"""The writes a change of the register may make, inside its open transaction (migrations and decisions alike).

Below both :mod:`.store` (which opens the transaction) and :mod:`.migrations` (which write through it).
"""

from __future__ import annotations

import sqlite3
from typing import Any


class Transaction:
    """The writes allowed inside :meth:`Ledger.change` (statement by statement, inside the open transaction).
    ``administration`` and ``details`` go to the audit row; a decision may set them once it has read the register."""

    def __init__(self, connection: sqlite3.Connection, administration: str | None = None,
                 details: dict[str, Any] | None = None) -> None:
        self.connection = connection
        self.administration = administration
        self.details: dict[str, Any] = details if details is not None else {}

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, params)

    def executescript_in_txn(self, script: str) -> None:
        # executescript() would COMMIT first; split on ';' instead (the migrations hold no ';' in literals)
        for statement in script.split(";"):
            if statement.strip():
                self.connection.execute(statement)
