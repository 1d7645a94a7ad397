"""Did-you-mean suggestions for misspelt ids, in time that does not grow with the map.

Comparing a bad reference with every id (as :func:`difflib.get_close_matches` does)
costs time proportional to the map for each bad reference, which is quadratic on a
map full of them. Instead each id is indexed under a folded form (lower case, ``_``
read as ``-``), and a bad reference is looked up under its own folded form and under
every string one edit away from it (a deletion, insertion, substitution or swap of
neighbours): a fixed amount of work per reference, whatever the map's size. The
edit-distance look-ups stop after :data:`EDIT_BUDGET` references per map; after
that only the folded form is tried, so a map of nothing but bad references stays
linear too.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

ALPHABET = string.ascii_lowercase + string.digits + "-"
EDIT_BUDGET = 200


def _fold(text: str) -> str:
    return text.lower().replace("_", "-")


class Suggester:
    """Suggest the known id closest to a misspelt one.

    Examples
    --------
    >>> s = Suggester(["bloc-trajectory", "loose-cooperation", "no-drills"])
    >>> s.suggest("bloc-trajectry")
    'bloc-trajectory'
    >>> s.suggest("Loose_Cooperation")
    'loose-cooperation'
    >>> s.suggest("something-else") is None
    True
    """

    def __init__(self, ids: Iterable[str]) -> None:
        self._by_fold: dict[str, str] = {}
        for item_id in ids:
            self._by_fold.setdefault(_fold(item_id), item_id)
        self._budget = EDIT_BUDGET
        self._hints: dict[str, str] = {}

    def suggest(self, word: str) -> str | None:
        """The known id closest to ``word``, or None when none is one edit away."""
        folded = _fold(word)
        if folded in self._by_fold:
            return self._by_fold[folded]
        if self._budget <= 0 or len(folded) > 100:
            return None
        self._budget -= 1
        for candidate in _one_edit(folded):
            if candidate in self._by_fold:
                return self._by_fold[candidate]
        return None

    def hint(self, word: str) -> str:
        """`` (did you mean `x`?)`` or ''; the same word is looked up once (a map may misspell one id 990,000 times)."""
        found = self._hints.get(word)
        if found is None:
            suggestion = self.suggest(word)
            found = self._hints[word] = f" (did you mean `{suggestion}`?)" if suggestion else ""
        return found


def _one_edit(word: str):
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right:
            yield left + right[1:]
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
        for char in ALPHABET:
            if right:
                yield left + char + right[1:]
            yield left + char + right
