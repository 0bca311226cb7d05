"""NIS codes, postal codes, enterprise numbers, IBAN, phones, e-mails, national numbers."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from odwb_assist_belgium import email, enterprise, establishment, iban, national_number, nis, phone, postal
from stdnum.be import vat

from odwb_assist.core.findings import Severity


def rows_of(findings: list, error_type: str | None = None) -> list[int]:
    return [f.row_number for f in findings if error_type is None or f.type == error_type]


# --- NIS ------------------------------------------------------------------------------------------


def test_nis_valid_codes_are_silent(run):
    assert run(nis, ["92094", "82039", "25005", " 62063 ", "", "03000", "90000", "25000"]) == []


def test_nis_retired_codes_name_their_replacement(run):
    found = run(nis, ["82003", "92094", "82005", "55022"])
    assert rows_of(found, "be-nis-retired") == [2, 4, 5]
    assert "82039" in found[0].message("fr") and "2025" in found[0].message("fr")
    assert "58001" in found[2].message("en")
    assert all(f.severity == Severity.ERROR and f.field_name == "col" and f.field_number == 1 for f in found)


def test_nis_unknown_invalid_lost_zero_and_outside(run, ctx):
    cells = ["99999", "9209", "Namur", "3000", "11002", "21004", "92001"]
    found = run(nis, cells)
    types = {f.row_number: f.type for f in found}
    assert types == {2: "be-nis-unknown", 3: "be-nis-invalid", 4: "be-nis-invalid", 5: "be-nis-lost-zero",
                     8: "be-nis-obsolete"}
    unknown = found[0]
    assert "communes belges au 1er janvier 2025" in unknown.message("fr")
    assert "1 January 2025" in unknown.message("en")
    # Antwerp and Brussels are valid codes: whether they lie outside Wallonia is the territory check's business
    walloon, elsewhere = nis.territory(pd.Series(cells).str.strip(), ctx())
    assert list(elsewhere) == [False, False, False, False, True, True, False]
    assert not walloon.any()


def test_nis_national_list_with_the_2019_and_2025_mergers(run):
    found = run(nis, ["44011", "46013", "11007", "73083", "46030", "44083", "21004", "12041", "82003"])
    retired = {f.cell: f.extra["new"] for f in found if f.type == "be-nis-retired"}
    assert retired == {"44011": "44083", "46013": "46030", "11007": "11002", "73083": "73111", "82003": "82039"}
    assert len(found) == 5  # the current codes (Beveren-Kruibeke-Zwijndrecht, Deinze, Brussels…) are valid
    message = next(f for f in found if f.cell == "46013").message("fr")
    assert "46030 (Beveren-Kruibeke-Zwijndrecht)" in message and "01/01/2025" in message


def test_the_kingdom_s_code_of_statbel_s_tables_is_neither_unknown_nor_outside(run, ctx):
    """Statbel's tables by commune end with the national total, « 01000 » (Royaume), above the regions, provinces
    and arrondissements the REFNIS table holds: a code of its own, no error and no « outside Wallonia »."""
    cells = ["01000", "03000", "20002", "25000", "92094", "1000"]
    found = run(nis, cells)
    assert [(f.row_number, f.type, f.extra.get("fixed")) for f in found] == [(7, "be-nis-lost-zero", "01000")]
    assert "Belgique" in found[0].message("fr")
    walloon, elsewhere = nis.territory(pd.Series(cells[:5]), ctx())
    assert walloon.all() and not elsewhere.any()
    assert nis.looks_like("01000")


def test_nis_detection_by_values():
    assert nis.detect(pd.Series(["92094", "82039", "25005"])) == 1.0
    assert nis.detect(pd.Series(["12345", "hello"])) == 0.0


# --- postal codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("cell", "code"), [("B-5000", "5000"), ("b5000", "5000"), ("BE-4000", "4000"), ("B 1300", "1300"),
                                             (" B–6000 ", "6000"), ("B-5999", None), ("B-50000", None), ("5000", None),
                                             ("Bxl 1000", None)])
def test_a_country_prefix_before_a_known_code(cell: str, code: str | None) -> None:
    assert postal.unprefixed(cell) == code


def test_postal_codes(run, ctx):
    cells = ["5000", "1300", "6687", "1000", "9000", "5999", "50OO", "B-5000", ""]
    found = run(postal, cells)
    assert {f.row_number: f.type for f in found} == {7: "be-postal-unknown", 8: "be-postal-invalid", 9: "be-postal-prefixed"}
    prefixed = [f for f in found if f.type == "be-postal-prefixed"][0]
    assert prefixed.message("fr") == "« B-5000 » : le préfixe de pays n'appartient pas au code postal belge, qui est 5000."
    walloon, elsewhere = postal.territory(pd.Series(cells[:6]), ctx())
    assert list(walloon) == [True, True, True, False, False, False]
    assert list(elsewhere) == [False, False, False, True, True, False]


def test_several_postal_codes_in_one_cell_are_a_warning_not_a_malformed_code(run):
    """A street over two postal areas (« 5000/5001 »), a round over a few (« 4000, 4020 et 4030 ») is true data
    written in one cell: a warning that the portal reads the column as text, not « il faut exactement 4 chiffres »
    (an error that blocked the publication). A code no one gave among them is still malformed: the cell is wrong."""
    cells = ["5000/5001", "4000, 4020 et 4030", "1300 - 1301", "5000", "5590/5591", "5000/50001", "5000 Namur"]
    found = run(postal, cells)
    assert {f.row_number: (f.type, f.severity) for f in found} == {
        2: ("be-postal-several", Severity.WARNING), 3: ("be-postal-several", Severity.WARNING),
        4: ("be-postal-several", Severity.WARNING), 6: ("be-postal-invalid", Severity.ERROR),
        7: ("be-postal-invalid", Severity.ERROR), 8: ("be-postal-invalid", Severity.ERROR)}
    several = next(f for f in found if f.row_number == 2)
    assert several.message("fr").startswith("« 5000/5001 » : plusieurs codes postaux dans une même cellule")


def test_bpost_s_special_codes_since_2013_are_known(run, ctx):
    """Organisation and sorting-centre codes (« 4099 », « 5012 », « 6099 » in Wallonia, « 1099 » in Brussels) are
    not in bpost's 2013 list: valid codes, Walloon or not, never « unknown »; a code bpost never gave still is."""
    cells = ["4099", "5012", "6099", "7010", "1099", "9099", "5999", "4098"]
    found = run(postal, cells)
    assert {f.row_number: f.type for f in found} == {8: "be-postal-unknown", 9: "be-postal-unknown"}
    walloon, elsewhere = postal.territory(pd.Series(cells), ctx())
    assert list(walloon) == [True, True, True, True, False, False, False, False]
    assert list(elsewhere) == [False, False, False, False, True, True, False, False]
    assert postal.looks_like("4099") and postal.unprefixed("B-6099") == "6099"


