from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
from odwb_assist_programme import enrolment
from odwb_assist_programme.api import Programme

from odwb_assist.core.errors import InputError

HEADER = ("administration;type;code_ins;noms_editeur;participant_1;email_1;participant_2;email_2;participant_3;email_3;"
          "formulaire_rempli;convention_signee;facture;paiement;confirmation")


def _form(rows: int = 32) -> str:
    lines = [HEADER]
    for i in range(rows):
        people = ";".join([f"Part {i}-{j};p{j}.{i}@commune{i}.be" for j in range(1, 1 + (i % 3) + 1)] + [";"] * (2 - i % 3))
        people = ";".join(people.split(";")[:6])
        paid = f"{1 + i % 28:02d}/04/2021" if i < 30 else f"2021-05-{i - 20:02d}"
        lines.append(f"Commune {i:02d};commune;{91000 + i};Commune {i:02d} ODWB;{people};oui;2021-03-01;05/03/2021;{paid};")
    return "\n".join(lines) + "\n"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_of_32_requests(prog: Programme, tmp_path: Path) -> None:
    form = tmp_path / "inscriptions.csv"
    form.write_text(_form(), encoding="utf-8")
    result = prog.import_file(form)
    assert result.ok, [f.text() for f in result.findings]
    assert result.imported == 32 and len(result.confirmed) == 30
    assert result.waiting == ["Commune 30", "Commune 31"]
    one = prog.status("Commune 00")[0]
    assert (one.invoiced_excl_vat, one.invoiced_incl_vat, one.publishers) == ("250.00", "302.50", ["Commune 00 ODWB"])
    assert prog.status("Commune 02")[0].invoiced_incl_vat == "726.00"
    assert [a["action"] for a in prog.audit()].count("import") == 1


def test_xlsx_import_and_export_round_trip(prog: Programme, tmp_path: Path) -> None:
    frame = pd.read_csv(pd.io.common.StringIO(_form(3)), sep=";", dtype=str, keep_default_na=False)
    frame = frame.rename(columns={"convention_signee": "Convention signée", "code_ins": "Code INS"})
    form = tmp_path / "inscriptions.xlsx"
    frame.to_excel(form, index=False)
    assert prog.import_file(form).imported == 3
    out = prog.export(tmp_path / "export.xlsx")
    back = pd.read_excel(out, dtype=str, keep_default_na=False, engine="openpyxl")
    assert list(back["administration"]) == ["Commune 00", "Commune 01", "Commune 02"]
    assert list(back["etat"]) == ["confirmée"] * 3
    with Programme.open(tmp_path / "other.sqlite") as other:
        assert other.import_file(prog.export(tmp_path / "export.csv")).imported == 3
        assert [s.invoiced_incl_vat for s in other.status()] == ["302.50", "484.00", "726.00"]


def test_a_bad_file_is_reported_row_by_row_and_nothing_is_written(prog: Programme, tmp_path: Path) -> None:
    prog.enrol("Ville existante", type="commune")
    before = _digest(prog.ledger.path)
    text = _form(4).splitlines()
    text[2] = text[2].replace("commune;91001", "village;9100")  # row 3: bad type and NIS code
    text[3] = text[3].replace("05/03/2021", "31/02/2021")  # row 4: impossible date
    text.append("Ville existante;commune;;;Jean;jean@ville;;;;;oui;;;;")  # row 6: known name, bad e-mail
    form = tmp_path / "bad.csv"
    form.write_text("\n".join(text) + "\n", encoding="utf-8")
    result = prog.import_file(form)
    where = {(f.row, f.column) for f in result.findings}
    assert {(3, "type"), (3, "code_ins"), (4, "facture")} <= where
    assert result.skipped == ["Ville existante"] and not any(f.row == 6 for f in result.findings)  # left as it is
    assert all("ligne" in f.text() for f in result.findings)
    assert result.imported == 0 and _digest(prog.ledger.path) == before
    assert [s.name for s in prog.status()] == ["Ville existante"]


def test_a_corrupt_file_leaves_the_register_unchanged(prog: Programme, tmp_path: Path) -> None:
    prog.enrol("Ville existante", type="commune")
    before = _digest(prog.ledger.path)
    broken = tmp_path / "inscriptions.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(InputError, match="ne peut pas être lu"):
        prog.import_file(broken)
    missing = tmp_path / "headers.csv"
    missing.write_text("nom;quoi\nA;B\n", encoding="utf-8")
    assert prog.import_file(missing).findings[0].row == 1
    assert _digest(prog.ledger.path) == before


