"""A listing aligned by spaces (an accounting program's « .txt ») was read as a CSV whose delimiter was the decimal
comma, its header taken for a title, two columns cut through the words, and a green tick; without commas, one
column holding every line. It is now refused with what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.core.errors import InputError
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check
from odwb_assist.quality.fixed_width import is_fixed_width

PM = get_plugin_manager(load_entrypoints=False)
ROWS = [("CODE", "LIBELLE", "MONTANT", "DATE"), ("104/123-48", "Frais de bureau", "45000,00", "12/03/2024"),
        ("421/140-06", "Entretien des voiries", "350000,00", "15/04/2024"),
        ("722/124-02", "Fournitures scolaires", "25000,00", "02/05/2024")]
LISTING = "".join(f"{a:<12}{b:<32}{c:>12}  {d}\n" for a, b, c, d in ROWS)


@pytest.mark.parametrize("text", [LISTING, LISTING.replace(",", ".")])
def test_a_listing_aligned_by_spaces_is_refused_with_what_to_do(tmp_path: Path, text: str) -> None:
    source = tmp_path / "listing.txt"
    source.write_text(text, encoding="cp1252")
    with pytest.raises(InputError) as caught:
        check(source, plugins=PM)
    assert "largeur fixe" in caught.value.message("fr") and "Fixed width" in caught.value.message("en")


@pytest.mark.parametrize("text", [
    "Nom       ;  Places ;  Montant\nParking Gare   ;  120 ;  12,50\nParking Monseu ;   80 ;  8,00\nHôpital ; 5 ; 1,0\n",
    "Nom,  Adresse,  Remarque\nGare,  Rue de la Gare 1,  Ouvert  le dimanche\nMonseu,  Place Monseu,  Payant  le jour\n"
    "Hôpital,  Rue Saint-Hubert,  Gratuit  la nuit\n",
    "Remarque\nLe parc est  fermé  le lundi matin\nLes horaires  changent  en été\nMerci  pour  tout\n",
])
def test_delimited_tables_with_padding_are_csv(text: str) -> None:
    from odwb_assist.quality.detect import detect_delimiter

    assert not is_fixed_width(text, detect_delimiter(text))
