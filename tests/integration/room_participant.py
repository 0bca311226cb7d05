"""One participant of the room test: follows the tutorials of days 7, 8 and 9 in their prepared folder.

Run as a separate process by ``test_room_tutorials.py`` (``python room_participant.py FOLDER URL``, the
participant's key in ``ODWB_API_KEY``), so that the room works in parallel like a real one. Prints
one JSON object: the outputs, the first unexpected exit code, and every non-loopback address a
command tried to reach (refused).
"""

from __future__ import annotations

import contextlib
import io
import ipaddress
import json
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "docs"))

from doc_blocks import blocks, command_lines  # noqa: E402

ROOM_URL = "http://127.0.0.1:8765"
PAGES = [ROOT / "docs" / "fr" / f"tutoriel-jour-{day}.md" for day in (7, 8, 9)]
REFUSED: list[str] = []
_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    host = address[0] if isinstance(address, tuple) else str(address)
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if self.family in (socket.AF_INET, socket.AF_INET6) and not loopback:
        REFUSED.append(host)
        raise OSError(f"no network beyond the loopback ({host})")
    return _connect(self, address)


def follow(folder: Path, url: str) -> dict[str, Any]:
    from odwb_assist.cli import publish as publish_cli
    from odwb_assist.cli.main import main

    class Fast(publish_cli.PortalClient):  # type: ignore[name-defined,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("poll_interval", 0.05)
            super().__init__(*args, **kwargs)

    publish_cli.PortalClient = Fast  # type: ignore[attr-defined]
    outputs: list[str] = []
    failure = None
    for page in PAGES:
        for block in blocks(page):
            if block.has("skip") or block.has("write"):  # « il ressemble à ceci » : the participant keeps their file
                continue
            if block.has("append"):
                with (folder / str(block.arg("append"))).open("a", encoding="utf-8") as handle:
                    handle.write(block.text.replace(ROOM_URL, url))
                continue
            if block.lang != "console":
                continue
            for command, expected in command_lines(block):
                args = shlex.split(command.replace(ROOM_URL, url), comments=True)[1:]
                out, err = io.StringIO(), io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    code = main(args)
                text = out.getvalue() + err.getvalue()
                outputs.append(f"$ {command}\n{text}")
                if code != expected and failure is None:
                    failure = f"{page.name}: {command} -> {code} (expected {expected})\n{text}"
    return {"outputs": outputs, "failure": failure, "refused": REFUSED}


if __name__ == "__main__":
    socket.socket.connect = _loopback_only  # type: ignore[method-assign]
    import os

    os.chdir(sys.argv[1])
    print(json.dumps(follow(Path(sys.argv[1]), sys.argv[2]), ensure_ascii=False))
