"""Lifecycle events → the register: ``dataset-published`` marks the publication challenge and
records the dataset; ``inventory-checked`` marks the data-mapping challenge; a
``challenge-document-produced`` event of kind ``sheet`` marks the hackathon challenge sheet.

Which register: ``[programme] ledger`` of the event's ``odwb.toml`` (relative to its folder), else
``programme.sqlite`` beside it. When no register exists there, the participant is not followed by
the programme and nothing happens (no file is ever created by an event).
"""

from __future__ import annotations

from pathlib import Path

from odwb_assist.plugin import DATASET_PUBLISHED, PROJECT_FILE, Event
from odwb_assist.plugin import load_config as load

from .challenges import mark_challenge, record_publication
from .edition import DEFAULT_EDITION, load_edition, newest_local_edition
from .handled import HANDLED
from .ledger import Ledger
from .records import match_administration

DEFAULT_LEDGER_NAME = "programme.sqlite"


def ledger_settings(project_dir: str | Path) -> tuple[Path, str, list[str]]:
    """(register path, edition name, publisher names) from the project's ``odwb.toml``."""
    folder = Path(project_dir)
    ledger = folder / DEFAULT_LEDGER_NAME
    edition = DEFAULT_EDITION
    names: list[str] = []
    project_file = folder / PROJECT_FILE
    if project_file.is_file():
        config = load(project_file)
        if config.programme.get("ledger"):
            candidate = Path(str(config.programme["ledger"])).expanduser()
            ledger = candidate if candidate.is_absolute() else folder / candidate
        edition = str(config.programme.get("edition") or newest_local_edition(ledger.parent) or DEFAULT_EDITION)
        names = [n for n in (config.administration.name, config.administration.publisher) if n]
    return ledger, edition, names


def handle_event(event: Event, *, actor: str = "odwb-assist (événement)") -> bool:
    """Apply one event to the register; True when something was recorded."""
    if event.type not in HANDLED or not event.project_dir:
        return False
    path, edition_name, names = ledger_settings(event.project_dir)
    if not path.is_file():
        return False
    edition = load_edition(edition_name, path.parent)
    if event.administration:
        names = [event.administration, *names]
    with Ledger.open(path, actor=actor, create=False) as ledger:
        row = match_administration(ledger, nis_code=event.nis_code, names=names)
        if row is None:
            return False
        name = str(row["name"])
        day = event.timestamp[:10]
        changed = False
        if event.type == DATASET_PUBLISHED:
            published_at = str(event.payload.get("published_at") or event.timestamp)
            day = published_at[:10]
            changed = record_publication(ledger, edition, name, event.payload, published_at)
        kind = event.payload.get("kind")
        for challenge in edition.challenges_for_event(event.type, kind if isinstance(kind, str) else None):
            evidence = f"{event.type}: " + str(event.payload.get("dataset_id") or event.payload.get("path") or event.timestamp)
            before = ledger.row("SELECT 1 FROM challenges WHERE administration_id = ? AND challenge = ?",
                                (row["id"], challenge.id))
            if before is None:
                mark_challenge(ledger, edition, name, challenge.id, evidence=evidence, kind="event", on=day)
                changed = True
        return changed
