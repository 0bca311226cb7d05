"""A CSV in Mac OS Roman (Excel for Mac's « CSV (Macintosh) », its line ends made LF): read as latin-1 before, its
accents became control characters, which the fix wrote into the clean file. Now it is read as Mac OS Roman; a
Windows-1252 file stays one."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.quality import check, fix
from odwb_assist.quality.detect import detect_encoding

ROWS = ["Commune;Bâtiment;Fréquentation;Remarque", "Namur;Hôtel de ville;1250;Réouverture après travaux",
        "Liège;Église Saint-Jacques;980;Accès PMR à vérifier", "Mons;Musée des Beaux-Arts;2300;Fermé en août",
        "Ciney;Théâtre;640;Saison été/hiver"]


def test_a_mac_roman_file_is_read_and_written_right(tmp_path: Path) -> None:
    source = tmp_path / "batiments.csv"
    source.write_bytes(("\n".join(ROWS) + "\n").encode("mac_roman"))
    report = check(source)
    assert report.detected.encoding == "mac_roman"
    assert [f.type for f in report.findings] == ["non-utf-encoding"]
    fix(source, tmp_path / "propre.csv")
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines() == [row.replace(";", ",") for row in ROWS]


@pytest.mark.parametrize("text", [
    "\n".join(ROWS),  # French in Windows-1252: its letters lie above 0xA0
    "Nom;Ville\nŠaric;Zagreb\nŽižek;Ljubljana\nŠimon;Split\nŽupan;Rijeka\n",  # names beginning with Š, Ž
    "Titre;Note\n“Le Printemps”;l’été\n‘Bonjour’;c’est…\n",  # curly quotes
])
def test_windows_1252_stays_windows_1252(text: str) -> None:
    assert detect_encoding(text.encode("cp1252"))[0] == "cp1252"
