"""Fixing several files at once (« odwb-assist fix exports/ --output propre/ »): one clean copy per table, in a folder.

Each file is fixed on its own, as ``fix`` fixes it alone (its side files of removed rows and columns beside its clean
copy); one that cannot be read as a table is listed with the reason, and the others go on. A folder stands for the
tables in it and its subfolders, as for ``check`` (:func:`.several_files.tables_in`), the output folder left out
when it lies inside. The clean copies keep the layout: ``exports/2024/budget.xlsx`` → ``propre/2024/budget.csv``
(a file given by itself: ``propre/budget.csv``); two tables that would get the same name (``budget.csv`` and
``budget.xlsx``) keep their own extension in it (``budget.xlsx.csv``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import FixError, InputError
from ..core.i18n import Msg
from .detect import EmptyTableError
from .fix_engine import FixResult
from .several_files import tables_in


@dataclass
class FixedFile:
    """The outcome for one file: ``fixed`` (with its :class:`FixResult`), ``empty`` or ``unreadable`` (the reason)."""

    source: str
    target: str
    status: str
    result: FixResult | None = None
    message: Msg | None = None

    @property
    def exit_code(self) -> int:
        """What ``fix`` alone would exit with for this file: 0 clean, 1 errors left to fix by hand, 2 unreadable."""
        if self.result is None:
            return 2
        return 1 if self.result.remaining else 0


@dataclass
class FixedFiles:
    """Every file's outcome, in the order of :func:`.several_files.tables_in`."""

    folder: str
    dry_run: bool = False
    files: list[FixedFile] = field(default_factory=list)

    @property
    def results(self) -> list[FixResult]:
        return [item.result for item in self.files if item.result is not None]

    @property
    def exit_code(self) -> int:
        """The worst of the files' exit codes (2 when one could not be read)."""
        return max((item.exit_code for item in self.files), default=0)


def clean_targets(sources: list[tuple[Path, Path | None]], folder: Path) -> list[Path]:
    """Where each table's clean copy goes in ``folder``: its path under the folder it was found in (a file given by
    itself: its name), as ``.csv``; a name two tables would share keeps each one's own extension."""
    relative = [path.relative_to(root) if root is not None else Path(path.name) for path, root in sources]
    plain = [item.with_suffix(".csv") for item in relative]
    shared = {name for name in plain if plain.count(name) > 1}
    return [folder / (item.with_name(item.name + ".csv") if name in shared and item.suffix.lower() != ".csv" else name)
            for item, name in zip(relative, plain, strict=True)]


def fix_files(paths: Iterable[str | Path], folder: str | Path, *, dry_run: bool = False, **options: Any) -> FixedFiles:
    """Fix each file of ``paths`` (a folder: its tables) into ``folder`` (made when missing), ``options`` as for
    :func:`~odwb_assist.quality.fix` (``changes_file`` and ``sheet`` aside: they name one file); a file that cannot be
    read is listed with the reason, the others go on. Raises :class:`FixError` when ``folder`` is a file, or one of
    the folders given (the clean copies would take the originals' names)."""
    from .fix_engine import fix

    out = Path(folder).expanduser()
    if out.exists() and not out.is_dir():
        raise FixError(f"La sortie {out} est un fichier : avec plusieurs fichiers, --output nomme un dossier (par ex. "
                       "propre/), où chaque copie propre garde le nom de son original.",
                       f"Output {out} is a file: with several files, --output names a folder (e.g. clean/), where each "
                       "clean copy keeps its original's name.")
    given = [Path(item).expanduser() for item in paths]
    if any(item.is_dir() and item.resolve() == out.resolve() for item in given):
        raise FixError(f"Le dossier de sortie {out} est le dossier d'origine : odwb-assist ne modifie jamais les "
                       "originaux. Donnez un autre dossier (par ex. propre/).",
                       f"Output folder {out} is the original folder: odwb-assist never modifies the originals. Give "
                       "another folder (e.g. clean/).")
    sources = tables_in(given, skip=out)
    result = FixedFiles(str(out), dry_run=dry_run)
    for (source, _), target in zip(sources, clean_targets(sources, out), strict=True):
        try:
            if not dry_run:
                target.parent.mkdir(parents=True, exist_ok=True)
            fixed = fix(source, target, dry_run=dry_run, **options)
        except EmptyTableError as exc:
            result.files.append(FixedFile(str(source), str(target), "empty", message=exc.text))
            continue
        except (InputError, FixError) as exc:
            result.files.append(FixedFile(str(source), str(target), "unreadable", message=exc.text))
            continue
        result.files.append(FixedFile(str(source), str(target), "fixed", result=fixed))
    return result
