"""Does a table describe people? Column labels such as first name or birth date say so.

The rules are the core's (``odwb_assist.checks.people``, shared with the ``personal-email`` check), re-exported here:
labels are matched word by word, so ``rrn`` counts in « numero_rrn » but not in « street_number_rrn », and
« naissance » not in « reconnaissance »; ``rows_are_people`` adds the register's people the engine found in the first
rows' values (« DUPONT Marie » under « Bénéficiaire »).
"""

from __future__ import annotations

from odwb_assist.plugin import PEOPLE_WORDS, describes_people, label_words, people_columns, rows_are_people

__all__ = ["PEOPLE_WORDS", "describes_people", "label_words", "people_columns", "rows_are_people"]
