"""Fixes, publication blockers, metadata enrichment and the hook registration."""

from __future__ import annotations

from importlib import metadata as importlib_metadata
from pathlib import Path

import odwb_assist_belgium
import pandas as pd
import pluggy
from odwb_assist_belgium import national_number, phone
from odwb_assist_belgium.blockers import personal_data_blockers
from odwb_assist_belgium.enrich import enrich, propose_spatial
from odwb_assist_belgium.fixes import RepadEnterpriseNumbers, ReplaceRetiredNisCodes
from odwb_assist_belgium.messages import MESSAGES

from odwb_assist.core.contract import CheckContext, FixContext
from odwb_assist.core.plugins import ENTRY_POINT_GROUP, collect, get_plugin_manager

HERE = Path(__file__).resolve().parent


def only_belgium(block: bool = False) -> pluggy.PluginManager:
    """A manager with the hook specifications and this plugin alone (the other plugins are not our business)."""
    pm = get_plugin_manager(builtins=False, load_entrypoints=False)
    if block:
        pm.set_blocked("belgium")
    pm.register(odwb_assist_belgium, name="belgium")
    return pm


def table(data: dict[str, list[str]]) -> pd.DataFrame:
    n = len(next(iter(data.values())))
    return pd.DataFrame(data, index=range(2, 2 + n), dtype=object)


# --- fixes ----------------------------------------------------------------------------------------


def test_repad_enterprise_numbers_previews_every_change_and_keeps_the_input():
    frame = table({"numero_bce": ["440966354", "0831797467", "440.966.354", "", "123"], "nom": ["a", "b", "c", "d", "e"]})
    before = frame.copy()
    fixed, changes = RepadEnterpriseNumbers().apply(frame, FixContext())
    assert [(c.row_number, c.field_name, c.before, c.after) for c in changes] == [
        (2, "numero_bce", "440966354", "0440966354"), (4, "numero_bce", "440.966.354", "0440.966.354")]
    assert fixed.loc[2, "numero_bce"] == "0440966354" and fixed.loc[6, "numero_bce"] == "123"
    pd.testing.assert_frame_equal(frame, before)


def test_replace_retired_nis_codes():
    frame = table({"ins": ["82003", "92094", "82005", "55022", "3000"]})
    fixed, changes = ReplaceRetiredNisCodes().apply(frame, FixContext(kinds={"ins": "be-nis-code"}))
    assert [(c.row_number, c.before, c.after) for c in changes] == [
        (2, "82003", "82039"), (4, "82005", "82039"), (5, "55022", "58001"), (6, "3000", "03000")]
    assert fixed["ins"].tolist() == ["82039", "92094", "82039", "58001", "03000"]


def test_repad_phone_numbers():
    from odwb_assist_belgium.fixes import RepadPhoneNumbers

    frame = table({"telephone": ["81246411", "081 24 64 11", "478123456", "12"]})
    fixed, changes = RepadPhoneNumbers().apply(frame, FixContext())
    assert [(c.row_number, c.after) for c in changes] == [(2, "081246411"), (4, "0478123456")]
    assert fixed["telephone"].tolist() == ["081246411", "081 24 64 11", "0478123456", "12"]


def test_fixes_leave_other_kinds_alone():
    frame = table({"montant": ["440966354"], "annee": ["2019"]})
    assert RepadEnterpriseNumbers().apply(frame, FixContext(kinds={"montant": "number"}))[1] == []


# --- blockers -------------------------------------------------------------------------------------


def _findings(kind_module, values: list[str], field: str, fields: list[str]) -> list:
    series = pd.Series(values, index=range(2, 2 + len(values)), dtype=object)
    return list(kind_module.validate(series, field, CheckContext(source="t.csv", fields=fields)))


def test_national_numbers_block_publication_naming_the_column():
    findings = _findings(national_number, ["85073003328", "x", "17073003384"], "identifiant", ["nom", "identifiant"])
    blockers = personal_data_blockers(findings, ["nom", "identifiant"])
    assert len(blockers) == 1
    blocker = blockers[0]
    assert blocker.code == "personal-data" and blocker.field_name == "identifiant" and blocker.overridable
    assert "« identifiant »" in blocker.message("fr") and "2" in blocker.message("fr") and "2, 4" in blocker.message("fr")
    assert "Supprimez la colonne « identifiant »" in blocker.advice("fr") and "justification" in blocker.advice("fr")
    assert "Delete column 'identifiant'" in blocker.advice("en")


