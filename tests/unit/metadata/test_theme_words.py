"""The theme, keywords and temporal coverage the metadata proposes come from words of the subject, not from pieces
of other words (« air » in « horaire », « eau » in « bureau ») nor from the headers of a register's upkeep
(« Dernier contrôle »): a list of defibrillators was offered the theme « Environnement », the keywords « dernier,
contrôle » and the period of its last checks."""

from __future__ import annotations

from pathlib import Path

import pluggy
import pytest

from odwb_assist.metadata import draft
from odwb_assist.metadata.vocabularies import suggest_themes, theme_vocabulary

DEFIBRILLATORS = (
    "Lieu;Adresse;Code postal;Localité;Latitude;Longitude;Accessibilité;Horaire;Téléphone;Dernier contrôle\n"
    "Hall omnisports;Rue du Stade 1;5000;Namur;50,46691;4,86371;24h/24;Lu-Ve 8h30-17h;081 24 60 11;12/03/2024\n"
    "Maison de village;Place de l'Église 2;5100;Jambes;50,45123;4,87612;Heures d'ouverture;Sa-Di 10h-18h;;05/11/2024\n"
    "Gare;Place de la Station 3;5000;Namur;50,46822;4,86210;24h/24;24h/24 7j/7;081 24 60 12;27/12/2024\n"
)


def test_a_hint_is_a_word_not_a_piece_of_one() -> None:
    vocabulary = theme_vocabulary()
    assert suggest_themes("Horaire Bureau Niveau Tableau Deadline", vocabulary) == []
    assert suggest_themes("Qualité de l'air", vocabulary)[0] == "Environnement"
    assert suggest_themes("Points de captage des eaux", vocabulary)[0] == "Environnement"
    assert suggest_themes("Arbres remarquables", vocabulary)[0] == "Environnement"  # a hint starts a longer word
    assert suggest_themes("Liste des DEA", vocabulary)[0] == "Santé"
    assert suggest_themes("Subsides octroyés en 2024", vocabulary)[0] == "Administration et Services publics"
    assert suggest_themes("Marchés publics attribués", vocabulary)[0] == "Administration et Services publics"


