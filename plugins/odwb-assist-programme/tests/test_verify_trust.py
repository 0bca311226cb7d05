"""``verify`` cannot be fooled by what a dataset's owner writes: platform timestamps date a dataset,
a publisher-name match is « à confirmer » until staff decide, and the decision is kept."""

from __future__ import annotations

import pytest
from odwb_assist_programme.api import Programme
from programme_fake_portal import FakeCatalog, dataset
from programme_helpers import confirm

from odwb_assist.core.errors import OdwbError


def _catalog() -> FakeCatalog:
    return FakeCatalog([
        # another user's dataset, back-dated: « modified » in the window, processed by the portal in 2026
        dataset("ciney-antidate", "Ville de Ciney", "2021-06-01T00:00:00+00:00", processed="2026-01-05T08:00:00+00:00"),
        # published in the window, under the administration's publisher name, not recorded by its client
        dataset("namur-arbres", "Ville de Namur", "2021-06-15T10:00:00+00:00"),
        dataset("namur-faux", "Ville de Namur - Mobilité", "2021-07-15T10:00:00+00:00"),
    ])


def test_a_back_dated_dataset_does_not_meet_the_obligation(prog: Programme) -> None:
    confirm(prog, "Ville de Ciney")
    report = prog.verify("http://portal.test", client=_catalog())
    ciney = report.entries[0]
    assert not ciney.obligation_met and not ciney.pending
    [other] = ciney.other_datasets
    assert (other.dataset_id, other.when, other.published[:10], other.claimed[:10]) == (
        "ciney-antidate", "after", "2026-01-05", "2021-06-01")
    assert report.missing == ["Ville de Ciney"]


def test_publisher_matches_wait_for_staff_and_decisions_are_kept(prog: Programme) -> None:
    confirm(prog, "Ville de Namur")
    report = prog.verify("http://portal.test", client=_catalog())
    namur = report.entries[0]
    assert not namur.obligation_met  # ✘ stays ✘ until staff look
    assert sorted(d.dataset_id for d in namur.pending) == ["namur-arbres", "namur-faux"]
    evidence = next(d for d in namur.pending if d.dataset_id == "namur-faux").evidence("fr")
    assert "éditeur « Ville de Namur - Mobilité »" in evidence and "date du portail 2021-07-15" in evidence
    assert report.to_dict()["administrations"][0]["to_confirm"]

    prog.reject_dataset("Ville de Namur", "namur-faux", "pas à eux : le service Mobilité est une ASBL")
    report = prog.verify("http://portal.test", client=_catalog())
    namur = report.entries[0]
    assert not namur.obligation_met and [d.dataset_id for d in namur.pending] == ["namur-arbres"]

    prog.confirm_dataset("Ville de Namur", "namur-arbres", "courriel de l'échevin du 2 juillet")
    report = prog.verify("http://portal.test", client=_catalog())
    namur = report.entries[0]
    assert namur.obligation_met and not namur.pending
    assert [(d.dataset_id, d.decision) for d in namur.datasets] == [("namur-arbres", "confirmed")]
    assert prog.status("Ville de Namur")[0].publication_obligation_met(prog.edition)  # the verdict kept
    actions = [a["action"] for a in prog.audit("Ville de Namur")]
    assert "attribution-rejected" in actions and "attribution-confirmed" in actions
    # a decision can be changed, and the last one counts
    prog.reject_dataset("Ville de Namur", "namur-arbres")
    assert not prog.verify("http://portal.test", client=_catalog()).entries[0].obligation_met


def test_recorded_publications_need_no_confirmation(prog: Programme) -> None:
    from odwb_assist_programme.challenges import record_publication

    confirm(prog, "Ville de Namur")
    record_publication(prog.ledger, prog.edition, "Ville de Namur", {"dataset_id": "namur-arbres"},
                       "2021-06-15T10:00:00+00:00")
    namur = prog.verify("http://portal.test", client=_catalog()).entries[0]
    assert [(d.dataset_id, d.decision) for d in namur.datasets] == [("namur-arbres", "recorded")]
    assert [d.dataset_id for d in namur.pending] == ["namur-faux"]


def test_decisions_on_unknown_administrations_are_refused(prog: Programme) -> None:
    with pytest.raises(OdwbError, match="n'est pas dans le registre"):
        prog.confirm_dataset("Ville de Nulle-Part", "x")


def test_request_count_stays_bounded_with_confirmations(prog: Programme) -> None:
    rows = [dataset(f"jeu-{i:03d}", f"Administration n° {i:03d}", f"2021-0{5 + i % 4}-10") for i in range(300)]
    with prog.ledger.change("test", None) as db:
        for i in range(300):
            db.execute("INSERT INTO administrations (name, name_key, state, requested_on, created_at)"
                       " VALUES (?, ?, 'confirmed', '2021-03-01', '')", (f"Administration n° {i:03d}", f"adm {i}"))
    for i in range(0, 300, 10):
        prog.confirm_dataset(f"Administration n° {i:03d}", f"jeu-{i:03d}")
    report = prog.verify("http://portal.test", client=FakeCatalog(rows))
    assert report.requests <= 5
    assert len(report.entries) - len(report.missing) == 30 and not report.unfound
