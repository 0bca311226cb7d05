"""The sandbox's call quota, told the way the vendor documents it (ods-api.md §3.5, Explore API v1 docs).

Every API answer carries ``X-RateLimit-Limit``, ``X-RateLimit-Remaining`` and ``X-RateLimit-Reset``
(epoch seconds of the next reset: midnight UTC for a daily quota). Past the limit, the answer is a
429 whose body is ``{"errorcode": 10002 (a key's domain quota) or 10005 (anonymous), "reset_time",
"limit_time_unit", "call_limit", "error"}``, without ``Retry-After`` (the vendor never mentions it).
Counts are per key (per address for anonymous calls) and per period, in memory.
``sandbox serve --daily-quota N`` sets the limit; without it the limit is high (never reached in a workshop).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

DEFAULT_LIMIT = 1_000_000
DAY = 86400
MESSAGES = {10002: "Too many requests on the domain. Please contact the domain administrator.",
            10005: "You have exceeded the requests limit for anonymous users."}


@dataclass(frozen=True)
class Count:
    limit: int
    remaining: int
    reset: int  # epoch seconds
    exceeded: bool

    def headers(self) -> dict[str, str]:
        return {"X-RateLimit-Limit": str(self.limit), "X-RateLimit-Remaining": str(self.remaining),
                "X-RateLimit-Reset": str(self.reset)}


class CallQuota:
    """Counts calls per caller and period; ``limit`` 0 or None means the high default."""

    def __init__(self, limit: int | None = None, period: int = DAY) -> None:
        self.limit = int(limit) if limit else DEFAULT_LIMIT
        self.period = max(1, int(period))
        self._counts: dict[tuple[str, int], int] = {}
        self._lock = threading.Lock()

    def count(self, who: str, now: float | None = None) -> Count:
        moment = time.time() if now is None else now
        start = int(moment // self.period) * self.period
        with self._lock:
            if any(key[1] != start for key in self._counts):  # a new period: forget the old one
                self._counts = {k: v for k, v in self._counts.items() if k[1] == start}
            used = self._counts.get((who, start), 0) + 1
            self._counts[(who, start)] = used
        return Count(self.limit, max(0, self.limit - used), start + self.period, used > self.limit)

    def refusal(self, count: Count, anonymous: bool) -> dict[str, Any]:
        """The vendor's 429 body."""
        code = 10005 if anonymous else 10002
        unit = "day" if self.period >= DAY else "hour" if self.period >= 3600 else "minute" if self.period >= 60 else "second"
        return {"errorcode": code, "reset_time": datetime.fromtimestamp(count.reset, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "limit_time_unit": unit, "call_limit": count.limit, "error": MESSAGES[code]}
