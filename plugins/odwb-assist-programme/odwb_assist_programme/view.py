"""What the staff outputs (dashboard, export, hackathon pack) read of a programme: its edition and statuses.

:class:`~odwb_assist_programme.api.Programme` satisfies it and calls those outputs; they know only this
protocol, so they never import the API back.
"""

from __future__ import annotations

from typing import Protocol

from .edition import Edition
from .records import AdministrationStatus


class ProgrammeView(Protocol):
    """The part of :class:`~odwb_assist_programme.api.Programme` that the staff outputs read."""

    @property
    def edition(self) -> Edition: ...

    def status(self) -> list[AdministrationStatus]: ...
