"""Benchmark: a room of 30 participants browsing and publishing while 8 hostile clients send the heaviest
queries the sandbox allows (issue 18). Loopback only, bounded in time and in requests.

    .venv/bin/python benchmarks/sandbox_room_load.py                  # 30 + 8 clients, 2 × 20 s
    .venv/bin/python benchmarks/sandbox_room_load.py --seconds 10 --rows 20000

The sandbox runs in its own process (a ``SandboxServer`` with the default :class:`Limits`), seeded with
the demo catalogue and one big dataset (``--rows`` records) for the hostile clients. Two phases of
``--seconds`` each, on the same server:

1. baseline: the 30 participants alone;
2. under attack: the same, plus 8 hostile clients (in another process) looping on the heaviest
   allowed queries of the big dataset: 50-key ``order_by``, a 10,000-character 64-deep ``where``, a
   ``group_by`` near 20,000 groups, ``select`` of 50 expressions, whole-dataset exports.

Each participant loops on ordinary catalogue calls (catalogue page, a dataset, a records page, the
catalogue's facets, its own datasets) and publishes a small CSV every few calls. Prints, per phase, the
50th and 95th percentiles of the ordinary calls (target under 1 s under attack), 5xx seen, and the server's
peak memory (target under 1 GB), then the ratio of both 95th percentiles.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

import requests

MAX_REQUESTS = 100_000  # a bound on each phase, whatever the speed


def serve(data: str, rows: int) -> None:
    """Child process: the sandbox, seeded; prints its URL and keys, then its peak memory on each stdin line."""
    import json

    from odwb_assist.sandbox import SandboxServer
    from odwb_assist.sandbox.limits import Limits

    server = SandboxServer(data, seed=True, processing_delay=0, limits=Limits())  # what ``sandbox serve`` uses
    admin = server.add_user("formateur", admin=True)
    keys = [server.add_user(f"participant{n}") for n in range(30)]
    hostile = [server.add_user(f"curieux{n}") for n in range(8)]
    server.start()
    auth = {"Authorization": f"Apikey {admin}"}
    api = server.url + "/api/automation/v1.0/datasets/"
    uid = requests.post(api, json={"dataset_id": "gros-registre"}, headers=auth, timeout=60).json()["uid"]
    lines = ["commune;annee;categorie;valeur;commentaire"] + [
        f"Commune {n % 262};{2000 + n % 25};cat{n % 97};{(n * 7919) % 100000 / 100};ligne {n} d'un registre"
        for n in range(rows)]
    file_uid = requests.post(f"{api}{uid}/resources/files/", headers=auth, timeout=60,
                             files={"file": ("gros.csv", "\n".join(lines).encode())}).json()["uid"]
    requests.post(f"{api}{uid}/resources/", headers=auth, timeout=60, json={
        "type": "csvfile", "title": "gros", "params": {"separator": ";"},
        "datasource": {"type": "uploaded_file", "file": {"uid": file_uid}}})
    requests.post(f"{api}{uid}/publish/", headers=auth, timeout=60)
    while requests.get(f"{api}{uid}/status/", headers=auth, timeout=60).json()["status"] != "idle":
        time.sleep(0.2)
    print(json.dumps({"url": server.url, "keys": keys, "hostile": hostile}), flush=True)
    for _line in sys.stdin:
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, flush=True)


class Participant(threading.Thread):
    def __init__(self, url: str, key: str, n: int, deadline: float, phase: str, out: list[float], errors: list[str]):
        super().__init__(daemon=True)
        self.url, self.n, self.deadline, self.phase, self.out, self.errors = url, n, deadline, phase, out, errors
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Apikey {key}"

    def timed(self, path: str) -> Any:
        start = time.perf_counter()
        response = self.session.get(self.url + path, timeout=60)
        self.out.append(time.perf_counter() - start)
        if response.status_code >= 500:
            self.errors.append(f"{response.status_code} {path}")
        return response

    def publish(self, count: int) -> None:
        api = self.url + "/api/automation/v1.0/datasets/"
        created = self.session.post(api, json={"dataset_id": f"p{self.n}-{self.phase[:4]}-{count}"}, timeout=60)
        if created.status_code != 201:
            self.errors.append(f"create {created.status_code} {created.text[:100]}")
            return
        uid = created.json()["uid"]
        csv = "nom;valeur\n" + "".join(f"ligne {i};{i}\n" for i in range(200))
        file_uid = self.session.post(f"{api}{uid}/resources/files/", files={"file": ("d.csv", csv.encode())},
                                     timeout=60).json()["uid"]
        self.session.post(f"{api}{uid}/resources/", timeout=60, json={
            "type": "csvfile", "title": "d", "params": {"separator": ";"},
            "datasource": {"type": "uploaded_file", "file": {"uid": file_uid}}})
        if self.session.post(f"{api}{uid}/publish/", timeout=60).status_code >= 500:
            self.errors.append("publish 5xx")

    def run(self) -> None:
        explore = "/api/explore/v2.1/catalog"
        calls = 0
        while time.monotonic() < self.deadline and len(self.out) < MAX_REQUESTS:
            calls += 1
            self.timed(f"{explore}/datasets?limit=10&offset={calls % 30}")
            self.timed(f"{explore}/datasets/gros-registre")
            self.timed(f"{explore}/datasets/gros-registre/records?limit=20&offset={calls * 20 % 5000}")
            self.timed(f"{explore}/facets")
            self.timed("/api/automation/v1.0/datasets/?limit=20")
            if calls % 5 == 0:
                self.publish(calls)


HEAVY = [
    {"order_by": ",".join(["commune desc", "valeur", "annee desc", "categorie", "commentaire"] * 10)},
    {"where": " or ".join(f"(valeur > {n} and commune like 'Commune {n}*')" for n in range(150))[:9_900]},
    {"where": "(" * 60 + "valeur > 1" + ")" * 60},
    {"group_by": "commentaire", "select": "count(*) as n", "limit": 20000},
    {"select": ",".join(f"valeur * {n} as v{n}" for n in range(50)), "limit": 100},
]


def hostile(url: str, keys: list[str], deadline: float, result: Any) -> None:
    """Child process: 8 threads looping on the heaviest allowed queries and whole exports."""
    done: list[int] = []
    errors: list[str] = []

    def loop(key: str, n: int) -> None:
        session = requests.Session()
        session.headers["Authorization"] = f"Apikey {key}"
        base = url + "/api/explore/v2.1/catalog/datasets/gros-registre"
        i = n
        while time.monotonic() < deadline and len(done) < MAX_REQUESTS:
            i += 1
            if i % 6 == 5:
                response = session.get(base + "/exports/json", timeout=120)
            else:
                response = session.get(base + "/records", params=HEAVY[i % len(HEAVY)], timeout=120)
            done.append(response.status_code)
            if response.status_code == 429:
                time.sleep(float(response.headers.get("Retry-After") or 1))  # as a well-behaved client would
            if response.status_code >= 500:
                errors.append(str(response.status_code))

    threads = [threading.Thread(target=loop, args=(key, n), daemon=True) for n, key in enumerate(keys)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.put((len(done), sum(1 for c in done if c == 429), errors))


def phase(name: str, info: dict[str, Any], seconds: float, attack: bool) -> tuple[float, list[str], int]:
    deadline = time.monotonic() + seconds
    queue: Any = multiprocessing.Queue()
    attacker = None
    if attack:
        attacker = multiprocessing.Process(target=hostile, args=(info["url"], info["hostile"], deadline, queue))
        attacker.start()
    times: list[float] = []
    errors: list[str] = []
    people = [Participant(info["url"], key, n, deadline, name, times, errors) for n, key in enumerate(info["keys"])]
    for person in people:
        person.start()
    for person in people:
        person.join()
    hostile_done = 0
    if attacker is not None:
        hostile_done, refused, hostile_errors = queue.get(timeout=300)
        attacker.join()
        errors += hostile_errors
        print(f"  hostile requests: {hostile_done} ({refused} told to wait: 429), 5xx: {len(hostile_errors)}")
    times.sort()
    p95 = times[int(len(times) * 0.95)] if times else float("nan")
    if errors:
        print("  e.g.", sorted(set(errors))[:3])
    print(f"{name}: {len(times)} ordinary calls, p50 {statistics.median(times):.3f} s, p95 {p95:.3f} s, "
          f"5xx/failures {len(errors)}")
    return p95, errors, hostile_done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rows", type=int, default=50_000, help="records of the big dataset")
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return
    import json

    with tempfile.TemporaryDirectory() as data:
        server = subprocess.Popen([sys.executable, __file__, "--serve", data, str(args.rows)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        assert server.stdin is not None and server.stdout is not None
        try:
            info = json.loads(server.stdout.readline())

            def peak() -> float:
                server.stdin.write("?\n")  # type: ignore[union-attr]
                server.stdin.flush()  # type: ignore[union-attr]
                return float(server.stdout.readline())  # type: ignore[union-attr]

            print(f"server ready ({args.rows} records in the big dataset), peak memory {peak():.0f} MB")
            base, _errors, _n = phase("baseline (30 participants)", info, args.seconds, attack=False)
            print(f"  server peak memory {peak():.0f} MB")
            loaded, _errors, _n = phase("under attack (30 participants + 8 hostile)", info, args.seconds, attack=True)
            print(f"  server peak memory {peak():.0f} MB (target < 1024)")
            print(f"p95 under attack: {loaded:.3f} s (target < 1 s); ratio to the baseline p95: {loaded / base:.1f}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
