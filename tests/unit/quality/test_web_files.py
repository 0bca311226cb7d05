"""A table given by its web address: downloaded, checked or fixed as a file, the report naming the address (a key in
it never shown); an address that answers an error or cannot be reached is said in words. Served over loopback."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from odwb_assist.quality.web_files import file_name, is_web_address, shown_address, table_address

CLI = Callable[..., tuple[int, str, str]]
ROOMS = "Salle;Capacité;Remarque\r\nSalle des fêtes;350;\r\nSalle du village;80;* capacité provisoire (travaux)\r\n" \
        "Salle polyvalente;200;\r\nMaison de village;60;\r\n"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        path = self.path.split("?")[0]
        if path == "/salles.csv":
            self._send(200, ROOMS.encode("cp1252"), {"Content-Type": "text/csv; charset=windows-1252"})
        elif path == "/api/explore/v2.1/catalog/datasets/salles/exports/csv":  # a portal's export: named by the server
            self._send(200, ROOMS.encode("utf-8"), {"Content-Type": "text/csv; charset=utf-8",
                                                  "Content-Disposition": 'attachment; filename="salles-communales.csv"'})
        elif path == "/donnees/":  # the page that links to the file
            self._send(200, b"<!DOCTYPE html>\n<html><body><a href='/salles.csv'>Salles</a></body></html>",
                       {"Content-Type": "text/html; charset=utf-8"})
        elif path == "/prive.csv":
            self._send(403, b"Forbidden", {"Content-Type": "text/plain"})
        else:
            self._send(404, b"File not found", {"Content-Type": "text/plain"})

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (quiet)
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_names_and_addresses() -> None:
    assert is_web_address("https://www.odwb.be/x.csv") and is_web_address(" HTTP://a/b") and not is_web_address("a.csv")
    assert shown_address("https://p.be/exports/csv?apikey=s3cr3t&delimiter=%3B") == \
        "https://p.be/exports/csv?apikey=***&delimiter=%3B"
    assert shown_address("https://p.be/salles.csv") == "https://p.be/salles.csv"
    assert file_name("https://p.be/a/Salles%20communales.csv", {}) == "Salles communales.csv"
    assert file_name("https://p.be/exports/csv", {"Content-Type": "text/csv; charset=utf-8"}) == "csv.csv"
    assert file_name("https://p.be/x", {"Content-Disposition": 'attachment; filename="../../etc/passwd"'}) == "passwd"
    assert file_name("https://p.be/", {}) == "telechargement"
    # a portal dataset's page is a web page: its CSV export is the table (Explore API v2.1)
    assert table_address("https://www.odwb.be/explore/dataset/parkings-velos-ciney/table/?sort=nom") == \
        "https://www.odwb.be/api/explore/v2.1/catalog/datasets/parkings-velos-ciney/exports/csv"
    assert table_address("https://www.odwb.be/explore/dataset/parkings-velos-ciney") == \
        "https://www.odwb.be/api/explore/v2.1/catalog/datasets/parkings-velos-ciney/exports/csv"
    assert table_address("https://www.ville.be/explore/salles.csv") == "https://www.ville.be/explore/salles.csv"


def test_check_a_table_by_its_address(server: str, cli: CLI) -> None:
    before = set(Path(tempfile.gettempdir()).glob("odwb-assist-*"))
    code, out, err = cli("check", f"{server}/salles.csv?apikey=SECRET-KEY-42")
    assert code == 0 and err == ""
    assert out.splitlines()[0] == f"Fichier : {server}/salles.csv?apikey=***"
    assert "SECRET-KEY-42" not in out + err
    code, out, _ = cli("check", f"{server}/api/explore/v2.1/catalog/datasets/salles/exports/csv", "--format", "json")
    assert code == 0 and '"source": "' + server + "/api/explore/v2.1/catalog/datasets/salles/exports/csv" in out
    code, out, _ = cli("check", f"{server}/explore/dataset/salles/information/")  # the dataset's page on a portal
    assert code == 0 and out.splitlines()[0] == \
        f"Fichier : {server}/api/explore/v2.1/catalog/datasets/salles/exports/csv"
    assert set(Path(tempfile.gettempdir()).glob("odwb-assist-*")) == before  # the downloads are gone


def test_an_address_that_fails_is_said_in_words(server: str, cli: CLI) -> None:
    code, _, err = cli("check", f"{server}/prive.csv")
    assert code == 2 and f"L'adresse {server}/prive.csv répond 403 (accès refusé)" in err and "Forbidden" not in err
    code, _, err = cli("check", f"{server}/absent.csv", "--lang", "en")
    assert code == 2 and "answers 404 (not found)" in err
    code, _, err = cli("check", f"{server}/donnees/")
    assert code == 2 and f"L'adresse {server}/donnees/ mène à une page web, pas à un fichier" in err
    closed = server.rsplit(":", 1)[0] + ":9"  # the discard port: nothing listens there
    code, _, err = cli("check", f"{closed}/salles.csv")
    assert code == 2 and "est injoignable" in err


def test_fix_and_several_files_take_addresses_too(server: str, cli: CLI, tmp_path: Path) -> None:
    clean = tmp_path / "propre.csv"
    code, out, _ = cli("fix", f"{server}/salles.csv", "--output", str(clean))
    assert code == 0 and out.startswith(f"{server}/salles.csv → {clean}")
    assert clean.read_text(encoding="utf-8").splitlines()[0] == "Salle,Capacité,Remarque"
    local = tmp_path / "ecoles.csv"
    local.write_text("École;Élèves\nÉcole du Centre;120\nÉcole des Prés;80\n", encoding="utf-8")
    code, out, _ = cli("check", f"{server}/salles.csv", str(local))
    assert code == 0 and f"  ✓ {server}/salles.csv — 4 ligne(s), 1 avertissement(s)" in out.splitlines()
