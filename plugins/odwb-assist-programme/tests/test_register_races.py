"""The register under concurrency: real processes (forked, not threads) racing on one SQLite file.

Each race runs 50 trials on a fresh register; every worker waits on a barrier so that the commands
start together, and reports back either ``ok`` or the French message of a clean refusal. Anything
else (a traceback, ``database is locked``, ``IntegrityError``) fails the test.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from odwb_assist_programme.api import Programme

from odwb_assist.cli.main import main
from odwb_assist.core.errors import OdwbError

TRIALS = 50
FORK = multiprocessing.get_context("fork")


def _worker(path: str, action: str, arg: str, barrier: Any, results: Any) -> None:
    try:
        with Programme.open(Path(path), actor=f"p-{action}") as prog:
            barrier.wait(timeout=10)
            if action == "pay":
                prog.pay(arg, "2021-04-20")
            elif action == "cancel":
                prog.cancel(arg, "2021-04-20", reason="plafond dépassé")
            elif action == "enrol":
                prog.enrol(arg, type="commune", requested_on="2021-03-01")
        results.put(("ok", action))
    except OdwbError as exc:
        results.put(("refused", exc.message("fr")))
    except BaseException as exc:  # reported to the test, which fails on it
        results.put(("crash", f"{type(exc).__name__}: {exc}"))


def _race(path: Path, jobs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    barrier = FORK.Barrier(len(jobs))
    results = FORK.Queue()
    procs = [FORK.Process(target=_worker, args=(str(path), action, arg, barrier, results)) for action, arg in jobs]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=30) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert [o for o in outcomes if o[0] == "crash"] == []
    return outcomes


def _invoiced(path: Path, name: str = "Ville de Ciney") -> None:
    with Programme.open(path, actor="setup") as prog:
        prog.enrol(name, type="commune", participants=[("Anne", "anne@example.be")], requested_on="2021-03-01")
        prog.sign(name, "2021-03-10")
        prog.invoice(name, "2021-03-15")


def _rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(path)
    try:
        return list(con.execute(sql))
    finally:
        con.close()


def _trials(tmp_path: Path, check: Callable[[Path, int], None]) -> None:
    for trial in range(TRIALS):
        check(tmp_path / f"r{trial}.sqlite", trial)


def test_two_payments_at_once_record_one(tmp_path: Path) -> None:
    def trial(path: Path, _: int) -> None:
        _invoiced(path)
        outcomes = _race(path, [("pay", "Ville de Ciney"), ("pay", "Ville de Ciney")])
        assert sorted(o[0] for o in outcomes) == ["ok", "refused"]
        assert any("déjà payée" in o[1] for o in outcomes if o[0] == "refused")
        assert _rows(path, "SELECT COUNT(*) FROM payments") == [(1,)]
        assert _rows(path, "SELECT state FROM administrations") == [("confirmed",)]

    _trials(tmp_path, trial)


def test_pay_racing_cancel_ends_consistent(tmp_path: Path) -> None:
    orders = set()

    def trial(path: Path, _: int) -> None:
        _invoiced(path)
        outcomes = _race(path, [("pay", "Ville de Ciney"), ("cancel", "Ville de Ciney")])
        assert [o[0] for o in outcomes] == ["ok", "ok"]
        # whichever came first: cancelled, the payment kept, its refund due within 15 days (art. 4)
        assert _rows(path, "SELECT state, refund_due FROM administrations") == [("cancelled", "2021-05-05")]
        assert _rows(path, "SELECT COUNT(*) FROM payments") == [(1,)]
        actions = [a for (a,) in _rows(path, "SELECT action FROM audit WHERE action IN ('payment', 'cancel') ORDER BY id")]
        assert sorted(actions) == ["cancel", "payment"]
        orders.add(tuple(actions))

    _trials(tmp_path, trial)
    assert orders  # both orders are consistent; which ones happened depends on the scheduler


SPELLINGS = ["Ville de Liège", "ville de liege", "  VILLE DE   LIÈGE ", "Liège"]


def test_four_spellings_enrolled_at_once_make_one_row(tmp_path: Path) -> None:
    def trial(path: Path, _: int) -> None:
        Programme.open(path, actor="setup").close()
        outcomes = _race(path, [("enrol", s) for s in SPELLINGS])
        assert sorted(o[0] for o in outcomes) == ["ok", "refused", "refused", "refused"]
        for kind, message in outcomes:
            if kind == "refused":
                assert "déjà dans le registre" in message
                assert "IntegrityError" not in message and "locked" not in message
        assert _rows(path, "SELECT COUNT(*) FROM administrations") == [(1,)]

    _trials(tmp_path, trial)


def test_unique_index_refuses_a_second_spelling(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    with Programme.open(path, actor="t") as prog:
        prog.enrol("Commune de Liège", type="commune")
        with pytest.raises(OdwbError, match="sous le nom « Commune de Liège »"):
            prog.enrol("Ville de LIEGE", type="commune")
        assert prog.status("Liège")[0].name == "Commune de Liège"  # found by its normalised name
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError):  # even a raw insert cannot bypass it
        con.execute("INSERT INTO administrations (name, name_key, requested_on, created_at) VALUES ('x', 'liege', '', '')")
    con.close()


def test_migration_keeps_existing_duplicates_and_lists_them(tmp_path: Path) -> None:
    from odwb_assist_programme.ledger.migrations import MIGRATIONS

    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:2]:
        assert isinstance(script, str)
        for statement in script.split(";"):
            if statement.strip():
                con.execute(statement)
    con.execute("PRAGMA user_version = 2")
    con.execute(f"PRAGMA application_id = {0x0D3B7001}")
    for name in ("Ville de Liège", "Liège", "Namur"):
        con.execute("INSERT INTO administrations (name, requested_on, created_at) VALUES (?, '2021-03-01', '')", (name,))
    con.close()
    with Programme.open(path, actor="t") as prog:
        assert prog.ledger.schema_version == 4
        assert len(prog.status()) == 3  # nothing deleted
        migrate = [a for a in prog.ledger.audit() if a["action"] == "migrate"][-1]
        assert migrate["details"]["schema_3"]["duplicates"] == [{"name": "Liège", "same_as": "Ville de Liège"}]
        with pytest.raises(OdwbError, match="déjà dans le registre"):
            prog.enrol("LIEGE", type="commune")


def test_pay_on_cancelled_records_refund_due_and_terminated_refuses(tmp_path: Path) -> None:
    with Programme.open(tmp_path / "p.sqlite", actor="t") as prog:
        for name in ("Ville de Ciney", "Ville de Namur"):
            prog.enrol(name, type="commune", participants=[("Anne", None)], requested_on="2021-03-01")
            prog.sign(name, "2021-03-10")
            prog.invoice(name, "2021-03-15")
        status = prog.cancel("Ville de Ciney", "2021-04-01", reason="plafond")
        assert status.refund_due is None  # nothing paid yet
        status = prog.pay("Ville de Ciney", "2021-04-10")
        assert (status.state, status.paid, status.refund_due) == ("cancelled", "302.50", "2021-04-25")
        prog.pay("Ville de Namur", "2021-04-02", amount="100")
        prog.notice("Ville de Namur", "2021-05-01")
        prog.terminate("Ville de Namur", "2021-05-20")
        with pytest.raises(OdwbError, match="résiliée"):
            prog.pay("Ville de Namur", "2021-05-21")
        assert prog.status("Ville de Namur")[0].paid == "100.00"


def test_busy_register_gives_a_french_message_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.sqlite"
    _invoiced(path)
    monkeypatch.setenv("ODWB_ASSIST_REGISTER_WAIT", "0.2")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another command is writing
    try:
        code = main(["programme", "pay", "Ville de Ciney", "--on", "2021-04-20", "--ledger", str(path)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    out, err = capsys.readouterr()
    assert code == 2
    assert "Le registre est utilisé par une autre commande : réessayez dans quelques secondes" in out + err
    for word in ("Erreur interne", "database is locked", "Traceback"):
        assert word not in out + err
    assert _rows(path, "SELECT COUNT(*) FROM payments") == [(0,)]