def test_postal_outside_wallonia_is_silent_for_a_brussels_administration(ctx):
    assert not postal.territory(pd.Series(["1000"]), ctx(nis="21004"))[1].any()
    assert postal.territory(pd.Series(["1000"]), ctx(nis="92094"))[1].all()


# --- enterprise numbers ---------------------------------------------------------------------------


def _establishment(first8: str) -> str:
    """An establishment unit number with its check digits, written « 2.123.456.789 »."""
    number = first8 + f"{97 - int(first8) % 97:02d}"
    return f"{number[0]}.{number[1:4]}.{number[4:7]}.{number[7:]}"


def test_establishment_unit_numbers(run):
    good = [_establishment(f"2{n:07d}") for n in (3188131, 8953298, 2099391)]
    assert run(establishment, [*good, "2318813110", "BE 2.318.813.110", ""]) == []
    found = run(establishment, ["2.318.813.111", "0440.966.354", "2318"])
    assert [f.type for f in found] == ["be-establishment-invalid"] * 3
    assert "2 à 9" in found[0].message("fr") and "mod 97" in found[0].message("en")
    assert establishment.detect(pd.Series(good)) == 1.0
    assert establishment.detect(pd.Series(["0440.966.354", "1.250.000"])) == 0.0  # enterprise numbers, an amount


