"""``sandbox serve`` refuses a bad address, ``sandbox add-user`` never re-keys silently (issue 18, point 7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from odwb_assist.sandbox.store import Store


@pytest.mark.parametrize(("option", "value", "expected"), [
    ("--port", "70000", "Port 70000 invalide"), ("--port", "-1", "Port -1 invalide"),
    ("--host", "pas une adresse!", "Adresse d'écoute « pas une adresse! » invalide"),
    ("--host", "-bad-.example", "invalide"), ("--max-mb", "-5", "nombres positifs")])
def test_serve_refuses_a_bad_address(cli: Any, tmp_path: Path, option: str, value: str, expected: str) -> None:
    code, out, err = cli("sandbox", "serve", "--data", tmp_path / "bac", option, value)
    assert code == 2 and expected in err, (out, err)
    assert not (tmp_path / "bac").exists()  # refused before anything was created


def test_add_user_twice_needs_replace_and_keeps_the_trainer(cli: Any, tmp_path: Path) -> None:
    data = tmp_path / "bac"
    code, out, _err = cli("sandbox", "add-user", "formatrice", "--admin", "--show", "--data", data)
    first = out.strip().splitlines()[-1]
    assert code == 0
    code, out, err = cli("sandbox", "add-user", "formatrice", "--data", data)
    assert code == 2 and "existe déjà" in err and "--replace" in err
    assert Store(data).user_for_key(first) is not None  # the old key still works
    code, out, _err = cli("sandbox", "add-user", "formatrice", "--replace", "--show", "--data", data)
    second = out.strip().splitlines()[-1]
    assert code == 0 and second != first
    assert Store(data).user_for_key(first) is None
    user = Store(data).user_for_key(second)
    assert user is not None and user.is_admin
