"""Property: whatever bytes a file holds, `check` gives a report or a clear InputError, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odwb_assist.cli.main import main
from odwb_assist.core.errors import InputError
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

PM = get_plugin_manager(load_entrypoints=False)
TEXTY = st.lists(st.sampled_from(list("ab1,;.\"\n\r\t é€0/ ") + ["Total", "12,5", "\x00"]), max_size=200).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400), TEXTY.map(lambda s: s.encode("utf-8")),
                 TEXTY.map(lambda s: s.encode("cp1252", errors="ignore"))))
def test_random_bytes_never_raise_anything_but_input_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.csv"
        path.write_bytes(data)
        try:
            report = check(path, plugins=PM)
        except InputError as error:
            assert error.message("fr") and error.message("en")
        else:
            assert report.rows >= 0
            report.to_json()


@settings(max_examples=15, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_through_the_cli_exit_0_1_or_2(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.csv"
        path.write_bytes(data)
        assert main(["check", str(path), "--no-plugins", "--format", "json"]) in (0, 1, 2)
