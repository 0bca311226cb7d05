"""A publication blocker: a reason to refuse sending a dataset to the portal (``odwb_publication_blockers``)."""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import Msg


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
