"""Peak memory of the sandbox *server* while it receives a big upload (issue 18: 100 MB used to cost 360 MB).

    .venv/bin/python benchmarks/sandbox_upload_memory.py                 # 100 MB
    .venv/bin/python benchmarks/sandbox_upload_memory.py --size-mb 50
    .venv/bin/python benchmarks/sandbox_upload_memory.py --baseline-src /path/to/older/checkout

Each measure runs in a fresh process: a ``SandboxServer`` (loopback, free port, temporary data) and
a client that streams ``POST …/resources/files/`` of a CSV of the given size from disk
(requests-toolbelt); the process's peak resident memory (``ru_maxrss``) is read before and after.
Prints the growth and its ratio to the file size
(1.0 = the whole file held once in memory); with ``--baseline-src``, the same measure for a server
run from another checkout (e.g. before the change), and the ratio of both growths. Linux only.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import requests
from requests_toolbelt import MultipartEncoder


def child(csv: Path) -> None:
    """In a fresh process: a sandbox server (in a thread) receives ``csv`` streamed; prints the peak growth."""
    from odwb_assist.sandbox import SandboxServer

    def peak() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    with tempfile.TemporaryDirectory() as data, SandboxServer(data) as server:
        auth = {"Authorization": f"Apikey {server.add_user('ciney')}"}
        url = server.url + "/api/automation/v1.0/datasets/"
        uid = requests.post(url, json={"dataset_id": "gros"}, headers=auth, timeout=30).json()["uid"]
        before = peak()
        with csv.open("rb") as handle:
            body = MultipartEncoder({"file": ("gros.csv", handle, "text/csv")})
            response = requests.post(f"{url}{uid}/resources/files/", data=body, timeout=600,
                                     headers={**auth, "Content-Type": body.content_type})
        response.raise_for_status()
        print(peak() - before)


def measure(csv: Path, source: str | None) -> float:
    """Growth (MB) of the peak memory of a process serving the upload (its client streams from disk)."""
    env = dict(os.environ)
    if source:
        env["PYTHONPATH"] = source
    out = subprocess.run([sys.executable, __file__, "--child", str(csv)], env=env, check=True, capture_output=True,
                         text=True).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=int, default=100)
    parser.add_argument("--baseline-src", help="another checkout to measure as the baseline (its folder)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child))
        return
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "gros.csv"
        line = b"commune;annee;valeur;commentaire\n" + b"Namur;2024;12345.67;un commentaire assez long\n" * 22
        with csv.open("wb") as out:
            while out.tell() < args.size_mb * 1024 * 1024:
                out.write(line)
        size = csv.stat().st_size / (1024 * 1024)
        growth = measure(csv, None)
        print(f"upload of {size:.0f} MB: server peak memory +{growth:.0f} MB (ratio to the file {growth / size:.2f})")
        if args.baseline_src:
            base = measure(csv, args.baseline_src)
            print(f"baseline ({args.baseline_src}): +{base:.0f} MB (ratio to the file {base / size:.2f})")
            print(f"this tree / baseline: {growth / base:.2f}" if base > 0 else "baseline grew by 0 MB")


if __name__ == "__main__":
    main()
