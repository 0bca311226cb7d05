"""What to say of a file without a data row: column titles only, or one line of text that is no table at all.

An export that stopped after its header has column titles and nothing below (« Le fichier n'a que des titres de
colonnes »). A file or sheet holding one sentence (« Aucune donnée pour cette période, voir le rapport annuel. »)
is another case: its « titles » are the pieces of the sentence cut at the delimiter, and telling the user it has
column titles would send them looking for the rows of a table that never was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..core.findings import Finding, Severity
from ..core.i18n import Msg

SENTENCE_MESSAGE = Msg("Le fichier ne contient qu'une ligne de texte (« {text} ») et aucun tableau : rien à publier.",
                       "The file holds one line of text ('{text}') and no table: nothing to publish.")
SENTENCE_TIP = Msg("Ce fichier ressemble à une note plutôt qu'à un export de données : vérifiez que vous avez exporté le "
                   "bon tableau (ou la bonne feuille), puis exportez à nouveau.",
                   "This file looks like a note rather than a data export: check that you exported the right table "
                   "(or sheet), then export again.")
SHOWN = 120
_WORD = re.compile(r"[^\W\d_]{2,}")
_ENDS_A_SENTENCE = re.compile(r"[.!?…]\s*$")


def sentence(labels: Sequence[Any], delimiter: str | None) -> str | None:
    """The header line as text when it reads as a sentence, not as column titles (None otherwise): it ends like a
    sentence (« . », « ! », « ? ») and holds at least four words, or it is a single cell of eight words or more."""
    cells = ["" if cell is None else str(cell) for cell in labels]
    filled = [cell for cell in cells if cell.strip()]
    if not filled:
        return None
    joint = "\t" if delimiter == "\t" else (delimiter or ",") + " "  # the cells were trimmed: put the space back
    text = joint.join(cell.strip() for cell in cells).strip() if len(filled) > 1 else filled[0].strip()
    words = len(_WORD.findall(text))
    if (_ENDS_A_SENTENCE.search(text) and words >= 4) or (len(filled) == 1 and words >= 8):
        return text
    return None


def sentence_finding(labels: Sequence[Any], delimiter: str | None) -> Finding | None:
    """The ``no-data`` finding of a file whose only line is a sentence (None: it has column titles)."""
    text = sentence(labels, delimiter)
    if text is None:
        return None
    shown = text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
    return Finding("no-data", Severity.ERROR, SENTENCE_MESSAGE.format(text=shown), SENTENCE_TIP,
                   extra={"reason": "sentence", "text": text})
