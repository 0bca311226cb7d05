"""``prepare``: one folder per participant (broken sample, ``odwb.toml``, a sandbox key) and ``salle.json``.

The keys are created in the sandbox store (``--sandbox-data``, the folder of ``odwb-assist sandbox
serve --data``; the server may be running) and written only to the participant's own key files:
never returned, printed or recorded in ``salle.json``. Nothing that exists is ever overwritten: an
existing participant folder, or a sandbox user of the same name, stops the preparation before
anything is written.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..core.config import parse
from ..core.errors import InputError, os_reason
from ..core.slugs import slug
from ..sandbox.store import Store
from . import kit
from .room import ROOM_FILE, Participant, Room, load_room

DEFAULT_PORTAL = "http://127.0.0.1:8765"
DEFAULT_SANDBOX_DATA = Path(".odwb") / "sandbox"
MAX_PARTICIPANTS = 200
MAX_NAME = 80


@dataclass
class PrepareResult:
    """The room after preparation, and the participants created by this run (no key anywhere)."""

    room: Room
    added: list[Participant] = field(default_factory=list)
    keys_created: bool = True




def read_names(path: str | os.PathLike[str]) -> list[str]:
    """One participant name a line (UTF-8 or Windows-1252); blank lines and ``#`` comments are skipped."""
    file = Path(path).expanduser()
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise InputError(f"Impossible de lire la liste de noms {file} ({os_reason(exc).fr}) : vérifiez le chemin.",
                         f"Cannot read the list of names {file} ({os_reason(exc).en}): check the path.") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        from ..quality.code_pages import code_page

        text = raw.decode(code_page(raw), errors="replace")  # Windows-1252, Mac OS Roman or 850
    names = [line.strip() for line in text.splitlines()]
    names = [name for name in names if name and not name.startswith("#")]
    if not names:
        raise InputError(f"La liste {file} ne contient aucun nom : écrivez un nom de participant par ligne.",
                         f"The list {file} holds no name: write one participant name a line.")
    return names


def sample_file(name: str = kit.SAMPLE_NAME) -> Path:
    """A sample every participant gets (``odwb_assist/data/samples/parkings-velos-ciney.csv``, the broken export)."""
    return Path(str(resources.files("odwb_assist") / "data" / "samples" / name))


def _plan(room: Room, count: int | None, names: list[str] | None) -> list[Participant]:
    if names is not None and count is not None and count != len(names):
        raise InputError(f"--participants {count} ne correspond pas aux {len(names)} noms de la liste : "
                         "donnez l'un ou l'autre, ou corrigez la liste.",
                         f"--participants {count} does not match the {len(names)} names of the list: give one or the "
                         "other, or fix the list.")
    if names is None and (count is None or count < 1):
        raise InputError("Indiquez le nombre de participants (--participants N, au moins 1) ou une liste de noms "
                         "(--names FICHIER).",
                         "Give the number of participants (--participants N, at least 1) or a list of names "
                         "(--names FILE).")
    total = len(names) if names is not None else int(count or 0)
    if total + len(room.participants) > MAX_PARTICIPANTS:
        raise InputError(f"{total + len(room.participants)} participants : c'est plus que les {MAX_PARTICIPANTS} "
                         "prévus pour une salle. Répartissez-les en plusieurs salles (plusieurs dossiers).",
                         f"{total + len(room.participants)} participants: more than the {MAX_PARTICIPANTS} planned "
                         "for one room. Split them into several rooms (several folders).")
    start = max((p.number for p in room.participants), default=0) + 1
    taken = {p.folder for p in room.participants}
    planned = []
    for offset in range(total):
        number = start + offset
        default = f"Participant {number:02d}"
        name = (names[offset][:MAX_NAME].strip() if names is not None else default) or default
        base = slug(name) if names is not None else f"participant-{number:02d}"
        folder = base or f"participant-{number:02d}"
        suffix = 2
        while folder in taken:
            folder = f"{base}-{suffix}"
            suffix += 1
        taken.add(folder)
        planned.append(Participant(number, name, folder, user=f"{room.room}-{folder}",
                                   dataset_id=kit.dataset_prefix(number) + kit.TUTORIAL_DATASET))
    return planned


