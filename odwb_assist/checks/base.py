"""Deprecated: the check contract moved to :mod:`odwb_assist.core.contract`; plugins import it from
:mod:`odwb_assist.plugin`. This path keeps working for one release."""

import warnings

from ..core.contract import (
    BaseTableCheck,
    CheckContext,
    ColumnValues,
    Detector,
    FieldKind,
    TableCheck,
    Validator,
    ValuesValidator,
)
from ..core.findings import Finding
from ..core.i18n import Msg

__all__ = ["BaseTableCheck", "CheckContext", "ColumnValues", "Detector", "FieldKind", "Finding", "Msg", "TableCheck",
           "Validator", "ValuesValidator"]

warnings.warn("odwb_assist.checks.base moved to odwb_assist.core.contract (plugins: odwb_assist.plugin); "
              "the old path goes in the next release", DeprecationWarning, stacklevel=2)
