"""The core: hook specifications, plugin manager, project file, errors, events, FR/EN text.

The lowest layer: it imports nothing of the engines or workflows (see tests/unit/test_architecture.py).
"""

from __future__ import annotations

__version__ = "0.1.0"  # the distribution's version (pyproject.toml)
