"""A publication blocker: a reason to refuse sending a dataset to the portal (``odwb_publication_blockers``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import PublicationBlocked
from ..core.i18n import Msg


@dataclass(frozen=True)
class Blocker:
    """Why the dataset must not be published as it is, where, and how to fix it.

    ``code`` is a stable identifier (``personal-data``, ``invalid-file``, ``missing-license``…).
    A blocker with ``overridable=True`` can be lifted only explicitly, with a written justification
    that is kept in the publication record.
    """

    code: str
    message: Msg
    advice: Msg
    field_name: str | None = None
    overridable: bool = True
    source: str = "odwb"

    def to_dict(self, lang: str = "fr") -> dict[str, object]:
        return {
            "code": self.code,
            "fieldName": self.field_name,
            "message": self.message(lang),
            "advice": self.advice(lang),
            "overridable": self.overridable,
            "source": self.source,
        }


def check_blockers(blockers: list[Blocker], overrides: dict[str, str]) -> list[dict[str, str]]:
    """The overrides used; raises :class:`PublicationBlocked` for any blocker not validly overridden."""
    used, remaining = [], []
    for blocker in blockers:
        justification = (overrides.get(blocker.code) or "").strip()
        if blocker.overridable and justification:
            used.append({"code": blocker.code, "justification": justification})
        else:
            remaining.append(blocker)
    if remaining:
        def lines(lang: str) -> str:
            out = []
            for b in remaining:
                lock = "" if b.overridable else (" (non contournable)" if lang == "fr" else " (cannot be overridden)")
                out.append(f"  - [{b.code}]{lock} {b.message(lang)} → {b.advice(lang)}")
            return "\n".join(out)

        raise PublicationBlocked(
            f"Publication refusée ({len(remaining)} raison(s)) :\n{lines('fr')}",
            f"Publication refused ({len(remaining)} reason(s)):\n{lines('en')}",
            blockers=remaining,
        )
    return used
