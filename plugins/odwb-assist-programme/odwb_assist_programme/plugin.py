"""Hook implementations of the programme plugin: the ``programme`` command group, the event
listener that keeps the register up to date, and the event types it understands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from odwb_assist.plugin import Event, hookimpl

from .handled import HANDLED

if TYPE_CHECKING:
    import typer

__all__ = ["odwb_event_types", "odwb_help_en", "odwb_register_commands", "odwb_track_event"]

@hookimpl
def odwb_register_commands(app: typer.Typer) -> None:
    from .cli import programme_app

    app.add_typer(programme_app, name="programme")


@hookimpl(optionalhook=True)  # an odwb-assist older than this hook still accepts the plugin
def odwb_help_en() -> dict[str, str]:
    from .help_en import HELP_EN

    return HELP_EN


@hookimpl
def odwb_track_event(event: Event) -> None:
    if event.type not in HANDLED:
        return  # the events the register ignores (a check, …) do not import it
    from .listener import handle_event

    handle_event(event)


@hookimpl
def odwb_event_types() -> dict[str, str]:
    return {
        "programme-verified": "The programme's obligation check ran (payload: edition, administrations, met, requests).",
    }
