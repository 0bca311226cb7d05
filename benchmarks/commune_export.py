"""A realistic Walloon commune export, generated for the benchmarks (issue 17).

The file is shaped like what a commune's software exports from Excel: Windows-1252, ``;`` delimiter,
CRLF line ends, decimal commas, dd/mm/yyyy dates, 13 columns (NIS code, commune, postal code, street
and number, latitude, longitude, e-mail, phone, enterprise number, amount, date, category, remarks).
Communes, their NIS and postal codes come from the Belgian plugin's reference tables; enterprise numbers
carry valid check digits (checked with python-stdnum in the tests); phones follow the Belgian numbering
plan in the formats people type. A few defects are planted at fixed rows (see :func:`planted`).

Deterministic for a given seed. Values are drawn with numpy from pre-rendered pools (high-cardinality
columns — street numbers, coordinates, amounts — are rendered per row), so 3M rows take seconds:

    python benchmarks/commune_export.py out.csv --rows 3000000
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import phonenumbers

ENCODING = "cp1252"
DELIMITER = ";"
HEADER = ["Code INS", "Commune", "Code postal", "Adresse", "Latitude", "Longitude", "E-mail", "Téléphone",
          "Numéro d'entreprise", "Montant", "Date", "Catégorie", "Remarques"]
CATEGORIES = ["Voirie", "Éclairage public", "Espaces verts", "Bâtiments communaux", "Enseignement", "Culture",
              "Sports", "Action sociale", "Propreté", "Mobilité", "Sécurité", "Urbanisme"]
STREETS = ["Rue de la Station", "Rue du Moulin", "Chaussée de Namur", "Avenue des Combattants", "Place Communale",
           "Rue de l'Église", "Rue Haute", "Rue du Château", "Chemin des Prés", "Rue Saint-Roch", "Rue de la Gare",
           "Avenue Léopold III", "Rue des Écoles", "Grand-Place", "Rue du Fourneau", "Route de Marche",
           "Rue Albert Ier", "Rue de Bruxelles", "Quai de la Meuse", "Rue des Déportés", "Sentier du Bois",
           "Rue Émile Vandervelde", "Chaussée de Liège", "Rue de la Forêt"]
SERVICES = ["info", "accueil", "travaux", "population", "urbanisme", "environnement", "finances", "secretariat",
            "culture", "cpas"]
REMARKS = ["Travaux terminés", "À vérifier; devis en attente", "Facture n° 2023/145", "Subside régional",
           "Payé en deux tranches; solde en juin", "Marché conjoint avec le CPAS", "Reporté à l'exercice suivant",
           "Voir délibération du Collège", "Montant TVAC", "Contrôle effectué; conforme"]
REMARK_SHARE = 0.08
# Belgian geographic zones (NSN without trunk 0): one-digit zones take 7 more digits, two-digit zones 6.
ZONES_1 = ["2", "4", "9"]
ZONES_2 = ["10", "19", "60", "61", "63", "64", "65", "67", "68", "69", "71", "80", "81", "82", "83", "84", "85",
           "86", "87"]
MOBILE = ["470", "471", "472", "473", "474", "475", "476", "477", "478", "479", "484", "485", "486", "487", "488",
          "489", "490", "491", "492", "493", "494", "495", "496", "497", "498", "499"]


@dataclass(frozen=True)
class Defects:
    """1-based data row numbers (row 1 is the first row after the header) of each planted defect."""

    invalid_nis: tuple[int, ...]
    bad_phone: int
    duplicate: int  # this row repeats the row before it
    trailing_space: int  # after the category
    placeholder: tuple[int, ...]  # ``n.d.`` in the amount

    @property
    def all_rows(self) -> set[int]:
        return {*self.invalid_nis, self.bad_phone, self.duplicate, self.trailing_space, *self.placeholder}


def planted(rows: int) -> Defects:
    """Where the defects go: spread over the file, the same rows for a given row count."""
    if rows < 40:
        raise ValueError("a commune export needs at least 40 rows to hold its planted defects")
    at = [max(2, rows * k // 13) for k in range(1, 12)]
    return Defects(invalid_nis=(at[0], at[3], at[6], at[9], rows - 3), bad_phone=at[1], duplicate=at[2] + 1,
                   trailing_space=at[4], placeholder=(at[5], at[8]))


def _plain(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.lower().replace("’", "").replace("'", ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "-".join(part for part in "".join(c if c.isalnum() else " " for c in text).split())


def _postal_table() -> list[tuple[str, str, str]]:
    """(NIS code, commune name in French, postal code) of every Walloon locality, from the plugin's data."""
    data = resources.files("odwb_assist_belgium") / "data" / "codes_postaux_wallonie.csv"
    with data.open(encoding="utf-8") as handle:
        return [(r["nis_code"], r["commune_fr"], r["postal_code"]) for r in csv.DictReader(handle)
                if r["commune_fr"].encode(ENCODING, "ignore").decode(ENCODING) == r["commune_fr"]]


