"""``odwb-assist demo``: the whole lifecycle offline, every listed output exists, nothing leaks the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from odwb_assist.workshop.browser import browser_available
from odwb_assist.workshop.demo import run_demo

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    return run_demo(tmp_path_factory.mktemp("demo") / "sortie", browser=browser_available())


def test_every_listed_output_exists_and_is_not_empty(demo) -> None:
    assert demo.outputs
    for output in demo.outputs:
        assert output.path.is_file(), output.path
        assert output.path.stat().st_size > 0, output.path
    assert (demo.output_dir / "resume.txt").is_file()


def test_the_lifecycle_went_through(demo) -> None:
    facts = " ".join(fact("en") for fact in demo.facts)
    assert "fixed file: valid" in facts
    assert "verification passed" in facts and "second run: 0 write(s)" in facts
    assert "met by: Ville de Ciney (1/5)" in facts
    assert not [note("en") for note in demo.notes], [note("en") for note in demo.notes]
    record = json.loads((demo.output_dir / "projet" / ".odwb" / "publications.jsonl").read_text().splitlines()[-1])
    assert record["dataset_id"] == "ciney-parkings-velos" and record["records"] == 24


def test_personal_data_flagged_only_where_it_is(demo) -> None:
    facts = " ".join(fact("en") for fact in demo.facts)
    assert "personal data flagged in: registre-inscriptions-stage." in facts


def test_no_key_in_any_output(demo) -> None:
    for path in demo.output_dir.rglob("*"):
        if path.is_file() and path.suffix in {".txt", ".json", ".jsonl", ".html", ".log", ".toml", ".csv", ".md"}:
            assert "ODWB_DEMO_API_KEY=" not in path.read_text(encoding="utf-8", errors="replace")


@pytest.mark.browser
@pytest.mark.skipif(not browser_available(), reason="needs Debian's chromium and playwright (make setup installs them)")
def test_html_outputs_render_in_a_real_browser(demo) -> None:
    shots = [o.path for o in demo.outputs if o.path.suffix == ".png" and o.path.parent.name == "captures"]
    names = {p.stem.split("-", 1)[1] for p in shots}
    assert {"rapport-qualite", "dictionnaire", "score", "tableau-de-bord", "accueil", "ciney-parkings-velos"} <= names


def test_demo_refuses_a_folder_that_is_not_its_own(tmp_path: Path, cli) -> None:
    (tmp_path / "mes-donnees.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    code, out, err = cli("demo", "--output", tmp_path, "--no-browser")
    assert code == 2 and "pas un dossier de démo" in err
    assert (tmp_path / "mes-donnees.csv").read_text(encoding="utf-8") == "a,b\n1,2\n"
