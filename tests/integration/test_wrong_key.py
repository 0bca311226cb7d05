"""A wrong API key against the sandbox: the message says to set the variable, never shows the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

SAMPLES = Path(__file__).resolve().parents[2] / "odwb_assist" / "data" / "samples"


def test_publish_with_a_wrong_key_names_the_variable(sandbox, tmp_path: Path, cli, monkeypatch) -> None:
    shutil.copyfile(SAMPLES / "salles-communales.csv", tmp_path / "salles.csv")
    (tmp_path / "odwb.toml").write_text(
        '[administration]\nname = "Commune de Test"\n[portal]\nurl = "' + sandbox.url + '"\n'
        '[[datasets]]\nid = "test-mauvaise-cle"\nfile = "salles.csv"\n[datasets.metadata]\ntitle = "Salles"\n'
        'description = "Les salles communales."\n'
        'license = "CC BY 4.0"\ntheme = ["Mobilité"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ODWB_API_KEY", "cle-totalement-fausse-123")
    code, out, err = cli("publish", "--dry-run")
    assert code == 2
    assert "ODWB_API_KEY" in err and "licence" not in err
    assert "cle-totalement-fausse-123" not in out + err
