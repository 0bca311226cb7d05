"""The events that change the register (read by the hook before it imports the listener)."""

from __future__ import annotations

from odwb_assist.plugin import CHALLENGE_DOCUMENT, DATASET_PUBLISHED, INVENTORY_CHECKED

HANDLED = (DATASET_PUBLISHED, INVENTORY_CHECKED, CHALLENGE_DOCUMENT)
