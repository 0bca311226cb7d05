"""Bilingual text: French by default, English on request.

User-facing text travels as :class:`Msg` pairs so that the language is chosen where the text is
shown (report renderer, CLI), not where it is produced (checks, plugins).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Lang = Literal["fr", "en"]
LANGS: tuple[str, ...] = ("fr", "en")
DEFAULT_LANG: Lang = "fr"


def normalise_lang(lang: str | None) -> Lang:
    """Map any user-given language to a supported one (unknown values fall back to French)."""
    if lang and lang.lower().startswith("en"):
        return "en"
    return "fr"


@dataclass(frozen=True)
class Msg:
    """A text in French and English, with optional ``{placeholders}`` filled by :meth:`format`."""

    fr: str
    en: str

    def __call__(self, lang: str | None = None) -> str:
        return self.en if normalise_lang(lang) == "en" else self.fr

    def format(self, **values: Any) -> Msg:
        return Msg(self.fr.format(**values), self.en.format(**values))

    def __add__(self, other: Msg) -> Msg:
        return Msg(self.fr + other.fr, self.en + other.en)

    def to_dict(self) -> dict[str, str]:
        return {"fr": self.fr, "en": self.en}


def msg(fr: str, en: str) -> Msg:
    return Msg(fr, en)


def sentence(text: str) -> str:
    """``text`` ending with one full stop: a message quoted inside another is a sentence of its own, never followed
    by a second stop nor by a bracket after its own."""
    text = str(text).strip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."
