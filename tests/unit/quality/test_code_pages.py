"""The code page of a CSV that is not UTF-8, told by the accents each candidate reads: Excel's « CSV (MS-DOS) »
(code page 850) was read as Windows-1252 (« LiŠge », « R‚ouverture ») and so written by the fix under a green tick;
a Mac OS Roman file whose accents were mostly capitals (« École ») was read as latin-1."""

from __future__ import annotations

import pytest

from odwb_assist.quality import check, fix
from odwb_assist.quality.code_pages import code_page

TEXTS = {
    "équipements": "Commune;Équipement;Adresse\nLiège;Piscine de la Sauvenière;Boulevard d'Avroy 38\n"
                   "Namur;Hall omnisports;Rue de l'Évêché 2\nÉrezée;Terrain de football;Rue du Château 5\n",
    "personnes": "nom;prénom;rue\nDupont;Jérôme;Rue de la Forêt\nMartin;Françoise;Chaussée de Namur\n",
    "écoles": "École;Élèves\nÉcole communale de Jambes;120\nÉcole fondamentale de Bouge;98\nÉcole Saint-Joseph;210\n",
    "capitales": "LIEU;TYPE\nLIÈGE;ÉCOLE\nNAMUR;CRÈCHE\nMONS;MAISON DE REPOS\nÉREZÉE;FORÊT\n",
    "deutsch": "Gemeinde;Straße\nEupen;Hütte\nSankt Vith;Müllerstraße\nBüllingen;Hünningen\nAmel;Schöne Aussicht\n",
}


# German in Mac OS Roman still reads as Windows-1252 (« HŸtte »: a capital after a capital): left out
CASES = [(name, encoding) for name in sorted(TEXTS) for encoding in ("cp1252", "mac_roman", "cp850")
         if (name, encoding) != ("deutsch", "mac_roman")]


@pytest.mark.parametrize("name, encoding", CASES)
def test_each_code_page_is_told_by_its_accents(name: str, encoding: str) -> None:
    assert code_page(TEXTS[name].encode(encoding)) == encoding


@pytest.mark.parametrize("text", [
    "Montant;Remarque\n12 €;coût “total”\n15 €;l’été… 2°\n",  # the signs of Windows-1252
    "Nom;Ville\nŠaric;Zagreb\nŽižek;Ljubljana\nŠimon;Split\nŽupan;Rijeka\n",  # names beginning with Š, Ž
    "Nom;Pays\nNuñez;España\nGonçalves;Portugal\nØstergaard;Danmark\n",  # other Latin letters
    "Prix;Unité\n3;m²\n4;µg/m³\n",
])
def test_windows_1252_stays_windows_1252(text: str) -> None:
    assert code_page(text.encode("cp1252")) == "cp1252"


def test_a_dos_csv_is_checked_and_fixed_in_its_code_page(tmp_path) -> None:  # noqa: ANN001
    source = tmp_path / "registre.csv"
    rows = ["Nom;Prénom;Localité;Remarque", "Lefèvre;Jérôme;Liège;Réouverture prévue", "Dubois;Françoise;Namur;À revoir",
            "Lambert;Hélène;Érezée;Fermé en août"]
    source.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp850"))
    assert check(source).detected.encoding == "cp850"
    fix(source, tmp_path / "propre.csv")
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines() == [r.replace(";", ",") for r in rows]


def test_two_accents_of_mac_os_roman_are_enough_when_windows_1252_cannot_read_them() -> None:
    """« Liège » and « Cité ardente »: 0x8F is no Windows-1252 character; latin-1 would read control characters."""
    text = "Commune;Population;Remarque\rNamur;113000;Capitale wallonne\rLiège;195000;Cité ardente\r"
    assert code_page(text.encode("mac_roman")) == "mac_roman"


def test_one_byte_windows_1252_does_not_define_is_no_proof_of_another_code_page(tmp_path) -> None:  # noqa: ANN001
    """« Li\\x81ge » in an ASCII file: DOS 850 would read « Liüge », a guess on one byte; ``cp1252+latin-1`` keeps the
    byte as the control character U+0081, which the check shows (``invisible-characters``) and the fix leaves as it is."""
    data = b"Nom;Ville\r\nA;Namur\r\nB;Li\x81ge\r\n"
    assert code_page(data) == "cp1252+latin-1"
    source = tmp_path / "communes.csv"
    source.write_bytes(data)
    report = check(source)
    assert [(f.row_number, f.cell) for f in report.by_type()["invisible-characters"]] == [(3, "Li<U+0081>ge")]
    assert code_page(b"Nom;Ville\r\nA;M\x81ller\r\nB;B\x81llingen\r\n") == "cp850"  # two: a reading


@pytest.mark.parametrize("word", ["Liège", "Crisnée", "Rèves", "ça", "Noël", "côte", "«Namur»"])
def test_one_accent_of_dos_850_is_enough_when_windows_1252_reads_no_letter_there(word: str) -> None:
    """A DOS export whose only accent is « Liège »: Windows-1252 reads « LiŠge » (a capital after a small letter),
    « Crisn‚e », « ‡a », « No‰l », « c“te » (signs where a letter stands), « ®Namur¯ »."""
    assert code_page(f"Code;Commune\r\n62063;{word}\r\n57081;Tournai\r\n".encode("cp850")) == "cp850"


def test_a_single_accent_dos_export_is_fixed_into_its_letters(tmp_path) -> None:  # noqa: ANN001
    source = tmp_path / "communes.csv"
    rows = ["code;commune;population", *[f"{57000 + i};Commune {i};{1000 + i}" for i in range(40)],
            "62063;Liège;197000"]
    source.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp850"))
    assert check(source).detected.encoding == "cp850"
    fix(source, tmp_path / "propre.csv")
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[-1] == "62063,Liège,197000"


@pytest.mark.parametrize("word", [
    "Sánchez", "Muñoz", "Ibáñez", "Košice", "Ólafur", "Søren", "§ 2", "¾ temps", "Ø 50 mm", "tranche d'âge", "œuvre",
    "5‰", "Marque®", "LIéGE",  # the last from a program that puts only the ASCII letters in capitals
])
def test_one_character_of_windows_1252_stays_windows_1252(word: str) -> None:
    assert code_page(f"Nom;Valeur\r\nA;{word}\r\nB;Namur\r\n".encode("cp1252")) == "cp1252"


def test_one_accent_of_mac_os_roman_needs_its_line_ends() -> None:
    """« Wépion » in Mac OS Roman reads « WŽpion » in Windows-1252: Mac OS Roman with a carriage return alone at the
    end of each line (Excel's « CSV (Macintosh) »), kept as Windows-1252 with CR LF (no code page's proof)."""
    assert code_page("Localité;Code\rWépion;5100\rNamur;5000\r".encode("mac_roman")) == "mac_roman"
    assert code_page("Localité;Code\r\nWépion;5100\r\nNamur;5000\r\n".encode("mac_roman")) == "cp1252"
