"""Check ``be-mixed-levels`` (warning): rows of a province, a region or the country among the rows of communes.

Statistics by commune are often exported with the totals of the levels above them on rows of their own
(« Province de Namur », « Région wallonne », « Royaume », or their NIS codes 90000, 03000, 01000). On the portal
such a row is one more record: a sum over the column counts the communes twice, a chart puts the province beside its
communes. The column is read through its distinct values: the NIS codes of Statbel's REFNIS (communes, arrondissements,
provinces, regions, the kingdom), or the names of those levels in the commune column (their French names, with
« Province de » or « du », and the usual short ones: « Wallonie », « Belgique », « Hainaut »; « Namur » or « Liège »
alone are communes). Said once per column when it holds at least :data:`MINIMUM` rows of communes and a row of another
level, on the NIS column when there is one. These rows are data: nothing is fixed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from odwb_assist.plugin import BaseTableCheck, CheckContext, ColumnValues, Finding

from . import reference as ref
from .consistency import column_of, commune_column
from .distinct import stripped
from .findings import one

if TYPE_CHECKING:
    import numpy as np

MINIMUM = 3  # rows of communes, at least
ARTICLES = ("de", "du", "d")
EXAMPLES = 20  # rows kept in the finding's extra
COMMUNE, ARRONDISSEMENT, PROVINCE, REGION, COUNTRY = "commune", "arrondissement", "province", "region", "country"
LEVELS = {ARRONDISSEMENT: ("arrondissement", "district"), PROVINCE: ("province", "province"),
          REGION: ("région", "region"), COUNTRY: ("pays", "country")}
# the usual short names of the levels above the commune (normalised); a province named as its capital is a commune
SHORT_NAMES = {
    "wallonie": REGION, "region wallonne": REGION, "flandre": REGION, "region flamande": REGION,
    "bruxelles capitale": REGION, "region bruxelles capitale": REGION, "communaute francaise": REGION,
    "federation wallonie bruxelles": REGION, "belgique": COUNTRY, "royaume": COUNTRY,
    "hainaut": PROVINCE, "brabant wallon": PROVINCE, "luxembourg": PROVINCE,
}


def _level_of(name: str) -> str | None:
    """The level of a REFNIS French name (« Province de Namur »: :data:`PROVINCE`)."""
    first = name.split(" ", 1)[0]
    return {"Région": REGION, "Province": PROVINCE, "Arrondissement": ARRONDISSEMENT}.get(first)


@cache
def _level_names() -> dict[str, str]:
    """Normalised name of a level above the commune → its level (« province de namur », « province du hainaut »,
    « province de hainaut », « arrondissement de dinant »…)."""
    names = dict(SHORT_NAMES)
    for full in ref.belgian_higher_levels().values():
        level, key = _level_of(full), ref.normalise_name(full)
        if level is None:
            continue
        names[key] = level
        head, _, rest = key.partition(" ")  # « province », « du hainaut »
        article, _, place = rest.partition(" ")
        if article in ARTICLES and place:  # « Province du Hainaut » is also written « Province de Hainaut »
            names.update({f"{head} {other} {place}": level for other in ARTICLES})
    return names


@cache
def _commune_names() -> frozenset[str]:
    """Normalised names of the Belgian communes and the Walloon localities."""
    return ref.all_names() | frozenset(ref.normalise_name(name) for name, _ in ref.belgian_communes().values())


@lru_cache(maxsize=65_536)
def name_level(value: str) -> str | None:
    """The level a place name designates (:data:`COMMUNE` for a commune or a locality), None when it is no known
    place name; a commune's name wins (« Namur », « Liège »)."""
    key = ref.normalise_name(value)
    if key in _commune_names():
        return COMMUNE
    return _level_names().get(key)


@lru_cache(maxsize=65_536)
def code_level(value: str) -> str | None:
    """The level a NIS code designates (:data:`COMMUNE` for a commune's, current or retired), None otherwise."""
    code = value.strip()
    if code in ref.belgian_communes() or code in ref.retired_nis():
        return COMMUNE
    if code == ref.KINGDOM:
        return COUNTRY
    name = ref.belgian_higher_levels().get(code) or ref.walloon_higher_levels().get(code)
    return _level_of(name) if name else None


@dataclass
class _Levels:
    communes: int = 0  # rows
    others: int = 0  # rows of another level
    rows: list[tuple[int, str, str]] = field(default_factory=list)  # (row, cell, level), the first ones


class MixedLevelsCheck(BaseTableCheck):
    name = "belgium.mixed-levels"
    types = ("be-mixed-levels",)

    def start(self, context: CheckContext) -> None:
        nis, commune = column_of(context, "be-nis-code"), commune_column(context)
        self.columns = {name: test for name, test in ((nis, code_level), (commune, name_level)) if name}
        self.order = [name for name in (nis, commune) if name]  # the NIS column first: its codes are certain
        self.levels = {name: _Levels() for name in self.columns}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
        test = self.columns.get(column.name)
        if test is None or not len(column):
            return iter(())
        import numpy as np

        levels = np.array([test(value) or "" for value in stripped(column).tolist()], dtype=object)
        counts = column.counts
        state = self.levels[column.name]
        state.communes += int(counts[levels == COMMUNE].sum())
        other: np.ndarray = (levels != COMMUNE) & (levels != "")
        if other.any():
            state.others += int(counts[other].sum())
            if len(state.rows) < EXAMPLES:
                mask = other[column.codes].copy()
                mask[column.codes < 0] = False
                at = np.flatnonzero(mask)[: EXAMPLES - len(state.rows)]
                state.rows += [(int(column.rows[i]), str(column.values.iat[column.codes[i]]),
                                str(levels[column.codes[i]])) for i in at.tolist()]
        return iter(())

    def end(self, context: CheckContext) -> Iterator[Finding]:
        for name in self.order:
            state = self.levels[name]
            if state.communes < MINIMUM or not state.others:
                continue
            row, cell, level = state.rows[0]
            yield one("be-mixed-levels", row, cell, name, context, at=row, count=state.others, communes=state.communes,
                      level=LEVELS[level][0], level_en=LEVELS[level][1], rows=[r for r, _, _ in state.rows],
                      levels=sorted({LEVELS[lv][1] for _, _, lv in state.rows}))
            return  # one column says it: the NIS codes and the names of the same rows
