"""Fixtures: a small commune data file, its odwb.toml, an inventory entry, a plugin manager without third parties."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pluggy
import pytest

from odwb_assist.core.config import load
from odwb_assist.core.config_model import ProjectConfig
from odwb_assist.core.plugins import get_plugin_manager

CSV = """id,nom,adresse,code_postal,code_ins,latitude,longitude,capacite,type,date_installation
1,Gare de Ciney,Place de la Gare 1,5590,91030,50.2937,5.0981,20,arceaux,2019-03-12
2,Hôtel de ville,Rue du Centre 35,5590,91030,50.2951,5.1003,10,arceaux,2020-06-01
3,Athénée,Rue Edouard Dinot 40,5590,91030,50.2898,5.0952,15,abri,2021-09-15
4,Piscine,Rue de la Piscine 2,5590,91030,50.2972,5.1055,8,arceaux,2022-04-20
5,Parc Saint-Roch,Rue Saint-Roch 1,5590,91030,50.2920,5.0990,12,abri,2024-02-10
"""

TOML = """# Projet de la Ville de Ciney
[administration]
name = "Ville de Ciney"
nis_code = "91030"
publisher = "Ville de Ciney"
contact_email = "mobilite@ciney.be"
website = "https://www.ciney.be"

[[datasets]]
id = "ciney-parkings-velos"
file = "data/parkings-velos.csv"  # relative to this file
"""

BARE_TOML = """[administration]
name = "Ville de Ciney"

[[datasets]]
id = "ciney-parkings-velos"
file = "data/parkings-velos.csv"
"""


def make_entry(**changes: object) -> SimpleNamespace:
    values: dict[str, object] = dict(
        identifier="INV-012", title="Parkings vélos de Ciney",
        description="Emplacements des parkings pour vélos installés par la Ville de Ciney sur le domaine public, avec "
                    "leur adresse, leur capacité et le type de mobilier (arceaux ou abri couvert).",
        service="Mobilité", contact="Service Mobilité <mobilite@ciney.be>",
        source_system="tableur du service Mobilité, relevé sur le terrain", format="xlsx", update_frequency="Annuelle",
        volume="5 lignes", coverage="Ciney", theme="Mobilité", personal_data="non", legal_constraints="", licence="CC0",
        value=4, effort=1, hvd_category="", status="à publier", dataset_id="ciney-parkings-velos", published_on=None,
        remarks="Les parkings privés ne sont pas repris.",
    )
    values.update(changes)
    return SimpleNamespace(**values)


@pytest.fixture
def entry() -> SimpleNamespace:
    return make_entry()


def write_project(root: Path, toml: str = TOML) -> Path:
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "parkings-velos.csv").write_text(CSV, encoding="utf-8")
    path = root / "odwb.toml"
    path.write_text(toml, encoding="utf-8")
    return path


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    return write_project(tmp_path)


@pytest.fixture
def project(project_file: Path) -> ProjectConfig:
    return load(project_file)


@pytest.fixture
def bare_project(tmp_path: Path) -> ProjectConfig:
    return load(write_project(tmp_path / "bare", BARE_TOML))


@pytest.fixture
def pm() -> pluggy.PluginManager:
    return get_plugin_manager(load_entrypoints=False)


@pytest.fixture
def entry_factory() -> object:
    return make_entry


@pytest.fixture
def project_factory(tmp_path: Path) -> object:
    def factory(toml: str = TOML, name: str = "p") -> Path:
        return write_project(tmp_path / name, toml)

    return factory
