"""End to end: CSV files made here, checked by the quality engine with the plugin on and blocked."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from odwb_assist.core.plugins import collect, get_plugin_manager
from odwb_assist.quality import check as engine_check

HEADER = "nom_service;code_ins;code_postal;commune;numero_bce;iban;telephone;email;latitude;longitude\n"
VALID = [
    "Bibliotheque;92094;5000;Namur;0440.966.354;BE48 3200 7018 4927;081 24 64 11;info@namur.be;50.4669;4.8670",
    "Piscine;82039;6600;Bastogne;BE0831797467;BE32 1234 5678 9002;+32 61 21 27 11;piscine@bastogne.be;50.0;5.7",
    "Parc;62063;4000;Liège;0440966354;BE48320070184927;0478 12 34 56;parc@liege.be;50.63;5.57",
]
BROKEN = [
    # row 5: retired NIS, lost zero, bad IBAN, bad phone, bad e-mail, swapped coordinates
    "Piscine;82003;6600;Bastogne;440966354;BE41091811735141;12345;x@y;4.8670;50.4669",
    # row 6: unknown NIS, invalid enterprise number, Lambert metres in the latitude column
    "Musee;99999;5000;Namur;BE1234567895;BE32 1234 5678 9002;081 24 64 11;m@namur.be;128571;4.9",
    # row 7: NIS/name mismatch, postal code outside Wallonia
    "Salle;92094;1000;Liège;0440966354;BE32 1234 5678 9002;081 24 64 11;s@namur.be;50.4;4.8",
]
EXPECTED = {
    (5, "code_ins", "be-nis-retired"), (5, "numero_bce", "be-enterprise-lost-zero"), (5, "iban", "be-iban-invalid"),
    (5, "telephone", "be-phone-invalid"), (5, "email", "email-invalid"), (5, "latitude", "coordinates-swapped"),
    (6, "code_ins", "be-nis-unknown"), (6, "numero_bce", "be-enterprise-invalid"), (6, "latitude", "coordinates-projected"),
    (7, "code_ins", "be-nis-name-mismatch"), (7, "code_postal", "be-postal-outside-wallonia"),
}


def write(tmp_path: Path, lines: list[str], name: str = "services.csv", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def check(path: Path, plugins):
    """The engine's check, failing if one of our kinds or checks raised (the engine turns that into a warning)."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = engine_check(path, plugins=plugins)
    ours_failed = [str(w.message) for w in caught if "belgium" in str(w.message) or "kind " in str(w.message)]
    assert ours_failed == []
    return report


def ours(report) -> set[tuple[int, str, str]]:
    return {(f.row_number, f.field_name, f.type) for f in report.findings if f.source == "belgium"}


def test_valid_file_is_silent(tmp_path):
    report = check(write(tmp_path, VALID), plugins=get_plugin_manager())
    assert report.kinds["code_ins"] == "be-nis-code" and report.kinds["latitude"] == "wgs84-latitude"
    assert ours(report) == set()


def test_each_kind_catches_its_errors_at_the_right_row_and_column(tmp_path):
    report = check(write(tmp_path, VALID + BROKEN), plugins=get_plugin_manager())
    assert ours(report) == EXPECTED
    assert not report.valid
    messages = {f.type: f.message("fr") for f in report.findings}
    assert "82039" in messages["be-nis-retired"]
    assert "communes belges au 1er janvier 2025" in messages["be-nis-unknown"]


def test_blocking_the_plugin_turns_everything_off(tmp_path):
    report = check(write(tmp_path, VALID + BROKEN), plugins=get_plugin_manager(block=["belgium"]))
    assert ours(report) == set()
    assert not any(kind.startswith("be-") for kind in report.kinds.values())


PEOPLE = "nom;prenom;date_naissance;registre_national;gsm\n"


