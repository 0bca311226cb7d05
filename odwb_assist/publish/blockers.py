"""Checking publication blockers (``odwb_publication_blockers``). :class:`Blocker` itself is in
:mod:`odwb_assist.core.contract`; its old name here keeps working for one release, with a :class:`DeprecationWarning`."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from ..core import contract
from ..core.errors import PublicationBlocked

if TYPE_CHECKING:
    from ..core.contract import Blocker


def __getattr__(name: str) -> Any:
    if name == "Blocker":
        warnings.warn("odwb_assist.publish.blockers.Blocker moved to odwb_assist.core.contract (plugins: odwb_assist.plugin)",
                      DeprecationWarning, stacklevel=2)
        return contract.Blocker
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
