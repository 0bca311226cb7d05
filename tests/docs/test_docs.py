"""The documentation's examples are executed so that they cannot rot (convention: tests/docs/doc_blocks.py).

One test per Markdown page runs its blocks in order in a temporary folder holding the sample files;
a page whose block is marked ``<!-- doctest: sandbox -->`` gets a sandbox portal. Coverage tests
check that every command of the Typer application (plugin groups included) is in
docs/reference/cli.md, and that every hook has a heading and a ```python example in
docs/plugin_hooks.md.
"""

from __future__ import annotations

import contextlib
import re
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from odwb_assist.cli.main import main

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the tests use --import-mode=importlib

from cli_reference import TARGET as CLI_DOC  # noqa: E402
from cli_reference import option_names, root_command, walk  # noqa: E402
from doc_blocks import ROOT, Block, blocks, command_lines, doc_files  # noqa: E402

SAMPLES = ROOT / "odwb_assist" / "data" / "samples"
ROOM_URL = "http://127.0.0.1:8765"
RUNNABLE = {"python", "console"}
KNOWN = {"sandbox", "skip", "write", "append"}
NO_PORTAL = "http://127.0.0.1:9"


def _pages() -> list[Path]:
    return [p for p in doc_files() if any(b.lang in RUNNABLE or b.has("write") or b.has("append") for b in blocks(p))]


class Page:
    """The state shared by the blocks of one page: folder, namespace, optional sandbox."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        self.folder = folder
        self.monkeypatch = monkeypatch
        self.capsys = capsys
        self.namespace: dict[str, Any] = {"__name__": "__doc_example__"}
        self.server: Any = None
        self.url = ROOM_URL

    def start_sandbox(self) -> None:
        if self.server is not None:
            return
        from odwb_assist.sandbox import SandboxServer

        self.server = SandboxServer(self.folder.parent / "sandbox-portal", seed=True, processing_delay=0.01).start()
        self.url = self.server.url
        self.monkeypatch.setenv("ODWB_PORTAL_URL", self.url)
        self.monkeypatch.setenv("ODWB_API_KEY", self.server.add_user("participant"))
        self.monkeypatch.setenv("ODWB_ADMIN_KEY", self.server.add_user("formateur", admin=True))

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()

    def text(self, block: Block) -> str:
        return block.text.replace(ROOM_URL, self.url)

    def run(self, block: Block) -> None:
        unknown = {k for k, _ in block.directives} - KNOWN
        assert not unknown, f"{block.where}: unknown doctest directive(s) {sorted(unknown)}"
        if block.has("skip"):
            assert block.arg("skip"), f"{block.where}: `<!-- doctest: skip -->` needs a reason"
            return
        if block.has("sandbox"):
            self.start_sandbox()
        if block.has("write") or block.has("append"):
            name = block.arg("write") or block.arg("append")
            target = self.folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            mode = "w" if block.has("write") else "a"
            with target.open(mode, encoding="utf-8") as handle:
                handle.write(self.text(block))
            return
        if block.lang == "python":
            compiled = compile(self.text(block), block.where, "exec")
            exec(compiled, self.namespace)  # noqa: S102 - the documentation's own examples
        elif block.lang == "console":
            for command, expected in command_lines(block):
                args = shlex.split(command.replace(ROOM_URL, self.url), comments=True)[1:]
                self.capsys.readouterr()
                code = main(args)
                out, err = self.capsys.readouterr()
                assert code == expected, (
                    f"{block.where}: `{command}` exited {code}, the page says {expected}\n--- stdout\n{out}\n--- stderr\n{err}")
                assert "Traceback" not in out + err, f"{block.where}: `{command}` printed a traceback"


def _confine_project_search(monkeypatch: pytest.MonkeyPatch, top: Path) -> None:
    """``odwb.toml`` is searched « here and above »: stop at the page's folder, so that a stray
    ``odwb.toml`` in a parent of the temporary folder (e.g. ``/tmp``) cannot change a page's result."""
    import importlib

    import odwb_assist.core.config as config
    import odwb_assist.core.config_model as config_model

    for name in ("odwb_assist.cli.common", "odwb_assist_programme.api"):  # modules that import it by name
        with contextlib.suppress(ImportError):  # the programme plugin is optional
            importlib.import_module(name)

    top = top.resolve()

    def find_project_file(start: Path | None = None) -> Path | None:
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / config_model.PROJECT_FILE).is_file():
                return folder / config_model.PROJECT_FILE
            if folder == top:
                break
        return None

    original = config.find_project_file
    for module in list(sys.modules.values()):  # every module that imported the function by name
        if getattr(module, "find_project_file", None) is original:
            monkeypatch.setattr(module, "find_project_file", find_project_file)


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "atelier"
    folder.mkdir()
    for sample in SAMPLES.glob("*.csv"):
        shutil.copy(sample, folder / sample.name)
    for name in ("ODWB_API_KEY", "ODWB_ADMIN_KEY"):
        monkeypatch.delenv(name, raising=False)
    # Never the real portal: until a page starts its sandbox, every portal address (odwb.toml's
    # included, the variable wins over the file) points to a closed loopback port.
    monkeypatch.setenv("ODWB_PORTAL_URL", NO_PORTAL)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(folder)
    _confine_project_search(monkeypatch, folder)
    state = Page(folder, monkeypatch, capsys)
    saved_path = list(sys.path)
    try:
        for block in blocks(page):
            if block.lang in RUNNABLE or block.directives:
                state.run(block)
    finally:
        state.stop()
        sys.path[:] = saved_path  # a page may import modules it wrote (writing-a-plugin.md)
        for name, module in list(sys.modules.items()):
            if str(getattr(module, "__file__", "") or "").startswith(str(tmp_path)):
                del sys.modules[name]


