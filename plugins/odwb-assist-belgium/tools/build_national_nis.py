"""Build ``communes_belgique_2025.csv`` and ``nis_changes_belgique.csv`` from Statbel's REFNIS table.

Run from the plugin directory: ``python tools/build_national_nis.py``. Input: the verbatim REFNIS
copy in ``odwb_assist_belgium/data/`` (valid until 01/01/2019). The mergers below are the only
knowledge added by hand; ``data/PROVENANCE.md`` gives their sources.
"""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "odwb_assist_belgium" / "data"
REFNIS = DATA / "statbel_TU_COM_REFNIS_via_osp-app_2019.csv"

# 1 January 2019: the Flemish mergers (REFNIS has both the ended and the new codes; which old code went
# into which new one is read from the new names, and for Oudsbergen and Pelt from the 2019 merger decree);
# the Walloon codes changed with the arrondissement reform (same commune, new code).
MERGERS_2019 = {
    "12030": "12041", "12034": "12041",  # Puurs + Sint-Amands → Puurs-Sint-Amands
    "44001": "44084", "44029": "44084",  # Aalter + Knesselare → Aalter
    "44011": "44083", "44049": "44083",  # Deinze + Nevele → Deinze
    "44036": "44085", "44072": "44085", "44080": "44085",  # Lovendegem + Waarschoot + Zomergem → Lievegem
    "45017": "45068", "45057": "45068",  # Kruishoutem + Zingem → Kruisem
    "71047": "72042", "72040": "72042",  # Opglabbeek + Meeuwen-Gruitrode → Oudsbergen
    "72025": "72043", "72029": "72043",  # Neerpelt + Overpelt → Pelt
    "52043": "55086", "52063": "55085", "54007": "57096", "54010": "57097", "55010": "51067",
    "55022": "58001", "55023": "51069", "55039": "51068", "56011": "58002", "56085": "58003", "56087": "58004",
}
# 1 January 2025 (gehuybre/embuild-analyses @ 1e6bf143 : packages/embuild-shared/src/data/nis/fusies-2025.csv):
# new code → (French name, Dutch name, German name, merged codes).
MERGERS_2025 = {
    "11002": ("Anvers", "Antwerpen", "Antwerpen", ("11002", "11007")),
    "23106": ("Pajottegem", "Pajottegem", "Pajottegem", ("23023", "23024", "23032")),
    "37021": ("Wingene", "Wingene", "Wingene", ("37012", "37018")),
    "37022": ("Tielt", "Tielt", "Tielt", ("37007", "37015")),
    "44086": ("Nazareth-De Pinte", "Nazareth-De Pinte", "Nazareth-De Pinte", ("44012", "44048")),
    "44087": ("Lochristi", "Lochristi", "Lochristi", ("44034", "44073")),
    "44088": ("Merelbeke-Melle", "Merelbeke-Melle", "Merelbeke-Melle", ("44040", "44043")),
    "46029": ("Lokeren", "Lokeren", "Lokeren", ("46014", "44045")),
    "46030": ("Beveren-Kruibeke-Zwijndrecht", "Beveren-Kruibeke-Zwijndrecht", "Beveren-Kruibeke-Zwijndrecht",
              ("46003", "46013", "11056")),
    "73110": ("Bilzen-Hoeselt", "Bilzen-Hoeselt", "Bilzen-Hoeselt", ("73006", "73032")),
    "73111": ("Tongeren-Borgloon", "Tongeren-Borgloon", "Tongeren-Borgloon", ("73009", "73083")),
    "71071": ("Tessenderlo-Ham", "Tessenderlo-Ham", "Tessenderlo-Ham", ("71057", "71069")),
    "71072": ("Hasselt", "Hasselt", "Hasselt", ("71022", "73040")),
    "82039": ("Bastogne", "Bastenaken", "Bastnach", ("82003", "82005")),
}


def main() -> None:
    rows = list(csv.DictReader(REFNIS.read_text(encoding="utf-8").splitlines()))
    current = {r["CD_REFNIS"]: r for r in rows if r["DT_VLDT_END"] == "31/12/9999"}
    parent = {code: r["CD_SUP_REFNIS"] for code, r in current.items()}
    names = {r["CD_REFNIS"]: r["TX_REFNIS_FR"] for r in rows}

    def region_of(code: str) -> str:
        while parent.get(code, "-") != "-":
            code = parent[code]
        return code

    def province_of(arrondissement: str) -> str:
        above = parent.get(arrondissement, "-")
        return "" if above == "-" or region_of(above) == above else above

    merged = {old for *_, olds in MERGERS_2025.values() for old in olds}
    communes = []
    for code, r in current.items():
        if r["LVL_REFNIS"] != "4" or code in merged:
            continue
        arrondissement = r["CD_SUP_REFNIS"]
        communes.append((code, r["TX_REFNIS_FR"], r["TX_REFNIS_NL"], r["TX_REFNIS_DE"], region_of(code),
                         province_of(arrondissement), arrondissement, r["DT_VLDT_START"]))
    for code, (fr, nl, de, _) in MERGERS_2025.items():
        arrondissement = code[:2] + "000"
        communes.append((code, fr, nl, de, region_of(arrondissement), province_of(arrondissement), arrondissement,
                         "01/01/2025"))
    communes.sort()
    with (DATA / "communes_belgique_2025.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["nis_code", "name_fr", "name_nl", "name_de", "region_nis", "province_nis",
                         "arrondissement_nis", "valid_from"])
        writer.writerows(communes)

    new_names = {code: fr for code, (fr, *_rest) in MERGERS_2025.items()}
    changes = []
    for old, new in MERGERS_2019.items():
        final = next((c for c, (*_, olds) in MERGERS_2025.items() if new in olds), new)
        reason = "arrondissement reform 2019" if old.startswith("5") else "merger 2019"
        changes.append((old, names[old], final, new_names.get(final, names[new]), "2019-01-01", reason))
    for new, (fr, _nl, _de, olds) in MERGERS_2025.items():
        changes.extend((old, names[old], new, fr, "2025-01-01", "merger 2025") for old in olds if old != new)
    with (DATA / "nis_changes_belgique.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["old_nis_code", "old_name_fr", "new_nis_code", "new_name_fr", "effective_date", "reason"])
        writer.writerows(sorted(changes))
    print(f"{len(communes)} communes, {len(changes)} retired codes")


if __name__ == "__main__":
    main()
