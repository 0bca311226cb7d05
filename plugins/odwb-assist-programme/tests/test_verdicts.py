"""Verdicts that stick, publisher names as ODWB writes them, and the next edition (issue 15, points 5 and 6)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from odwb_assist_programme.api import Programme
from odwb_assist_programme.edition import load_edition
from programme_fake_portal import FakeCatalog, dataset, wsgi_app
from programme_helpers import confirm

from odwb_assist.cli.main import main

Run = Callable[..., tuple[int, str, str]]


def _catalog() -> FakeCatalog:
    """Publisher strings as they are written on ODWB (services, prefixes, abbreviations, trailing spaces)."""
    gesves = dataset("gesves-sentiers", "GAL Condroz-Famenne", "2021-08-01T10:00:00+00:00")
    gesves["dcat.spatial"] = "Commune de Gesves (code INS 91059)"
    return FakeCatalog([
        dataset("namur-stationnement", "Ville de Namur - Mobilité", "2021-09-15T10:00:00+00:00"),
        dataset("namur-budget", "Ville de Namur - Finances", "2022-01-10T10:00:00+00:00"),  # after the window
        dataset("namur-gun", "Ville de Namur - Data Office GUN", "2019-01-10T10:00:00+00:00"),  # long before
        dataset("tournai-collectes", "Administration communale de Tournai", "2021-06-01T10:00:00+00:00"),
        dataset("liege-marches", "Ville de Liège ", "2021-07-01T10:00:00+00:00"),
        dataset("spw-routes", " Service public de Wallonie (SPW)", "2021-10-01T10:00:00+00:00"),
        dataset("province-liege", "Province de Liège", "2021-07-02T10:00:00+00:00"),
        dataset("chaudfontaine-late", "Commune de Chaudfontaine", "2021-12-02T08:00:00+00:00"),  # published late
        dataset("bep-zonings", "BEP", "2021-06-20T10:00:00+00:00"),
        gesves,
    ])


def _enrol(prog: Programme) -> None:
    confirm(prog, "Ville de Namur", nis="92094")
    confirm(prog, "Ville de Tournai", nis="57081")
    confirm(prog, "Ville de Liège", nis="62063")
    confirm(prog, "SPW")
    confirm(prog, "Commune de Chaudfontaine", nis="62022")
    confirm(prog, "Commune de Gesves", nis="91059")
    confirm(prog, "Bureau économique de la province", publishers=("BEP",))


def test_publisher_names_as_odwb_writes_them(prog: Programme) -> None:
    _enrol(prog)
    report = prog.verify("http://portal.test", client=_catalog())
    entries = {e.administration: e for e in report.entries}
    met = {name: e.found for name, e in entries.items()}  # counted or « à confirmer »
    assert met == {"Bureau économique de la province": True, "Commune de Chaudfontaine": False,
                   "Commune de Gesves": True, "SPW": True, "Ville de Liège": True, "Ville de Namur": True,
                   "Ville de Tournai": True}
    namur = entries["Ville de Namur"]
    assert [d.dataset_id for d in namur.pending] == ["namur-stationnement"]
    assert "service de « Ville de Namur »" in namur.pending[0].reason
    reasons = {m.publisher: m.reason for m in namur.matches}
    assert reasons == {"Ville de Namur - Mobilité": "service", "Ville de Namur - Finances": "service"}
    assert entries["Ville de Tournai"].matches[0].reason == "prefix"
    assert entries["SPW"].matches[0].reason == "abbreviation"
    assert entries["Ville de Liège"].matches[0].reason == "same"
    assert [m.publisher for m in entries["Ville de Liège"].matches] == ["Ville de Liège "]  # not the province
    assert entries["Bureau économique de la province"].matches[0].reason == "alias"
    assert "code INS 91059" in entries["Commune de Gesves"].pending[0].reason
    assert report.requests <= 5


def test_publications_after_the_window_are_listed_as_late(prog: Programme) -> None:
    _enrol(prog)
    report = prog.verify("http://portal.test", client=_catalog())
    entries = {e.administration: e for e in report.entries}
    late = entries["Commune de Chaudfontaine"].other_datasets
    assert [d.dataset_id for d in late] == ["chaudfontaine-late"]
    assert late[0].outside_text() == "publié après la fin du programme, le 2021-12-02"
    assert entries["Ville de Namur"].late_count == 1  # met in the window: its late dataset is counted, not read


def test_request_count_stays_bounded_with_nis_codes_and_300_administrations(tmp_path: Path) -> None:
    rows = [dataset(f"ds-{n:03d}", f"Ville de Commune {n % 400:03d} - Service {n % 3}",
                    "2021-07-01" if n < 90 else f"{2018 + n % 6}-03-01") for n in range(600)]
    for size in (30, 300):
        catalog = FakeCatalog(rows)
        with Programme.open(tmp_path / f"p{size}.sqlite") as prog:
            for i in range(size):
                prog.ledger.connection.execute(
                    "INSERT INTO administrations (name, nis_code, state, requested_on, created_at)"
                    " VALUES (?, ?, 'confirmed', '2021-03-01', '')", (f"Commune de Commune {i:03d}", f"{10000 + i}"))
            report = prog.verify("http://portal.test", client=catalog)
        assert len(report.entries) - len(report.unfound) == min(size, 90)
        assert report.requests <= 5, (size, report.strategy, report.requests)


def test_verdict_survives_into_status_dashboard_and_export(prog: Programme, tmp_path: Path) -> None:
    _enrol(prog)
    assert prog.status("Ville de Namur")[0].obligation_text(prog.edition) == "pas encore vérifiée"
    prog.confirm_dataset("Ville de Namur", "namur-stationnement", "courriel du service Mobilité")
    report = prog.verify("http://portal.test", client=_catalog())
    day = report.checked_at[:10]
    namur = prog.status("Ville de Namur")[0]
    assert namur.publication_obligation_met(prog.edition)
    assert namur.obligation_text(prog.edition) == f"oui (vérifié le {day})"
    assert namur.to_dict(prog.edition)["last_verdict"]["portal"] == "http://portal.test"
    late = prog.status("Commune de Chaudfontaine")[0]
    assert late.obligation_text(prog.edition) == f"non (vérifié le {day})"
    html = prog.dashboard(tmp_path / "dash").read_text(encoding="utf-8")  # no portal: from the register
    assert f"dernière vérification sur le portail (programme verify) le {day}" in html
    assert "namur-stationnement" in html and "publié après la fin du programme, le 2021-12-02" in html
    path = prog.export(tmp_path / "registre.csv")
    import pandas as pd

    frame = pd.read_csv(path, dtype=str).set_index("administration")
    assert frame.loc["Ville de Namur", "obligation_publication"] == "oui"
    assert frame.loc["Ville de Namur", "verifiee_le"] == day
    assert frame.loc["Commune de Chaudfontaine", "obligation_publication"] == "non"
    assert "chaudfontaine-late (2021-12-02)" in frame.loc["Commune de Chaudfontaine", "jeux_hors_periode"]
    actions = [a["action"] for a in prog.audit()]
    assert "verify" in actions


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def portal() -> Iterator[str]:
    server: WSGIServer = make_server("127.0.0.1", 0, wsgi_app(_catalog()), handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Run:
    def run(*args: object) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return run


def test_cli_verify_then_status_and_dashboard_offline(cli: Run, tmp_path: Path, portal: str) -> None:
    ledger = tmp_path / "programme.sqlite"
    with Programme.open(ledger) as prog:
        _enrol(prog)
    code, out, _ = cli("programme", "verify", "--portal", portal, "--ledger", ledger)
    assert code == 1  # Chaudfontaine published late
    assert "? Ville de Namur : à confirmer" in out  # matched by publisher name only
    assert ("à confirmer : namur-stationnement — éditeur « Ville de Namur - Mobilité », date du portail 2021-09-15 "
            "(déclarée 2021-09-15)") in out
    assert "programme obligation confirm NOM JEU" in out
    assert cli("programme", "obligation", "confirm", "Ville de Namur", "namur-stationnement", "--ledger", ledger)[0] == 0
    code, out, _ = cli("programme", "verify", "--portal", portal, "--ledger", ledger)
    assert "✔ Ville de Namur : namur-stationnement (2021-09-15)" in out
    assert "chaudfontaine-late : publié après la fin du programme, le 2021-12-02" in out
    assert "éditeur « Ville de Namur - Mobilité » : service de « Ville de Namur »" in out
    assert "Verdict enregistré dans le registre" in out
    code, out, _ = cli("programme", "status", "Ville de Namur", "--ledger", ledger)
    assert code == 0 and "obligation oui (vérifié le " in out
    code, out, _ = cli("programme", "dashboard", "--output", tmp_path / "d", "--ledger", ledger)
    html = (tmp_path / "d" / "tableau-de-bord.html").read_text(encoding="utf-8")
    assert code == 0 and "lancez programme verify" not in html and "namur-stationnement" in html


def test_edition_new_writes_the_next_edition_and_becomes_the_default(cli: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "programme.sqlite"
    code, out, _ = cli("programme", "edition", "new", "--year", "2027", "--start", "2027-03-01", "--end", "2027-10-31",
                       "--ledger", ledger)
    assert code == 0, out
    written = tmp_path / "ouvrir-ma-ville-2027.toml"
    assert f"Édition écrite : {written}" in out
    new, old = load_edition(written), load_edition()
    assert (new.id, new.title, new.start.isoformat(), new.end.isoformat()) == (
        "ouvrir-ma-ville-2027", "Ouvrir ma ville 2027", "2027-03-01", "2027-10-31")
    assert (new.fees, new.cap, new.sessions, new.challenges) == (old.fees, old.cap, old.sessions, old.challenges)
    assert "# Sessions (art. 2.1)" in written.read_text(encoding="utf-8")  # comments kept
    code, _, err = cli("programme", "edition", "new", "--year", "2027", "--start", "2027-03-01", "--end", "2027-10-31",
                       "--ledger", ledger)
    assert code == 2 and "existe déjà" in err
    with Programme.open(ledger) as prog:  # the default edition in this folder is now 2027
        assert prog.edition.id == "ouvrir-ma-ville-2027"
        confirm(prog, "Ville de Namur", paid_on="2027-02-20")
        prog.confirm_dataset("Ville de Namur", "namur-2027")
        report = prog.verify("http://portal.test", client=FakeCatalog([
            dataset("namur-2027", "Ville de Namur - Mobilité", "2027-05-01T10:00:00+00:00")]))
        assert report.all_met
    code, _, err = cli("programme", "edition", "new", "--year", "2028", "--start", "2028-10-01", "--end", "2028-03-01",
                       "--ledger", ledger)
    assert code == 2 and "doit suivre" in err
    assert json.loads(cli("programme", "status", "--format", "json", "--ledger", ledger)[1])[0]["last_verdict"]["met"]


def test_aliases_command_keeps_the_register_list(cli: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "programme.sqlite"
    assert cli("programme", "enrol", "Bureau économique", "--ledger", ledger)[0] == 0
    code, out, _ = cli("programme", "aliases", "Bureau économique", "--add", "BEP", "--add", "BEP - Zonings",
                       "--ledger", ledger)
    assert code == 0 and "alias d'éditeur : « BEP », « BEP - Zonings »" in out
    code, out, _ = cli("programme", "aliases", "Bureau économique", "--remove", "bep - zonings", "--ledger", ledger)
    assert "alias d'éditeur : « BEP »\n" in out
