"""Writing an output file (clean copy, side file, report) in one piece and with the user's usual permissions.

The file is written under a temporary name in the same folder, then moved in place, so that an
interrupted run never leaves half a file. A temporary file is created private (mode 0600); the
final file gets the mode any new file of the user gets (0666 less the umask), like a file saved
from a spreadsheet.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..core.errors import FixError, os_reason


def user_file_mode() -> int:
    """The permissions of a newly created file for this user: 0666 less the process umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomically(target: Path, write: Callable[[str], None], *, suffix: str = ".csv") -> None:
    """Call ``write(temporary_path)`` then move the temporary file to ``target`` with the user's file mode."""
    if not target.parent.is_dir():
        raise FixError(f"Le dossier {target.parent} n'existe pas. Créez-le ou choisissez une autre sortie.",
                       f"Folder {target.parent} does not exist. Create it or choose another output.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".odwb-", suffix=suffix, dir=target.parent)
        os.close(handle)
    except OSError as exc:
        reason = os_reason(exc)
        raise FixError(f"Impossible d'écrire dans {target.parent} : {reason.fr}.",
                       f"Cannot write in {target.parent}: {reason.en}.") from exc
    try:
        write(temporary)
        os.chmod(temporary, user_file_mode())
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        reason = os_reason(exc)
        raise FixError(f"Impossible d'écrire {target} : {reason.fr}.", f"Cannot write {target}: {reason.en}.") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
