from __future__ import annotations

from decimal import Decimal

import pytest
from odwb_assist_programme.api import Programme
from odwb_assist_programme.edition import load_edition
from odwb_assist_programme.fees import quote
from odwb_assist_programme.ledger import Ledger
from programme_helpers import confirm

from odwb_assist.core.errors import ConfigError, InputError


def test_edition_holds_the_convention() -> None:
    edition = load_edition()
    assert len({s.number for s in edition.sessions}) == 11
    assert [s.key for s in edition.sessions if s.number == 5] == ["5a", "5b"]
    assert [s.minutes for s in edition.sessions if s.number == 5] == [90, 120]
    assert edition.total_hours == pytest.approx(38.5)
    assert len(edition.challenges) == 10
    assert edition.challenge("publication").after_session == 9
    assert edition.cap == 30 and edition.refund_days == 15 and edition.notice_days == 8
    assert (edition.start.isoformat(), edition.end.isoformat()) == ("2021-05-01", "2021-11-30")


def test_fees_follow_article_3() -> None:
    edition = load_edition()
    one, two, three = quote(edition, 1), quote(edition, 2), quote(edition, 3)
    assert (one.excl_vat, one.incl_vat) == (Decimal("250.00"), Decimal("302.50"))
    assert (two.excl_vat, two.incl_vat) == (Decimal("400.00"), Decimal("484.00"))
    assert (three.excl_vat, three.vat, three.incl_vat) == (Decimal("600.00"), Decimal("126.00"), Decimal("726.00"))
    assert three.programme_value == Decimal("6000.00")
    with pytest.raises(InputError):
        quote(edition, 4)


def test_32_requests_give_30_confirmed_2_waiting_and_refund_dates(prog: Programme) -> None:
    for i in range(32):
        name = f"Commune {i:02d}"
        prog.enrol(name, type="commune", participants=[(f"P{j}", None) for j in range(1 + i % 3)], requested_on="2021-03-01")
        prog.sign(name, "2021-03-05")
        amount = prog.invoice(name, "2021-03-10")
        assert amount.incl_vat == {0: Decimal("302.50"), 1: Decimal("484.00"), 2: Decimal("726.00")}[i % 3]
    for i in range(32):  # payments arrive in order: the cap is reached between invoice and payment for the last two
        prog.pay(f"Commune {i:02d}", f"2021-04-{1 + i % 28:02d}" if i < 28 else f"2021-04-{i - 1:02d}")
    states = [s.state for s in prog.status()]
    assert states.count("confirmed") == 30
    assert states.count("waiting_list") == 2
    waiting = [s for s in prog.status() if s.state == "waiting_list"]
    assert [s.name for s in waiting] == ["Commune 30", "Commune 31"]
    assert all(s.payment_date for s in waiting)
    # the organiser cancels them (art. 4): refund due within 15 days
    cancelled = prog.cancel("Commune 30", "2021-05-03", reason="nombre limite dépassé")
    assert cancelled.state == "cancelled" and cancelled.refund_due == "2021-05-18"
    assert prog.cancel("Commune 31", "2021-05-20").refund_due == "2021-06-04"
    confirmed = [s for s in prog.status() if s.state == "confirmed"]
    assert {s.invoiced_incl_vat for s in confirmed} == {"302.50", "484.00", "726.00"}
    assert prog.status("Commune 02")[0].paid == "726.00"


def test_a_freed_place_goes_to_the_waiting_list(tmp_path) -> None:  # type: ignore[no-untyped-def]
    edition_file = tmp_path / "small.toml"
    text = load_edition.__globals__["resources"].files("odwb_assist_programme").joinpath(
        "editions/ouvrir-ma-ville-2021.toml").read_text(encoding="utf-8")
    edition_file.write_text(text.replace("cap = 30", "cap = 1"), encoding="utf-8")
    with Programme.open(tmp_path / "p.sqlite", edition_file) as prog:
        confirm(prog, "A")
        confirm(prog, "B", paid_on="2021-04-22")
        assert [s.state for s in prog.status()] == ["confirmed", "waiting_list"]
        prog.notice("A", "2021-06-01", reason="absent")
        with pytest.raises(InputError, match="2021-06-10"):
            prog.terminate("A", "2021-06-09")
        assert prog.terminate("A", "2021-06-10").state == "terminated"
        assert prog.status("B")[0].state == "confirmed"
        assert prog.status("B")[0].confirmation_date == "2021-06-10"


