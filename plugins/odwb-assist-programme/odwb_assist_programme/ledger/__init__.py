"""The programme register (SQLite, migrations, audit trail)."""

from .store import Ledger

__all__ = ["Ledger"]
