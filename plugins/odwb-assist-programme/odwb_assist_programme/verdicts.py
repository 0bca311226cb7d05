"""The verdicts of ``programme verify``, kept in the register so that ``status``, ``dashboard`` and
``export`` show the last one with its date, offline."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .ledger import Ledger


@dataclass(frozen=True)
class Verdict:
    """The last check of one administration's publication obligation on a portal."""

    checked_at: str
    portal: str
    edition: str
    met: bool
    datasets: list[dict[str, Any]] = field(default_factory=list)
    other_datasets: list[dict[str, Any]] = field(default_factory=list)
    publishers: list[dict[str, str]] = field(default_factory=list)

    @property
    def day(self) -> str:
        return self.checked_at[:10]

    def to_dict(self) -> dict[str, Any]:
        return {"checked_at": self.checked_at, "portal": self.portal, "edition": self.edition, "met": self.met,
                "datasets": self.datasets, "other_datasets": self.other_datasets, "publishers": self.publishers}


def last_verdict(ledger: Ledger, administration_id: int, edition: str) -> Verdict | None:
    row = ledger.row("SELECT * FROM verdicts WHERE administration_id = ? AND edition = ? ORDER BY id DESC LIMIT 1",
                     (administration_id, edition))
    if row is None:
        return None
    return Verdict(row["checked_at"], row["portal"], row["edition"], bool(row["met"]), json.loads(row["datasets"]),
                   json.loads(row["other_datasets"]), json.loads(row["publishers"]))
