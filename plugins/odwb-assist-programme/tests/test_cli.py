from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from programme_fake_portal import FakeCatalog, dataset, wsgi_app

from odwb_assist.cli.main import main

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Run:
    def run(*args: object) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return run


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def portal() -> Iterator[tuple[str, FakeCatalog]]:
    catalog = FakeCatalog([
        dataset("ciney-parkings", "Ville de Ciney", "2021-06-15T10:00:00+00:00"),
        dataset("namur-arbres", "Ville de Namur", "2020-12-02T08:00:00+00:00"),
        dataset("autre", "SPW", "2021-07-01T00:00:00+00:00"),
    ])
    server: WSGIServer = make_server("127.0.0.1", 0, wsgi_app(catalog), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", catalog
    finally:
        server.shutdown()
        server.server_close()


def _setup(cli: Run, ledger: Path) -> None:
    for name, nis in (("Ville de Ciney", "91030"), ("Ville de Namur", "92094")):
        assert cli("programme", "enrol", name, "--nis", nis, "--participant", "Anne Martin <anne@example.be>",
                   "--participant", "Luc Petit", "--on", "2021-03-01", "--ledger", ledger)[0] == 0
        assert cli("programme", "sign", name, "--on", "02/03/2021", "--ledger", ledger)[0] == 0
        code, out, _ = cli("programme", "invoice", name, "--on", "2021-03-05", "--ledger", ledger)
        assert code == 0 and "400.00 € HTVA" in out and "484.00 € TVAC" in out
        code, out, _ = cli("programme", "pay", name, "--on", "2021-03-20", "--ledger", ledger)
        assert code == 0 and "confirmée" in out


def test_staff_commands(cli: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "programme.sqlite"
    _setup(cli, ledger)
    assert cli("programme", "attendance", "Ville de Ciney", "5a", "--ledger", ledger)[0] == 0
    code, out, _ = cli("programme", "challenge", "done", "Ville de Ciney", "thematique", "--evidence", "Mobilité douce",
                       "--ledger", ledger)
    assert code == 0 and "défis 1/10" in out
    code, out, err = cli("programme", "replace-participant", "Ville de Ciney", "Luc Petit", "Zoé Lambert",
                         "--agreement", "", "--ledger", ledger)
    assert code == 2 and "accord préalable" in err
    assert cli("programme", "replace-participant", "Ville de Ciney", "Luc Petit", "Zoé Lambert",
               "--agreement", "courriel du 2 mai", "--ledger", ledger)[0] == 0
    code, out, _ = cli("programme", "status", "--format", "json", "--ledger", ledger)
    data = json.loads(out)
    assert [d["administration"] for d in data] == ["Ville de Ciney", "Ville de Namur"]
    assert "participants" not in data[0]
    code, out, _ = cli("programme", "status", "Ville de Ciney", "--include-personal", "--ledger", ledger)
    assert "Zoé Lambert" in out
    code, out, _ = cli("programme", "cancel", "Ville de Namur", "--on", "2021-04-01", "--reason", "cap", "--ledger", ledger)
    assert code == 0 and "2021-04-16" in out
    code, out, _ = cli("programme", "notice", "Ville de Ciney", "--on", "2021-10-01", "--ledger", ledger)
    assert code == 0 and "2021-10-09" in out
    code, _, err = cli("programme", "status", "Inconnue", "--ledger", ledger)
    assert code == 2 and "n'est pas dans le registre" in err
    code, out, _ = cli("programme", "fees", "3", "--lang", "en")
    assert "600.00 € excl. VAT" in out and "726.00 € incl. VAT" in out
    assert cli("programme", "export", tmp_path / "out.csv", "--ledger", ledger)[0] == 0
    assert "Zoé Lambert" in (tmp_path / "out.csv").read_text(encoding="utf-8")


def test_missing_register_is_an_error_not_a_new_file(cli: Run, tmp_path: Path) -> None:
    code, _, err = cli("programme", "status", "--ledger", tmp_path / "absent.sqlite")
    assert code == 2 and "n'existe pas" in err
    assert not (tmp_path / "absent.sqlite").exists()


def test_verify_against_a_local_portal(cli: Run, tmp_path: Path, portal: tuple[str, FakeCatalog]) -> None:
    url, catalog = portal
    ledger = tmp_path / "programme.sqlite"
    _setup(cli, ledger)
    assert cli("programme", "obligation", "confirm", "Ville de Ciney", "ciney-parkings", "--ledger", ledger)[0] == 0
    code, out, _ = cli("programme", "verify", "--portal", url, "--format", "json", "--ledger", ledger)
    assert code == 1  # Namur published before the window
    report = json.loads(out)
    entries = {e["administration"]: e for e in report["administrations"]}
    assert entries["Ville de Ciney"]["obligation_met"] is True
    assert entries["Ville de Namur"]["obligation_met"] is False
    assert entries["Ville de Ciney"]["datasets"][0]["dataset_id"] == "ciney-parkings"
    assert set(entries["Ville de Ciney"]["datasets"][0]) >= {"dataset_id", "title", "publisher", "published"}
    assert report["requests"] == len(catalog.calls) == 3  # two facets (window, after it), one page
    code, out, _ = cli("programme", "verify", "--portal", url, "--ledger", ledger)
    assert code == 1 and "✔ Ville de Ciney" in out and "✘ Ville de Namur" in out
    assert cli("programme", "cancel", "Ville de Namur", "--ledger", ledger)[0] == 0
    assert cli("programme", "verify", "--portal", url, "--ledger", ledger)[0] == 0


def test_dashboard_and_hackathon_pack(cli: Run, tmp_path: Path, portal: tuple[str, FakeCatalog]) -> None:
    url, _ = portal
    ledger = tmp_path / "programme.sqlite"
    _setup(cli, ledger)
    cli("programme", "obligation", "confirm", "Ville de Ciney", "ciney-parkings", "--ledger", ledger)
    cli("programme", "challenge", "done", "Ville de Ciney", "fiche-challenge", "--evidence", "https://example.be/fiche",
        "--ledger", ledger)
    code, out, _ = cli("programme", "dashboard", "--output", tmp_path / "dash", "--portal", url, "--ledger", ledger)
    assert code == 0
    html = (tmp_path / "dash" / "tableau-de-bord.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Ville de Ciney" in html and "ciney-parkings" in html
    assert "anne@example.be" not in html and "Anne Martin" not in html
    assert "<script" not in html and "http" not in html.split("<body>")[0].replace("http://www.w3.org", "")
    cli("programme", "dashboard", "--output", tmp_path / "dash2", "--include-personal", "--ledger", ledger)
    assert "anne@example.be" in (tmp_path / "dash2" / "tableau-de-bord.html").read_text(encoding="utf-8")
    code, out, _ = cli("programme", "hackathon-pack", "--output", tmp_path / "pack", "--portal", url, "--ledger", ledger)
    assert code == 0
    md = (tmp_path / "pack" / "challenges-hackathon.md").read_text(encoding="utf-8")
    assert "## Ville de Ciney" in md and f"{url}/explore/dataset/ciney-parkings/" in md and "https://example.be/fiche" in md
    page = (tmp_path / "pack" / "challenges-hackathon.html").read_text(encoding="utf-8")
    assert 'href="https://example.be/fiche"' in page and "anne" not in page.lower()


def test_import_command_reports_rows(cli: Run, tmp_path: Path) -> None:
    form = tmp_path / "form.csv"
    form.write_text("administration,type,code_ins,participant_1,email_1,formulaire_rempli,convention_signee,facture,paiement\n"
                    "Ville de Ciney,commune,91030,Anne,anne@ciney.be,oui,2021-03-01,2021-03-02,2021-03-20\n"
                    "Ville de Namur,ville,92094,Luc,luc@namur,oui,,,\n", encoding="utf-8")
    ledger = tmp_path / "p.sqlite"
    code, out, _ = cli("programme", "import", form, "--ledger", ledger)
    assert code == 1 and "ligne 3, colonne type" in out and "ligne 3, colonne email_1" in out
    form.write_text(form.read_text(encoding="utf-8").replace("ville,92094,Luc,luc@namur", "commune,92094,Luc,luc@namur.be"),
                    encoding="utf-8")
    code, out, _ = cli("programme", "import", form, "--ledger", ledger, "--lang", "en")
    assert code == 0 and "2 administration(s) imported: 1 confirmed" in out


def test_default_ledger_beside_odwb_toml(cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "odwb.toml").write_text('[administration]\nname = "FuturoCité"\n[programme]\nledger = "omv.sqlite"\n',
                                        encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    assert cli("programme", "enrol", "Ville de Ciney")[0] == 0
    assert (tmp_path / "omv.sqlite").is_file()