def test_a_list_of_defibrillators_named_by_its_file(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    source = tmp_path / "dea.csv"
    source.write_text(DEFIBRILLATORS, encoding="utf-8")
    md = draft(None, source, plugins=pm)
    assert md.get("theme") == ["Santé"]  # from the file's name (« air » of « Horaire » made it « Environnement »)
    keywords = md.get("keyword") or []
    assert not {"dernier", "contrôle", "téléphone", "localité", "horaire"} & set(keywords)
    assert md.get("dcat.temporal") is None  # the dates of the last checks are not the period the data covers


def test_the_dates_of_the_data_still_make_the_coverage(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    source = tmp_path / "interventions.csv"
    source.write_text("Date de l'intervention;Lieu;Date de mise à jour\n12/03/2021;Namur;02/01/2025\n"
                      "05/11/2023;Jambes;02/01/2025\n", encoding="utf-8")
    assert draft(None, source, plugins=pm).get("dcat.temporal") == "2021-03-12/2023-11-05"


def test_a_file_names_and_technical_headers_words_are_no_keywords(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    """An ODWB export re-read (« odwb_export.csv », « geo_point_2d », « geo_shape ») was offered the keywords
    « odwb, export, point, shape », and the advice's example too."""
    from odwb_assist.metadata import score

    source = tmp_path / "odwb_export.csv"
    source.write_text('Nom;geo_point_2d;geo_shape\nArceau 1;"50.46, 4.86";"{""type"": ""Point"", ""coordinates"": '
                      '[4.86, 50.46]}"\n', encoding="utf-8")
    md = draft(None, source, plugins=pm)
    assert not {"odwb", "export", "point", "shape"} & set(md.get("keyword") or [])
    advice = " ".join(f"{f.advice.fr} {f.example}" for f in score(md, plugins=pm).findings if f.code == "keyword-missing")
    assert "export" not in advice and "odwb" not in advice


def test_a_surveys_questions_give_their_subjects_not_their_words(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    """A survey's headers are questions: « quel, village, habitez, vous, avez » were offered as keywords, and
    « google » from the file's name."""
    source = tmp_path / "reponses.csv"
    source.write_text("Horodateur,Dans quel village habitez-vous ?,Quel âge avez-vous ?,"
                      "Quels services utilisez-vous ? (plusieurs réponses possibles)\n"
                      "2024/03/18 10:47:22 PM UTC+1,Ciney,31-50 ans,\"Recyparc, Collecte PMC\"\n", encoding="utf-8")
    keywords = set(draft(None, source, plugins=pm).get("keyword") or [])
    assert {"village", "services"} <= keywords
    assert not {"quel", "habitez", "vous", "avez", "utilisez", "horodateur", "plusieurs", "reponses"} & keywords
    google = tmp_path / "enquete_google_forms.csv"
    google.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert not {"google", "forms"} & set(draft(None, google, plugins=pm).get("keyword") or [])


@pytest.mark.parametrize(("name", "spatial"), [("Ville de Ciney", "Ciney"), ("CPAS d'Andenne", "Andenne"),
                                                ("Administration communale de La Bruyère", "La Bruyère"),
                                                ("Commune d’Ohey", "Ohey"), ("Province de Namur", "Province de Namur"),
                                                ("BEP", "BEP")])
def test_the_proposed_coverage_names_the_territory_not_the_administration(name: str, spatial: str) -> None:
    """« Couverture géographique = Ville de Ciney » was proposed: the data covers Ciney, the administration is its
    publisher."""
    from odwb_assist.metadata.enrich_fallback import territory

    assert territory(name) == spatial


def test_the_words_of_an_amounts_headers_are_no_keywords(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    """A list of public contracts (« marches.csv ») was offered « objet, montant, htva » as keywords."""
    source = tmp_path / "marches.csv"
    source.write_text("Objet du marché;Adjudicataire;Montant attribué (€ HTVA);Date d'attribution\n"
                      "Travaux de voirie;Construct SA;125000.50;2024-03-12\n", encoding="utf-8")
    keywords = set(draft(None, source, plugins=pm).get("keyword") or [])
    assert "adjudicataire" in keywords and not {"objet", "montant", "htva"} & keywords


def test_the_contact_columns_of_a_directory_are_no_keywords(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    """A directory of local shops was offered « site, facebook » as keywords: how to reach the shops, not what the
    data is about."""
    source = tmp_path / "commerces.csv"
    source.write_text("Commerce;Site web;Facebook;GSM\nBoulangerie Dupont;http://www.dupont.be;"
                      "https://www.facebook.com/dupont;0475123456\n", encoding="utf-8")
    keywords = set(draft(None, source, plugins=pm).get("keyword") or [])
    assert "commerces" in keywords and not {"site", "web", "facebook", "gsm"} & keywords


def test_a_survey_respondents_address_is_not_called_a_contact() -> None:
    """The e-mail column of a survey's answers was described « Adresse e-mail de contact »: the respondent's own
    address, no contact of the dataset."""
    from odwb_assist.metadata.enrich_data import propose_description

    assert propose_description("Adresse e-mail", "email") == "Adresse e-mail"


def test_a_directory_of_clubs_is_about_sport_not_the_economy(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    """A directory of sports clubs was offered « Économie » and the keyword « entreprise », from its column
    « Numéro d'entreprise »: a column that identifies what the rows list says nothing of their subject; the values of
    a column of a few categories (« Football », « Judo ») do."""
    source = tmp_path / "clubs.csv"
    rows = ["Club;Discipline;Téléphone;Numéro d'entreprise;Code postal"]
    rows += [f"Club {i};{sport};081 22 33 {i:02d};0403.170.701;5590"
             for i, sport in enumerate(["Football", "Tennis", "Judo", "Natation"] * 3)]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    md = draft(None, source, plugins=pm)
    assert md.get("theme") == ["Sport, Loisirs"]
    assert "entreprise" not in (md.get("keyword") or [])


def test_a_line_of_a_budget_does_not_make_its_theme(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    # one line of the budget is a subsidy to a football club: the values weigh less than the title and the columns
    source = tmp_path / "budget.csv"
    source.write_text("Article budgétaire;Libellé;Crédit\n104/123-48;Frais de bureau;1200\n"
                      "764/332-02;Subside au Royal Football Club;5000\n871/124-06;Fournitures médicales;800\n",
                      encoding="utf-8")
    assert draft(None, source, plugins=pm).get("theme") == ["Administration et Services publics"]


def test_a_titles_words_weigh_more_than_a_columns_values() -> None:
    from odwb_assist.metadata.vocabularies import ranked_themes

    vocabulary = theme_vocabulary()
    assert ranked_themes([("Budget", 3), ("Football Club", 1)], vocabulary)[0] == "Administration et Services publics"
    assert ranked_themes([("Budget", 1), ("Football Club", 1)], vocabulary)[0] == "Sport, Loisirs"
