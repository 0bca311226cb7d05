"""Work started before the command line is built: ``check BOOK.xlsx`` parses the workbook on the other core
while Typer, the commands and the plugins are set up (a quarter of a second the parse would otherwise wait)."""

from __future__ import annotations

from collections.abc import Sequence

# The options of ``check`` that take a value (tests/unit/cli/test_ahead.py keeps this in step with the command).
CHECK_VALUED = frozenset({"--schema", "--format", "-f", "--output", "-o", "--sheet", "--limit-errors", "--project",
                          "-p"})


def check_target(rest: Sequence[str]) -> tuple[str, str | None] | None:
    """(file, ``--sheet`` value) of ``check FILE [options]`` (global options already taken out), else None."""
    if len(rest) < 2 or rest[0] != "check":
        return None
    file: str | None = None
    sheet: str | None = None
    items = list(rest[1:])
    i = 0
    while i < len(items):
        arg = items[i]
        name, equals, value = arg.partition("=")
        if arg == "--":
            file = file if file is not None or i + 1 >= len(items) else items[i + 1]
            break
        if name in CHECK_VALUED:
            if not equals:
                value = items[i + 1] if i + 1 < len(items) else ""
                i += 1
            if name == "--sheet":
                sheet = value
        elif arg.startswith("-") and arg != "-":
            pass  # a flag (``--help``), or a short option with its value (``-fjson``)
        elif file is None:
            file = arg
        i += 1
    return (file, sheet) if file else None


def prefetch_check(rest: Sequence[str]) -> None:
    """``check BOOK.xlsx``: start parsing the workbook now (see :func:`..quality.workbook_open.prefetch`); the check
    then warms up what it needs after the parse while it waits for it."""
    target = check_target(rest)
    if target is not None:
        from ..quality.workbook_open import prefetch, while_waiting

        prefetch(*target)
        while_waiting(_warm_up)


def _warm_up() -> None:
    """Import the sheet's fast path, the modules its checks load on first use, and the plugins' field kinds with
    what their detectors import on their first call (phone numbers…), all of which the check needs once the sheet
    is read: while the parse runs, not after it."""
    import isodate  # noqa: F401 (the sample's type inference, for a cell that may be a duration)
    import pyarrow.pandas_compat  # noqa: F401 (the chunks' pandas frames)

    from ..checks import numbers, total_scan  # noqa: F401
    from ..quality import progress, sheet_stream  # noqa: F401
    from ..quality.kinds import column_kinds, field_kinds
    from .common import plugin_manager

    column_kinds(["valeur"], [["0470 12 34 56"]], kinds=field_kinds(plugin_manager()))
