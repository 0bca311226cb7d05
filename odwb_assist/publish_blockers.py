"""Built-in plugin: the core publication blockers (invalid file, missing licence, …)."""

from __future__ import annotations
