"""Which single-byte code page a CSV that is not UTF-8 was written in: Windows-1252, Mac OS Roman or DOS 850.

Excel saves a CSV in three legacy code pages besides UTF-8, one per entry of its « Enregistrer sous » list:
« CSV (séparateur : point-virgule) » in the Windows code page (Windows-1252 in Belgium), « CSV (Macintosh) » in
Mac OS Roman (with a carriage return alone at the end of each line: :mod:`.line_ends`), « CSV (MS-DOS) » in the
OEM code page (850 in Western Europe), as do old DOS programs. Every byte decodes in the last two, and nearly every
byte in the first: a wrong guess gives no error, only « LiŠge » (850 read as Windows-1252) or « Li\\x8fge » published
under a green tick. Each candidate's reading is therefore judged by its accented characters, as a reader of French
would: a lower-case accented letter inside or at the end of a word, or one of « é à ê î ô » opening it; an
upper-case one that follows no lower-case letter (« École », not « LiËge »); the typographer's signs of Windows-1252
(« ’ », « € », « … », « « » »). Windows-1252 is kept unless its reading is mostly wrong and another's is nearly
all right; between two such readings, the one with fewer letters French seldom writes (« ä », « ü »).
"""

from __future__ import annotations

LOWER = frozenset("àâäçéèêëîïôöùûüÿœæß")
UPPER = frozenset("ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ")
OPENING = frozenset("éàêîôÉÀÊÎÔÈÇ")  # accented letters that open French words
SIGNS = frozenset("’‘“”«»…–—°€\u00a0²³½¼·•×µ")
RARE = frozenset("äöüÿæÄÖÜŸÆ")  # letters of French seldom written (German's too): between two readings, the fewer
WINDOWS, ALTERNATIVES = "cp1252", ("mac_roman", "cp850")
WRONG_AT_MOST = 0.1  # the share of wrong characters in the reading chosen instead of Windows-1252
WINDOWS_WRONG = 0.5  # … when Windows-1252's reading has at least this share of wrong characters
JUDGED = 256 * 1024  # bytes judged: a sample as detection reads
AT_LEAST = 3  # accented characters needed to leave a Windows-1252 reading for another
# … when Windows-1252 does not define one of the bytes: two (« Liège », « Cité »); one alone may be a stray byte, kept
# as a control character (``cp1252+latin-1``, which ``invisible-characters`` shows) rather than guessed (« Liüge »)
AT_LEAST_UNDEFINED = 2


def judged(text: str) -> tuple[int, float, float]:
    """(non-ASCII characters, share of them a French text would not hold there, share of rare letters)."""
    total = wrong = rare = 0
    for at, char in enumerate(text):
        if char < "\x80":
            continue
        total += 1
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if char in SIGNS:
            continue
        rare += char in RARE
        if char in LOWER:
            opening = not before.isalpha()
            if (opening and char not in OPENING and after.isalpha()) or (before.isupper() and after.isupper()):
                wrong += 1
        elif char in UPPER:
            if before.isalpha() and before.islower():
                wrong += 1
        else:
            wrong += 1
    return total, (wrong / total if total else 0.0), (rare / total if total else 0.0)


def code_page(sample: bytes) -> str:
    """The code page of ``sample`` (not UTF-8): ``cp1252``, ``mac_roman`` or ``cp850``; ``cp1252+latin-1``
    (:mod:`.undefined_bytes`) for Windows-1252 with bytes it does not define, unless another reads it right."""
    from .undefined_bytes import KEPT, UNDEFINED

    sample = sample[:JUDGED]
    fallback = KEPT if any(byte in sample for byte in UNDEFINED) else WINDOWS
    _, wrong, rare = judged(sample.decode(fallback))
    if wrong < WINDOWS_WRONG:
        return fallback
    best, best_score = fallback, (wrong, rare)
    for name in ALTERNATIVES:
        count, share, seldom = judged(sample.decode(name))
        # an undefined byte is read as a control character, never text: two right characters beat such a reading
        enough = count >= (AT_LEAST if fallback == WINDOWS else AT_LEAST_UNDEFINED)
        if enough and share <= WRONG_AT_MOST and (share, seldom) < best_score:
            best, best_score = name, (share, seldom)
    return best