def test_skips_are_rare_and_justified() -> None:
    skipped = [b for p in doc_files() for b in blocks(p) if b.has("skip")]
    assert all(b.arg("skip") for b in skipped)
    runnable = [b for p in doc_files() for b in blocks(p) if b.lang in RUNNABLE]
    assert len(skipped) <= max(3, len(runnable) // 10), [b.where for b in skipped]


def test_every_command_and_option_is_in_the_cli_reference() -> None:
    text = CLI_DOC.read_text(encoding="utf-8")
    sections = re.split(r"^#{2,3} ", text, flags=re.M)
    by_heading = {s.splitlines()[0].strip().strip("`"): s for s in sections[1:]}
    missing = []
    for path, command in list(walk(root_command()))[1:]:
        heading = "odwb-assist " + " ".join(path)
        section = by_heading.get(heading)
        if section is None:
            missing.append(heading)
            continue
        for param in command.params:
            if getattr(param, "hidden", False):
                continue
            names = option_names(param) or [param.name.upper()]
            missing.extend(f"{heading} {n}" for n in names if f"`{n}`" not in section)
    assert not missing, ("docs/reference/cli.md is out of date; regenerate it with "
                         "`.venv/bin/python tests/docs/cli_reference.py`. Missing: " + ", ".join(missing))


def test_every_hook_has_a_python_example() -> None:
    from odwb_assist.core import hookspecs

    path = ROOT / "docs" / "plugin_hooks.md"
    text = path.read_text(encoding="utf-8")
    hooks = [name for name in dir(hookspecs) if name.startswith("odwb_")]
    sections = {s.split("(", 1)[0].strip("` \n"): s for s in re.split(r"^## ", text, flags=re.M)[1:]}
    missing = [h for h in hooks if h not in sections or "```python" not in sections[h]]
    assert not missing, f"docs/plugin_hooks.md: no heading or no ```python example for {missing}"


def test_docs_index_links_every_page() -> None:
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    pages = [p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md") if p.name != "README.md"]
    assert not [p for p in pages if f"({p})" not in index]


def test_relative_links_resolve() -> None:
    broken = []
    for page in doc_files():
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not broken, broken
