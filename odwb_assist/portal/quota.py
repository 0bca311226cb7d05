"""The portal's API quota as its answers announce it: slow down before the limit, wait for the reset when it is reached.

The vendor documents (/work/shared/reference/ods-api.md §3.5; Explore API v1 documentation):

* on every answer, ``X-RateLimit-Limit``, ``X-RateLimit-Remaining`` and ``X-RateLimit-Reset``
  (epoch seconds; a daily quota resets at midnight UTC);
* once it is spent, a 429 whose body is ``{"errorcode": 10002 (domain quota) or 10005 (anonymous
  quota), "reset_time": "2021-01-26T00:00:00Z", "limit_time_unit": "day", "call_limit", "error"}``.

They never mention ``Retry-After``; the client still honours it when a server sends it.
When fewer than :data:`LOW_SHARE` of the calls are left, each call is spaced so that the rest last
until the reset (at most :data:`PACE_CAP` seconds apart); when none is left, the next call waits
for the reset, with a message saying until when, or fails with that time when it is too far away.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

LOW_SHARE = 0.05  # below 5 % of the quota left, calls are spaced out
LOW_FLOOR = 5  # …and always when 5 calls or fewer are left
PACE_CAP = 2.0  # seconds between two calls at most when slowing down
QUOTA_CODES = {10002: ("le quota d'appels du domaine", "the domain's call quota"),
               10005: ("le quota d'appels anonymes", "the anonymous call quota")}


def _int(value: Any) -> int | None:
    try:
        return int(float(str(value).strip()))
    except (TypeError, ValueError):
        return None


def parse_time(value: Any) -> float | None:
    """An ISO ``reset_time`` (``2021-01-26T00:00:00Z``) as epoch seconds."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def until(epoch: float) -> tuple[str, str]:
    """When the quota comes back, in words (local time; the date when it is not today): (fr, en)."""
    moment = datetime.fromtimestamp(epoch).astimezone()
    now = datetime.now().astimezone()
    hour = moment.strftime("%H:%M:%S")
    if moment.date() == now.date():
        return f"{hour} (heure locale)", f"{hour} (local time)"
    return f"{moment:%d/%m/%Y} à {hour} (heure locale)", f"{moment:%Y-%m-%d} at {hour} (local time)"


class QuotaGuard:
    """What the last answers said about the quota, and how long to wait before the next call."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.limit: int | None = None
        self.remaining: int | None = None
        self.reset: float | None = None

    def update(self, headers: Mapping[str, str]) -> None:
        remaining = _int(headers.get("X-RateLimit-Remaining"))
        if remaining is None:
            return
        self.remaining = remaining
        self.limit = _int(headers.get("X-RateLimit-Limit")) or self.limit
        reset = _int(headers.get("X-RateLimit-Reset"))
        self.reset = float(reset) if reset is not None else None

    def spent(self, reset: float | None) -> None:
        """A 429 said the quota is spent until ``reset`` (epoch seconds)."""
        self.remaining = 0
        self.reset = reset if reset is not None else self.reset

    def before_call(self) -> tuple[float, bool]:
        """(seconds to wait, whether the quota is reached) before the next call."""
        if self.remaining is None or self.reset is None:
            return 0.0, False
        left = self.reset - self.clock()
        if left <= 0:
            self.remaining = self.reset = None  # a new period: the next answer says where we are
            return 0.0, False
        if self.remaining <= 0:
            return left, True
        low = max(LOW_FLOOR, int((self.limit or 0) * LOW_SHARE))
        if self.remaining <= low:
            return min(PACE_CAP, left / (self.remaining + 1)), False
        return 0.0, False


def reset_of_429(body: Any, headers: Mapping[str, str]) -> tuple[float | None, str, str]:
    """When a 429 says the quota comes back (epoch), and which quota it is (fr, en)."""
    data = body if isinstance(body, dict) else {}
    which = QUOTA_CODES.get(_int(data.get("errorcode")) or 0, ("le quota d'appels du portail", "the portal's call quota"))
    reset = parse_time(data.get("reset_time"))
    if reset is None:
        header = _int(headers.get("X-RateLimit-Reset"))
        reset = float(header) if header is not None else None
    return reset, which[0], which[1]
