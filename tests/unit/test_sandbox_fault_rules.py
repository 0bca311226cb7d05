"""Fault rules of the sandbox are checked before they reach a running room (no negative or NaN delay)."""

from __future__ import annotations

import math

import pytest

from odwb_assist.sandbox.faults import FaultRuleError, validate_rules


@pytest.mark.parametrize(("rule", "key"), [
    ({"kind": "delay", "delay": -1}, "delay"),
    ({"kind": "delay", "delay": math.nan}, "delay"),
    ({"kind": "delay", "delay": math.inf}, "delay"),
    ({"kind": "delay", "delay": 10_000}, "delay"),
    ({"kind": "429", "rate": 1.5}, "rate"),
    ({"kind": "429", "rate": "half"}, "rate"),
    ({"kind": "429", "retry_after": -3}, "retry_after"),
    ({"kind": "503", "times": -1}, "times"),
    ({"kind": "503", "methods": "POST"}, "methods"),
    ({"kind": "boom"}, "kind"),
])
def test_unusable_rules_are_refused_in_french_and_english(rule: dict, key: str) -> None:
    with pytest.raises(FaultRuleError) as info:
        validate_rules([rule])
    assert f"« {key} »" in info.value.fr and f"'{key}'" in info.value.en
    assert "règle 1" in info.value.fr


def test_good_rules_are_normalised() -> None:
    (rule,) = validate_rules([{"kind": "429", "rate": 0.3, "methods": ["post"], "times": 2}])
    assert rule == {"kind": "429", "path": "*", "rate": 0.3, "retry_after": 1, "delay": 1.0, "methods": ["POST"],
                    "times": 2}
