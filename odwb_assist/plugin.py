"""The one module a plugin imports: ``from odwb_assist.plugin import hookimpl, FieldKind, Finding, …``.

Like ``pytest.hookimpl`` or ``datasette.hookimpl``: a plugin learns one place, and the core may move
its internals without breaking any plugin. It holds, by the hook that needs them:

* every hook: :data:`hookimpl`; :class:`Msg` (a French/English text pair);
* ``odwb_field_kinds`` / ``odwb_checks``: :class:`FieldKind`, :class:`TableCheck`, :class:`BaseTableCheck`,
  :class:`CheckContext`, :class:`ColumnValues`, :data:`Detector`, :data:`Validator`, :data:`ValuesValidator`,
  :class:`Finding`, :class:`Severity`, and the personal-data vocabulary of the built-in checks
  (:func:`people_columns`, :func:`is_person_name`, :func:`names_people_by_role`, …) so that a plugin judges
  « people » columns and names as the core does, and
  :func:`official_values` (the values of a chunk column held on rows about a public office) and
  :func:`shared_official_values` (those its holders share: the administration's switchboard);
* ``odwb_fixes``: :class:`Fix`, :class:`FixContext`, :class:`Change`, and for a fix that streams
  :class:`StreamingFix`, :class:`FixPlan`, :data:`Rewrite`, :func:`streams`;
* ``odwb_metadata_rules``: :class:`MetadataRule`, :class:`MetadataFinding`, :class:`ScoreContext`;
* ``odwb_publication_blockers``: :class:`Blocker`;
* ``odwb_event_types`` / ``odwb_track_event``: :class:`Event`, the core event types, :func:`announce`;
* ``odwb_enrich_metadata`` and plugins that read the project: :class:`ProjectConfig`, :func:`load_config`,
  :func:`find_project_file`, :data:`PROJECT_FILE`;
* the errors a plugin raises or catches (:class:`OdwbError` and its subclasses);
* what a plugin that reads tables, the portal or writes spreadsheets shares with the core:
  :func:`read_table`, :class:`PortalClient`, the publisher-name matching (:class:`PublisherMatcher`, …),
  :func:`csv_safe` / :func:`set_text`;
* ``odwb_register_commands``: the command line's shared state and output (:data:`STATE`, :func:`t`,
  :func:`echo`, :func:`print_json`, :func:`plugin_manager`), so that a plugin's commands speak like the core's.

The core's own modules never import this one (they import :mod:`odwb_assist.core`); the names below the
contract are imported on first use, so that registering a plugin does not import pandas, requests or typer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .core.config import find_project_file
from .core.config import load as load_config
from .core.config_model import PROJECT_FILE, ProjectConfig
from .core.contract import (
    BaseTableCheck,
    Blocker,
    Change,
    CheckContext,
    ChunkPreparation,
    ColumnValues,
    Detector,
    FieldKind,
    Fix,
    FixContext,
    FixPlan,
    Rewrite,
    StreamingFix,
    TableCheck,
    Validator,
    ValuesPreparation,
    ValuesValidator,
    streams,
)
from .core.errors import ConfigError, InputError, OdwbError, PluginError, data_reason
from .core.events import (
    CHALLENGE_DOCUMENT,
    DATASET_CHECKED,
    DATASET_FIXED,
    DATASET_PUBLISHED,
    INVENTORY_CHECKED,
    METADATA_SCORED,
    PUBLICATION_FAILED,
    Event,
)
from .core.findings import Finding, Severity
from .core.hookspecs import hookimpl
from .core.i18n import Msg
from .core.plugins import announce, collect, get_plugin_manager
from .core.spreadsheet import csv_safe, set_text

if TYPE_CHECKING:
    from .checks.people import (
        PEOPLE_ROWS,
        PEOPLE_WORDS,
        describes_people,
        is_survey_export,
        label_words,
        people_columns,
        rows_are_people,
    )
    from .checks.person_names import is_person_name, names_people_by_role
    from .checks.public_offices import official_values, shared_official_values
    from .cli.common import STATE, echo, plugin_manager, print_json, t
    from .metadata.score import MetadataFinding, MetadataRule, ScoreContext
    from .portal import PortalClient
    from .portal.publishers import PublisherMatch, PublisherMatcher, fold, nis_codes_in, strip_prefix
    from .quality.fix_plans import columns_of
    from .quality.fixing import free_label
    from .quality.reader import Table, read_table

_LAZY = {
    "PEOPLE_ROWS": "odwb_assist.checks.people",
    "PEOPLE_WORDS": "odwb_assist.checks.people",
    "describes_people": "odwb_assist.checks.people",
    "rows_are_people": "odwb_assist.checks.people",
    "label_words": "odwb_assist.checks.people",
    "people_columns": "odwb_assist.checks.people",
    "is_survey_export": "odwb_assist.checks.people",
    "official_values": "odwb_assist.checks.public_offices",
    "shared_official_values": "odwb_assist.checks.public_offices",
    "is_person_name": "odwb_assist.checks.person_names",
    "names_people_by_role": "odwb_assist.checks.person_names",
    "MetadataFinding": "odwb_assist.metadata.score",
    "MetadataRule": "odwb_assist.metadata.score",
    "ScoreContext": "odwb_assist.metadata.score",
    "PortalClient": "odwb_assist.portal",
    "PublisherMatch": "odwb_assist.portal.publishers",
    "PublisherMatcher": "odwb_assist.portal.publishers",
    "fold": "odwb_assist.portal.publishers",
    "nis_codes_in": "odwb_assist.portal.publishers",
    "strip_prefix": "odwb_assist.portal.publishers",
    "Table": "odwb_assist.quality.reader",
    "columns_of": "odwb_assist.quality.fix_plans",
    "free_label": "odwb_assist.quality.fixing",
    "read_table": "odwb_assist.quality.reader",
    "STATE": "odwb_assist.cli.common",
    "echo": "odwb_assist.cli.common",
    "plugin_manager": "odwb_assist.cli.common",
    "print_json": "odwb_assist.cli.common",
    "t": "odwb_assist.cli.common",
}

__all__ = [
    # hooks and text
    "hookimpl", "Msg",
    # checks and field kinds
    "BaseTableCheck", "CheckContext", "ChunkPreparation", "ColumnValues", "Detector", "FieldKind", "Finding", "Severity",
    "TableCheck", "Validator", "ValuesPreparation", "ValuesValidator", "PEOPLE_ROWS", "PEOPLE_WORDS", "describes_people",
    "rows_are_people", "label_words", "people_columns", "is_survey_export", "official_values", "is_person_name",
    "names_people_by_role", "shared_official_values",
    # fixes, metadata rules, publication blockers
    "Change", "Fix", "FixContext", "FixPlan", "Rewrite", "StreamingFix", "streams", "columns_of", "free_label",
    "MetadataFinding", "MetadataRule", "ScoreContext", "Blocker",
    # events
    "Event", "announce", "CHALLENGE_DOCUMENT", "DATASET_CHECKED", "DATASET_FIXED", "DATASET_PUBLISHED",
    "INVENTORY_CHECKED", "METADATA_SCORED", "PUBLICATION_FAILED",
    # the project file and errors
    "PROJECT_FILE", "ProjectConfig", "find_project_file", "load_config",
    "ConfigError", "InputError", "OdwbError", "PluginError", "data_reason",
    # shared with the core: tables, the portal, publisher names, spreadsheets
    "Table", "read_table", "PortalClient", "PublisherMatch", "PublisherMatcher", "fold", "nis_codes_in", "strip_prefix",
    "csv_safe", "set_text",
    # testing a plugin on a throwaway manager (the built-ins and the plugin under test)
    "collect", "get_plugin_manager",
    # command line (odwb_register_commands)
    "STATE", "echo", "plugin_manager", "print_json", "t",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
