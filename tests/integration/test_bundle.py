"""``workshop bundle`` (issue 15, point 4): the wheels gathered for this platform install odwb-assist and its
plugins into a fresh virtual environment with no index at all (``--no-index --find-links``), as a room
without internet would from a USB stick.

Gathering the wheels is the one step that reads a package index (pip's configured one): when it cannot
be reached the test is skipped. The installation itself runs with an empty pip configuration and no index.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import pytest

from odwb_assist.workshop.bundle import PACKAGES

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.mark.timeout(1500)
def test_the_bundle_installs_offline_into_a_fresh_venv(cli: Any, tmp_path: Path) -> None:
    key = tmp_path / "cle-usb"
    code, out, err = cli("workshop", "bundle", key, "--platform", "current")
    if code != 0 and "pip n'a pas pu" in err:
        pytest.skip("no package index reachable to gather the wheels: " + err.strip()[:200])
    assert code == 0, err
    assert "current : " in out and (key / "LISEZMOI.txt").is_file()
    folder = key / "current"
    names = {p.name.split("-")[0].lower() for p in folder.glob("*.whl")}
    assert {"odwb_assist", "odwb_assist_belgium", "odwb_assist_programme", "pandas", "frictionless"} <= names
    assert "--no-index --find-links" in (key / "LISEZMOI.txt").read_text(encoding="utf-8")

    target = tmp_path / "salle-pc"
    venv.EnvBuilder(with_pip=True).create(target)
    python = target / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-index", "--find-links", str(folder),
                           *PACKAGES], env=env, capture_output=True, text=True, timeout=1200, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    sample = Path(__file__).resolve().parents[2] / "odwb_assist" / "data" / "samples" / "parkings-velos-ciney.csv"
    run = subprocess.run([str(python), "-m", "odwb_assist", "check", str(sample)], env=env, capture_output=True,
                         text=True, timeout=300, check=False, cwd=tmp_path)
    assert run.returncode == 1 and "title-rows" in run.stdout, run.stderr[-2000:]  # the broken sample, checked
    fees = subprocess.run([str(python), "-m", "odwb_assist", "programme", "fees", "2"], env=env, capture_output=True,
                          text=True, timeout=300, check=False, cwd=tmp_path)
    assert "484.00 € TVAC" in fees.stdout, fees.stderr  # the programme plugin came with the bundle
    assert sys.executable not in run.stdout
