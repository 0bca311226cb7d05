"""The Belgian and Walloon reference tables (package data), loaded lazily and cached.

Every table is read once, on first use (never at plugin registration nor for ``--help``), with the
standard ``csv`` module (no pandas import at plugin load time); a file that feeds several tables is
parsed once. See ``data/PROVENANCE.md`` for sources, dates and licences.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

# Wallonia, WGS84 (simplified OSM outline lon 2.842–6.405, lat 49.497–50.812, plus ~0.01° margin).
WALLONIA_LAT = (49.48, 50.83)
WALLONIA_LON = (2.83, 6.42)
# Projected bounds of Wallonia (domain.md §2.3), with a 1 km margin.
LAMBERT72_X = (38_000.0, 299_000.0)
LAMBERT72_Y = (19_000.0, 170_000.0)
LAMBERT2008_X = (538_000.0, 799_000.0)
LAMBERT2008_Y = (519_000.0, 670_000.0)
# Belgium (approximate bounding box, with a margin): WGS84 lat 49.50–51.50, lon 2.54–6.41; Lambert 72.
BELGIUM_LAT = (49.48, 51.52)
BELGIUM_LON = (2.53, 6.42)
BELGIUM_L72_X = (19_000.0, 299_000.0)
BELGIUM_L72_Y = (19_000.0, 246_000.0)


@dataclass(frozen=True)
class Commune:
    nis_code: str
    name_fr: str
    name_fr_short: str
    name_nl: str
    name_de: str
    province_nis: str
    province_fr: str
    arrondissement_nis: str
    arrondissement_fr: str


@cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a package data file, parsed once (several tables come from the same file)."""
    text = resources.files("odwb_assist_belgium").joinpath("data", name).read_text(encoding="utf-8")
    header, *records = csv.reader(text.splitlines())  # what csv.DictReader gives, without its Python step per row
    return tuple(dict(zip(header, record, strict=True)) for record in records if record)


_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")  # Statbel homonym qualifier « Perwez (Nivelles) »
_FOLDED = re.compile(r"[\s'’`\-_.]+")


@lru_cache(maxsize=65_536)
def normalise_name(name: str) -> str:
    """Lower-case, accent-free, apostrophes/hyphens/spaces folded: « Braine-l’Alleud » → « braine l alleud »."""
    text = name.strip().lower()
    if not text.isascii():  # ASCII text has no accent to take off
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _QUALIFIER.sub("", text)
    text = _FOLDED.sub(" ", text)
    return text.strip()


@cache
def communes() -> dict[str, Commune]:
    """The 261 Walloon communes valid on 1 January 2025, by 5-digit NIS code."""
    return {
        r["nis_code"]: Commune(
            r["nis_code"], r["name_fr"], r["name_fr_short"], r["name_nl"], r["name_de"],
            r["province_nis"], r["province_fr"], r["arrondissement_nis"], r["arrondissement_fr"],
        )
        for r in _rows("communes_wallonie_2025.csv")
    }


@cache
def walloon_higher_levels() -> dict[str, str]:
    """Current Walloon region, province and arrondissement codes, with their French names."""
    levels: dict[str, str] = {"03000": "Région wallonne"}
    for r in _rows("communes_wallonie_2025.csv"):
        levels[r["province_nis"]] = r["province_fr"]
        levels[r["arrondissement_nis"]] = r["arrondissement_fr"]
    return levels


@cache
def retired_nis() -> dict[str, tuple[str, str, str]]:
    """Retired Belgian NIS codes (2019 and 2025) → (current code, current name, effective date)."""
    rows = _rows("nis_changes_belgique.csv")
    return {r["old_nis_code"]: (r["new_nis_code"], r["new_name_fr"], r["effective_date"]) for r in rows}


@cache
def belgian_communes() -> dict[str, tuple[str, str]]:
    """The 565 Belgian communes valid on 1 January 2025, by NIS code → (French name, region code)."""
    return {r["nis_code"]: (r["name_fr"], r["region_nis"]) for r in _rows("communes_belgique_2025.csv")}


# Statbel's code for the whole country (« 01000 Royaume »), on the national total of its tables by commune; the
# REFNIS table (``statbel_TU_COM_REFNIS``) starts at the regions. Seen in public code listing Statbel's INS codes
# (« 01000 ROYAUME », INS_2018; search-index file id 1056992062).
KINGDOM = "01000"