def test_establishment_units_are_an_identifier_not_numbers_with_thousands(tmp_path: Path):
    """A BCE export lists each shop's establishment unit « 2.318.813.110 »: known by its values or its label, the
    column gets no thousands-separator warning and ``fix`` leaves its points (the number is written so)."""
    from odwb_assist.core.plugins import get_plugin_manager
    from odwb_assist.quality import check, fix

    rows = [f"Commerce {n};{_establishment(f'2{n * 7919 % 10**7:07d}')};{_establishment(f'3{n:07d}')}" for n in range(9)]
    source = tmp_path / "etablissements.csv"
    source.write_text("Dénomination;Unité d'établissement;Implantation\n" + "\n".join(rows) + "\n", encoding="utf-8")
    manager = get_plugin_manager(load_entrypoints=False)
    manager.register(__import__("odwb_assist_belgium"), name="belgium")
    report = check(source, plugins=manager)
    assert report.kinds == {"Unité d'établissement": "be-establishment-unit", "Implantation": "be-establishment-unit"}
    assert not report.findings or all(f.type != "thousands-separator" for f in report.findings)
    result = fix(source, tmp_path / "propre.csv", plugins=manager)
    assert "thousands-separator" not in result.counts
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[1].endswith(rows[0].split(";", 1)[1]
                                                                                         .replace(";", ","))


def test_enterprise_numbers_test_vectors(run):
    found = run(enterprise, ["BE0440966354", "BE0831797467", "BE1234567895", "0440.966.354", "be 0440 966 354",
                             "440966354", "440.966.354", "abc", "2440966354"])
    assert {f.row_number: f.type for f in found} == {
        4: "be-enterprise-invalid", 7: "be-enterprise-lost-zero", 8: "be-enterprise-lost-zero",
        9: "be-enterprise-invalid", 10: "be-enterprise-invalid"}
    lost = next(f for f in found if f.row_number == 8)
    assert "0440.966.354" in lost.message("fr") and lost.cell == "440.966.354"


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=1_999_999_999))
def test_enterprise_vectorised_rule_agrees_with_stdnum(number):
    text = f"{number:010d}"
    valid, _ = enterprise.verdicts(pd.Series([text]))
    # check digits are 97 - (first 8 digits mod 97), so 01..97; stdnum also accepts the congruent 00 and 98
    assert bool(valid.iloc[0]) == (vat.is_valid("BE" + text) and 1 <= number % 100 <= 97)


def test_enterprise_valid_numbers_agree_with_stdnum():
    rng = random.Random(4)
    heads = [rng.randrange(0, 20_000_000) for _ in range(500)]
    numbers = [f"{h:08d}{97 - h % 97:02d}" for h in heads]
    valid, _ = enterprise.verdicts(pd.Series(numbers))
    assert valid.tolist() == [vat.is_valid("BE" + n) for n in numbers]


def test_a_column_titled_enterprise_numbers_is_checked_even_when_every_number_is_wrong():
    from odwb_assist.quality.kinds import column_kinds

    wrong = ["0412.345.678", "0456.789.123", "BE 0823.456.111", "0434222999", "899.111.222"]
    assert all(not enterprise.verdicts(pd.Series([n]))[0].iloc[0] for n in wrong)
    names = ["Numéro d'entreprise", "N° TVA", "Taux TVA", "Téléphone", "Numéro"]
    columns = [wrong, wrong, ["21", "6", "12", "21", "0"], ["0475123456", "0498765432", "0471112233", "", "0479000000"],
               wrong]
    kinds = column_kinds(names, columns)
    assert kinds["Numéro d'entreprise"] == kinds["N° TVA"] == "be-enterprise-number"  # by their shape, under the title
    assert "Taux TVA" not in kinds and kinds.get("Téléphone") != "be-enterprise-number"
    assert "Numéro" not in kinds  # no title naming them: only valid numbers tell the kind


# --- IBAN -----------------------------------------------------------------------------------------


def test_iban_test_vectors(run):
    found = run(iban, ["BE32 1234 5678 9002", "BE48 3200 7018 4927", "BE41091811735141", "be48320070184927",
                       "FR14 2004 1010 0505 0001 3M02 606", "NL91ABNA0417164300", "NL91ABNA0417164301", "BE4832007018492"])
    assert rows_of(found, "be-iban-invalid") == [4, 8, 9]


def test_an_iban_of_a_bank_missing_from_the_list_is_a_warning(run):
    """BE68 5390 0754 7034: both check digits right, bank code 539 absent from stdnum's list of Belgian banks. It
    was an error that blocked the publication of a subsidies table; the list lags behind new banks: now a warning."""
    found = run(iban, ["BE68 5390 0754 7034", "BE48 3200 7018 4927", "BE69 5390 0754 7034"])
    assert sorted((f.row_number, f.type, f.severity.value) for f in found) == [
        (2, "be-iban-unknown-bank", "warning"), (4, "be-iban-invalid", "error")]
    assert "be-iban-unknown-bank" not in iban.KIND.blocking and "be-iban-invalid" in iban.KIND.blocking


