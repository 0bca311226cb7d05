"""Checks ``shape-unreadable`` and ``shape-system`` (warnings): a column of lines or areas that ``publish`` would leave
off the map.

``publish`` draws a column of WKT or GeoJSON geometries (streets, zones, parcels, a commune's outline) on the portal's
map when every filled cell of it is a geometry, all in WGS 84 degrees or all in Lambert 72 metres in Belgium
(:mod:`odwb_assist.publish.shapes`); anything else leaves the dataset without its shapes. Real files do it two ways:
a cell cut short (Excel keeps at most 32,767 characters in a cell, and a parcel's or a commune's outline is longer:
a CSV saved from Excel ends it mid-number, without its closing parentheses) or a word among the shapes
(« à définir »); and a column mixing degrees and metres (two layers exported in turn), or in another system.

A column is one of shapes when at least half of its filled cells begin as a geometry (« POLYGON ((… »,
« SRID=31370;LINESTRING (… », « {"type": … ») and one of them at least is a line or an area (points alone are a map
column of their own: ``map-points``). Reading a shape costs (a parcel holds hundreds of positions): every cell that
begins as one is tested for the end a cut leaves out (its closing parenthesis or brace), and up to :data:`READ`
distinct cells of a column are read whole (:func:`..quality.geometries.read_shape`), which gives their system.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .tally import ColumnTally

if TYPE_CHECKING:
    import numpy as np

# how a geometry begins: a WKT (or EWKT) name and its opening parenthesis, or a GeoJSON object's first key
START = re.compile(r"\s*(?:SRID\s*=\s*\d+\s*;\s*)?(?:POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|"
                   r"GEOMETRYCOLLECTION)\s*(?:ZM|Z|M)?\s*\(|\s*\{\s*\"(?:type|coordinates|geometry|geometries)\"\s*:",
                   re.IGNORECASE)
START_FIRST = " \t{SsPpLlMmGg"  # the first byte a geometry may begin with
READ = 2_000  # distinct cells of a column read whole, at most (their system); the others are tested for their end
OTHER = "other"  # neither WGS 84 degrees nor Lambert 72 metres in Belgium
SYSTEMS = {"wgs84": Msg("degrés WGS 84", "WGS 84 degrees"), "lambert72": Msg("Lambert 72", "Lambert 72"),
           OTHER: Msg("un autre système", "another system")}

UNREADABLE = Msg("Colonne « {field} » : {count} cellule(s) qui ne sont pas une forme lisible (ex. ligne {row} : "
                 "« {cell} ») parmi ses formes : « odwb-assist publish » ne mettra pas cette colonne sur la carte.",
                 "Column '{field}': {count} cell(s) that are no readable shape (e.g. row {row}: '{cell}') among its "
                 "shapes: 'odwb-assist publish' will not put this column on the map.")
UNREADABLE_TIP = Msg("Une forme coupée vient souvent d'Excel, qui garde au plus 32 767 caractères par cellule : "
                     "exportez le CSV directement depuis votre SIG (QGIS : Exporter > Sauvegarder les entités sous…, "
                     "format CSV, géométrie AS_WKT) sans l'ouvrir dans Excel. Laissez vide la cellule d'une ligne sans "
                     "forme.",
                     "A shape cut short usually comes from Excel, which keeps at most 32,767 characters in a cell: "
                     "export the CSV straight from your GIS (QGIS: Export > Save Features As…, CSV format, geometry "
                     "AS_WKT) without opening it in Excel. Leave the cell of a row without a shape empty.")
MIXED = Msg("Colonne « {field} » : des formes en {systems} (ex. ligne {row}, en {last}) : « odwb-assist publish » ne "
            "met sur la carte qu'une colonne de formes toutes en degrés WGS 84 ou toutes en Lambert 72 en Belgique.",
            "Column '{field}': shapes in {systems} (e.g. row {row}, in {last}): 'odwb-assist publish' only puts on "
            "the map a column of shapes all in WGS 84 degrees or all in Lambert 72 in Belgium.")
ELSEWHERE = Msg("Colonne « {field} » : des formes ni en degrés WGS 84 ni en Lambert 72 en Belgique (ex. ligne {row}) : "
                "« odwb-assist publish » refusera de les mettre sur la carte.",
                "Column '{field}': shapes neither in WGS 84 degrees nor in Lambert 72 in Belgium (e.g. row {row}): "
                "'odwb-assist publish' will refuse to put them on the map.")
SYSTEM_TIP = Msg("Exportez toutes les formes dans un même système, WGS 84 (EPSG:4326) ou Lambert 72 (EPSG:31370), depuis "
                 "votre SIG (QGIS : Exporter > Sauvegarder les entités sous…, SCR EPSG:4326).",
                 "Export every shape in one system, WGS 84 (EPSG:4326) or Lambert 72 (EPSG:31370), from your GIS "
                 "(QGIS: Export > Save Features As…, CRS EPSG:4326).")


def complete(text: str) -> bool:
    """Whether a cell that begins as a geometry ends as one: its parentheses closed (WKT), or a whole JSON object."""
    text = text.strip()
    if text.startswith("{"):
        try:
            return isinstance(json.loads(text), dict)
        except (ValueError, RecursionError):  # not JSON, or brackets nested past what json reads: no shape either way
            return False
    return text.endswith(")") and text.count("(") == text.count(")")


@dataclass
class _Column:
    number: int
    filled: int = 0  # filled cells
    begun: int = 0  # cells that begin as a geometry
    read: int = 0  # distinct cells read whole
    shaped: bool = False  # a line or an area among those read
    systems: Counter[str] = field(default_factory=Counter)  # of the cells read (distinct), by system
    first: dict[str, int] = field(default_factory=dict)  # system -> the first row of a cell read in it


class ShapeCellsCheck(BaseTableCheck):
    name = "shape-cells"
    types = ("shape-unreadable", "shape-system")

    def start(self, context: CheckContext) -> None:
        types = context.options.get("types", {})
        self.skip = {name for name, kind in types.items() if kind not in (None, "string")}
        self.columns: dict[str, _Column] = {}
        self.unreadable = ColumnTally()

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        import numpy as np

        if column.name in self.skip or not len(column):
            return ()
        begins = _begins(column)
        state = self.columns.get(column.name)
        counts = column.counts
        if state is None:
            if not begins.any():
                return ()  # no geometry yet: a column of another kind (most of them)
            if int(counts[begins].sum()) * 2 < int(counts.sum()):
                self.skip.add(column.name)  # a remark « Point (voir plan) » among texts: no column of shapes
                return ()
            state = self.columns[column.name] = _Column(column.number)
        state.filled += int(counts.sum())
        state.begun += int(counts[begins].sum())
        broken = np.zeros(len(column), dtype=bool)
        texts = column.texts
        for at in np.flatnonzero(begins).tolist():
            broken[at] = not self._read(state, column, at, texts[at])
        blank = np.fromiter((not text.strip() for text in texts), dtype=bool, count=len(texts)) \
            if not begins.all() else np.zeros(len(column), dtype=bool)
        self.unreadable.add_values(column, broken | (~begins & ~blank))
        return ()

    def _read(self, state: _Column, column: ColumnValues, at: int, text: str) -> bool:
        """Whether the distinct value at ``at`` is a whole geometry; read whole (its system kept) while few were."""
        if not complete(text):
            return False
        if state.read >= READ:
            return True
        from ..quality.geometries import SHAPES, read_shape, system

        state.read += 1
        found = read_shape(text)
        if found is None:
            return False
        geometry, srid = found
        state.shaped = state.shaped or geometry["type"] in SHAPES
        name = system(geometry, srid) or OTHER
        state.systems[name] += 1
        if name not in state.first:  # the first row of the chunk holding this value
            state.first[name] = int(column.rows[(column.codes == at).argmax()])
        return True

    def end(self, context: CheckContext) -> Iterable[Finding]:
        shapes = {name for name, state in self.columns.items() if state.shaped and state.begun * 2 >= state.filled}
        for finding in self.unreadable.findings("shape-unreadable", Severity.WARNING, UNREADABLE, UNREADABLE_TIP):
            if finding.field_name in shapes:
                yield finding
        for name in sorted(shapes, key=lambda label: self.columns[label].number):
            state = self.columns[name]
            found = [system for system in state.systems if state.systems[system]]
            if len(found) > 1:
                last = max(found, key=lambda system: state.first[system])
                row = state.first[last]
                message = Msg(MIXED.fr.format(field=name, row=row, last=SYSTEMS[last].fr,
                                              systems=" et ".join(SYSTEMS[system].fr for system in found)),
                              MIXED.en.format(field=name, row=row, last=SYSTEMS[last].en,
                                              systems=" and ".join(SYSTEMS[system].en for system in found)))
                yield Finding("shape-system", Severity.WARNING, message, SYSTEM_TIP, row_number=row, field_name=name,
                              field_number=state.number,
                              extra={"systems": {system: state.systems[system] for system in found}})
            elif found == [OTHER]:
                row = state.first[OTHER]
                yield Finding("shape-system", Severity.WARNING, ELSEWHERE.format(field=name, row=row), SYSTEM_TIP,
                              row_number=row, field_name=name, field_number=state.number,
                              extra={"systems": {OTHER: state.systems[OTHER]}})


def _begins(column: ColumnValues) -> np.ndarray:
    """Which distinct values of ``column`` begin as a geometry: their first byte may (read from the Arrow buffers when
    there are many), then :data:`START`."""
    import numpy as np

    cells = column.arrow
    if cells is not None and len(column) > 64:
        from .cells import byte_set, first_bytes, holding, one_array

        cells = one_array(cells)
        maybe = byte_set(START_FIRST)[first_bytes(cells)] & holding(cells, "({")
        mask = np.zeros(len(column), dtype=bool)
        if maybe.any():
            texts = column.texts
            for at in np.flatnonzero(maybe).tolist():
                mask[at] = START.match(texts[at]) is not None
        return mask
    return np.fromiter((START.match(text) is not None for text in column.texts), dtype=bool, count=len(column))


@hookimpl
def odwb_checks(context: CheckContext) -> list[ShapeCellsCheck]:
    return [ShapeCellsCheck()]