def test_a_failure_half_way_rolls_everything_back(prog: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    form = tmp_path / "inscriptions.csv"
    form.write_text(_form(5), encoding="utf-8")
    calls = {"n": 0}
    real_pay = enrolment.pay

    def flaky_pay(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real_pay(*args, **kwargs)

    monkeypatch.setattr(enrolment, "pay", flaky_pay)
    with pytest.raises(OSError):
        prog.import_file(form)
    assert prog.status() == []
    assert {a["action"] for a in prog.audit()} == {"migrate"}


def test_unreadable_form_creates_no_register(tmp_path, capsys) -> None:
    from odwb_assist.cli.main import main

    form = tmp_path / "inscriptions.csv"
    form.write_bytes(bytes(range(256)) * 20)
    ledger = tmp_path / "programme.sqlite"
    assert main(["programme", "import", str(form), "--ledger", str(ledger)]) == 2
    assert "binaire" in capsys.readouterr().err
    assert not ledger.exists()


def test_export_never_replaces_an_existing_file_without_force(tmp_path) -> None:
    import pytest
    from odwb_assist_programme.api import Programme

    from odwb_assist.core.errors import InputError

    target = tmp_path / "registre.csv"
    target.write_text("mes notes\n", encoding="utf-8")
    with Programme.open(tmp_path / "programme.sqlite") as prog:
        prog.enrol("Ville de Ciney", type="commune", nis_code="91030", requested_on="2021-03-01")
        with pytest.raises(InputError, match="--force"):
            prog.export(target)
        assert target.read_text(encoding="utf-8") == "mes notes\n"
        prog.export(target, overwrite=True)
    assert "Ville de Ciney" in target.read_text(encoding="utf-8")


def _forms_export(rows: int) -> str:
    """A Google Forms export, as staff download it (French interface), with ``rows`` answers."""
    lines = ["Horodateur,Adresse e-mail,Nom de l'administration,Type d'administration,Code INS,"
             "Nom d'éditeur sur ODWB,Nom du participant 1,E-mail 1,Nom du participant 2,E-mail 2,Remarques"]
    for i in range(rows):
        lines.append(f"2021/03/{10 + i:02d} 14:0{i % 10}:00,secretariat{i}@commune{i}.be,Commune {i:02d},commune,"
                     f"9{1000 + i},Commune {i:02d},Agent {i} Un,agent{i}.un@commune{i}.be,,,")
    return "\n".join(lines) + "\n"


def test_a_forms_export_imports_twice_without_duplicates(prog: Programme, tmp_path: Path) -> None:
    form = tmp_path / "Inscriptions (réponses).csv"
    form.write_text(_forms_export(3), encoding="utf-8")
    from odwb_assist_programme.column_map import parse_overrides

    result = prog.import_file(form, dry_run=True)
    assert not result.ok and [f.column for f in result.findings] == ["Remarques"]  # shown, nothing written
    mapping = {m.header: m.target for m in result.mapping}
    assert mapping["Horodateur"] == "horodateur" and mapping["Adresse e-mail"] == "-"
    assert mapping["E-mail 1"] == "email_1" and mapping["Nom de l'administration"] == "administration"
    assert prog.status() == []
    overrides = parse_overrides(["Remarques=-"])
    first = prog.import_file(form, overrides=overrides)
    assert first.ok and first.imported == 3 and first.skipped == []
    one = prog.status("Commune 00")[0]
    assert one.requested_on == "2021-03-10" and one.form_filled and one.nis_code == "91000"
    assert [p.email for p in one.active_participants] == ["agent0.un@commune0.be"]
    form.write_text(_forms_export(5), encoding="utf-8")  # the same export, two answers later
    second = prog.import_file(form, overrides=overrides)
    assert second.ok and second.imported == 2 and second.skipped == ["Commune 00", "Commune 01", "Commune 02"]
    assert [s.name for s in prog.status()] == [f"Commune {i:02d}" for i in range(5)]


def test_dates_outside_the_edition_are_refused_unless_accepted(prog: Programme, tmp_path: Path) -> None:
    form = tmp_path / "inscriptions.csv"
    text = _form(2).replace("01/04/2021", "01/04/2012", 1).replace("2021-03-01", "2012-03-01", 1)
    form.write_text(text.replace("05/03/2021", "05/03/2012", 1), encoding="utf-8")
    refused = prog.import_file(form)
    assert not refused.ok and "hors de l'édition ouvrir-ma-ville-2021" in refused.findings[0].text()
    accepted = prog.import_file(form, accept_dates=True)
    assert accepted.ok and accepted.imported == 2 and len(accepted.warnings) == 3  # signature, invoice, payment


def test_states_are_french_labels_in_python_and_codes_in_json(prog: Programme) -> None:
    from odwb_assist_programme.records import State

    prog.enrol("Ville de Ciney", type="commune")
    status = prog.status()[0]
    assert status.state == "requested" and status.state is State.REQUESTED
    assert str(status.state) == "inscription demandée" == f"{status.state}" and status.state.label_en == "enrolment requested"
    data = status.to_dict(prog.edition)
    assert data["state"] == "requested" and data["state_label"] == "inscription demandée"
