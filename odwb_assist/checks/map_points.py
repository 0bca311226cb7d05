"""Checks ``map-point-swapped``, ``map-point-invalid`` (errors) and ``map-point-form`` (warning): the cells of a map
column, the one the portal reads as points.

A column whose portal name is ``geo_point_2d`` (the portal's own export names its map column so; ``publish`` then
types it as such: :mod:`odwb_assist.publish.geo`) holds one point per cell in the text form the vendor documents,
« latitude,longitude » in decimal degrees (« 50.4674,4.8719 »). A Walloon dataset's points lie in Belgium
(:mod:`odwb_assist.quality.points`), which tells what went wrong with a cell:

- « 4.8719, 50.4674 »: longitude first. The portal would put the point at 4.9° north, 50.5° east, in the Indian
  Ocean: an error, said with the order to write;
- « 50,4674; 4,8719 »: a point in Belgium, written with decimal commas or another separator than the documented
  « , »: the portal may not read it (a warning);
- « à définir », « 50.46 » or « 50.4674,4.8719x »: no point (an error: the row has no place on the map).

A point outside Belgium in either order (a partner abroad) and a WKT « POINT (x y) » are not said. The fix
``map-points`` writes the swapped points and those of another form as « latitude,longitude » (the order Belgium's bounds
tell), in the map columns where the check found them; a cell that is no point is left to the author.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..metadata.field_names import technical_name
from ..quality.points import WKT, in_belgium, pair, pair_texts
from .cell_rules import CellRewrite, CellRule
from .tally import ColumnTally

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

MAP_COLUMN = "geo_point_2d"  # the portal name of a map column

SWAPPED = Msg("Colonne « {field} » : {count} point(s) écrit(s) longitude d'abord (ex. ligne {row} : « {cell} ») : le "
              "portail lit « latitude,longitude » et placerait ces points hors de Belgique, dans l'océan Indien.",
              "Column '{field}': {count} point(s) written longitude first (e.g. row {row}: '{cell}'): the portal reads "
              "'latitude,longitude' and would put these points outside Belgium, in the Indian Ocean.")
SWAPPED_TIP = Msg("Écrivez la latitude (environ 50) d'abord, puis la longitude (environ 5) : « 50.4674,4.8719 » ; "
                  "« odwb-assist fix » les remet dans cet ordre.",
                  "Write the latitude (about 50) first, then the longitude (about 5): '50.4674,4.8719'; 'odwb-assist "
                  "fix' puts them back in that order.")
INVALID = Msg("Colonne « {field} » : {count} cellule(s) qui ne sont pas un point « latitude,longitude » (ex. ligne "
              "{row} : « {cell} ») : ces lignes n'auront pas de place sur la carte.",
              "Column '{field}': {count} cell(s) that are no 'latitude,longitude' point (e.g. row {row}: '{cell}'): "
              "these rows will have no place on the map.")
INVALID_TIP = Msg("Écrivez chaque position en degrés décimaux, la latitude puis la longitude séparées par une virgule "
                  "(« 50.4674,4.8719 »), ou laissez la cellule vide quand la position est inconnue.",
                  "Write each position in decimal degrees, the latitude then the longitude separated by a comma "
                  "('50.4674,4.8719'), or leave the cell empty when the position is unknown.")
FORM = Msg("Colonne « {field} » : {count} point(s) écrit(s) autrement que la forme du portail « latitude,longitude » "
           "à points décimaux (ex. ligne {row} : « {cell} ») : le portail pourrait ne pas les lire.",
           "Column '{field}': {count} point(s) written otherwise than the portal's form 'latitude,longitude' with "
           "decimal points (e.g. row {row}: '{cell}'): the portal may not read them.")
FORM_TIP = Msg("Écrivez les degrés avec un point décimal et séparez-les par une virgule : « {fixed} » ; « odwb-assist "
               "fix » les écrit ainsi.",
               "Write the degrees with a decimal point and separate them with a comma: '{fixed}'; 'odwb-assist fix' "
               "writes them so.")


def verdict(cell: str) -> str | None:
    """What is wrong with one cell of a map column: ``swapped``, ``form``, ``invalid``, or None (a right point, a WKT
    point, a point outside Belgium, an empty cell)."""
    text = cell.strip()
    if not text or WKT.fullmatch(text):
        return None
    numbers = pair(text)
    if numbers is None:
        return "invalid"
    first, second = numbers
    if in_belgium(first, second):
        return None if _documented(text) else "form"
    if in_belgium(second, first):
        return "swapped"
    return None


def documented(cell: str) -> str | None:
    """The point of a cell in the vendor's form, « latitude,longitude » with decimal points (« 50.4674,4.8719 »; a point
    written longitude first turned round; every digit kept), or None when it holds no point in Belgium."""
    written = pair_texts(cell.strip())
    if written is None:
        return None
    first, second = written
    if in_belgium(float(first), float(second)):
        return f"{first},{second}"
    return f"{second},{first}" if in_belgium(float(second), float(first)) else None


def _documented(text: str) -> bool:
    """Whether a point is written with decimal points and a comma between (spaces around it allowed)."""
    if text.count(",") != 1 or ";" in text:
        return False
    first, second = (part.strip() for part in text.strip("() ").split(","))
    return bool(first) and bool(second) and " " not in first and " " not in second


class MapPointsCheck(BaseTableCheck):
    name = "map-points"
    types = ("map-point-swapped", "map-point-invalid", "map-point-form")
    blocking = ("map-point-swapped", "map-point-invalid")

    def start(self, context: CheckContext) -> None:
        self.columns = {label for label in context.fields if technical_name(str(label)) == MAP_COLUMN}
        self.tallies = {kind: ColumnTally() for kind in ("swapped", "invalid", "form")}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        import numpy as np

        if column.name not in self.columns or not len(column):
            return ()
        found = [verdict(text) for text in column.texts]
        for kind, tally in self.tallies.items():
            tally.add_values(column, np.fromiter((item == kind for item in found), dtype=bool, count=len(found)))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        yield from self.tallies["swapped"].findings("map-point-swapped", Severity.ERROR, SWAPPED, SWAPPED_TIP)
        yield from self.tallies["invalid"].findings("map-point-invalid", Severity.ERROR, INVALID, INVALID_TIP)
        for finding in self.tallies["form"].findings("map-point-form", Severity.WARNING, FORM, FORM_TIP):
            fixed = documented(finding.cell or "") or "50.4674,4.8719"
            yield replace(finding, tip=FORM_TIP.format(fixed=fixed))


def _rewritten(cell: str) -> bool:
    return verdict(cell) in ("swapped", "form")


def _candidates(cells: pa.Array) -> np.ndarray:
    """Every cell may be a point (the rule's test reads each one: map columns only, where the check found some)."""
    import numpy as np

    return np.ones(len(cells), dtype=bool)


class MapPointRewrite(CellRewrite):
    """Fix ``map-points``: a map point in Belgium written longitude first, or otherwise than « latitude,longitude »
    with decimal points, written in that form."""

    name = "map-points"
    reads = ("map-point-swapped", "map-point-form")  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Points de carte écrits « latitude,longitude »", "Map points written 'latitude,longitude'")
    rule = CellRule(_rewritten, _candidates)
    reported_only = True

    def rewrite(self, text: str) -> str:
        return documented(text) or text


@hookimpl
def odwb_checks(context: CheckContext) -> list[MapPointsCheck]:
    return [MapPointsCheck()] if any(technical_name(str(label)) == MAP_COLUMN for label in context.fields) else []


@hookimpl
def odwb_fixes() -> list[MapPointRewrite]:
    return [MapPointRewrite()]
