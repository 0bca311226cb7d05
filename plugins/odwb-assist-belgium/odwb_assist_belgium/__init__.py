"""Belgian and Walloon domain checks for odwb-assist (NIS codes, postal codes, BCE numbers, IBAN,
phones, coordinates, national register numbers), registered through the ``odwb_assist`` entry point."""

from __future__ import annotations

__version__ = "0.1.0"

from .plugin import *  # noqa: F401,F403,E402  (the hook implementations)
