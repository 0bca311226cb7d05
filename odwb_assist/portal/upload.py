"""A streamed multipart body for file uploads (requests-toolbelt), with an optional Rich progress bar.

The file is read from disk while the request is sent: memory stays flat whatever the file size.
Each attempt of a retried upload gets a fresh body (the file is reopened from the start).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from requests_toolbelt.multipart.encoder import MultipartEncoder, MultipartEncoderMonitor

Progress = Callable[[int, int], None]


def _rich_progress(label: str) -> tuple[Progress | None, Callable[[], None]]:
    """A Rich progress bar on a terminal (nothing otherwise), and its closing function."""
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        return None, lambda: None
    bar = Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                   console=console, transient=True)
    task = bar.add_task(label, total=None)
    bar.start()

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return update, bar.stop


@contextmanager
def upload_body(path: Path, filename: str, mimetype: str, progress: bool | Progress = False
                ) -> Iterator[Callable[[], tuple[Any, dict[str, str]]]]:
    """A factory of ``(body, headers)`` for :meth:`PortalClient.request`; files are closed on exit."""
    opened: list[IO[bytes]] = []
    if callable(progress):
        report: Progress | None = progress
        stop: Callable[[], None] = lambda: None  # noqa: E731
    elif progress:
        report, stop = _rich_progress(filename)
    else:
        report, stop = None, lambda: None

    def factory() -> tuple[Any, dict[str, str]]:
        for handle in opened:
            handle.close()
        handle = path.open("rb")
        opened.append(handle)
        encoder = MultipartEncoder(fields={"file": (filename, handle, mimetype)})
        body: Any = encoder
        if report is not None:
            total = encoder.len
            body = MultipartEncoderMonitor(encoder, lambda monitor: report(monitor.bytes_read, total))
        return body, {"Content-Type": encoder.content_type}

    try:
        yield factory
    finally:
        stop()
        for handle in opened:
            handle.close()