def test_unpaid_or_partial_payment_is_not_confirmed(prog: Programme) -> None:
    prog.enrol("Ville de Ciney", type="commune", nis_code="91030", participants=[("A", None), ("B", None), ("C", None)])
    with pytest.raises(InputError, match="convention"):
        prog.invoice("Ville de Ciney")
    prog.sign("Ville de Ciney", "2021-03-01")
    with pytest.raises(InputError, match="facture"):
        prog.pay("Ville de Ciney")
    prog.invoice("Ville de Ciney", "2021-03-02")
    assert prog.pay("Ville de Ciney", "2021-03-20", "300").state == "invoiced"
    status = prog.pay("Ville de Ciney", "2021-03-25")  # the rest of the invoice
    assert status.state == "confirmed" and status.confirmation_date == "2021-03-25" and status.paid == "726.00"
    with pytest.raises(InputError, match="déjà payée"):
        prog.pay("Ville de Ciney")


def test_register_refuses_duplicates_and_replacements_need_agreement(prog: Programme) -> None:
    confirm(prog, "CPAS de Namur", participants=2)
    with pytest.raises(InputError, match="déjà"):
        prog.enrol("cpas de namur")
    with pytest.raises(InputError, match="accord"):
        prog.replace_participant("CPAS de Namur", "1", "Nouvelle Personne", agreement=" ")
    status = prog.replace_participant("CPAS de Namur", "1", "Nouvelle Personne", agreement="courriel du 3 mai", on="2021-05-04")
    assert [p.name for p in status.active_participants] == ["Nouvelle Personne", "Personne 2 CPAS de Namur"]
    gone = [p for p in status.participants if not p.active][0]
    assert gone.replacement_agreement == "courriel du 3 mai"
    actions = [a["action"] for a in prog.audit("CPAS de Namur")]
    assert actions == ["enrol", "convention-signed", "invoice", "payment", "participant-replaced"]
    assert all(a["actor"] == "test" and a["at"] for a in prog.audit())


def test_attendance_challenges_and_obligations(prog: Programme) -> None:
    confirm(prog, "Ville de Ciney")
    prog.attendance("Ville de Ciney", 1)
    prog.attendance("Ville de Ciney", "5a")
    status = prog.attendance("Ville de Ciney", "5b", hours=1)
    assert status.hours_attended == pytest.approx(3.5 + 1.5 + 1)
    assert status.to_dict(prog.edition)["attendance_percent"] == pytest.approx(15.6)
    with pytest.raises(ConfigError):
        prog.attendance("Ville de Ciney", "12")
    status = prog.challenge_done("Ville de Ciney", "thematique", "https://example.be/theme")
    assert status.challenges["thematique"]["evidence_kind"] == "link"
    status = prog.obligation_done("Ville de Ciney", "charte", "signée le 3 mai")
    assert "charte" in status.obligations


def test_ledger_refuses_a_foreign_file_and_leaves_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.sqlite"
    import sqlite3

    con = sqlite3.connect(other)
    con.execute("CREATE TABLE x (a)")
    con.commit()
    con.close()
    before = other.read_bytes()
    with pytest.raises(ConfigError, match="pas un registre"):
        Ledger.open(other)
    assert other.read_bytes() == before
    text = tmp_path / "notes.sqlite"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(ConfigError):
        Ledger.open(text)
    assert text.read_text(encoding="utf-8") == "hello"


def test_schema_is_versioned(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Ledger.open(tmp_path / "p.sqlite") as ledger:
        assert ledger.schema_version == 4
        audit = ledger.audit()
        assert [a["action"] for a in audit] == ["migrate"]
        assert audit[0]["details"]["applied"] == [1, 2, 3, 4]
    with Ledger.open(tmp_path / "p.sqlite") as ledger:  # reopening migrates nothing
        assert len(ledger.audit()) == 1
