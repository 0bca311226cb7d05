"""Check ``be-commune-columns`` (info): a table laid out the other way round, one column per commune or province
(« Indicateur;Andenne;Ciney;Dinant;Gesves », a statistics sheet laid out for reading).

On the portal each commune is then a field of its own: no filter by commune, no map, no join with another
dataset on the commune. One row per commune, with a column per measure, has none of these limits. Only the labels
are read: at least :data:`MINIMUM` columns side by side named after Walloon communes (their French, Dutch or German
names, not their localities: « Heure » or « Bouge » may be anything), provinces or regions. Said once, as an
information: the table may be published as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from odwb_assist.plugin import BaseTableCheck, CheckContext, Finding

from .findings import one
from .reference import communes, normalise_name, walloon_higher_levels

if TYPE_CHECKING:
    import pandas as pd

MINIMUM = 3  # columns side by side
REGIONS = ("wallonie", "region wallonne", "bruxelles", "region de bruxelles capitale", "flandre", "region flamande",
           "belgique", "communaute francaise", "federation wallonie bruxelles")


@cache
def place_labels() -> frozenset[str]:
    """The normalised names a column may bear when the table is laid out one column per place."""
    names: set[str] = set(REGIONS)
    for commune in communes().values():
        names.update(normalise_name(name) for name in (commune.name_fr, commune.name_fr_short, commune.name_nl,
                                                       commune.name_de) if name)
    for level in walloon_higher_levels().values():
        name = normalise_name(level)
        names.add(name)
        for prefix in ("province de ", "province du ", "arrondissement de ", "arrondissement d "):
            if name.startswith(prefix):
                names.add(name[len(prefix):])
    return frozenset(names)


def place_runs(labels: list[str]) -> list[list[str]]:
    """The runs of at least :data:`MINIMUM` labels side by side that each name a commune, a province or a region."""
    known = place_labels()
    runs: list[list[str]] = []
    current: list[str] = []
    for label in [*labels, ""]:
        if label.strip() and normalise_name(label) in known:
            current.append(label)
            continue
        if len(current) >= MINIMUM:
            runs.append(current)
        current = []
    return runs


def applies(context: CheckContext) -> bool:
    """Whether at least :data:`MINIMUM` labels side by side may be place names (letters, no digit): the reference
    tables are read by the check itself, once the table is read, not when the checks are built."""
    run = 0
    for label in context.fields:
        text = str(label).strip()
        run = run + 1 if text[:1].isalpha() and not any(character.isdigit() for character in text) else 0
        if run >= MINIMUM:
            return True
    return False


class CommuneColumnsCheck(BaseTableCheck):
    name = "belgium.commune-columns"
    types = ("be-commune-columns",)

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterator[Finding]:
        return iter(())

    def end(self, context: CheckContext) -> Iterator[Finding]:
        for run in place_runs([str(label) for label in context.fields]):
            yield one("be-commune-columns", context.header_row, run[0], run[0], context, first=run[0], last=run[-1],
                      count=len(run), columns=run)
