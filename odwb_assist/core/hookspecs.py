"""Every hook of odwb-assist, grouped by lifecycle stage: the single contract for plugins.

A plugin is any object or module with functions decorated by :data:`hookimpl` whose names match
the specifications below. Following pluggy's rule, an implementation may accept any subset of the
arguments of its specification. Built-in behaviour is registered through these same hooks (see
``odwb_assist.core.plugins.DEFAULT_PLUGINS``), so every built-in can be blocked by name.

Contribution hooks return a list (or ``None``); the results of all plugins are concatenated.
No hook here is ``firstresult``. The reference, with an example per hook, is
``docs/plugin_hooks.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import typer

    from .contract import Blocker, CheckContext, FieldKind, Fix, TableCheck
    from .events import Event

PROJECT_NAME = "odwb_assist"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# --- 2. Quality ---------------------------------------------------------------------------------


@hookspec
def odwb_field_kinds() -> list[FieldKind] | None:
    """Contribute semantic field kinds (:class:`~odwb_assist.core.contract.FieldKind`).

    Each kind has a detector (header patterns and a value sample) and a vectorised validator. The
    engine assigns at most one kind to a column: the kind declared in the Table Schema
    (``"odwb:kind"``) or, failing that, the best detected one.
    """


@hookspec
def odwb_checks(context: CheckContext) -> list[TableCheck | Any] | None:
    """Contribute checks for one table.

    Return :class:`~odwb_assist.core.contract.TableCheck` instances (run by odwb-assist on column
    chunks) or ``frictionless.Check`` instances (handed to Frictionless's own validation). The
    context tells the source, its labels, the detected kinds and the project's administration, so
    a plugin may return nothing for tables it does not concern.
    """


@hookspec
def odwb_fixes() -> list[Fix] | None:
    """Contribute safe, previewable fixes (:class:`~odwb_assist.core.contract.Fix`).

    A fix takes the whole table of raw text cells and returns a new one with the list of changes;
    it never writes a file, and the fix workflow never overwrites the original.
    """


# --- 3. Metadata --------------------------------------------------------------------------------


@hookspec
def odwb_enrich_metadata(project: Any, metadata: Any, source: Any) -> dict[str, Any] | None:
    """Propose metadata values for a dataset, as ``{"template.field": value}`` or ``{"field": value}``.

    ``project`` is the loaded configuration (:class:`odwb_assist.core.config_model.ProjectConfig`, may be
    ``None``), ``metadata`` the draft so far (read only), ``source`` the data file path. Proposals
    never overwrite what the user wrote: the drafting code keeps the user's values and the first
    proposal made for each field (built-ins run first).
    """


@hookspec
def odwb_metadata_rules() -> list[Any] | None:
    """Contribute rules of the metadata score (:class:`odwb_assist.metadata.score.MetadataRule`).

    A rule belongs to a dimension (findability, accessibility, interoperability, reusability,
    contextuality), is worth a number of points, and returns findings with advice.
    """


# --- 4. Publish ---------------------------------------------------------------------------------


@hookspec
def odwb_publication_blockers(project: Any, report: Any, metadata: Any) -> list[Blocker] | None:
    """Give reasons to refuse a publication (:class:`~odwb_assist.core.contract.Blocker`).

    Called before anything is sent to the portal with the dataset's configuration, its
    :class:`~odwb_assist.quality.report.QualityReport` and its metadata. Any blocker stops the
    publication; an overridable one can be lifted only with a written justification.
    """


# --- 5. Events and programme --------------------------------------------------------------------


@hookspec
def odwb_event_types() -> dict[str, str] | None:
    """Declare event types this plugin announces, as ``{type: description}``."""


@hookspec
def odwb_track_event(event: Event) -> None:
    """Listen to a lifecycle event (:class:`odwb_assist.core.events.Event`).

    Called for every event announced by the workflows (``dataset-checked``, ``dataset-published``…).
    A listener must be quick and must not raise; exceptions are reported as warnings.
    """


# --- Command line -------------------------------------------------------------------------------


@hookspec
def odwb_register_commands(app: typer.Typer) -> None:
    """Add commands or command groups to the ``odwb-assist`` command line.

    Example: ``app.add_typer(programme_app, name="programme")``. Commands stay thin: they call the
    plugin's Python API and turn :class:`odwb_assist.core.errors.OdwbError` into messages like the core.
    """


@hookspec
def odwb_help_en() -> dict[str, str] | None:
    """The English help of the commands this plugin registers, keyed by the French text each command and
    option shows (its ``help`` or docstring): ``odwb-assist --lang en … --help`` shows them."""
