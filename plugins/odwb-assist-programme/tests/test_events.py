from __future__ import annotations

from pathlib import Path

from odwb_assist_programme.api import Programme
from programme_helpers import confirm

from odwb_assist.core.events import CHALLENGE_DOCUMENT, DATASET_PUBLISHED, INVENTORY_CHECKED, Event
from odwb_assist.core.plugins import announce, get_plugin_manager


def _project(folder: Path, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "odwb.toml").write_text(
        '[administration]\nname = "Ville de Ciney"\nnis_code = "91030"\npublisher = "Ciney"\n' + extra, encoding="utf-8")
    return folder


def _published(folder: Path, dataset_id: str = "ciney-parkings", when: str = "2021-09-15T10:00:00+00:00",
               nis: str | None = "91030", name: str | None = "Ville de Ciney") -> Event:
    return Event(DATASET_PUBLISHED, {"dataset_id": dataset_id, "uid": "da_1", "portal": "https://www.odwb.be",
                                     "records": 12, "title": "Parkings vélos", "published_at": when},
                 administration=name, nis_code=nis, project_dir=str(folder))


def test_publication_event_marks_the_challenge_and_the_obligation(tmp_path: Path) -> None:
    folder = _project(tmp_path / "ciney")
    with Programme.open(folder / "programme.sqlite") as prog:
        confirm(prog, "Ville de Ciney", nis="91030")
        assert not prog.status("Ville de Ciney")[0].publication_obligation_met(prog.edition)
    pm = get_plugin_manager(builtins=False)
    assert "programme" in [name for name, _ in pm.list_name_plugin()]
    announce(pm, _published(folder))
    announce(pm, _published(folder))  # twice: recorded once
    with Programme.open(folder / "programme.sqlite") as prog:
        status = prog.status("Ville de Ciney")[0]
        assert status.challenges["publication"]["evidence_kind"] == "event"
        assert "ciney-parkings" in status.challenges["publication"]["evidence"]
        assert status.challenges["publication"]["done_on"] == "2021-09-15"
        assert [p["dataset_id"] for p in status.publications] == ["ciney-parkings"]
        assert status.publication_obligation_met(prog.edition)
        assert [a["action"] for a in prog.audit("Ville de Ciney")][-2:] == ["publication", "challenge"]


def test_event_matches_by_name_or_publisher_and_respects_the_window(tmp_path: Path) -> None:
    folder = _project(tmp_path / "ciney", '[programme]\nledger = "registre/omv.sqlite"\n')
    with Programme.open(folder / "registre" / "omv.sqlite") as prog:
        confirm(prog, "Commune de Ciney", publishers=("Ciney",))
    announce(get_plugin_manager(builtins=False), _published(folder, when="2022-01-10T10:00:00+00:00", nis=None, name="Autre nom"))
    with Programme.open(folder / "registre" / "omv.sqlite") as prog:
        status = prog.status("Commune de Ciney")[0]
        assert "publication" in status.challenges  # the challenge is done…
        assert not status.publication_obligation_met(prog.edition)  # …but after the programme window


def test_other_events_mark_their_challenges(tmp_path: Path) -> None:
    folder = _project(tmp_path / "ciney")
    with Programme.open(folder / "programme.sqlite") as prog:
        confirm(prog, "Ville de Ciney", nis="91030")
    pm = get_plugin_manager(builtins=False)
    announce(pm, Event(INVENTORY_CHECKED, {"path": "inventaire.xlsx", "entries": 12, "errors": 0},
                       administration="Ville de Ciney", nis_code="91030", project_dir=str(folder)))
    announce(pm, Event(CHALLENGE_DOCUMENT, {"kind": "roadmap", "path": "feuille.html"}, nis_code="91030",
                       project_dir=str(folder)))
    announce(pm, Event(CHALLENGE_DOCUMENT, {"kind": "sheet", "path": "fiche.html"}, nis_code="91030", project_dir=str(folder)))
    with Programme.open(folder / "programme.sqlite") as prog:
        done = prog.status("Ville de Ciney")[0].challenges
        assert set(done) == {"cartographie", "fiche-challenge"}
        assert done["fiche-challenge"]["evidence"].endswith("fiche.html")


def test_participant_without_register_is_left_alone(tmp_path: Path) -> None:
    folder = _project(tmp_path / "elsewhere")
    with _no_warning():
        announce(get_plugin_manager(builtins=False), _published(folder))
    assert sorted(p.name for p in folder.iterdir()) == ["odwb.toml"]


class _no_warning:
    def __enter__(self) -> None:
        import warnings

        self._ctx = warnings.catch_warnings()
        self._ctx.__enter__()
        warnings.simplefilter("error")

    def __exit__(self, *exc: object) -> None:
        self._ctx.__exit__(*exc)