def test_phones_block_only_in_people_tables_and_personal_emails_only_as_errors():
    people = ["prénom", "nom", "gsm", "email"]
    phones = _findings(phone, ["0478 12 34 56"], "gsm", people)
    email_finding = {"type": "personal-email", "severity": "error", "fieldName": "email", "rowNumber": 2}
    blockers = personal_data_blockers([*phones, email_finding], people)
    assert sorted(str(b.field_name) for b in blockers) == ["email", "gsm"]
    service = ["service", "telephone", "email"]
    # the core check reports personal-email (an error) only with evidence of a person: it blocks in any table
    blockers = personal_data_blockers([*_findings(phone, ["081 24 64 11"], "telephone", service), email_finding], service)
    assert [b.field_name for b in blockers] == ["email"]
    possible = {"type": "possible-personal-email", "severity": "warning", "fieldName": "email", "rowNumber": 2}
    warned = {**email_finding, "severity": "warning"}
    assert personal_data_blockers([possible, warned], people) == []


def test_publication_blockers_hook_reads_a_report():
    class Report:
        fields = ["nom", "niss"]
        errors = _findings(national_number, ["85073003328"], "niss", ["nom", "niss"])

    blockers = collect(only_belgium().hook.odwb_publication_blockers(project=None, report=Report(), metadata=None))
    assert [(b.field_name, b.source) for b in blockers] == [("niss", "belgium")]
    assert collect(only_belgium(block=True).hook.odwb_publication_blockers(project=None, report=Report(), metadata=None)) == []


# --- metadata enrichment --------------------------------------------------------------------------


def test_spatial_coverage_from_nis_and_postal_codes():
    assert propose_spatial(table({"code_ins": ["92094", "92094"]}))["dcat.spatial"] == "Namur (code INS 92094)"
    proposal = propose_spatial(table({"code postal": ["5000", "5100", "5300"]}))
    assert proposal["dcat.spatial"].startswith("Province de Namur") and proposal["default.geographic_reference"] == ["world_be"]
    assert propose_spatial(table({"nis": ["92094", "62063"]}))["dcat.spatial"] == "Wallonie : 2 communes"
    assert propose_spatial(table({"latitude": ["50.46", "50.5"], "longitude": ["4.86", "4.9"]}))["dcat.spatial"] == "Wallonie"
    assert propose_spatial(table({"montant": ["12", "13"]})) == {}


def test_enrich_reads_the_source_file(tmp_path):
    path = tmp_path / "parkings.csv"
    path.write_text("nom;code_ins;places\nGare;82003;12\nCentre;82039;30\n", encoding="utf-8")
    assert enrich(path)["dcat.spatial"] == "Bastogne (code INS 82039)"
    assert enrich(tmp_path / "missing.csv") == {}
    assert enrich(None) == {}


# --- registration ---------------------------------------------------------------------------------


def test_hooks_are_registered_and_blockable():
    assert "belgium" in {ep.name for ep in importlib_metadata.entry_points(group=ENTRY_POINT_GROUP)}
    pm = only_belgium()
    names = {k.name for k in collect(pm.hook.odwb_field_kinds())}
    assert {"be-nis-code", "be-postal-code", "be-enterprise-number", "be-iban", "be-phone", "email", "wgs84-latitude",
            "wgs84-longitude", "lambert72-x", "lambert72-y", "be-national-number"} <= names
    fixes = {f.name for f in collect(pm.hook.odwb_fixes())}
    assert {"be-enterprise-repad", "be-nis-replace-retired"} <= fixes
    blocked = only_belgium(block=True)
    assert "be-nis-code" not in {k.name for k in collect(blocked.hook.odwb_field_kinds())}


def test_checks_are_offered_only_when_relevant():
    pm = only_belgium()
    none = CheckContext(source="t", fields=["a"], kinds={})
    assert [c.name for c in collect(pm.hook.odwb_checks(context=none))] == ["belgium.national-number-scan",
                                                                          "belgium.phones-in-text",
                                                                          "belgium.accounts-in-text",
                                                                          "belgium.postal-locality"]
    both = CheckContext(source="t", fields=["lat", "lon", "ins"],
                        kinds={"lat": "wgs84-latitude", "lon": "wgs84-longitude", "ins": "be-nis-code"})
    names = {c.name for c in collect(pm.hook.odwb_checks(context=both))}
    assert {"belgium.commune-consistency", "belgium.coordinates-swapped"} <= names


def test_every_type_is_documented_in_the_readme():
    readme = (HERE.parent / "README.md").read_text(encoding="utf-8")
    for error_type, entry in MESSAGES.items():
        assert f"`{error_type}`" in readme, error_type
        assert entry.message("fr") and entry.tip("en")


def test_blockers_survive_a_report_that_kept_no_finding():
    blockers = personal_data_blockers([], ["nom", "niss"], counts={"be-national-number": 1500, "blank-row": 3},
                                      kinds={"niss": "be-national-number"})
    assert [(b.field_name, b.code) for b in blockers] == [("niss", "personal-data")]
    assert "1500" in blockers[0].message("fr")
    findings = _findings(national_number, ["85073003328"] * 3, "niss", ["nom", "niss"])
    blockers = personal_data_blockers(findings, ["nom", "niss"], counts={"be-national-number": 2000})
    assert "2000" in blockers[0].message("en") and "2, 3, 4" in blockers[0].message("en")
