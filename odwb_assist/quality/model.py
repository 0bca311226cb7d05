"""Deprecated: :class:`Finding` and :class:`Severity` moved to :mod:`odwb_assist.core.findings`; plugins import
them from :mod:`odwb_assist.plugin`. This path keeps working for one release."""

import warnings

from ..core.findings import Finding, Severity

__all__ = ["Finding", "Severity"]

warnings.warn("odwb_assist.quality.model moved to odwb_assist.core.findings (plugins: odwb_assist.plugin); "
              "the old path goes in the next release", DeprecationWarning, stacklevel=2)
