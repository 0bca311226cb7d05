"""Peak memory of the client while uploading a big file to a local portal (target: under 100 MB for 500 MB).

    .venv/bin/python benchmarks/upload_memory.py            # 500 MB
    .venv/bin/python benchmarks/upload_memory.py --size-mb 50

A throw-away HTTP server on 127.0.0.1 (its own process) reads and discards the body of
``POST …/resources/files/``. Each client runs in a fresh process so that its peak RSS is its own:

* ``streaming``: ``PortalClient.automation.upload_file`` (requests-toolbelt MultipartEncoder, read from disk);
* ``baseline``: ``requests.post(url, files=…)``, which builds the whole multipart body in memory.

Prints both peaks and their ratio. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHUNK = 1 << 20


class Sink(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        remaining = int(self.headers.get("Content-Length") or 0)
        while remaining > 0:
            got = self.rfile.read(min(CHUNK, remaining))
            if not got:
                break
            remaining -= len(got)
        body = json.dumps({"uid": "fi_bench", "filename": "bench.csv", "mimetype": "text/csv"}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def serve() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Sink)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def client(kind: str, base: str, path: Path) -> None:
    started = time.perf_counter()
    if kind == "streaming":
        from odwb_assist.portal import PortalClient

        PortalClient(base, "bench-key", timeout=600).automation.upload_file("da_bench", path, filename="bench.csv")
    else:
        import requests

        with path.open("rb") as handle:
            response = requests.post(f"{base}/api/automation/v1.0/datasets/da_bench/resources/files/",
                                     files={"file": ("bench.csv", handle, "text/csv")}, timeout=600)
        response.raise_for_status()
    print(json.dumps({"peak_mb": peak_mb(), "seconds": time.perf_counter() - started}))


def make_file(size_mb: int, folder: Path) -> Path:
    path = folder / "bench.csv"
    line = b"12345,Rue de la Station 12,5590,Ciney,50.2945,5.1002,2026-11-28\n"
    block = line * (CHUNK // len(line))
    with path.open("wb") as out:
        out.write(b"id,adresse,code_postal,commune,latitude,longitude,date\n")
        for _ in range(size_mb):
            out.write(block)
    return path


def measure(kind: str, base: str, path: Path) -> dict[str, float]:
    result = subprocess.run([sys.executable, __file__, "--client", kind, "--base", base, "--file", str(path)],
                            capture_output=True, text=True, check=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=500)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--client", choices=("streaming", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--no-baseline", action="store_true", help="Skip the in-memory baseline.")
    args = parser.parse_args()
    if args.serve:
        serve()
        return
    if args.client:
        client(args.client, args.base, Path(args.file))
        return
    server = subprocess.Popen([sys.executable, __file__, "--serve"], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        base = f"http://127.0.0.1:{server.stdout.readline().strip()}"
        with tempfile.TemporaryDirectory() as folder:
            path = make_file(args.size_mb, Path(folder))
            size = path.stat().st_size / CHUNK
            stream = measure("streaming", base, path)
            print(f"file: {size:.0f} MB")
            print(f"streaming upload (odwb-assist): peak RSS {stream['peak_mb']:.0f} MB, "
                  f"{stream['seconds']:.1f} s ({size / stream['seconds']:.0f} MB/s)")
            if not args.no_baseline:
                base_run = measure("baseline", base, path)
                print(f"baseline requests files=…: peak RSS {base_run['peak_mb']:.0f} MB, {base_run['seconds']:.1f} s")
                print(f"ratio baseline/streaming peak memory: {base_run['peak_mb'] / stream['peak_mb']:.1f}x")
            verdict = "OK" if stream["peak_mb"] < 100 else "ABOVE TARGET"
            print(f"target < 100 MB: {verdict}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    os.environ.pop("ODWB_API_KEY", None)
    main()
