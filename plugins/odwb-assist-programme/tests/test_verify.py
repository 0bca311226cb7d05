from __future__ import annotations

import pytest
from odwb_assist_programme.api import Programme
from odwb_assist_programme.edition import load_edition
from odwb_assist_programme.verify_queries import chunk_values, odsql_string, plan_queries, window_clause
from programme_fake_portal import FakeCatalog, compile_where, dataset
from programme_helpers import confirm


def _catalog() -> FakeCatalog:
    return FakeCatalog([
        dataset("ciney-parkings", "Ville de Ciney", "2021-06-15T10:00:00+00:00"),
        dataset("ciney-old", "Ville de Ciney", "2020-02-01T10:00:00+00:00"),
        dataset("namur-arbres", "Ville de Namur", "2021-12-02T08:00:00+00:00"),  # after the window
        dataset("cpas-horaires", "CPAS d'Arlon", "2021-11-30T23:00:00+00:00"),  # last day
        dataset("spw-routes", "SPW", "2021-07-01T00:00:00+00:00"),  # not enrolled
        dataset("liege-velo", "Province de Liège", "2021-05-01T00:00:00+00:00"),
    ])


def _enrol_five(prog: Programme) -> None:
    confirm(prog, "Ville de Ciney", nis="91030")
    confirm(prog, "Ville de Namur", nis="92094")
    confirm(prog, "CPAS d'Arlon")
    confirm(prog, "Province de Liège (Services)", publishers=("province de liege",))
    confirm(prog, "Commune de Gesves", nis="91059")


def test_verify_reports_exactly_who_published_in_the_window(prog: Programme) -> None:
    _enrol_five(prog)
    prog.enrol("Commune en attente")  # not confirmed: not verified
    catalog = _catalog()
    report = prog.verify("http://portal.test", client=catalog)
    met = {e.administration: e.found for e in report.entries}  # counted or « à confirmer »
    assert met == {"CPAS d'Arlon": True, "Commune de Gesves": False, "Province de Liège (Services)": True,
                   "Ville de Ciney": True, "Ville de Namur": False}
    ciney = next(e for e in report.entries if e.administration == "Ville de Ciney")
    assert [d.dataset_id for d in ciney.pending] == ["ciney-parkings"] and not ciney.obligation_met
    entry = ciney.to_dict()
    assert set(entry["to_confirm"][0]) >= {"dataset_id", "title", "publisher", "published"}
    assert report.requests == 4 == len(catalog.calls)  # facets (window, after), the window, Namur's late datasets
    namur = next(e for e in report.entries if e.administration == "Ville de Namur")
    assert [(d.dataset_id, d.when) for d in namur.other_datasets] == [("namur-arbres", "after")]
    assert sorted(report.unfound) == ["Commune de Gesves", "Ville de Namur"]


def test_recorded_publications_count_with_their_event_date(prog: Programme) -> None:
    _enrol_five(prog)
    from odwb_assist_programme.challenges import record_publication

    # Gesves published through odwb-assist under another publisher name: the register knows the dataset
    record_publication(prog.ledger, prog.edition, "Commune de Gesves", {"dataset_id": "spw-routes", "title": "Routes"},
                       "2021-07-01T09:00:00+00:00")
    catalog = _catalog()
    report = prog.verify("http://portal.test", client=catalog)
    gesves = next(e for e in report.entries if e.administration == "Commune de Gesves")
    assert gesves.obligation_met and gesves.datasets[0].recorded
    assert report.requests <= 4


def test_request_count_does_not_grow_with_administrations(tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = [dataset(f"ds-{i:03d}", f"Administration communale numéro {i:03d} de Wallonie", "2021-06-01") for i in range(300)]
    counts = {}
    for size in (30, 300):
        catalog = FakeCatalog(rows)
        with Programme.open(tmp_path / f"p{size}.sqlite") as prog:
            for i in range(size):
                prog.ledger.connection.execute(
                    "INSERT INTO administrations (name, state, requested_on, created_at)"
                    " VALUES (?, 'confirmed', '2021-03-01', '')",
                    (f"Administration communale numéro {i:03d} de Wallonie",))
            report = prog.verify("http://portal.test", client=catalog)
        assert not report.unfound
        counts[size] = report.requests
    assert counts[30] <= 5 and counts[300] <= 5


def test_request_count_is_equal_for_30_and_300_on_a_realistic_catalogue(tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = [dataset(f"ds-{n:03d}", f"Administration n° {n % 400:03d}",
                    "2021-07-01" if n < 90 else f"{2018 + n % 3}-03-01") for n in range(600)]
    counts = {}
    for size in (30, 300):
        catalog = FakeCatalog(rows)
        with Programme.open(tmp_path / f"p{size}.sqlite") as prog:
            for i in range(size):
                prog.ledger.connection.execute(
                    "INSERT INTO administrations (name, state, requested_on, created_at)"
                    " VALUES (?, 'confirmed', '2021-03-01', '')", (f"Administration n° {i:03d}",))
            report = prog.verify("http://portal.test", client=catalog)
        counts[size] = report.requests
        assert len(report.entries) - len(report.unfound) == min(size, 90)
    assert counts[30] == counts[300] == 3


def test_in_lists_are_split_only_when_the_url_would_be_too_long() -> None:
    values = [f"Administration au nom assez long numéro {i}" for i in range(300)]
    chunks = chunk_values("", "publisher", values, budget=6000)
    assert 1 < len(chunks) < 10 and sum(len(c) for c in chunks) == 300
    edition = load_edition()
    strategy, queries = plan_queries(edition, {v: 1 for v in values}, values, [])
    assert strategy == "window" and queries == [window_clause(edition)]  # cheaper than several IN queries
    strategy, queries = plan_queries(edition, {v: 1 for v in values[:20]}, values[:20], [])
    assert strategy == "in" and len(queries) == 1


def test_odsql_strings_are_escaped() -> None:
    name = 'Ville de "Namur" \\ bis'
    where = "publisher IN (" + odsql_string(name) + ", " + odsql_string("A") + ")"
    assert compile_where(where)({"publisher": name})


def test_no_confirmed_administration_costs_no_request(prog: Programme) -> None:
    catalog = _catalog()
    assert prog.verify("http://portal.test", client=catalog).requests == 0


@pytest.mark.parametrize("lang", ["fr"])
def test_verify_against_the_real_client_with_responses(prog: Programme, lang: str) -> None:
    responses = pytest.importorskip("responses")
    from odwb_assist.portal import PortalClient

    _enrol_five(prog)
    catalog = _catalog()
    from programme_fake_portal import wsgi_app

    app = wsgi_app(catalog)

    def callback(request):  # type: ignore[no-untyped-def]
        from urllib.parse import urlsplit

        parts = urlsplit(request.url)
        status_holder: list[str] = []
        body = b"".join(app({"PATH_INFO": parts.path, "QUERY_STRING": parts.query},
                            lambda status, headers: status_holder.append(status)))
        return int(status_holder[0].split()[0]), {"Content-Type": "application/json"}, body

    with responses.RequestsMock() as mock:
        import re

        mock.add_callback(responses.GET, re.compile(r"http://portal\.test/api/explore/v2\.1/catalog/.*"), callback=callback)
        report = prog.verify("http://portal.test", client=PortalClient("http://portal.test", api_key="").explore)
        assert len(mock.calls) == report.requests == 4
        assert "Authorization" not in mock.calls[0].request.headers
    assert sorted(report.unfound) == ["Commune de Gesves", "Ville de Namur"]
