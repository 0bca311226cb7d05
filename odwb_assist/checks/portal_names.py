"""Check ``same-portal-name`` (warning): column titles that differ only by case, accents, spaces or punctuation
(« Code postal » and « Code-postal », « Téléphone » and « Telephone ») get the same technical name on the portal.

The portal names each field after its title, lowercase, without accents, every other character an underscore
(« Code postal » → ``code_postal``: :func:`..metadata.field_names.technical_name`, the name ``document`` and ``publish``
configure the fields by). Two titles that come to the same name cannot both keep it there: what the portal then names
one of them is not said by its title (no vendor document states it: not claimed). Said only when the titles differ by
what certainly goes (case, accents, spaces, « - », « _ », « . », apostrophes): how the portal writes « % », « € » or
« ° » in a name is not documented (« % voix » beside « Voix » may well be ``pct_voix``), so a title holding one of
them is compared as it is written. Exact repeats are ``duplicate-label``
(Frictionless's); untitled columns are ``blank-label``. No fix: which title to change is the author's choice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..core.contract import BaseTableCheck, CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..metadata.field_names import technical_name
from ..quality.notes import headerless_name

MESSAGE = Msg("Colonnes {titles} : ces titres donnent le même nom technique sur le portail, « {name} » (minuscules, "
              "sans accents, un « _ » pour les espaces et la ponctuation) ; dans l'API, les filtres et les "
              "réutilisations, un nom ne peut désigner qu'une colonne.",
              "Columns {titles}: these titles give the same technical name on the portal, '{name}' (lowercase, "
              "without accents, a '_' for spaces and punctuation); in the API, the filters and the reuses, a name can "
              "stand for one column only.")
TIP = Msg("Donnez à chacune un titre qui dit ce qui la distingue (« Code postal du domicile », « Code postal du "
          "bureau »), ou supprimez celle qui répète l'autre.",
          "Give each a title that says what sets it apart ('Postal code of residence', 'Postal code of office'), or "
          "delete the one that repeats the other.")


_SEPARATORS = re.compile(r"[\s\-_.'’]+")


def certain_name(title: str) -> str:
    """What of a title certainly makes its name on the portal: lowercase, without accents, each run of spaces,
    dashes, underscores, points or apostrophes one ``_``; any other character kept as it is."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", title) if not unicodedata.combining(c))
    return _SEPARATORS.sub("_", plain.lower()).strip("_")


class SamePortalNameCheck(BaseTableCheck):
    name = "same-portal-name"
    types = ("same-portal-name",)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        groups: dict[str, list[tuple[int, str]]] = {}
        for number, name in enumerate(context.fields, start=1):
            if not name.strip() or headerless_name(name, number):
                continue
            groups.setdefault(certain_name(name), []).append((number, name))
        for columns in groups.values():
            titles = list(dict.fromkeys(name.strip() for _, name in columns))
            if len(columns) < 2 or len(titles) < 2:  # one column, or a title repeated as such (``duplicate-label``)
                continue
            technical = technical_name(titles[0])
            number, name = columns[1]
            shown = Msg(", ".join(f"« {title} »" for title in titles), ", ".join(f"'{title}'" for title in titles))
            yield Finding("same-portal-name", Severity.WARNING,
                          Msg(MESSAGE.fr.format(titles=shown.fr, name=technical),
                              MESSAGE.en.format(titles=shown.en, name=technical)),
                          TIP, row_number=context.header_row, field_name=name, field_number=number,
                          extra={"technicalName": technical, "columns": [n for n, _ in columns], "titles": titles})


@hookimpl
def odwb_checks(context: CheckContext) -> list[SamePortalNameCheck]:
    return [SamePortalNameCheck()]
