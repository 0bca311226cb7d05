"""What the portal client tells the person waiting: a retry after 429 or 503 is announced, not silent.

The library only calls :func:`retrying`; the command line registers a listener that prints the
message (« le portail limite les requêtes : nouvel essai dans 4 s »), a notebook may register its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .i18n import Msg

Listener = Callable[[Msg], None]
LISTENERS: list[Listener] = []
TargetListener = Callable[[str, bool], None]
TARGET_LISTENERS: list[TargetListener] = []


def retry_message(status: int, wait: float) -> Msg:
    seconds = max(1, math.ceil(wait))
    if status == 429:
        return Msg(f"Le portail limite les requêtes : nouvel essai dans {seconds} s.",
                   f"The portal is rate limiting requests: trying again in {seconds} s.")
    return Msg(f"Le portail est momentanément indisponible ({status}) : nouvel essai dans {seconds} s.",
               f"The portal is temporarily unavailable ({status}): trying again in {seconds} s.")


def retrying(status: int, wait: float) -> None:
    """Tell every listener that a request is retried after ``status``, in ``wait`` seconds."""
    message = retry_message(status, wait)
    for listener in list(LISTENERS):
        listener(message)


def say(fr: str, en: str) -> None:
    """Tell every listener something about the wait (a quota reached, until when); logged when none listens."""
    if not LISTENERS:
        import logging

        logging.getLogger("odwb_assist.portal").warning("%s", fr)
    message = Msg(fr, en)
    for listener in list(LISTENERS):
        listener(message)


def targeted(base_url: str, sandbox: bool) -> None:
    """Tell every listener which portal answered, and whether it is a sandbox (once per client)."""
    for listener in list(TARGET_LISTENERS):
        listener(base_url, sandbox)
