"""How many portal requests does ``programme verify`` cost for 30 and for 300 administrations?

Runs against a local portal on 127.0.0.1: the sandbox (``odwb_assist.sandbox.SandboxServer``) when
it is available, else a tiny WSGI catalogue. The catalogue holds 600 datasets of 400 publishers over
2018–2024, 90 of them modified within the programme window (May–November 2021); the enrolled
administrations are the first 30 (then 300) publishers. Requests are counted on the server side.
The baseline is one catalogue search per administration (what staff did by hand). Target: at most 5
requests for both sizes (two facet calls, the window, and one page of late publications when some
administration without a dataset in the window published after it).

    .venv/bin/python benchmarks/verify_requests.py [--wsgi]   (--wsgi: skip the sandbox)
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "plugins" / "odwb-assist-programme" / "tests"

PUBLISHERS = 400
DATASETS = 600
IN_WINDOW = 90


def catalogue() -> list[dict[str, str]]:
    rows = []
    for n in range(DATASETS):
        publisher = f"Administration communale de Wallonie n° {n % PUBLISHERS:03d}"
        if n < IN_WINDOW:
            modified = f"2021-{5 + n % 7:02d}-{1 + n % 28:02d}T10:00:00+00:00"
        else:
            modified = f"{[2018, 2019, 2020, 2022, 2023, 2024][n % 6]}-0{1 + n % 9}-15T10:00:00+00:00"
        rows.append({"dataset_id": f"jeu-{n:04d}", "publisher": publisher, "title": f"Jeu de données {n}", "modified": modified})
    return rows


class Counting:
    """WSGI middleware counting the requests that reach the portal."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.count = 0
        self.lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        with self.lock:
            self.count += 1
        return self.app(environ, start_response)


def sandbox_portal(folder: Path) -> tuple[Any, Counting] | None:
    try:
        from odwb_assist.sandbox.server import SandboxServer
    except ImportError:
        return None
    server = SandboxServer(folder / "sandbox")
    for row in catalogue():
        metadata = {"default": {"title": row["title"], "publisher": row["publisher"], "modified": row["modified"],
                                "language": "fr"}}
        created = server.store.create_dataset("odwb", row["dataset_id"], False, metadata)
        server.store.finish_processing(created["uid"], [], [], metadata)
        # the platform's timestamps (what verify dates by): processed on the day it was published
        server.store.update_dataset(created["uid"], data_processed=row["modified"], metadata_processed=row["modified"])
    counter = Counting(server.app)
    server.app = counter  # type: ignore[assignment]
    server.start()
    return server, counter


def wsgi_portal() -> tuple[Any, Counting]:
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    sys.path.insert(0, str(TESTS))
    from programme_fake_portal import FakeCatalog, dataset, wsgi_app

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    rows = [dataset(r["dataset_id"], r["publisher"], r["modified"], r["title"]) for r in catalogue()]
    counter = Counting(wsgi_app(FakeCatalog(rows)))
    httpd = make_server("127.0.0.1", 0, counter, handler_class=Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    httpd.url = f"http://127.0.0.1:{httpd.server_port}"  # type: ignore[attr-defined]

    def stop() -> None:
        httpd.shutdown()
        httpd.server_close()

    httpd.stop = stop  # type: ignore[attr-defined]
    return httpd, counter


def run(folder: Path, url: str, counter: Counting, administrations: int) -> tuple[int, int, float, int]:
    from odwb_assist_programme.api import Programme

    with Programme.open(folder / f"programme-{administrations}.sqlite", actor="benchmark") as prog:
        with prog.ledger.change("benchmark", None) as db:
            for i in range(administrations):
                db.execute("INSERT INTO administrations (name, type, state, requested_on, created_at) "
                           "VALUES (?, 'commune', 'confirmed', '2021-03-01', '')",
                           (f"Administration communale de Wallonie n° {i:03d}",))
        before = counter.count
        start = time.perf_counter()
        report = prog.verify(url)
        elapsed = time.perf_counter() - start
    met = len(report.entries) - len(report.unfound)  # counted or « à confirmer » (matched by publisher name)
    return counter.count - before, report.requests, elapsed, met


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        found = None if "--wsgi" in sys.argv else sandbox_portal(folder)
        kind = "sandbox (odwb_assist.sandbox)" if found else "tiny WSGI catalogue"
        server, counter = found if found else wsgi_portal()
        try:
            print(f"Local portal: {kind} at {server.url}; {DATASETS} datasets, {PUBLISHERS} publishers, "
                  f"{IN_WINDOW} in the window")
            results = {}
            for n in (30, 300):
                seen, reported, elapsed, met = run(folder, server.url, counter, n)
                results[n] = seen
                print(f"{n:4d} administrations: {seen} requests on the portal (verify counted {reported}); "
                      f"{met} with a dataset in the window; {elapsed:.2f} s; baseline one search per administration: {n} "
                      f"requests (x{n / max(seen, 1):.0f})")
            print(f"Requests for 30 and 300 administrations: {results[30]} and {results[300]} (target: <= 5 for both)")
            return 0 if max(results.values()) <= 5 else 1
        finally:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
