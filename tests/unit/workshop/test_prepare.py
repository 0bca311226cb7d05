"""``workshop prepare``: folders, project files, keys in the sandbox store, never overwriting, never printing keys."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from odwb_assist.core import config
from odwb_assist.core.errors import InputError
from odwb_assist.sandbox.store import Store
from odwb_assist.workshop import ROOM_FILE, kit, load_room, prepare

KEY_LINE = re.compile(r"^export ODWB_API_KEY=(\S+)$", re.M)


def key_of(folder: Path) -> str:
    match = KEY_LINE.search((folder / "cle-api.env").read_text(encoding="utf-8"))
    assert match
    return match.group(1)


def test_prepare_creates_one_loadable_project_per_participant(tmp_path: Path) -> None:
    store_dir = tmp_path / "sandbox"
    result = prepare(tmp_path / "atelier-namur", 3, portal_url="http://10.0.0.5:8765/", sandbox_data=store_dir)
    room = result.room
    assert [p.folder for p in result.added] == ["participant-01", "participant-02", "participant-03"]
    store = Store(store_dir)
    ids, keys = set(), set()
    for participant in result.added:
        folder = room.folder(participant)
        project = config.load(folder / "odwb.toml")
        assert project.administration.name == participant.name == f"Participant {participant.number:02d}"
        assert project.portal.url == "http://10.0.0.5:8765" and project.portal.api_key_env == "ODWB_API_KEY"
        assert project.datasets == [] and project.workshop["dataset_prefix"] == f"p{participant.number:02d}-"
        for sample in kit.TUTORIAL_SAMPLES:
            assert (folder / sample).is_file()
        with (folder / "odwb.toml").open("a", encoding="utf-8") as handle:  # what the day-7 tutorial adds
            handle.write(kit.DATASET_BLOCK)
        project = config.load(folder / "odwb.toml")
        dataset = project.dataset()
        assert dataset.id == participant.dataset_id == f"p{participant.number:02d}-ciney-parkings-velos"
        assert project.dataset("ciney-parkings-velos") is dataset  # the tutorial's id still names it
        assert dataset.metadata["license"] == "CC BY 4.0"
        key = key_of(folder)
        user = store.user_for_key(key)
        assert user is not None and user.name == participant.user and not user.is_admin
        assert key in (folder / "cle-api.ps1").read_text(encoding="utf-8")
        assert (folder / "cle-api.env").stat().st_mode & 0o077 == 0
        readme = (folder / "README.txt").read_text(encoding="utf-8")
        assert "odwb-assist check parkings-velos-ciney.csv" in readme and key not in readme
        ids.add(dataset.id)
        keys.add(key)
    assert len(ids) == 3 and len(keys) == 3
    room_text = (room.directory / ROOM_FILE).read_text(encoding="utf-8")
    assert not any(key in room_text for key in keys)
    saved = load_room(room.directory)
    assert saved.room == "atelier-namur" and [p.user for p in saved.participants] == [p.user for p in result.added]


def test_names_file_gives_folders_and_administrations(tmp_path: Path) -> None:
    names = tmp_path / "noms.txt"
    names.write_bytes("# la salle du jeudi\nÉlise Dupont\n\nÉlise Dupont\nJean-Marc Lefèvre\n".encode("cp1252"))
    from odwb_assist.workshop import read_names

    result = prepare(tmp_path / "salle", names=read_names(names), sandbox_data=None)
    assert [p.folder for p in result.added] == ["elise-dupont", "elise-dupont-2", "jean-marc-lefevre"]
    project = config.load(tmp_path / "salle" / "jean-marc-lefevre" / "odwb.toml")
    assert project.administration.name == "Jean-Marc Lefèvre"
    folder = tmp_path / "salle" / "elise-dupont"
    assert not (folder / "cle-api.env").exists() and "demandez-la au formateur" in (folder / "README.txt").read_text("utf-8")


def test_never_overwrites_a_prepared_room(tmp_path: Path) -> None:
    room_dir = tmp_path / "salle"
    prepare(room_dir, 2, sandbox_data=tmp_path / "sb")
    work = room_dir / "participant-01" / "odwb.toml"
    work.write_text(work.read_text(encoding="utf-8") + "# mon travail\n", encoding="utf-8")
    key = key_of(room_dir / "participant-01")
    with pytest.raises(InputError, match="--add"):
        prepare(room_dir, 2, sandbox_data=tmp_path / "sb")
    assert work.read_text(encoding="utf-8").endswith("# mon travail\n")
    assert key_of(room_dir / "participant-01") == key
    assert Store(tmp_path / "sb").user_for_key(key) is not None  # the key still works


def test_existing_folder_stops_before_anything_is_written(tmp_path: Path) -> None:
    room_dir = tmp_path / "salle"
    (room_dir / "participant-02").mkdir(parents=True)
    (room_dir / "participant-02" / "notes.txt").write_text("à garder", encoding="utf-8")
    with pytest.raises(InputError, match="existe déjà"):
        prepare(room_dir, 3, sandbox_data=tmp_path / "sb")
    assert sorted(p.name for p in room_dir.iterdir()) == ["participant-02"]
    assert (room_dir / "participant-02" / "notes.txt").read_text(encoding="utf-8") == "à garder"
    assert Store(tmp_path / "sb").users() == []


def test_add_participants_later(tmp_path: Path) -> None:
    room_dir = tmp_path / "salle"
    prepare(room_dir, 2, portal_url="http://127.0.0.1:9000", sandbox_data=tmp_path / "sb")
    result = prepare(room_dir, 2, add=True)
    assert [p.folder for p in result.added] == ["participant-03", "participant-04"]
    assert [p.number for p in load_room(room_dir).participants] == [1, 2, 3, 4]
    assert config.load(room_dir / "participant-04" / "odwb.toml").portal.url == "http://127.0.0.1:9000"
    assert Store(tmp_path / "sb").user_for_key(key_of(room_dir / "participant-04")) is not None
    with pytest.raises(InputError, match="--portal"):
        prepare(room_dir, 1, add=True, portal_url="http://autre:1")
    with pytest.raises(InputError, match="salle.json"):
        prepare(tmp_path / "nouvelle", 1, add=True)


def test_same_room_name_on_the_same_sandbox_is_refused(tmp_path: Path) -> None:
    prepare(tmp_path / "a" / "salle", 1, sandbox_data=tmp_path / "sb")
    with pytest.raises(InputError, match="sandbox reset"):
        prepare(tmp_path / "b" / "salle", 1, sandbox_data=tmp_path / "sb")
    assert not (tmp_path / "b" / "salle" / "participant-01").exists()


@pytest.mark.parametrize(("count", "names"), [(None, None), (0, None), (2, ["Ana"]), (500, None)])
def test_bad_counts_are_explained(tmp_path: Path, count: int | None, names: list[str] | None) -> None:
    with pytest.raises(InputError):
        prepare(tmp_path / "salle", count, names=names, sandbox_data=None)
    assert not (tmp_path / "salle").exists()


def test_cli_prepare_never_prints_keys(tmp_path: Path, cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, err = cli("workshop", "prepare", tmp_path / "salle", "--participants", "2",
                         "--sandbox-data", tmp_path / "sb", "--portal", "http://127.0.0.1:8765")
    assert code == 0, out + err
    assert "participant-02" in out and "cle-api.env" in out
    for folder in ("participant-01", "participant-02"):
        assert key_of(tmp_path / "salle" / folder) not in out + err
    code, out, err = cli("workshop", "prepare", tmp_path / "salle", "--participants", "2")
    assert code == 2 and "--add" in out + err
    code, out, err = cli("workshop", "prepare", tmp_path / "salle2")
    assert code == 2 and "--participants" in out + err
    room = json.loads((tmp_path / "salle" / ROOM_FILE).read_text(encoding="utf-8"))
    assert room["sandbox_data"] == str((tmp_path / "sb").resolve())