# --- phones ---------------------------------------------------------------------------------------


def test_phones(run):
    found = run(phone, ["+32 81 24 64 11", "081/24.64.11", "0478 12 34 56", "0032 478 12 34 56", "+32 (0)2 511 11 11",
                        "478123456", "12345", "+33 1 42 68 53 00", "0800 12 345", "+32 478 12 34 5", "+33 1"])
    assert {f.row_number: f.type for f in found} == {
        7: "be-phone-lost-zero", 8: "be-phone-invalid", 11: "be-phone-invalid", 12: "be-phone-invalid"}
    assert "0478123456" in found[0].message("fr")


def test_a_phone_with_its_extension_is_valid(run):
    cells = ["081 24 64 13 (ext. 203)", "081/24.64.13 poste 203", "+32 81 24 64 13 ext 4", "0475 12 34 56 int. 12",
             "081246413x204", "081 24 64 13 (203)", "12345 ext. 2", "(ext. 203)", "081 24 64 1 poste 2"]
    found = run(phone, cells)
    assert {f.row_number: f.type for f in found} == {7: "be-phone-invalid", 8: "be-phone-invalid",
                                                      9: "be-phone-invalid", 10: "be-phone-invalid"}
    assert phone.detect(pd.Series(cells[:5] * 4)) == 1.0  # a services directory written so is a phone column
    both = run(phone, ["081 22 33 44 (ext. 12) / 0475 12 34 56"])
    assert [(f.type, f.extra.get("count")) for f in both] == [("be-phone-several", 2)]  # each number right
    people = run(phone, ["0475 12 34 56 int. 12"], fields=["nom", "prénom", "col"])
    assert [f.type for f in people] == ["be-phone-personal"]  # a person's number with its extension is still theirs


def test_a_valid_number_followed_by_a_remark_is_said_not_called_invalid(run):
    """« 0486 23 45 67 (après 18h) » was « not a valid phone number », an error: the number is right, a remark
    follows it. The remark is said (a warning); a wrong number with a remark, or a bare number in brackets, is not
    a remark."""
    cells = ["0486 23 45 67 (après 18h)", "083/21.45.67 [secrétariat]", "+32 81 24 64 13 (le matin)",
             "12345 (après 18h)", "081 24 64 13 (203)", "0486 23 45 67 (ext. 12)"]
    found = run(phone, cells)
    assert [(f.row_number, f.type, f.extra.get("note")) for f in found] == [
        (2, "be-phone-remark", "après 18h"), (3, "be-phone-remark", "secrétariat"), (4, "be-phone-remark", "le matin"),
        (5, "be-phone-invalid", None), (6, "be-phone-invalid", None)]
    assert found[0].severity.value == "warning"
    assert "un numéro valide suivi d'une remarque (« après 18h »)" in found[0].message("fr")
    people = run(phone, ["0486 23 45 67 (après 18h)"], fields=["nom", "prénom", "col"])
    assert [f.type for f in people] == ["be-phone-remark", "be-phone-personal"]  # still the person's number


def test_phones_in_a_people_table_are_personal(run):
    found = run(phone, ["0478 12 34 56", "bad"], fields=["nom", "prénom", "col"])
    assert {f.row_number: f.type for f in found} == {2: "be-phone-personal", 3: "be-phone-invalid"}
    assert "« col »" in found[-1].tip("fr") or "« col »" in found[0].tip("fr")
    assert run(phone, ["0478 12 34 56"], fields=["nom du service", "col"]) == []


# --- e-mail ---------------------------------------------------------------------------------------


def test_emails(run):
    found = run(email, ["info@namur.be", "jean.dupont@commune-ciney.be", "x@y", "a b@c.be", "mailto:a@b.be",
                        "jean..d@a.be", "contact@@namur.be", "  service@ville.be  ", "info@liège.be"])
    assert rows_of(found, "email-invalid") == [4, 5, 7, 8]
    assert rows_of(found, "email-mailto") == [6]  # a valid address behind a copied link: the fix removes « mailto: »


def test_a_valid_address_followed_by_a_remark_is_said_not_called_invalid(run):
    found = run(email, ["info@cluba.be (secrétariat)", "contact@clubb.be [le soir]", "x@y (secrétariat)",
                        "president@clubc.be - Jean", "info@clubd.be (2)"])
    assert [(f.row_number, f.type, f.extra.get("note")) for f in found] == [
        (2, "email-remark", "secrétariat"), (3, "email-remark", "le soir"), (4, "email-invalid", None),
        (5, "email-invalid", None), (6, "email-invalid", None)]
    assert found[0].severity == Severity.WARNING
    assert "une adresse e-mail valide suivie d'une remarque (« secrétariat »)" in found[0].message("fr")


