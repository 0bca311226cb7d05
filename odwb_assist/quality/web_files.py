"""A table given by its web address (« odwb-assist check https://www.ville.be/data/salles.csv »): downloaded once into
a temporary folder, then checked or fixed as a file, the report naming the address.

A dataset's page on an Opendatasoft portal (« https://www.odwb.be/explore/dataset/parkings-velos/table/ ») is a web
page, not a table: its CSV export is downloaded instead (``/api/explore/v2.1/catalog/datasets/{id}/exports/csv``, every
record, « ; » between cells: the Explore API v2.1, docs/reference ods-api § exports), and the report names that
address. The file keeps the name the server gives it (``Content-Disposition``), else the last part of the address, else
« telechargement » with the extension its type calls for (a CSV export without one). A query parameter that holds a
key (``apikey=…``, ``token=…``) is never shown: the address is written with « *** » in its place.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from ..core.errors import InputError, network_reason

TIMEOUT = (10.0, 60.0)  # seconds to connect, then between two blocks of the file
BLOCK = 1 << 20
SECRET_PARAMETERS = frozenset({"apikey", "api_key", "key", "token", "access_token", "auth", "password", "secret",
                               "signature", "sig"})
TYPE_SUFFIXES = {"text/csv": ".csv", "application/csv": ".csv", "text/tab-separated-values": ".tsv",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
                 "application/vnd.ms-excel": ".xls", "application/vnd.oasis.opendocument.spreadsheet": ".ods"}


# what an error status means, in words (the server's own reason is in its language, often English)
STATUS_WORDS = {401: ("accès réservé", "access restricted"), 403: ("accès refusé", "access denied"),
                404: ("introuvable", "not found"), 410: ("supprimé", "gone"),
                429: ("trop de demandes, réessayez plus tard", "too many requests, try again later")}
SERVER_ERROR = ("erreur du serveur, réessayez plus tard", "server error, try again later")


def is_web_address(source: Any) -> bool:
    """Whether ``source`` is an http(s) address rather than a path."""
    return isinstance(source, str) and source.strip().lower().startswith(("http://", "https://"))


_DATASET_PAGE = re.compile(r"^/explore/dataset/(?P<id>[A-Za-z0-9_-]+)(?:/.*)?$")


def table_address(url: str) -> str:
    """The address of the table itself: a portal dataset's page -> its CSV export (every record), else ``url``."""
    parts = urlsplit(url.strip())
    page = _DATASET_PAGE.match(parts.path)
    if page is None:
        return url.strip()
    path = f"/api/explore/v2.1/catalog/datasets/{page.group('id')}/exports/csv"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def shown_address(url: str) -> str:
    """``url`` as reports and messages show it: the value of a parameter that holds a key replaced by « *** »."""
    parts = urlsplit(url.strip())
    if not parts.query:
        return url.strip()
    query = [(name, "***" if name.lower() in SECRET_PARAMETERS else value)
             for name, value in parse_qsl(parts.query, keep_blank_values=True)]
    return urlunsplit(parts._replace(query=urlencode(query, safe="*")))


@contextmanager
def downloaded(url: str) -> Iterator[Path]:
    """The file at ``url``, downloaded into a temporary folder removed afterwards; :class:`InputError` (in words)
    when it cannot be (an address that answers an error, a server out of reach, a download cut short)."""
    with tempfile.TemporaryDirectory(prefix="odwb-assist-") as folder:
        yield download(url, Path(folder))


def download(url: str, folder: Path) -> Path:
    """Download ``url`` into ``folder``; the file's path."""
    import requests

    from ..core import __version__

    shown = shown_address(url)
    try:
        with requests.get(url.strip(), stream=True, timeout=TIMEOUT, allow_redirects=True,
                          headers={"User-Agent": f"odwb-assist/{__version__}"}) as response:
            if response.status_code >= 400:
                code = response.status_code
                fr, en = STATUS_WORDS.get(code, SERVER_ERROR if code >= 500 else ("refusée", "refused"))
                raise InputError(
                    f"L'adresse {shown} répond {code} ({fr}) : le fichier n'a pas pu être téléchargé. Ouvrez "
                    "l'adresse dans un navigateur pour vérifier qu'elle mène bien au fichier (et qu'il est public).",
                    f"Address {shown} answers {code} ({en}): the file could not be downloaded. Open the address in a "
                    "browser to check that it leads to the file (and that it is public).")
            path = folder / file_name(url, response.headers)
            with path.open("wb") as handle:
                for block in response.iter_content(BLOCK):
                    handle.write(block)
    except requests.exceptions.Timeout as exc:
        raise InputError(f"L'adresse {shown} ne répond pas (délai dépassé) : réessayez plus tard, ou téléchargez le "
                         "fichier avec un navigateur et vérifiez-le sur votre ordinateur.",
                         f"Address {shown} does not answer (timed out): try again later, or download the file with a "
                         "browser and check it on your computer.") from exc
    except requests.exceptions.ConnectionError as exc:
        raise InputError(f"L'adresse {shown} est injoignable : vérifiez qu'elle est bien écrite et que l'ordinateur "
                         "est connecté à Internet (un proxy peut bloquer le téléchargement ; téléchargez alors le "
                         "fichier avec un navigateur).",
                         f"Address {shown} cannot be reached: check that it is spelt right and that the computer is "
                         "online (a proxy may block the download; then download the file with a browser).") from exc
    except requests.exceptions.RequestException as exc:
        reason = network_reason(exc)
        raise InputError(f"Le fichier à l'adresse {shown} n'a pas pu être téléchargé ({reason.fr}).",
                         f"The file at {shown} could not be downloaded ({reason.en}).") from exc
    with path.open("rb") as handle:
        head = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):  # the page that links to the file, not the file
        raise InputError(f"L'adresse {shown} mène à une page web, pas à un fichier : ouvrez-la dans un navigateur, "
                         "faites un clic droit sur le lien de téléchargement du tableau > « Copier l'adresse du lien », "
                         "et relancez avec cette adresse.",
                         f"Address {shown} leads to a web page, not to a file: open it in a browser, right-click the "
                         "table's download link > 'Copy link address', and run again with that address.")
    return path


def file_name(url: str, headers: Any) -> str:
    """The name to give the downloaded file: the server's (``Content-Disposition``), else the address's last part,
    else « telechargement »; the extension its type calls for added when it has none."""
    from email.message import Message

    disposition = headers.get("Content-Disposition") or ""
    name = ""
    if disposition:
        message = Message()
        message["Content-Disposition"] = disposition
        name = (message.get_filename() or "").replace("\\", "/").rsplit("/", 1)[-1]  # a name, never a path
    if not name:
        name = unquote(urlsplit(url.strip()).path.rstrip("/").rsplit("/", 1)[-1])
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .") or "telechargement"
    if not Path(name).suffix:
        kind = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        name += TYPE_SUFFIXES.get(kind, "")
    return name[-150:]
