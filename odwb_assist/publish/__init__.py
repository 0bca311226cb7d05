"""Publish a dataset on the portal: ``plan()`` compares, ``Plan.apply()`` sends, ``Publication.verify()`` reads back.

One module per concept, imported in one direction only (no cycle)::

    planning → run → model → blockers, diff, source;  result ← run, planning;  record ← run, planning
    core_blockers (built-in plugin ``publish.core_blockers``) → blockers
    metadata_blockers (built-in plugin ``publish.metadata_blockers``) → blockers, and the metadata engine

The public names are imported lazily (on first use), so that registering the built-in blockers
plugin when the command line starts does not import the portal client (requests).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.lazy import lazy_exports

_EXPORTS = {
    "Blocker": "..core.contract",
    "check_blockers": "blockers",
    "Check": "result",
    "InvalidStatusError": "..core.errors",
    "Plan": "planning",
    "PlanState": "model",
    "Publication": "result",
    "PublicationBlocked": "..core.errors",
    "PublicationError": "..core.errors",
    "Step": "model",
    "UploadFile": "source",
    "Verification": "result",
    "plan": "planning",
    "prepare_upload": "source",
    "publish_and_wait": "run",
    "read_records": "record",
    "last_record": "record",
    "resolve_metadata": "planning",
}

__all__ = [
    "Blocker",
    "Check",
    "InvalidStatusError",
    "Plan",
    "PlanState",
    "Publication",
    "PublicationBlocked",
    "PublicationError",
    "Step",
    "UploadFile",
    "Verification",
    "check_blockers",
    "last_record",
    "plan",
    "prepare_upload",
    "publish_and_wait",
    "read_records",
    "resolve_metadata",
]

if TYPE_CHECKING:
    from ..core.contract import Blocker
    from ..core.errors import InvalidStatusError, PublicationBlocked, PublicationError
    from .blockers import check_blockers
    from .model import PlanState, Step
    from .planning import Plan, plan, resolve_metadata
    from .record import last_record, read_records
    from .result import Check, Publication, Verification
    from .run import publish_and_wait
    from .source import UploadFile, prepare_upload


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