def enterprise_number(body: int) -> str:
    """``BE0xxx.xxx.xxx`` from a 7-digit body: the leading 0, the body, then 97 - (first 8 digits mod 97)."""
    number = f"0{body:07d}{97 - body % 97:02d}"
    return f"BE{number[:4]}.{number[4:7]}.{number[7:]}"


def _phones(rng: np.random.Generator, count: int) -> list[str]:
    """Valid Belgian numbers in the formats seen in exports (national with spaces, slashes or dots, +32)."""
    out = []
    kind = rng.integers(0, 10, count)
    digits = rng.integers(0, 10, (count, 8))
    zone1 = rng.integers(0, len(ZONES_1), count)
    zone2 = rng.integers(0, len(ZONES_2), count)
    mobile = rng.integers(0, len(MOBILE), count)
    style = rng.integers(0, 5, count)
    for i in range(count):
        d = "".join(map(str, digits[i]))
        d = str(2 + int(d[0]) % 8) + d[1:]  # subscriber numbers do not start with 0 or 1
        if kind[i] < 3:  # mobile: 04xx xx xx xx
            nsn, groups = MOBILE[mobile[i]] + d[:6], (3, 2, 2, 2)
        elif kind[i] < 5:  # one-digit zone: 0x xxx xx xx
            nsn, groups = ZONES_1[zone1[i]] + d[:7], (1, 3, 2, 2)
        else:  # two-digit zone: 0xx xx xx xx
            nsn, groups = ZONES_2[zone2[i]] + d[:6], (2, 2, 2, 2)
        parts, start = [], 0
        for size in groups:
            parts.append(nsn[start:start + size])
            start += size
        if style[i] == 0:
            out.append("+32 " + " ".join(parts))
        elif style[i] == 1:
            out.append(f"0{parts[0]}/{'.'.join(parts[1:])}")
        elif style[i] == 2:
            out.append(f"0{parts[0]}/{''.join(parts[1:])}")
        else:
            out.append("0" + " ".join(parts))
    return out


def _valid_phone(text: str) -> bool:
    """The numbering plan, as phonenumbers knows it (some zone and subscriber prefixes are not in use)."""
    return bool(phonenumbers.is_valid_number(phonenumbers.parse(text, "BE")))


def _decimal(values: np.ndarray, scale: int) -> list[str]:
    """Integers in units of 10**-scale as decimal-comma strings (``5043,123456``)."""
    whole, frac = np.divmod(values, 10**scale)
    return [f"{w},{f:0{scale}d}" for w, f in zip(whole.tolist(), frac.tolist(), strict=True)]


def _quote(text: str) -> str:
    return f'"{text}"' if DELIMITER in text or '"' in text else text


