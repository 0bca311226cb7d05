"""The command line ends without tearing the interpreter down (cli/main.py ``exit_now``): the exit code, the exit
callbacks and every byte written are kept; a running (non-daemon) thread is waited for as by an ordinary exit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)


def test_the_exit_code_the_callbacks_and_the_output_are_kept() -> None:
    done = _run("import atexit, sys\nfrom odwb_assist.cli.main import exit_now\n"
                "atexit.register(lambda: print('fin'))\nsys.stdout.write('x' * 100000)\nsys.stderr.write('erreur')\n"
                "exit_now(3)")
    assert done.returncode == 3
    assert done.stdout == "x" * 100000 + "fin\n" and done.stderr == "erreur"


def test_a_running_thread_is_waited_for() -> None:
    done = _run("import threading, time\nfrom odwb_assist.cli.main import exit_now\n"
                "threading.Thread(target=lambda: (time.sleep(0.3), print('fini'))).start()\nexit_now(0)")
    assert done.returncode == 0 and done.stdout == "fini\n"


def test_a_check_from_the_command_line_writes_its_whole_report(tmp_path: Path) -> None:
    data = tmp_path / "petit.csv"
    data.write_text("commune;population\nNamur;112000\nLiège;197013\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "odwb_assist", "check", str(data), "--format", "json"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["valid"] is True