def test_national_numbers_are_errors_and_block_publication(tmp_path):
    path = write(tmp_path, ["Dupont;Jean;1985-07-30;85.07.30-033.28;0478 12 34 56",
                            "Martin;Zoé;2017-07-30;17073003384;0479 11 22 33"], "personnes.csv", PEOPLE)
    pm = get_plugin_manager()
    report = check(path, plugins=pm)
    assert report.kinds["registre_national"] == "be-national-number"
    assert {(2, "registre_national", "be-national-number"), (3, "registre_national", "be-national-number"),
            (2, "gsm", "be-phone-personal"), (3, "gsm", "be-phone-personal")} <= ours(report)
    blockers = [b for b in collect(pm.hook.odwb_publication_blockers(project=None, report=report, metadata=None))
                if b.source == "belgium"]
    assert {b.field_name for b in blockers} == {"registre_national", "gsm", "date_naissance"}  # the core's birth dates
    assert all(b.code == "personal-data" and b.overridable for b in blockers)
    blocked = get_plugin_manager(block=["belgium"])
    assert ours(check(path, plugins=blocked)) == set()


def test_national_numbers_are_found_under_an_innocent_header(tmp_path):
    path = write(tmp_path, ["A;85073003328", "B;17073003384", "C;12"], "ids.csv", "nom;identifiant\n")
    report = check(path, plugins=get_plugin_manager())
    assert {(r, t) for r, field, t in ours(report)} >= {(2, "be-national-number"), (3, "be-national-number")}


@pytest.mark.skipif(importlib.util.find_spec("odwb_assist.cli.check") is None, reason="the check command is not built yet")
def test_cli_block_belgium(tmp_path, cli):
    path = write(tmp_path, VALID + BROKEN)
    code, out, _ = cli("check", path, "--format", "json")
    assert code == 1
    types = {(e["rowNumber"], e["fieldName"], e["type"]) for e in json.loads(out)["errors"] if e["source"] == "belgium"}
    assert types == EXPECTED
    code, out, _ = cli("--block", "belgium", "check", path, "--format", "json")
    assert [e for e in json.loads(out)["errors"] if e["source"] == "belgium"] == []


def test_fix_repads_enterprise_numbers_and_replaces_retired_nis_codes(tmp_path):
    from odwb_assist.quality import fix

    source = write(tmp_path, ["Piscine;82003;440966354", "Parc;92094;0440.966.354", "Salle;82005;440.966.354"],
                   "a_corriger.csv", "nom;code_ins;numero_bce\n")
    original = source.read_bytes()
    output = tmp_path / "propre.csv"
    preview = fix(source, output, dry_run=True, plugins=get_plugin_manager())
    assert preview.counts.get("be-nis-replace-retired") == 2 and preview.counts.get("be-enterprise-repad") == 2
    assert not output.exists()
    result = fix(source, output, plugins=get_plugin_manager())
    assert source.read_bytes() == original
    text = output.read_text(encoding="utf-8")
    assert "82039" in text and "82003" not in text and "0440966354" in text and "0440.966.354" in text
    assert ours(check(output, plugins=get_plugin_manager())) == set()
    assert {c.fix for c in result.changes} >= {"be-nis-replace-retired", "be-enterprise-repad"}