def _refuse_existing(room: Room, planned: list[Participant], store: Store | None) -> None:
    for participant in planned:
        folder = room.folder(participant)
        if folder.exists():
            raise InputError(
                f"Le dossier {folder} existe déjà : odwb-assist ne l'écrase jamais (le travail d'un participant "
                "serait perdu). Choisissez un autre dossier de salle, ou ajoutez des participants avec --add.",
                f"Folder {folder} already exists: odwb-assist never overwrites it (a participant's work would be "
                "lost). Choose another room folder, or add participants with --add.",
            )
    if store is not None:
        existing = {user.name for user in store.users()}
        clash = [p.user for p in planned if p.user in existing]
        if clash:
            raise InputError(
                f"Le bac à sable {store.data_dir} a déjà un utilisateur « {clash[0]} » (une salle du même nom a été "
                "préparée) : le recréer remplacerait sa clé. Préparez la salle dans un dossier d'un autre nom, ou "
                "videz le bac à sable (odwb-assist sandbox reset).",
                f"The sandbox {store.data_dir} already has a user '{clash[0]}' (a room of the same name was prepared): "
                "creating it again would replace its key. Prepare the room in a folder with another name, or empty "
                "the sandbox (odwb-assist sandbox reset).",
            )


def _write_private(path: Path, text: str) -> None:
    """A file only its owner can read (where the system allows it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _make_folder(room: Room, participant: Participant, store: Store | None) -> None:
    folder = room.folder(participant)
    folder.mkdir(parents=False, exist_ok=False)
    for name in kit.TUTORIAL_SAMPLES:
        shutil.copyfile(sample_file(name), folder / name)
    toml = kit.project_file(participant.name, room.portal, participant.number, room.room)
    parse(toml, folder / "odwb.toml")  # a participant never receives a project file that does not load
    (folder / "odwb.toml").write_text(toml, encoding="utf-8")
    if store is not None:
        key = store.add_user(participant.user)
        _write_private(folder / kit.KEY_FILE_SH, kit.key_file_sh(key))
        _write_private(folder / kit.KEY_FILE_PS1, kit.key_file_ps1(key))
        del key
    text = kit.readme(participant.name, room.portal, participant.dataset_id, store is not None)
    (folder / kit.README_NAME).write_text(text, encoding="utf-8")


def prepare(
    directory: str | os.PathLike[str],
    participants: int | None = None,
    *,
    names: Iterable[str] | None = None,
    portal_url: str | None = None,
    sandbox_data: str | os.PathLike[str] | None = DEFAULT_SANDBOX_DATA,
    add: bool = False,
) -> PrepareResult:
    """Prepare (or, with ``add=True``, extend) the room in ``directory``.

    ``participants`` folders ``participant-01``… are made, or one per name of ``names``. Each gets
    the tutorials' samples, an ``odwb.toml`` (administration = the participant, portal = ``portal_url``,
    a ``[workshop]`` dataset prefix that makes the tutorials' dataset ids unique on the sandbox) and,
    when ``sandbox_data`` is given, a key of its own in
    ``cle-api.env`` / ``cle-api.ps1``. ``salle.json`` lists participants and folders, never keys.
    Raises :class:`InputError` (before writing anything) when a folder or sandbox user exists.
    """
    root = Path(directory).expanduser().resolve()
    name_list = list(names) if names is not None else None
    if add:
        room = load_room(root)
        if portal_url and portal_url.rstrip("/") != room.portal:
            raise InputError(f"La salle {root} utilise le portail {room.portal} : --portal ne peut pas changer pour "
                             "les nouveaux participants. Retirez --portal.",
                             f"Room {root} uses the portal {room.portal}: --portal cannot change for new participants. "
                             "Remove --portal.")
    else:
        if (root / ROOM_FILE).exists():
            raise InputError(f"La salle {root} est déjà préparée ({ROOM_FILE} existe) : rien n'a été modifié. Ajoutez "
                             "des participants avec --add, ou choisissez un autre dossier.",
                             f"Room {root} is already prepared ({ROOM_FILE} exists): nothing was changed. Add "
                             "participants with --add, or choose another folder.")
        if root.exists() and not root.is_dir():
            raise InputError(f"{root} est un fichier, pas un dossier : choisissez un autre chemin.",
                             f"{root} is a file, not a folder: choose another path.")
        room_id = slug(root.name)[:40].strip("-") or "atelier"
        store_dir = str(Path(sandbox_data).expanduser().resolve()) if sandbox_data is not None else None
        room = Room(root, room_id, (portal_url or DEFAULT_PORTAL).rstrip("/"), store_dir)
    store = Store(room.sandbox_data) if room.sandbox_data else None
    planned = _plan(room, participants, name_list)
    _refuse_existing(room, planned, store)
    root.mkdir(parents=True, exist_ok=True)
    added: list[Participant] = []
    try:
        for participant in planned:
            _make_folder(room, participant, store)
            room.participants.append(participant)
            added.append(participant)
    finally:
        room.save()
        if store is not None:
            store.close()
    return PrepareResult(room, added, store is not None)
