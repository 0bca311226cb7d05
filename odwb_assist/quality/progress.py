"""A Rich progress bar for long checks, shown only when the output is a terminal."""

from __future__ import annotations

import atexit
from collections.abc import Callable

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn


def rich_progress(name: str) -> Callable[[int, float], None] | None:
    """A callback ``(rows, share_read)`` driving a progress bar on stderr; ``None`` off a terminal."""
    console = Console(stderr=True)
    if not console.is_terminal:
        return None
    bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f} %"),
                   TextColumn("{task.fields[rows]} lignes/rows"), TimeElapsedColumn(), console=console, transient=True)
    task = bar.add_task(name, total=1.0, rows=0)
    bar.start()
    atexit.register(bar.stop)

    def update(rows: int, share: float) -> None:
        bar.update(task, completed=share, rows=f"{rows:,}".replace(",", " "))
        if share >= 1.0:
            bar.stop()

    return update
