"""Writing a verification's verdicts into the register (one audited transaction).

Above both :mod:`.verify` (which makes the report) and :mod:`.verdicts` (which reads verdicts back).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .ledger import Ledger

if TYPE_CHECKING:
    from .verify_report import VerifyReport


def record_verdicts(ledger: Ledger, report: VerifyReport) -> None:
    """One row per administration checked, in one audited transaction."""
    ids = {row["name"].casefold(): row["id"] for row in ledger.rows("SELECT id, name FROM administrations")}
    with ledger.change("verify", None, {"portal": report.portal, "edition": report.edition,
                                        "met": len(report.entries) - len(report.missing),
                                        "administrations": len(report.entries)}) as db:
        for entry in report.entries:
            adm_id = ids.get(entry.administration.casefold())
            if adm_id is None:
                continue
            db.execute(
                "INSERT INTO verdicts (administration_id, checked_at, portal, edition, met, datasets, other_datasets,"
                " publishers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (adm_id, report.checked_at, report.portal, report.edition, int(entry.obligation_met),
                 json.dumps([d.to_dict() for d in entry.datasets], ensure_ascii=False),
                 json.dumps([d.to_dict() for d in entry.other_datasets], ensure_ascii=False),
                 json.dumps([m.to_dict() for m in entry.matches], ensure_ascii=False)))
