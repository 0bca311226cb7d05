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

A point outside Belgium in either order (a partner abroad) and a WKT « POINT (x y) » are not said.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..metadata.field_names import technical_name
from ..quality.points import WKT, in_belgium, pair
from .tally import ColumnTally

MAP_COLUMN = "geo_point_2d"  # the portal name of a map column
DOCUMENTED = "{:.6g},{:.6g}"  # the vendor's text form: « latitude,longitude », decimal points, no space needed

SWAPPED = Msg("Colonne « {field} » : {count} point(s) écrit(s) longitude d'abord (ex. ligne {row} : « {cell} ») : le "
              "portail lit « latitude,longitude » et placerait ces points hors de Belgique, dans l'océan Indien.",
              "Column '{field}': {count} point(s) written longitude first (e.g. row {row}: '{cell}'): the portal reads "
              "'latitude,longitude' and would put these points outside Belgium, in the Indian Ocean.")
SWAPPED_TIP = Msg("Écrivez la latitude (environ 50) d'abord, puis la longitude (environ 5) : « 50.4674,4.8719 ».",
                  "Write the latitude (about 50) first, then the longitude (about 5): '50.4674,4.8719'.")
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
FORM_TIP = Msg("Écrivez les degrés avec un point décimal et séparez-les par une virgule : « {fixed} ».",
               "Write the degrees with a decimal point and separate them with a comma: '{fixed}'.")


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
    """The point of a cell in the vendor's form (« 50.4674,4.8719 »), or None when it holds none."""
    numbers = pair(cell.strip())
    return None if numbers is None else DOCUMENTED.format(*numbers)


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


@hookimpl
def odwb_checks(context: CheckContext) -> list[MapPointsCheck]:
    return [MapPointsCheck()] if any(technical_name(str(label)) == MAP_COLUMN for label in context.fields) else []
