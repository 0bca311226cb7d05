"""Read the fenced blocks of the documentation and the ``<!-- doctest: … -->`` directives before them.

The convention (documented in docs/README.md, « Exemples exécutés ») :

- every ```python block runs; the blocks of one page share one namespace and one temporary
  folder, in order, like a reader following the page;
- in a ```console block, each ``$ odwb-assist …`` line runs through ``odwb_assist.cli.main.main``
  and must exit 0, or the code written at the end of the line as ``# exit N``; other lines
  (output, ``$ export …``) are not run;
- the directive comment on the line(s) just above a block changes how it runs:
  ``<!-- doctest: sandbox -->`` (the page needs a portal: a sandbox is started on a free port,
  ``http://127.0.0.1:8765`` in the page is rewritten to its address, ``ODWB_API_KEY`` holds a
  participant's key), ``<!-- doctest: write FILE -->`` / ``<!-- doctest: append FILE -->`` (the block,
  e.g. ```toml, is written to / appended to FILE in the page's folder), and
  ``<!-- doctest: skip REASON -->`` (not run; the reason is required);
- the page's folder starts with the sample files of ``odwb_assist/data/samples``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
DIRECTIVE = re.compile(r"<!--\s*doctest:\s*(?P<kind>[a-z]+)\s*(?P<arg>.*?)\s*-->")
EXIT = re.compile(r"\s+#\s*exit\s+(?P<code>\d+)\s*$")


@dataclass
class Block:
    path: Path
    line: int  # 1-based line of the opening fence
    lang: str
    text: str
    directives: list[tuple[str, str]]

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    def has(self, kind: str) -> bool:
        return any(k == kind for k, _ in self.directives)

    def arg(self, kind: str) -> str:
        return next((a for k, a in self.directives if k == kind), "")


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of one Markdown file, with the directives written just above each."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, lang = match["fence"], match["info"].strip().split(" ")[0].lower()
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence):
            body.append(lines[i][len(match["indent"]):] if lines[i].startswith(match["indent"]) else lines[i])
            i += 1
        i += 1
        directives: list[tuple[str, str]] = []
        j = start - 1
        while j >= 0 and (not lines[j].strip() or DIRECTIVE.search(lines[j])):
            for d in DIRECTIVE.finditer(lines[j]):
                directives.append((d["kind"], d["arg"]))
            j -= 1
        found.append(Block(path, start + 1, lang, "\n".join(body) + "\n", directives))
    return found


def command_lines(block: Block) -> list[tuple[str, int]]:
    """The ``$ odwb-assist …`` lines of a console block, without the prompt, with their expected exit code."""
    commands = []
    for raw in block.text.splitlines():
        line = raw.strip()
        if not line.startswith("$ odwb-assist"):
            continue
        code = 0
        exit_match = EXIT.search(line)
        if exit_match:
            code = int(exit_match["code"])
            line = line[: exit_match.start()]
        commands.append((line[2:].strip(), code))
    return commands


def doc_files() -> list[Path]:
    files = sorted((ROOT / "docs").rglob("*.md"))
    readme = ROOT / "README.md"
    return ([readme] if readme.exists() else []) + files