# --- national register numbers --------------------------------------------------------------------


def test_national_numbers_test_vectors(run):
    found = run(national_number, ["85073003328", "17073003384", "12345678901", "85.07.30-033.28", "0440966354"])
    assert rows_of(found, "be-national-number") == [2, 3, 5]
    assert all(f.severity == Severity.ERROR for f in found)
    assert national_number.KIND.personal


def test_national_number_detection_by_values():
    assert national_number.detect(pd.Series(["85073003328", "17073003384", "x"])) > 0.6
    assert national_number.detect(pd.Series([f"{n:011d}" for n in range(10_000_000_000, 10_000_000_050)])) < 0.3


def test_bis_numbers_are_national_numbers_too(run):
    from stdnum.be import bis

    head = "854730033"  # born 1985-07-30, month + 40: BIS number
    number = f"{head}{97 - int(head) % 97:02d}"
    assert bis.is_valid(number)
    assert rows_of(run(national_number, [number, "85473003300"]), "be-national-number") == [2]


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=99_999_999_999))
def test_national_number_mask_agrees_with_stdnum(number):
    from stdnum.be import bis, nn

    text = f"{number:011d}"
    assert bool(national_number.mask(pd.Series([text])).iloc[0]) == (nn.is_valid(text) or bis.is_valid(text))


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=0, max_value=9_999_999_999), st.integers(min_value=0, max_value=15))
def test_belgian_iban_rule_agrees_with_stdnum(account, flip):
    from stdnum import iban as std_iban

    bban = f"{account:010d}{(account % 97) or 97:02d}"
    number = "BE" + std_iban.calc_check_digits("BE00" + bban) + bban
    mutated = number[:flip] + ("1" if number[flip] == "0" else "0") + number[flip + 1:] if flip >= 2 else number
    for value in (number, mutated):
        assert bool(iban.valid_mask(pd.Series([value])).iloc[0]) == std_iban.is_valid(value)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=25), st.from_regex(r"[+0-9 .\-/BE]{0,20}", fullmatch=True)), min_size=1, max_size=8))
def test_no_validator_or_detector_raises_on_any_text(values):
    from odwb_assist_belgium.kinds import KINDS

    from odwb_assist.core.contract import CheckContext

    context = CheckContext(source="t", fields=["col", "prénom"], kinds={"col": "x"})
    for dtype in (object, "str"):
        series = pd.Series(values, index=range(2, 2 + len(values)), dtype=dtype)
        for kind in KINDS:
            assert kind.detect is not None
            assert 0.0 <= kind.detect(series) <= 1.0
            if kind.validate is not None:
                for finding in kind.validate(series, "col", context):
                    assert finding.row_number in series.index and finding.message("fr") and finding.tip("en")


def test_national_number_headers_are_whole_words():
    from odwb_assist.quality.kinds import normalise_header

    def named(label):
        return any(re.search(p, normalise_header(label)) for p in national_number.KIND.header_patterns)

    assert all(named(h) for h in ("rrn", "N° RRN", "numero_rrn", "NISS", "niss_demandeur", "Registre national", "bis"))
    assert not any(named(h) for h in ("street_number_rrn", "numero_bis", "connexion", "annee"))


def test_lambert_headers_as_inventories_export_them():
    """« X (Lambert 72) », « Coord X », « X (m) »: no header pattern took them, and the columns were not checked as
    coordinates (nor put on the map by publish, which reads the same names)."""
    from odwb_assist_belgium.coordinates import LAMBERT_X, LAMBERT_Y

    from odwb_assist.quality.kinds import normalise_header

    def named(kind, label):
        return any(re.search(p, normalise_header(label)) for p in kind.header_patterns)

    for x in ("X", "X (Lambert 72)", "Coordonnée X (Lambert 72)", "X [Lambert 72]", "Coord X", "X (m)", "X_L72",
              "Lambert X", "X (EPSG:31370)"):
        assert named(LAMBERT_X, x) and named(LAMBERT_Y, x.replace("X", "Y")), x
    assert not any(named(LAMBERT_X, h) for h in ("Xylophone", "Max X", "X-ray", "Coordinateur"))
