"""The files a command is given: local paths as they are, web addresses downloaded for the time of the command."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path


def local_files(given: list[str], downloads: ExitStack) -> tuple[list[Path], dict[str, str]]:
    """The paths to read: each file as given, each web address downloaded (into a folder ``downloads`` removes; a
    portal dataset's page: its CSV export); and each downloaded file's path -> its address as shown (a key hidden)."""
    from ..quality.web_files import downloaded, is_web_address, shown_address, table_address

    paths: list[Path] = []
    addresses: dict[str, str] = {}
    for item in given:
        if is_web_address(item):
            address = table_address(item)
            path = downloads.enter_context(downloaded(address))
            addresses[str(path.resolve())] = shown_address(address)
            paths.append(path)
        else:
            paths.append(Path(item))
    return paths, addresses


def address_of(source: str, addresses: dict[str, str]) -> str:
    """A file's source as reports show it: its web address when it was downloaded from one."""
    if not addresses:
        return source
    return addresses.get(str(Path(source).resolve()), source)
