"""For every test path (the core's and the plugins'): the property tests (hypothesis) draw the same examples on
every run (``derandomize``), so that CI passes or fails on the code, never on the draw. To explore new examples,
run with ``HYPOTHESIS_PROFILE=explore``; pin a failure found so with ``@example`` in its test."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
