"""Fault injection for training and tests: chosen endpoints answer 429, 503, or late, at a given rate.

A rule is a dict (stored in the store setting ``faults``, so that ``odwb-assist sandbox faults``
changes a running sandbox within a second)::

    {"path": "/api/automation/v1.0/datasets/*",  # fnmatch pattern on the path ("*" = everything)
     "methods": ["POST"],                         # optional; all methods when absent
     "kind": "429" | "503" | "delay",
     "rate": 0.5,                                 # probability per matching request (default 1.0)
     "retry_after": 2,                            # seconds, for 429 and 503 (default 1)
     "delay": 1.5,                                # seconds, for "delay"
     "times": 3}                                  # optional: only the next N matching requests
"""

from __future__ import annotations

import fnmatch
import json
import math
import random
import threading
import time
from dataclasses import dataclass
from typing import Any

from .store import Store

KINDS = ("429", "503", "delay")
MAX_DELAY = 120.0  # seconds: a longer « delay » only freezes the room
MAX_RETRY_AFTER = 3600


class FaultRuleError(ValueError):
    """A fault rule that cannot be used; ``fr`` and ``en`` say which rule and why."""

    def __init__(self, fr: str, en: str) -> None:
        super().__init__(en)
        self.fr, self.en = fr, en


def _number(rule: dict[str, Any], key: str, n: int, default: float, low: float, high: float) -> float:
    value = rule.get(key, default)
    number = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else math.nan
    if not (math.isfinite(number) and low <= number <= high):
        raise FaultRuleError(f"règle {n} : « {key} » doit être un nombre de {low:g} à {high:g} (reçu : {value!r})",
                             f"rule {n}: '{key}' must be a number from {low:g} to {high:g} (got {value!r})")
    return number


def validate_rules(rules: Any) -> list[dict[str, Any]]:
    """The rules, checked and normalised; raises :class:`FaultRuleError` naming the bad rule."""
    if not isinstance(rules, list):
        raise FaultRuleError("les règles de panne doivent former une liste", "fault rules must be a list")
    checked = []
    for n, rule in enumerate(rules, 1):
        if not isinstance(rule, dict) or str(rule.get("kind")) not in KINDS:
            raise FaultRuleError(f"règle {n} : « kind » doit valoir {', '.join(KINDS)}",
                                 f"rule {n}: 'kind' must be one of {', '.join(KINDS)}")
        methods = rule.get("methods") or []
        if not isinstance(methods, list) or not all(isinstance(m, str) for m in methods):
            raise FaultRuleError(f"règle {n} : « methods » doit être une liste de méthodes HTTP (ex. [\"POST\"])",
                                 f"rule {n}: 'methods' must be a list of HTTP methods (e.g. [\"POST\"])")
        normalised = {
            **rule, "kind": str(rule["kind"]), "path": str(rule.get("path", "*")),
            "rate": _number(rule, "rate", n, 1.0, 0.0, 1.0),
            "retry_after": int(_number(rule, "retry_after", n, 1, 0, MAX_RETRY_AFTER)),
            "delay": _number(rule, "delay", n, 1.0, 0.0, MAX_DELAY),
        }
        if methods:
            normalised["methods"] = [m.upper() for m in methods]
        if rule.get("times") is not None:
            normalised["times"] = int(_number(rule, "times", n, 1, 0, 1_000_000))
        checked.append(normalised)
    return checked


@dataclass(frozen=True)
class Fault:
    kind: str
    retry_after: int
    delay: float


class FaultInjector:
    """Decides, per request, whether a fault applies; re-reads the rules from the store at most once a second."""

    def __init__(self, store: Store, *, seed: int | None = None) -> None:
        self.store = store
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._rules: list[dict[str, Any]] = []
        self._loaded_at = 0.0
        self._signature = ""
        self._remaining: dict[int, int] = {}

    def set_rules(self, rules: list[dict[str, Any]]) -> None:
        self.store.set_setting("faults", validate_rules(rules))
        with self._lock:
            self._loaded_at = 0.0

    def _current(self) -> list[dict[str, Any]]:
        if time.monotonic() - self._loaded_at > 1.0:
            rules = self.store.get_setting("faults", []) or []
            signature = json.dumps(rules, sort_keys=True)
            if signature != self._signature:
                self._signature = signature
                self._rules = rules
                self._remaining = {i: int(r["times"]) for i, r in enumerate(rules) if r.get("times") is not None}
            self._loaded_at = time.monotonic()
        return self._rules

    def pick(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for index, rule in enumerate(self._current()):
                methods = [m.upper() for m in rule.get("methods") or []]
                if methods and method.upper() not in methods:
                    continue
                if not fnmatch.fnmatchcase(path, rule.get("path", "*")):
                    continue
                if index in self._remaining and self._remaining[index] <= 0:
                    continue
                if self._random.random() >= float(rule.get("rate", 1.0)):
                    continue
                if index in self._remaining:
                    self._remaining[index] -= 1
                return Fault(rule["kind"], int(rule.get("retry_after", 1)), float(rule.get("delay", 1.0)))
        return None
