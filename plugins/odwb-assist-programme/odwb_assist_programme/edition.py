"""A programme edition as data: sessions, challenges, obligations, fees, cap, window and delays.

Editions are TOML files shipped in ``editions/`` (``ouvrir-ma-ville-2021.toml``); another edition is
another file. :func:`load_edition` takes an edition name or the path of a TOML file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from odwb_assist.plugin import ConfigError, data_reason

DEFAULT_EDITION = "ouvrir-ma-ville-2021"
T = TypeVar("T")


@dataclass(frozen=True)
class Session:
    number: int
    type: str  # "formation" | "atelier"
    title: str
    minutes: int
    part: str = ""

    @property
    def key(self) -> str:
        """``"5a"`` for a part of day 5, ``"7"`` otherwise."""
        return f"{self.number}{self.part}"

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass(frozen=True)
class Challenge:
    id: str
    after_session: int
    title: str
    event: str | None = None
    event_kind: str | None = None


@dataclass(frozen=True)
class Obligation:
    id: str
    title: str


@dataclass(frozen=True)
class Fees:
    """Amounts in euros excluding VAT (art. 3)."""

    single: Decimal
    per_participant: Decimal
    vat_rate: Decimal
    programme_value: Decimal


def _find(
    items: tuple[T, ...], key: Callable[[T], str], wanted: str, shown: object, edition: str, unknown_fr: str, unknown_en: str
) -> T:
    """The item whose ``key`` is ``wanted``; else a ConfigError listing the known keys (placeholders shown, edition, known)."""
    for item in items:
        if key(item) == wanted:
            return item
    values = {"shown": shown, "edition": edition, "known": ", ".join(key(item) for item in items)}
    raise ConfigError(unknown_fr.format(**values), unknown_en.format(**values))


@dataclass(frozen=True)
class Edition:
    id: str
    title: str
    organiser: str
    start: date
    end: date
    cap: int
    max_participants: int
    refund_days: int
    notice_days: int
    fees: Fees
    portal_url: str = "https://www.odwb.be"
    sessions: tuple[Session, ...] = field(default_factory=tuple)
    challenges: tuple[Challenge, ...] = field(default_factory=tuple)
    obligations: tuple[Obligation, ...] = field(default_factory=tuple)

    @property
    def total_hours(self) -> float:
        return sum(s.minutes for s in self.sessions) / 60

    def session(self, key: str | int) -> Session:
        return _find(self.sessions, lambda s: s.key, str(key).strip().lower(), key, self.id,
                     "Séance « {shown} » inconnue dans l'édition {edition} (séances : {known}).",
                     "Unknown session '{shown}' in edition {edition} (sessions: {known}).")

    def challenge(self, challenge_id: str) -> Challenge:
        return _find(self.challenges, lambda c: c.id, challenge_id, challenge_id, self.id,
                     "Défi « {shown} » inconnu dans l'édition {edition} (défis : {known}).",
                     "Unknown challenge '{shown}' in edition {edition} (challenges: {known}).")

    def obligation(self, obligation_id: str) -> Obligation:
        return _find(self.obligations, lambda o: o.id, obligation_id, obligation_id, self.id,
                     "Obligation « {shown} » inconnue dans l'édition {edition} (obligations : {known}).",
                     "Unknown obligation '{shown}' in edition {edition} (obligations: {known}).")

    def challenges_for_event(self, event_type: str, kind: str | None = None) -> list[Challenge]:
        return [c for c in self.challenges if c.event == event_type and (c.event_kind is None or c.event_kind == kind)]

    def in_window(self, day: date) -> bool:
        return self.start <= day <= self.end


def available_editions() -> list[str]:
    folder = resources.files("odwb_assist_programme") / "editions"
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def local_editions(folder: Path) -> list[Path]:
    """Edition files written by ``programme edition new`` in the programme's folder."""
    return sorted(p for p in folder.glob("*.toml") if p.name != "odwb.toml" and p.is_file()) if folder.is_dir() else []


def newest_local_edition(folder: Path) -> Path | None:
    """The edition file of the folder with the latest start, if any (unreadable files are ignored)."""
    best: tuple[date, Path] | None = None
    for path in local_editions(folder):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            start = _day(data["start"])
            _ = data["sessions"], data["fees"]
        except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
            continue
        if best is None or start > best[0]:
            best = (start, path)
    return best[1] if best else None


def load_edition(name: str | Path = DEFAULT_EDITION, folder: Path | None = None) -> Edition:
    """The edition shipped under this name, or read from a TOML file path (or ``<name>.toml`` in ``folder``)."""
    if folder is not None and not Path(name).is_file() and (folder / f"{name}.toml").is_file():
        name = folder / f"{name}.toml"
    text = _edition_text(name)
    try:
        data = tomllib.loads(text)
        return _build(data)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        reason = data_reason(exc)
        raise ConfigError(
            f"Le fichier d'édition « {name} » est invalide ({reason.fr}). Comparez-le à "
            "ouvrir-ma-ville-2021.toml livré avec le plugin.",
            f"Edition file '{name}' is invalid ({reason.en}). Compare it with "
            "ouvrir-ma-ville-2021.toml shipped with the plugin.",
        ) from exc


def _edition_text(name: str | Path) -> str:
    path = Path(name)
    if path.suffix == ".toml" and path.is_file():
        return path.read_text(encoding="utf-8")
    resource = resources.files("odwb_assist_programme") / "editions" / f"{name}.toml"
    if not resource.is_file():
        raise ConfigError(
            f"Édition « {name} » introuvable. Éditions livrées : {', '.join(available_editions())} ; ou donnez "
            "le chemin d'un fichier .toml.",
            f"Edition '{name}' not found. Shipped editions: {', '.join(available_editions())}; or give the "
            "path of a .toml file.",
        )
    return resource.read_text(encoding="utf-8")


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _build(data: dict[str, Any]) -> Edition:
    fees = data["fees"]
    return Edition(
        id=str(data["id"]), title=str(data["title"]), organiser=str(data.get("organiser", "")),
        start=_day(data["start"]), end=_day(data["end"]), cap=int(data["cap"]),
        max_participants=int(data.get("max_participants", 3)), refund_days=int(data["refund_days"]),
        notice_days=int(data["notice_days"]), portal_url=str(data.get("portal_url", "https://www.odwb.be")),
        fees=Fees(
            single=Decimal(str(fees["single"])), per_participant=Decimal(str(fees["per_participant"])),
            vat_rate=Decimal(str(fees["vat_rate"])), programme_value=Decimal(str(fees.get("programme_value", 0))),
        ),
        sessions=tuple(
            Session(int(s["number"]), str(s["type"]), str(s["title"]), int(s["minutes"]), str(s.get("part", "")))
            for s in data["sessions"]
        ),
        challenges=tuple(
            Challenge(str(c["id"]), int(c["after_session"]), str(c["title"]), c.get("event"), c.get("event_kind"))
            for c in data["challenges"]
        ),
        obligations=tuple(Obligation(str(o["id"]), str(o["title"])) for o in data.get("obligations", [])),
    )
