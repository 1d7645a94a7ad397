"""Which of many needles occur in one haystack, in one pass over the haystack.

AM107 asks, for every evidence quote of a map, whether it occurs in the source text.
Asking ``needle in haystack`` once per quote costs quotes × text: a thousand quotes
against a 32 MiB text took minutes. :func:`occurring` answers for all of them at once
with an Aho–Corasick automaton (Aho and Corasick, "Efficient string matching: an aid
to bibliographic search", CACM 18(6), 1975): it is built from the needles in time
linear in their total length and reads the haystack once, character by character.

Every needle is reported once. The automaton keeps, for each state, a link to the
nearest state that ends a needle (the "dictionary suffix link"), and the walk along
those links stops at the first needle already found, because everything further
along was found with it. So needles such as ``a``, ``aa``, ``aaa``… against
``aaaa…`` cost the length of the haystack plus the number of needles, not their
product as enumerating every overlapping match would. The whole search costs
O(len(haystack) + total length of the needles).

A C implementation (``pyahocorasick``) was measured and not taken: its match iterator
walks the failure links of every state it passes through, not only those that end a
needle, so a needle ``a…ab`` of length 1,000 against ``aaaa…`` costs a thousand steps
per character; see docs/performance.md.
"""

from collections import deque
from collections.abc import Iterable


def occurring(needles: Iterable[str], haystack: str) -> set[str]:
    """The needles that occur in `haystack` as substrings.

    Parameters
    ----------
    needles : iterable of str
        The strings to look for; repeats are looked for once. The empty string
        occurs in every haystack.
    haystack : str
        The text to look in.

    Returns
    -------
    set of str
        Exactly the needles `n` for which ``n in haystack`` holds.

    Examples
    --------
    >>> sorted(occurring(["cooper", "operation", "loose", "tight"], "loose cooperation"))
    ['cooper', 'loose', 'operation']
    >>> occurring(["a" * n for n in range(1, 4)], "aa") == {"a", "aa"}
    True
    """
    goto, ends = _trie(needles)
    fail, report = _links(goto, ends)
    found: set[str] = {""} if ends[0] is not None else set()
    wanted = sum(end is not None for end in ends)
    if len(found) == wanted:
        return found
    return _scan(haystack, goto, ends, fail, report, found, wanted)


def first_ends(needles: Iterable[str], haystack: str) -> dict[str, int]:
    """Where each needle that occurs in `haystack` first ends, in one pass as :func:`occurring` reads it.

    The automaton meets a needle first at the end of its first occurrence, so each
    needle ``n`` maps to ``haystack.find(n) + len(n)``.

    Parameters
    ----------
    needles : iterable of str
        The strings to look for; repeats are looked for once.
    haystack : str
        The text to look in.

    Returns
    -------
    dict of str to int
        Each needle that occurs -> the offset just after its first occurrence.

    Examples
    --------
    >>> first_ends(["cooper", "operation", "loose", "tight"], "loose cooperation")
    {'loose': 5, 'cooper': 12, 'operation': 17}
    """
    goto, ends = _trie(needles)
    fail, report = _links(goto, ends)
    found: dict[str, int] = {"": 0} if ends[0] is not None else {}
    wanted = sum(end is not None for end in ends)
    if len(found) == wanted:
        return found
    # The walk of _scan, counting characters: kept apart because counting costs
    # AM107's pass, which needs no offsets, about a quarter of its time.
    seen = [False] * len(goto)
    step = [table.get for table in goto]
    state = 0
    for end, char in enumerate(haystack, 1):
        nxt = step[state](char)
        back = state
        while nxt is None and back:
            back = fail[back]
            nxt = step[back](char)
        state = nxt or 0
        hit = report[state]
        while hit and not seen[hit]:
            seen[hit] = True
            match = ends[hit]
            assert match is not None  # report[] points only at states that end a needle
            found[match] = end
            hit = report[fail[hit]]
        if len(found) == wanted:
            break
    return found


def _trie(needles: Iterable[str]) -> tuple[list[dict[str, int]], list[str | None]]:
    """The trie of ``needles``: ``goto[state]`` maps a character to the next state (0 is the root), and
    ``ends[state]`` is the needle the state spells, if it is one."""
    goto: list[dict[str, int]] = [{}]
    ends: list[str | None] = [None]
    for needle in set(needles):
        state = 0
        for char in needle:
            nxt = goto[state].get(char)
            if nxt is None:
                nxt = len(goto)
                goto[state][char] = nxt
                goto.append({})
                ends.append(None)
            state = nxt
        ends[state] = needle
    return goto, ends


def _links(goto: list[dict[str, int]], ends: list[str | None]) -> tuple[list[int], list[int]]:
    """Failure links and dictionary suffix links, breadth first. ``report[s]`` is s itself when s ends a
    needle, else the nearest state along the failure links that does (0 when none does)."""
    fail = [0] * len(goto)
    report = [0] * len(goto)
    queue = deque(goto[0].values())
    for state in queue:
        report[state] = state if ends[state] is not None else 0
    while queue:
        state = queue.popleft()
        for char, child in goto[state].items():
            back = fail[state]
            while back and char not in goto[back]:
                back = fail[back]
            fail[child] = goto[back].get(char, 0)
            report[child] = child if ends[child] is not None else report[fail[child]]
            queue.append(child)
    return fail, report


def _scan(haystack: str, goto: list[dict[str, int]], ends: list[str | None], fail: list[int], report: list[int],
          found: set[str], wanted: int) -> set[str]:
    """Read ``haystack`` once through the automaton, adding to ``found`` each needle met, until all are."""
    seen = [False] * len(goto)
    step = [table.get for table in goto]
    # Where the trie has no edge, the walk along failure links is remembered as an edge,
    # up to a bound that keeps the memory small: prose revisits the same few.
    shortcuts = 1 << 18
    state = 0
    for char in haystack:
        nxt = step[state](char)
        if nxt is None:
            back = state
            while nxt is None and back:
                back = fail[back]
                nxt = step[back](char)
            nxt = nxt or 0
            if shortcuts:
                shortcuts -= 1
                goto[state][char] = nxt
        state = nxt
        if report[state]:
            hit = report[state]
            # Stop at the first needle already found: those after it were found with it.
            while hit and not seen[hit]:
                seen[hit] = True
                match = ends[hit]
                assert match is not None  # report[] points only at states that end a needle
                found.add(match)
                hit = report[fail[hit]]
            report[state] = 0  # everything this state reports is found: skip it from now on
            if len(found) == wanted:
                break
    return found
