"""Benchmark: 20 participants publishing at the same time on the sandbox portal, through the project's own client.

Usage: ``python benchmarks/sandbox_load.py [--clients 20] [--rows 500] [--no-kill]``.

The sandbox runs in its own process (``odwb-assist sandbox serve``) on a free loopback port. Each
participant has its own key, project (``odwb.toml``) and CSV file, and publishes with
``odwb_assist.publish.plan(...).apply()`` (``odwb_assist.portal.PortalClient``), then
``Publication.verify()``. Three runs, same sandbox data directory:

1. baseline: the participants one after the other (sequential);
2. concurrent: all at once (one thread each);
3. crash: all at once again (new datasets), the server is killed (SIGKILL) mid-run and restarted on
   the same port and data; a participant whose call failed re-plans and re-applies (the publication
   is idempotent), which is the documented way to resume.

For each run it prints publications per minute, HTTP 5xx seen, resumptions and failures, then
checks every dataset through Explore (idle, published, every record present with its values) and
prints the concurrent / sequential throughput ratio.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests

from odwb_assist.core.config import load
from odwb_assist.core.errors import OdwbError
from odwb_assist.portal import PortalClient
from odwb_assist.publish import plan
from odwb_assist.sandbox.store import Store

PROJECT = """[administration]
name = "Commune de Test {n}"
nis_code = "9{n:04d}"
contact_email = "opendata{n}@example.be"

[portal]
url = "{url}"
api_key_env = "ODWB_SANDBOX_KEY_{n}"

[[datasets]]
id = "{dataset_id}"
file = "data.csv"
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``odwb-assist sandbox serve`` in a child process, killable."""

    def __init__(self, data: Path, port: int) -> None:
        self.data, self.port = data, port
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "odwb_assist", "sandbox", "serve", "--port", str(self.port), "--data", str(self.data)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(self.url + "/api/explore/v2.1/catalog/datasets?limit=0", timeout=2)
                return
            except requests.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("the sandbox did not start")

    def kill(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def make_project(root: Path, n: int, url: str, dataset_id: str, rows: int) -> Path:
    folder = root / dataset_id
    folder.mkdir(parents=True)
    (folder / "odwb.toml").write_text(PROJECT.format(n=n, url=url, dataset_id=dataset_id), encoding="utf-8")
    lines = ["numero,valeur,commune,date_releve"]
    lines += [f"{i},{n * 100000 + i},Commune {n},2021-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(rows)]
    (folder / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "odwb.toml"


def metadata(n: int) -> dict[str, Any]:
    return {"default": {"title": f"Relevés de la commune {n}", "description": "Relevés mensuels (banc d'essai).",
                        "publisher": f"Commune de Test {n}", "language": "fr", "keyword": ["test", "relevés"],
                        "license": "CC BY 4.0", "theme": ["Environnement"]}}


class Participant:
    def __init__(self, n: int, key: str, project_file: Path, codes: Counter[int], lock: threading.Lock) -> None:
        self.n, self.key, self.project_file = n, key, project_file
        self.codes, self.lock = codes, lock
        self.resumptions = 0
        self.error: str | None = None
        self.ok = False
        self.finished = False

    def _hook(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        with self.lock:
            self.codes[response.status_code] += 1

    def run(self) -> None:
        project = load(self.project_file)
        for attempt in range(4):
            session = requests.Session()
            session.hooks["response"].append(self._hook)
            client = PortalClient(project.portal.url, self.key, session=session, state_dir=project.state_dir,
                                  poll_interval=0.1, max_retries=8, backoff=0.25, max_wait=120)
            try:
                publication = plan(project, client, metadata=metadata(self.n)).apply()
                verification = publication.verify()
                self.ok = verification.ok
                if not self.ok:
                    self.error = verification.describe("en")
                self.finished = True
                return
            except (OdwbError, requests.RequestException) as exc:
                self.error = f"{type(exc).__name__}: {exc}"
                if attempt < 3:
                    self.resumptions += 1
                    time.sleep(0.5)
        self.finished = True


def check_records(url: str, dataset_id: str, n: int, rows: int) -> bool:
    exported = requests.get(f"{url}/api/explore/v2.1/catalog/datasets/{dataset_id}/exports/json", timeout=30).json()
    return sorted(int(r["valeur"]) for r in exported) == [n * 100000 + i for i in range(rows)]


def run(label: str, participants: list[Participant], concurrent: bool, server: Server | None = None) -> float:
    start = time.monotonic()
    if concurrent:
        threads = [threading.Thread(target=p.run) for p in participants]
        for thread in threads:
            thread.start()
        if server is not None:  # crash mid-run
            time.sleep(1.0)
            server.kill()
            finished = sum(p.finished for p in participants)
            server.start()
            print(f"   (server killed and restarted after 1 s, {finished}/{len(participants)} publications finished)")
        for thread in threads:
            thread.join()
    else:
        for participant in participants:
            participant.run()
    elapsed = time.monotonic() - start
    failures = [p for p in participants if not p.ok]
    print(f"{label:<34} {len(participants):>3} publications in {elapsed:6.2f} s = "
          f"{len(participants) / elapsed * 60:7.1f} publications/min; resumptions: "
          f"{sum(p.resumptions for p in participants)}; failures: {len(failures)}")
    for p in failures:
        print(f"   participant {p.n}: {p.error}")
    return len(participants) / elapsed * 60


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--baseline", type=int, default=5, help="participants in the sequential baseline")
    parser.add_argument("--no-kill", action="store_true", help="skip the run where the server is killed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="odwb-sandbox-load-") as tmp:
        root = Path(tmp)
        store = Store(root / "data")
        keys = {n: store.add_user(f"participant-{n}") for n in range(3 * args.clients)}
        store.add_user("formateur", admin=True)
        store.close()
        server = Server(root / "data", free_port())
        server.start()
        codes: Counter[int] = Counter()
        lock = threading.Lock()
        plans: list[tuple[str, list[Participant], bool, Server | None]] = []
        offset = 0
        runs: list[tuple[str, int, bool, Server | None]] = [
            ("sequential (baseline)", args.baseline, False, None), ("concurrent", args.clients, True, None)]
        if not args.no_kill:
            runs.append(("concurrent, server killed mid-run", args.clients, True, server))
        for label, count, concurrent, crash in runs:
            group = []
            for n in range(offset, offset + count):
                project_file = make_project(root / "projects", n, server.url, f"bench-{n:03d}", args.rows)
                group.append(Participant(n, keys[n], project_file, codes, lock))
            offset += count
            plans.append((label, group, concurrent, crash))
        os.environ.pop("ODWB_API_KEY", None)
        print(f"sandbox {server.url}; {args.clients} clients; {args.rows} rows per dataset")
        rates = [run(label, group, concurrent, crash) for label, group, concurrent, crash in plans]
        everyone = [p for _label, group, _c, _s in plans for p in group]
        missing = [p.n for p in everyone if not check_records(server.url, f"bench-{p.n:03d}", p.n, args.rows)]
        server.stop()
        errors = sum(1 for p in everyone if not p.ok) + len(missing)
        print(f"HTTP statuses seen by the clients: {dict(sorted(codes.items()))}")
        print(f"datasets with missing or wrong records: {len(missing)} {missing if missing else ''}")
        print(f"ratio concurrent / sequential throughput: {rates[1] / rates[0]:.2f}")
        print(f"errors: {errors}")
        return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
