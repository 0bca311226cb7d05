"""What the sub-APIs (Explore, Automation) need of the client: sending requests, decoding JSON, waiting.

:class:`~odwb_assist.portal.client.PortalClient` satisfies it and composes the sub-APIs in one place (its
``explore`` and ``automation`` properties); the sub-APIs know only this protocol, so they never import
the client back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import requests

BodyFactory = Callable[[], tuple[Any, dict[str, str]]]


class Transport(Protocol):
    """The part of :class:`~odwb_assist.portal.client.PortalClient` that the sub-APIs call."""

    timeout: float
    poll_interval: float
    sleep: Callable[[float], None]

    def scrub(self, text: str) -> str: ...

    def request(
        self,
        method: str,
        path: str,
        *,
        api: str | None = "automation",
        params: dict[str, Any] | list[tuple[str, Any]] | None = None,
        json: Any = None,
        body: BodyFactory | None = None,
        headers: dict[str, str] | None = None,
        stream: bool = False,
        idempotent: bool | None = None,
        check: Callable[[], Any] | None = None,
        timeout: float | None = None,
    ) -> requests.Response | Any: ...

    def get_json(self, path: str, *, api: str = "automation", params: Any = None) -> Any: ...

    def send_json(self, method: str, path: str, payload: Any = None, *, check: Callable[[], Any] | None = None,
                  idempotent: bool | None = None) -> Any: ...

    def decode(self, response: requests.Response, what: str) -> Any: ...
