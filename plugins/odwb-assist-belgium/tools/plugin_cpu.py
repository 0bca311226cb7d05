"""CPU the Belgian plugin costs on the main thread of ``check``, part by part (issue 17).

Usage::

    python plugins/odwb-assist-belgium/tools/plugin_cpu.py FILE                 # this tree
    python plugins/odwb-assist-belgium/tools/plugin_cpu.py FILE --old 9effc12   # and another version, same run

Runs the check engine in-process on FILE and sums the thread CPU time of each job of the plugin (its field kinds'
``validate_values``, its row checks' ``check_values`` and ``check_chunk``), the encoding of columns left out (the
core's, paid by whichever job asks first). With ``--old REF`` the plugin of REF (``git archive``) runs the same way
in a second process, before and after this tree's run, and the ratio new / old is printed: compare within one run,
the machine's load changes from minute to minute.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PLUGIN = "plugins/odwb-assist-belgium"
KINDS = ("be-", "email", "wgs84-", "lambert72-")


def measure(path: str) -> dict[str, float]:
    """Seconds of thread CPU per plugin job name, plus ``plugin`` (their sum) and ``check`` (the process)."""
    from odwb_assist.quality import check_run, engine, parallel

    spent: dict[str, float] = collections.defaultdict(float)
    running: list[str] = [""]
    run, encode = parallel.Job.run, check_run.EncodedColumns._encode

    def timed_run(job: parallel.Job) -> None:
        running[0] = job.origin
        start = time.thread_time()
        run(job)
        spent[job.origin] += time.thread_time() - start

    def timed_encode(columns: check_run.EncodedColumns, name: str) -> object:
        start = time.thread_time()
        encoded = encode(columns, name)
        spent[running[0]] -= time.thread_time() - start  # the core's encoding, not the job's
        return encoded

    setattr(parallel.Job, "run", timed_run)  # noqa: B010 (a method patched for the measure)
    setattr(check_run.EncodedColumns, "_encode", timed_encode)  # noqa: B010
    start = time.process_time()
    engine.check(path)
    total = time.process_time() - start
    ours = {name: seconds for name, seconds in spent.items()
            if name.startswith("belgium.") or name.removeprefix("kind ").startswith(KINDS)}
    return {**ours, "plugin": sum(ours.values()), "check": total}


def measure_old(ref: str, path: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref, f"{PLUGIN}/odwb_assist_belgium"],
                                 capture_output=True, check=True).stdout
        tar_path = Path(folder) / "old.tar"
        tar_path.write_bytes(archive)
        with tarfile.open(tar_path) as tar:
            tar.extractall(folder, filter="data")
        env = {**os.environ, "PYTHONPATH": str(Path(folder) / PLUGIN)}
        out = subprocess.run([sys.executable, __file__, path, "--json"], env=env, capture_output=True, text=True,
                             check=True).stdout
    result: dict[str, float] = json.loads(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--old", help="a git ref whose plugin is measured too")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.file)))
        return
    old = [measure_old(args.old, args.file)] if args.old else []
    new = json.loads(subprocess.run([sys.executable, __file__, args.file, "--json"], capture_output=True, text=True,
                                    check=True).stdout)
    if args.old:
        old.append(measure_old(args.old, args.file))
    for name in sorted(new, key=lambda key: -new[key]):
        line = f"{name:40} {new[name]:7.3f} s"
        if old:
            before = min(run.get(name, 0.0) for run in old)
            line += f"   old {before:7.3f} s" + (f"   ratio {new[name] / before:5.2f}" if before else "")
        print(line)


if __name__ == "__main__":
    main()