def test_fix_removes_the_country_prefix_of_postal_codes(tmp_path):
    from odwb_assist.quality import fix

    lines = ["Piscine;B-5000;Namur", "Parc;5100;Jambes", "Salle;b5020;Vedrin", "Bureau;B-9999;Nulle part",
             "Stade;5000;Namur", "Musée;5002;Saint-Servais", "Halle;5101;Erpent", "École;5024;Gelbressée"]
    source = write(tmp_path, lines, "lieux.csv", "nom;code_postal;localite\n")
    found = {(r, t) for r, _, t in ours(check(source, plugins=get_plugin_manager()))}
    assert found == {(2, "be-postal-prefixed"), (4, "be-postal-prefixed"), (5, "be-postal-invalid")}
    result = fix(source, tmp_path / "propre.csv", plugins=get_plugin_manager())
    assert result.counts.get("be-postal-strip-prefix") == 2
    assert [line.split(",")[1] for line in (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[1:5]] == [
        "5000", "5100", "5020", "B-9999"]  # an unknown code after the prefix: left to the user, still reported
    sections = ["2024;;", *lines[:4], "2025;;", *lines[4:]]  # sections: the table is read whole, the same fix
    whole = fix(write(tmp_path, sections, "par-annee.csv", "nom;code_postal;localite\n"), tmp_path / "propre2.csv",
                plugins=get_plugin_manager())
    assert whole.counts.get("sections-to-column") and whole.counts.get("be-postal-strip-prefix") == 2


def test_a_postal_column_prefixed_throughout_is_still_read_as_postal_codes(tmp_path):
    """An old address book writes « B-5000 » on every row: the column is still the postal codes, each is
    reported and fixed, and the code behind the prefix is compared with the locality of its row."""
    from odwb_assist.quality import fix

    places = [("5000", "Namur"), ("5300", "Andenne"), ("5340", "Gesves"), ("5350", "Ohey"), ("5500", "Dinant"),
              ("5590", "Ciney"), ("5580", "Rochefort")]
    lines = [f"Club {i};B-{code};{name}" for i, (code, name) in enumerate(places * 2)]
    lines[1] = "Club 1;B-5300;Ciney"  # 5300 is Andenne's
    source = write(tmp_path, lines, "clubs.csv", "nom;code_postal;localite\n")
    report = check(source, plugins=get_plugin_manager())
    assert report.kinds.get("code_postal") == "be-postal-code"
    found = ours(report)
    assert {r for r, _, t in found if t == "be-postal-prefixed"} == set(range(2, 16))
    assert {(r, t) for r, _, t in found if t != "be-postal-prefixed"} == {(3, "be-postal-commune-mismatch")}
    # a right code written the old international way is a form to tidy, not a fault that stops the publication
    assert report.valid and {f.severity.value for f in report.findings if f.type == "be-postal-prefixed"} == {"warning"}
    fix(source, tmp_path / "propre.csv", plugins=get_plugin_manager())
    assert {(r, t) for r, _, t in ours(check(tmp_path / "propre.csv", plugins=get_plugin_manager()))} == {
        (3, "be-postal-commune-mismatch")}


def test_excel_numbers_lose_their_zeros_and_are_caught(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["code_ins", "numero_bce", "latitude", "longitude", "telephone"])
    sheet.append([92094, 440966354, 50.4669, 4.867, 81246411])
    sheet.append([82003, 831797467, 4.867, 50.4669, "081 24 64 11"])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    report = check(path, plugins=get_plugin_manager())
    assert ours(report) == {(2, "numero_bce", "be-enterprise-lost-zero"), (2, "telephone", "be-phone-lost-zero"),
                            (3, "code_ins", "be-nis-retired"), (3, "numero_bce", "be-enterprise-lost-zero"),
                            (3, "latitude", "coordinates-swapped")}


def test_fix_removes_mailto_from_addresses_copied_as_links(tmp_path):
    from odwb_assist.quality import fix

    lines = ["Population;mailto:population@yvoir.be;Yvoir", "Travaux;travaux@yvoir.be;Yvoir",
             "CPAS;MAILTO: cpas@yvoir.be;Godinne", "Bibliothèque;mailto:bibliotheque@;Yvoir",
             "Accueil;accueil@yvoir.be;Purnode"]
    header = "service;courriel;localite\n"
    source = write(tmp_path, lines, "services.csv", header)
    report = check(source, plugins=get_plugin_manager())
    found = {(r, t) for r, _, t in ours(report)}
    assert found == {(2, "email-mailto"), (4, "email-mailto"), (5, "email-invalid")}  # no address after it: invalid
    message = next(f for f in report.findings if f.type == "email-mailto")
    assert "qui est population@yvoir.be" in message.message("fr") and message.extra["fixed"] == "population@yvoir.be"
    result = fix(source, tmp_path / "propre.csv", plugins=get_plugin_manager())
    assert result.counts.get("email-strip-mailto") == 2
    assert [line.split(",")[1] for line in (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[1:]] == [
        "population@yvoir.be", "travaux@yvoir.be", "cpas@yvoir.be", "mailto:bibliotheque@", "accueil@yvoir.be"]
    sections = ["2024;;", *lines[:3], "2025;;", *lines[3:]]  # sections: the table is read whole, the same fix
    whole = fix(write(tmp_path, sections, "par-annee.csv", header), tmp_path / "propre2.csv",
                plugins=get_plugin_manager())
    assert whole.counts.get("sections-to-column") and whole.counts.get("email-strip-mailto") == 2


def test_an_address_disguised_against_robots_is_written_as_it_is(tmp_path):
    """« info[at]yvoir.be » is no invalid address but a disguised one: said so, with the address, and unmasked by fix;
    a cell that is no address once unmasked stays invalid."""
    from odwb_assist.quality import fix

    lines = ["Population;population[at]yvoir.be;Yvoir", "Travaux;travaux (at) yvoir (dot) be;Yvoir",
             "CPAS;cpas@yvoir.be;Godinne", "Culture;culture[at];Yvoir", "Accueil;accueil@yvoir.be;Purnode"]
    source = write(tmp_path, lines, "services.csv", "service;courriel;localite\n")
    report = check(source, plugins=get_plugin_manager())
    assert {(r, t) for r, _, t in ours(report)} == {(2, "email-masked"), (3, "email-masked"), (5, "email-invalid")}
    masked = next(f for f in report.findings if f.type == "email-masked")
    assert masked.extra["fixed"] == "population@yvoir.be" and masked.severity.value == "error"
    assert "l'arobase est déguisée" in masked.message("fr") and "population@yvoir.be" in masked.message("fr")
    result = fix(source, tmp_path / "propre.csv", plugins=get_plugin_manager())
    assert result.counts.get("email-unmask") == 2
    assert [line.split(",")[1] for line in (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[1:]] == [
        "population@yvoir.be", "travaux@yvoir.be", "cpas@yvoir.be", "culture[at]", "accueil@yvoir.be"]
    assert [f.type for f in result.remaining] == ["email-invalid"]


def test_a_word_before_a_phone_number_is_said_and_taken_off(tmp_path):
    """« Tél. 081 24 64 11 » is a right number after a word, not an invalid number; « Fax : … » keeps its word (it says
    what the number is for) and stays reported."""
    from odwb_assist.quality import fix

    lines = ["Population;Tél. 083 67 02 11", "Urbanisme;GSM : 0475 12 34 56", "Travaux;083 67 02 13",
             "CPAS;Fax : 083 67 02 14", "Culture;Tel083670215 (poste 12)"]
    source = write(tmp_path, lines, "services.csv", "service;telephone\n")
    report = check(source, plugins=get_plugin_manager())
    assert {(r, t) for r, _, t in ours(report)} == {(2, "be-phone-labelled"), (3, "be-phone-labelled"),
                                                    (5, "be-phone-invalid"), (6, "be-phone-labelled")}
    said = next(f for f in report.findings if f.type == "be-phone-labelled")
    assert said.message("fr") == "« Tél. 083 67 02 11 » : le mot devant le numéro n'en fait pas partie ; le numéro est " \
                                 "083 67 02 11."
    result = fix(source, tmp_path / "propre.csv", plugins=get_plugin_manager())
    assert result.counts.get("be-phone-strip-label") == 3
    assert [line.split(",")[1] for line in (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[1:]] == [
        "083 67 02 11", "0475 12 34 56", "083 67 02 13", "Fax : 083 67 02 14", "083670215 (poste 12)"]


def test_two_right_contacts_in_one_cell_are_no_error(tmp_path):
    """A directory lists a service's two addresses, or an office and a mobile number, in one cell: each is right, the
    cell is said as a warning (the portal reads it as one value), not as an invalid address or number."""
    lines = ["Population;population@gesves.be;083 67 02 11", "Urbanisme;urbanisme@gesves.be, secretariat@gesves.be;"
             "083 67 02 12 / 083 67 02 19", "Travaux;travaux@gesves.be / info@gesves.be;083 67 02 13 - 0475 12 34 56",
             "CPAS;cpas@gesves.be;083 67 02 14", "Culture;culture at gesves.be;083 67 02 1"]
    source = write(tmp_path, lines, "services.csv", "service;email;telephone\n")
    found = {(r, t) for r, _, t in ours(check(source, plugins=get_plugin_manager()))}
    assert found == {(3, "email-several"), (3, "be-phone-several"), (4, "email-several"), (4, "be-phone-several"),
                     (6, "email-invalid"), (6, "be-phone-invalid")}
    people = write(tmp_path, ["Dupont;Jean;0475 12 34 56 / 081 22 33 44", "Lambert;Marie;0476 11 22 33"], "membres.csv",
                   "nom;prenom;telephone\n")
    personal = {(r, t) for r, _, t in ours(check(people, plugins=get_plugin_manager()))}
    assert {(2, "be-phone-personal"), (3, "be-phone-personal")} <= personal  # a person's number among two is one


def test_the_numbers_of_a_council_are_said_not_blocked(tmp_path):
    """A council's composition: each holder's number is the office's contact (a warning), an employee's a person's
    (an error); a number on both an office's row and an employee's is a person's."""
    lines = ["Dupont;Marie;Bourgmestre;081 62 63 01", "Lambert;Jean;Échevin des Finances;0475 12 34 56",
             "Simon;Claire;Directrice générale;081 62 63 10", "Renard;Luc;Employé d'administration;081 62 63 99",
             "Martin;Sophie;Conseillère communale;081 62 63 99"]
    source = write(tmp_path, lines, "conseil.csv", "nom;prenom;fonction;telephone\n")
    report = check(source, plugins=get_plugin_manager())
    assert {(r, t) for r, _, t in ours(report)} == {(2, "be-phone-official"), (3, "be-phone-official"),
                                                     (4, "be-phone-official"), (5, "be-phone-personal"),
                                                     (6, "be-phone-personal")}
    from odwb_assist_belgium.blockers import personal_data_blockers

    [blocker] = personal_data_blockers(report.findings, report.fields)
    assert "(lignes 5, 6)" in blocker.message("fr")


def test_a_number_shared_by_a_councils_members_is_the_offices_and_not_said(tmp_path):
    """A council's composition where most members give the town hall's switchboard (« 083 23 10 11 ») : it is the
    administration's number, not a private one; said on each of 20 rows, the warning buried the two that matter (a
    mobile, a line of one's own). A number on the rows of three members at least is the office's; nothing is said."""
    members = [("Dupont", "Marie", "Bourgmestre", "0475 12 34 56"), ("Lambert", "Jean", "Échevin des Finances",
                                                                     "083 21 45 67")]
    members += [(f"Nom{n}", "Luc", "Conseiller communal", "083 23 10 11") for n in range(18)]
    lines = [";".join(member) for member in members]
    source = write(tmp_path, lines, "conseil.csv", "nom;prenom;fonction;telephone\n")
    found = {(r, t) for r, _, t in ours(check(source, plugins=get_plugin_manager()))}
    assert found == {(2, "be-phone-official"), (3, "be-phone-official")}
    two = write(tmp_path, lines[:4], "bureau.csv", "nom;prenom;fonction;telephone\n")  # two members: not enough
    assert {(r, t) for r, _, t in ours(check(two, plugins=get_plugin_manager()))} == {
        (2, "be-phone-official"), (3, "be-phone-official"), (4, "be-phone-official"), (5, "be-phone-official")}


def test_the_direct_lines_of_a_town_hall_are_the_offices_and_not_said(tmp_path):
    """A college where each member gives a direct line of the town hall (« 081 24 60 01 », « 081 24 60 02 »…, one
    block): the administration's lines, said on each row as if they could be private. The lines of one block on three
    holders' rows are the administration's; a mobile and a line of another block are still said."""
    lines = ["Prévot;Maxime;Bourgmestre;081 24 60 01", "Gennart;Patricia;Échevine de la Cohésion sociale;081/24.60.02",
             "Oger;Anne;Échevine de l'Urbanisme;0475 12 34 56", "Auspert;Tanguy;Échevin des Finances;+32 81 24 60 04",
             "Klein;Philippe;Président du CPAS;081 33 71 11"]
    source = write(tmp_path, lines, "college.csv", "nom;prenom;fonction;telephone\n")
    assert {(r, t) for r, _, t in ours(check(source, plugins=get_plugin_manager()))} == {
        (4, "be-phone-official"), (6, "be-phone-official")}
    two = write(tmp_path, lines[:2] + lines[2:3], "bureau.csv", "nom;prenom;fonction;telephone\n")  # two: not enough
    assert {(r, t) for r, _, t in ours(check(two, plugins=get_plugin_manager()))} == {
        (2, "be-phone-official"), (3, "be-phone-official"), (4, "be-phone-official")}


def test_phones_excel_read_as_numbers_are_found_under_a_phone_header(tmp_path):
    """A directory of associations where Excel turned the phones into numbers: « 81246411 », « 475123456 ». The
    column was no phone column (its values did not start with 0): nothing was said, and the portal would have summed
    them. Under another header, the same digits are no phones."""
    rows = [f"Club {n};{81200000 + 7919 * n};{470000000 + 1000003 * n};{81200000 + 7919 * n}" for n in range(1, 30)]
    path = write(tmp_path, rows, "clubs.csv", "association;telephone;gsm;dossier\n")
    report = check(path, plugins=get_plugin_manager())
    assert report.kinds.get("telephone") == "be-phone" and report.kinds.get("gsm") == "be-phone"
    assert "dossier" not in report.kinds
    lost = [f for f in report.findings if f.type == "be-phone-lost-zero"]
    assert {f.field_name for f in lost} == {"telephone", "gsm"} and sum(f.count or 1 for f in lost) == 58
    first = next(f for f in lost if f.field_name == "telephone" and f.row_number == 2)
    assert first.extra["fixed"] == "081207919"


def test_numbers_that_lost_their_zero_are_told_once_how_to_mend_them(tmp_path: Path) -> None:
    """Excel drops the leading 0 of a phone or an enterprise number typed as a number: the tip said « écrivez
    0233956377 » with each number's own digits (the text report then printed one tip per number, three alike), and
    never that ``fix`` puts the phones' zero back (it does). One tip per type now, naming the fix."""
    source = tmp_path / "clubs.csv"
    source.write_text("Club;Téléphone;N° BCE\nClub A;81223344;233956377\nClub B;83216535;261109746\n"
                      "Club C;71123456;207324830\n", encoding="utf-8")
    report = engine_check(source, plugins=get_plugin_manager())
    for kind in ("be-phone-lost-zero", "be-enterprise-lost-zero"):
        tips = {f.tip("fr") for f in report.findings if f.type == kind}
        assert len(tips) == 1 and "odwb-assist fix" in tips.pop(), kind


def test_a_tip_is_the_same_for_every_cell_of_its_type() -> None:
    """The text report prints each distinct tip of a type: a tip spelling the cell's mended value (« écrivez
    0233956377 », « Gardez seulement l'adresse (info@…) ») was printed once per cell shown, five near-copies. The
    mended value is said in the message; a tip may name the column, not the cell (a retired NIS code names its
    successor: one tip per retired code, a handful at most)."""
    import re

    from odwb_assist_belgium.messages import MESSAGES

    per_cell = {name: sorted(set(re.findall(r"{(\w+)}", entry.tip.fr)) - {"field"})
                for name, entry in MESSAGES.items()}
    assert {name: fields for name, fields in per_cell.items() if fields} == {"be-nis-retired": ["cell", "new"]}
