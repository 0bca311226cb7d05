"""The workshop notebooks (one per day in examples/) run from top to bottom, offline, against the sandbox over
loopback, and are stored without outputs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

from odwb_assist.sandbox import SandboxServer  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("jour-*/*.ipynb"))


def test_one_notebook_per_workshop_day() -> None:
    assert {p.parent.name for p in NOTEBOOKS} == {"jour-7-qualite", "jour-8-catalogue", "jour-9-publication"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name)
def test_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    server = SandboxServer(tmp_path_factory.mktemp("portail"), seed=True, processing_delay=0.01)
    key = server.add_user("atelier")
    server.start()
    try:
        assert server.url.startswith("http://127.0.0.1:")
        yield server.url, key
    finally:
        server.stop()


@pytest.mark.timeout(300)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name)
def test_notebook_runs(path: Path, tmp_path: Path, sandbox: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    url, key = sandbox
    monkeypatch.setenv("ODWB_PORTAL_URL", url)
    monkeypatch.setenv("ODWB_API_KEY", key)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    folder = tmp_path / path.parent.name
    shutil.copytree(path.parent, folder, ignore=shutil.ignore_patterns("*-resultats-*", "__pycache__"))
    notebook = nbformat.read(folder / path.name, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=240, kernel_name="python3",
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("text", "")) + str((o.get("data") or {}).get("text/plain", "")) for o in outputs)
    assert "Traceback" not in text
    if path.parent.name == "jour-7-qualite":
        assert "<Copie propre" in text and "erreur(s)" in text
    if path.parent.name == "jour-8-catalogue":
        assert "datetime64" in text  # the catalogue's dates are Timestamps
    if path.parent.name == "jour-9-publication":
        assert "Rien à envoyer" in text or "rien à envoyer" in text.lower() or "0 étape" in text