@cache
def belgian_higher_levels() -> dict[str, str]:
    """Current Belgian region, province and arrondissement codes (Statbel REFNIS) → French name."""
    return {r["CD_REFNIS"]: r["TX_REFNIS_FR"] for r in _rows("statbel_TU_COM_REFNIS_via_osp-app_2019.csv")
            if r["DT_VLDT_END"] == "31/12/9999" and r["LVL_REFNIS"] != "4"}


@cache
def belgian_refnis() -> dict[str, str]:
    """Every Belgian REFNIS code known to Statbel's 2019 table (all levels, any period) → French name."""
    return {r["CD_REFNIS"]: r["TX_REFNIS_FR"] for r in _rows("statbel_TU_COM_REFNIS_via_osp-app_2019.csv")}


@cache
def postal_to_nis() -> dict[str, str]:
    """Walloon postal code → NIS code of its commune (one commune per code in Wallonia)."""
    return {r["postal_code"]: r["nis_code"] for r in _rows("codes_postaux_wallonie.csv")}


@cache
def special_postal_codes() -> dict[str, str]:
    """bpost's organisation and sorting-centre codes that its 2013 list lacks (« 4099 », « 5012 », « 1099 »…) →
    their region (``wallonie``, ``bruxelles``, ``flandre``), from a 2025 list (``data/PROVENANCE.md``). Valid
    codes, but of no one commune for certain: no postal-code and commune consistency is checked on them."""
    return {r["postal_code"]: r["region"] for r in _rows("codes_postaux_speciaux_2025.csv")}


@cache
def walloon_postal_codes() -> frozenset[str]:
    """Every Walloon postal code: those of a commune (:func:`postal_to_nis`) and the special ones."""
    special = {code for code, region in special_postal_codes().items() if region == "wallonie"}
    return frozenset(set(postal_to_nis()) | special)


@cache
def belgian_postal_codes() -> frozenset[str]:
    """Every Belgian postal code of the bpost 2013 list (Wallonia, Brussels, Flanders), and the special codes
    since."""
    codes = {r["zipCode"] for r in _rows("rubenv_belgium-zipcodes_out_cities_2013.csv") if r.get("zipCode")}
    return frozenset(codes | set(postal_to_nis()) | set(special_postal_codes()))


@cache
def name_to_nis() -> dict[str, str]:
    """Normalised commune or locality name (FR, NL, DE, bpost localities) → NIS code of the commune.

    Names shared by several communes (homonymous localities) are left out.
    """
    candidates: dict[str, set[str]] = {}
    for c in communes().values():
        for name in (c.name_fr, c.name_fr_short, c.name_nl, c.name_de):
            candidates.setdefault(normalise_name(name), set()).add(c.nis_code)
    for r in _rows("nis_changes_wallonie.csv"):
        candidates.setdefault(normalise_name(r["old_name_fr"]), set()).add(r["new_nis_code"])
    for r in _rows("codes_postaux_wallonie.csv"):
        candidates.setdefault(normalise_name(r["locality"]), set()).add(r["nis_code"])
    return {name: next(iter(codes)) for name, codes in candidates.items() if len(codes) == 1 and name}


@cache
def commune_names_by_nis() -> dict[str, frozenset[str]]:
    """NIS code → every normalised name (commune names in three languages and bpost localities)."""
    names: dict[str, set[str]] = {}
    for c in communes().values():
        names.setdefault(c.nis_code, set()).update(
            normalise_name(n) for n in (c.name_fr, c.name_fr_short, c.name_nl, c.name_de)
        )
    for r in _rows("codes_postaux_wallonie.csv"):
        names.setdefault(r["nis_code"], set()).add(normalise_name(r["locality"]))
    names.setdefault("82039", set()).add("bertogne")
    return {code: frozenset(v) for code, v in names.items()}


def is_walloon_nis(code: str) -> bool:
    return code in communes() or code in walloon_higher_levels()


@cache
def refnis_end_dates() -> dict[str, str]:
    """REFNIS code → end of validity (``31/12/9999`` while current) in Statbel's 2019 table.

    A code reused after an end keeps its latest end date.
    """
    ends: dict[str, str] = {}
    for r in _rows("statbel_TU_COM_REFNIS_via_osp-app_2019.csv"):
        code, end = r["CD_REFNIS"], r["DT_VLDT_END"]
        if code not in ends or end == "31/12/9999":
            ends[code] = end
    return ends


@cache
def all_names() -> frozenset[str]:
    """Every normalised commune or locality name of Wallonia."""
    names: set[str] = set(name_to_nis())
    for v in commune_names_by_nis().values():
        names |= v
    return frozenset(names)
