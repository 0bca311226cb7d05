"""Check ``dms-coordinates`` (warning): coordinates written in degrees, minutes and seconds (« 50°27'45.6"N »,
« 4°51'36"E », « N 50° 27.760' ») as a GPS, a topographer's survey or an encyclopaedia gives them; fix
``dms-to-decimal``: decimal degrees (50.462667).

The portal places a point from decimal degrees only (a ``geo_point_2d`` field, « lat, lon »: reference/ods-api.md,
field types; :mod:`odwb_assist.publish.geo` makes it from a latitude and a longitude column): written so, the
dataset has no map. A column is reported when its coordinates, in degrees-minutes-seconds or already decimal, are
nearly all its filled cells (the 80 % of the number fixes). The conversion loses nothing: the decimal degrees keep the
precision the seconds had (a second is 1/3600 of a degree: four more decimals than the seconds, at least six).
South and west (« S », « W », « O » for ouest) are negative.

A cell may hold the point whole, latitude then longitude, as Google Maps shows a place (« 50°27'45.6"N 4°51'36.0"E »,
a comma or a semicolon between them allowed; the longitude first when its hemisphere says so): it becomes
« 50.462667, 4.860000 », the « lat, lon » text a ``geo_point_2d`` column holds, which ``publish`` reads as the map
(:mod:`odwb_assist.publish.geo`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core.contract import CheckContext
from ..core.findings import Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellRewrite, CellRule
from .number_notes import NumberNotesCheck

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

_NUMBER = r"[0-9]+(?:[.,][0-9]+)?"
DMS = re.compile(
    rf"\s*(?P<before>[NSEWO])?\s*(?P<degrees>{_NUMBER})\s*[°º]\s*"
    rf"(?:(?P<minutes>{_NUMBER})\s*['’′]\s*(?:(?P<seconds>{_NUMBER})\s*(?:[\"”″]|'')?\s*)?)?"
    r"(?P<after>[NSEWO])?\s*", re.IGNORECASE)
LONGEST = 40  # characters

MESSAGE = Msg("Colonne « {field} » : {count} coordonnée(s) en degrés, minutes et secondes (ex. ligne {row} : « {cell} ») : "
              "le portail attend des degrés décimaux (50.4627) pour placer les points sur la carte.",
              "Column '{field}': {count} coordinate(s) in degrees, minutes and seconds (e.g. row {row}: '{cell}'): the "
              "portal needs decimal degrees (50.4627) to place the points on the map.")
TIP = Msg("Écrivez les coordonnées en degrés décimaux (WGS84, un point décimal, négatives au sud et à l'ouest), ou lancez "
          "« odwb-assist fix », qui les convertit sans perte de précision.",
          "Write the coordinates in decimal degrees (WGS84, a decimal point, negative to the south and the west), or run "
          "'odwb-assist fix', which converts them without losing precision.")


def decimal_degrees(cell: str) -> str | None:
    """The decimal degrees of a coordinate written in degrees, minutes and seconds, None when it is not one (no
    degree sign, minutes or seconds of 60 or more, more than 180 degrees, two hemispheres)."""
    if len(cell) > LONGEST:
        return None
    found = DMS.fullmatch(cell)
    if found is None or (found.group("before") and found.group("after")):
        return None
    parts = [found.group(name) for name in ("degrees", "minutes", "seconds")]
    degrees, minutes, seconds = (float(part.replace(",", ".")) if part else 0.0 for part in parts)
    if minutes >= 60 or seconds >= 60 or degrees > 180:
        return None
    hemisphere = (found.group("before") or found.group("after") or "").upper()
    if hemisphere in ("N", "S") and degrees > 90:
        return None
    value = degrees + minutes / 60 + seconds / 3600
    if hemisphere in ("S", "W", "O"):
        value = -value
    shown = [len(part.replace(",", ".").partition(".")[2]) if part else 0 for part in parts]
    decimals = max(6, shown[0], shown[1] + 2, shown[2] + 4) if parts[1] else max(shown[0], 1)
    return f"{value:.{min(decimals, 10)}f}"


def decimal_pair(cell: str) -> str | None:
    """« latitude, longitude » in decimal degrees of a cell holding both in degrees, minutes and seconds (latitude
    first unless the hemispheres say otherwise), None when it is not such a pair."""
    if len(cell) > 2 * LONGEST + 4:
        return None
    first = DMS.match(cell)
    if first is None:
        return None
    end = first.end()
    if first.group("before") and first.group("after"):
        end = first.start("after")  # « N 50°28.100' E 4°51.780' »: the « E » opens the second one
    head, rest = cell[:end], cell[end:].lstrip(" \t,;/")
    if not rest or (len(rest) == len(cell) - end and not head[-1:].isspace()):
        return None  # nothing after the first, or glued to it (« 50°27'N4°51'E » is too odd to be sure)
    second = DMS.fullmatch(rest)
    one, two = decimal_degrees(head), decimal_degrees(rest)
    if second is None or one is None or two is None:
        return None
    matches = [DMS.fullmatch(head), second]
    sides = [_hemisphere(found) for found in matches]
    if not all(sides) and not all(found is not None and found.group("minutes") for found in matches):
        return None  # « 12° 18° »: two whole degrees and no hemisphere may be anything (temperatures…)
    if sides[0] in ("E", "W", "O") and sides[1] in ("", "N", "S"):
        one, two, sides = two, one, sides[::-1]  # the longitude first, told by its hemisphere
    if sides[0] not in ("", "N", "S") or sides[1] not in ("", "E", "W", "O") or abs(float(one)) > 90:
        return None
    return f"{one}, {two}"


def _hemisphere(found: re.Match[str] | None) -> str:
    return "" if found is None else (found.group("before") or found.group("after") or "").upper()


def _coordinates(text: str) -> str | None:
    """The decimal form of a cell in degrees, minutes and seconds: one coordinate, or a point whole."""
    return decimal_degrees(text) or decimal_pair(text)


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells that may hold a degree sign (« ° » or « º »: UTF-8 C2 B0, C2 BA), read from the buffers."""
    from .cells import holding

    return holding(cells, raw=b"\xb0\xba")


RULE = CellRule(lambda text: _coordinates(text) is not None, _candidates, needs="\xb0\xba")


class DmsCoordinatesCheck(NumberNotesCheck):
    """Counted as ``number-notes`` counts marked numbers: from a column's first block holding one, with its numbers."""

    name = "dms-coordinates"
    types = ("dms-coordinates",)
    rule = RULE
    severity = Severity.WARNING
    message = MESSAGE
    tip = TIP


class DmsToDecimal(CellRewrite):
    name = "dms-to-decimal"
    reads = ("dms-coordinates",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Coordonnées en degrés décimaux", "Coordinates in decimal degrees")
    rule = RULE

    def rewrite(self, text: str) -> str:
        return _coordinates(text) or text


@hookimpl
def odwb_checks(context: CheckContext) -> list[DmsCoordinatesCheck]:
    return [DmsCoordinatesCheck()]


@hookimpl
def odwb_fixes() -> list[DmsToDecimal]:
    return [DmsToDecimal()]
