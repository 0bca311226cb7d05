"""Which single-byte code page a CSV that is not UTF-8 was written in: Windows-1252, Mac OS Roman or DOS 850.

Excel saves a CSV in three legacy code pages besides UTF-8, one per entry of its « Enregistrer sous » list:
« CSV (séparateur : point-virgule) » in the Windows code page (Windows-1252 in Belgium), « CSV (Macintosh) » in
Mac OS Roman (with a carriage return alone at the end of each line: :mod:`.line_ends`), « CSV (MS-DOS) » in the
OEM code page (850 in Western Europe), as do old DOS programs. Every byte decodes in the last two, and nearly every
byte in the first: a wrong guess gives no error, only « LiŠge » (850 read as Windows-1252) or « Li\\x8fge » published
under a green tick. Each candidate's reading is therefore judged by its accented characters, as a reader of French
would: a lower-case accented letter inside or at the end of a word, or one of « é à ê î ô » opening it; an
upper-case one that follows no lower-case letter (« École », not « LiËge »); the typographer's signs of Windows-1252
(« ’ », « € », « … », « « » », « ® », « ‰ »), but between two letters only those written there (« l’été »,
« citoyen·ne », not « c“te » nor « No‰l »: « côte », « Noël » in DOS 850); inside a word, the letters of the
neighbours' names (« Sánchez », « Muñoz », « Košice »), seldom French. Windows-1252 is kept unless its reading is mostly
wrong and another's is nearly all right; between two such readings, the one with fewer letters French seldom writes
(« ä », « ü »). One accent is enough: a list of communes whose only accent is « Liège » in DOS 850 reads « LiŠge » in
Windows-1252, a capital after a small letter, and « Liège » in 850; a file written in Windows-1252 holds no such
character in any word.
"""

from __future__ import annotations

from typing import NamedTuple

LOWER = frozenset("àâäçéèêëîïôöùûüÿœæß")
UPPER = frozenset("ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ")
OPENING = frozenset("éàâêîôçœÉÀÂÊÎÔÈÇŒ")  # accented letters that open French words (« âge », « œuvre », « ça »)
SIGNS = frozenset("’‘“”«»…–—°€\u00a0²³½¼¾·•×µ®©™‰")
INNER = frozenset("’·…\u00a0")  # the signs written between two letters (« l’été », « citoyen·ne »)
# letters of other languages, right inside a word (« Sánchez », « Muñoz », « Košice »), seldom French; not « ø »,
# « ý », « õ », what DOS 850's « n° », « m² », « § » read as in Windows-1252 (« nø », « mý »)
FOREIGN = frozenset("áíóúñãåšžìò")
SEEMING = frozenset("øýõ")  # … so these are wrong, but not certainly (« Søren »)
FOREIGN_UPPER = frozenset("ÁÍÓÚÑÅŠŽØ")  # … and their capitals, opening a word only (« Ólafur », « Ø 50 mm »)
# letters of French seldom written (German's too, and the others'): between two readings, the fewer
RARE = frozenset("äöüÿæÄÖÜŸÆ") | FOREIGN | FOREIGN_UPPER
WINDOWS, ALTERNATIVES = "cp1252", ("mac_roman", "cp850")
WRONG_AT_MOST = 0.1  # the share of wrong characters in the reading chosen instead of Windows-1252
WINDOWS_WRONG = 0.5  # … when Windows-1252's reading has at least this share of wrong characters
JUDGED = 256 * 1024  # bytes judged: a sample as detection reads
FEW = 3  # accented characters: below this, a reading is left only for the wrongs that are certain (see ``judged``)
# … when Windows-1252 does not define one of the bytes: two (« Liège », « Cité »); one alone may be a stray byte, kept
# as a control character (``cp1252+latin-1``, which ``invisible-characters`` shows) rather than guessed (« Liüge »)
AT_LEAST_UNDEFINED = 2


class Reading(NamedTuple):
    """How a French reader would judge one decoding of a sample: its non-ASCII characters, the share of them wrong
    where they stand, the share certainly wrong, the share of letters French seldom writes."""

    accents: int
    wrong: float
    certain: float
    rare: float


def judged(text: str) -> Reading:
    """The :class:`Reading` of ``text``. Certainly wrong: a character that is neither a letter nor a sign
    (« ‚ », « ‡ »), a capital after a small letter or before one inside a word (« LiŠge », « WŽpion »), a sign between
    two letters (« c“te »). Only doubtful: a small letter between capitals (« LIéGE », from a program that puts only
    the ASCII letters in capitals), one opening a word that French does not open with (« ïab »), a foreign letter
    where it does not stand in its language, « ø », « ý », « õ »."""
    total = wrong = certain = rare = 0
    for at, char in enumerate(text):
        if char < "\x80":
            continue
        total += 1
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if char in SIGNS:
            inside = before.isalpha() and after.isalpha() and char not in INNER
            wrong += inside
            certain += inside
            continue
        rare += char in RARE
        if char in FOREIGN:
            wrong += not before.isalpha()
        elif char in SEEMING:
            wrong += 1
        elif char in FOREIGN_UPPER:  # opening a word only; in capitals, doubtful (« ØSTERGAARD »)
            wrong += before.isalpha()
            certain += before.isalpha() and (before.islower() or after.islower())
        elif char in LOWER:
            opening = not before.isalpha()
            if (opening and char not in OPENING and (after.isalpha() or char == "ß")) or (
                    before.isupper() and after.isupper()):
                wrong += 1
        elif char in UPPER:  # after a small letter, or between a capital and a small one (« LÇger »)
            misplaced = before.isalpha() and (before.islower() or after.islower())
            wrong += misplaced
            certain += misplaced
        else:
            wrong += 1
            certain += 1
    if not total:
        return Reading(0, 0.0, 0.0, 0.0)
    return Reading(total, wrong / total, certain / total, rare / total)


def code_page(sample: bytes) -> str:
    """The code page of ``sample`` (not UTF-8): ``cp1252``, ``mac_roman`` or ``cp850``; ``cp1252+latin-1``
    (:mod:`.undefined_bytes`) for Windows-1252 with bytes it does not define, unless another reads it right."""
    from .undefined_bytes import KEPT, UNDEFINED

    sample = sample[:JUDGED]
    fallback = KEPT if any(byte in sample for byte in UNDEFINED) else WINDOWS
    windows = judged(sample.decode(fallback))
    if windows.wrong < WINDOWS_WRONG:
        return fallback
    best, best_score = fallback, (windows.wrong, windows.rare)
    # Excel writes « CSV (Macintosh) » with a carriage return alone at the end of each line, « CSV (MS-DOS) » with
    # CR LF: of two readings as right, the one whose line ends the file has; and a few accents are read as Mac OS
    # Roman only with its line ends
    mac_lines = b"\r" in sample and b"\r\n" not in sample
    for name in ALTERNATIVES if mac_lines else ALTERNATIVES[::-1]:
        reading = judged(sample.decode(name))
        if fallback == WINDOWS:  # a few accents: when Windows-1252's reading is certainly wrong
            needed = 1 if windows.certain >= WINDOWS_WRONG and (name != "mac_roman" or mac_lines) else FEW
        else:  # an undefined byte is read as a control character, never text: two right characters beat such a
            # reading, or one with the line ends Excel writes only in that code page (« Rivière », « CSV (Macintosh) »)
            needed = 1 if name == "mac_roman" and mac_lines else AT_LEAST_UNDEFINED
        if reading.accents >= needed and reading.wrong <= WRONG_AT_MOST and (reading.wrong, reading.rare) < best_score:
            best, best_score = name, (reading.wrong, reading.rare)
    return best