class _Pools:
    """Values drawn per row: reference places, e-mails, phones, enterprises, dates (fixed by the seed)."""

    def __init__(self, seed: int, phones: int) -> None:
        rng = np.random.default_rng([seed, 0])
        places = _postal_table()
        self.nis = [p[0] for p in places]
        self.names = [p[1] for p in places]
        self.postal = [p[2] for p in places]
        self.mails = [f"{s}@{_plain(n)}.be" for n in self.names for s in SERVICES[:3]]
        self.phones = [p for p in _phones(rng, phones * 6 // 5) if _valid_phone(p)][:phones]
        self.firms = [enterprise_number(int(b)) for b in rng.integers(200_000, 9_999_999, 5_000)]
        self.dates = [f"{d:02d}/{m:02d}/{y}" for y in range(2015, 2026) for m in range(1, 13) for d in range(1, 29)]
        self.remarks = [_quote(r) for r in REMARKS]


def _lines(pools: _Pools, rng: np.random.Generator, rows: int) -> list[str]:
    place = rng.integers(0, len(pools.nis), rows).tolist()
    mail = rng.integers(0, 3, rows).tolist()
    street = rng.integers(0, len(STREETS), rows).tolist()
    number = rng.integers(1, 250, rows).tolist()
    lat = _decimal(rng.integers(49_500_000, 50_800_000, rows), 6)
    lon = _decimal(rng.integers(2_850_000, 6_400_000, rows), 6)
    phone = rng.integers(0, len(pools.phones), rows).tolist()
    firm = rng.integers(0, len(pools.firms), rows).tolist()
    amounts = _decimal(rng.lognormal(7, 1.5, rows).astype(np.int64) + 1, 2)
    date = rng.integers(0, len(pools.dates), rows).tolist()
    category = rng.integers(0, len(CATEGORIES), rows).tolist()
    remark = np.where(rng.random(rows) < REMARK_SHARE, rng.integers(0, len(REMARKS), rows), -1).tolist()
    nis, names, postal, mails, phones, firms, dates, remarks = (
        pools.nis, pools.names, pools.postal, pools.mails, pools.phones, pools.firms, pools.dates, pools.remarks)
    return [
        f"{nis[p]};{names[p]};{postal[p]};{STREETS[street[i]]} {number[i]};{lat[i]};{lon[i]};"
        f"{mails[p * 3 + mail[i]]};{phones[phone[i]]};{firms[firm[i]]};{amounts[i]};{dates[date[i]]};"
        f"{CATEGORIES[category[i]]};{remarks[remark[i]] if remark[i] >= 0 else ''}"
        for i, p in enumerate(place)
    ]


def _plant(lines: list[str], first: int, previous: str, defects: Defects) -> None:
    """Plant the defects whose row falls in ``lines`` (data rows ``first`` to ``first + len(lines) - 1``)."""
    def inside(row: int) -> bool:
        return first <= row < first + len(lines)

    def edit(row: int, column: int, change: str | None = None, append: str = "") -> None:
        if inside(row):
            values = next(csv.reader([lines[row - first]], delimiter=DELIMITER))
            values[column] = (values[column] if change is None else change) + append
            lines[row - first] = DELIMITER.join(_quote(v) for v in values)

    for k, row in enumerate(defects.invalid_nis):
        edit(row, 0, ["99999", "12345", "6206", "00000", "930140"][k % 5])
    edit(defects.bad_phone, 7, "081 23 45")
    edit(defects.trailing_space, 11, append=" ")
    for row in defects.placeholder:
        edit(row, 9, "n.d.")
    if inside(defects.duplicate):
        lines[defects.duplicate - first] = lines[defects.duplicate - first - 1] if defects.duplicate > first else previous


def iter_chunks(rows: int, seed: int = 17, chunk: int = 250_000) -> Iterator[list[str]]:
    """The data lines (without line ends), ``chunk`` rows at a time, defects included."""
    # up to 20,000 distinct phones (each checked against the numbering plan once, which takes a while)
    pools, defects, previous = _Pools(seed, min(20_000, max(500, rows // 20))), planted(rows), ""
    for index, first in enumerate(range(1, rows + 1, chunk)):
        lines = _lines(pools, np.random.default_rng([seed, index + 1]), min(chunk, rows + 1 - first))
        _plant(lines, first, previous, defects)
        previous = lines[-1]
        yield lines


def write(path: Path, rows: int, seed: int = 17) -> Path:
    """Write the export (cp1252, ``;``, CRLF) to ``path``."""
    with path.open("w", encoding=ENCODING, newline="") as handle:
        handle.write(DELIMITER.join(HEADER) + "\r\n")
        for lines in iter_chunks(rows, seed):
            handle.write("\r\n".join(lines) + "\r\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    write(args.output, args.rows, args.seed)
    print(f"{args.rows:,} rows, {args.output.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
