"""A local Opendatasoft-compatible portal (Automation v1.0 and Explore v2.1 subsets) for workshops and tests.

It knows the portal only from the vendor's API documents: nothing here imports
``odwb_assist.portal`` or ``odwb_assist.publish``.
"""

from __future__ import annotations

from .server import SandboxServer
from .store import Store

__all__ = ["SandboxServer", "Store"]
