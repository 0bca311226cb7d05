"""The century of a two-digit year (« 15/03/65 », « janv.-24 »), read as Excel reads one typed in a cell.

A CSV written by Excel from dates formatted « jj/mm/aa » holds the two digits of each year it stored; when the year
was typed with two digits, Excel stored it between 1930 and 2029 (the default of Windows' regional settings, « When a
two-digit year is entered, interpret it as a year between 1930 and 2029 »). Reading them the same way gives back what
Excel stored: « 15/03/65 », a birth date, is 1965, not 2065. A year typed with four digits and shown with two
(« 05/05/1925 » shown « 05/05/25 ») cannot be told from the file; no reading can.
"""

from __future__ import annotations

CUTOFF = 30  # two digits below it: 20xx; from it on: 19xx (Excel: 1930-2029)


def full_year(two_digits: int) -> int:
    """« 65 » → 1965, « 24 » → 2024."""
    return two_digits + (2000 if two_digits < CUTOFF else 1900)
