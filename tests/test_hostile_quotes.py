"""AM107 reads the source text once for all quotes (issue 12, item 4).

Asking ``quote in text`` once per quote cost quotes × text: a thousand quotes against
a 32 MiB text took minutes. The rule now matches every quote in one pass
(:func:`argmap.quotes.occurring`). The large inputs are generated here, never
committed; the wall bounds are generous on purpose (the times are recorded in
docs/performance.md): they only tell linear from quotes × text.
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.quotes import occurring
from argmap.rules.am107_quote_not_in_source import folded

MIB = 1024 * 1024


def check_am107(tmp_path: Path, text: str, quotes: list[str]) -> tuple[set[str], float]:
    """Run ``argmap check --select AM107`` on a map of `quotes` against `text`.

    Returns the ids (``q0``, ``q1``...) of the quotes reported and the processor time
    the run took: unlike the wall time, it does not grow when other work shares the machine.
    """
    (tmp_path / "source.txt").write_text(text, encoding="utf-8")
    lines = ["argmap: 1", "title: T", "thesis: t", "source: {text_file: source.txt}",
             "claims:", "  t: {text: T, implicit: true}", "evidence:"]
    lines += [f"  q{i}: {{text: E, source: S, supports: t, quote: {json.dumps(quote)}}}"
              for i, quote in enumerate(quotes)]
    (tmp_path / "map.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "argmap", "check", "--select", "AM107", "--format", "json",
                           "map.yaml"], check=False, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    assert done.returncode == 0, done.stderr
    problems = json.loads(done.stdout)
    assert {p["code"] for p in problems} <= {"AM107"}, done.stdout
    return {re.search(r"`(q\d+)`", p["message"]).group(1) for p in problems}, seconds


def test_a_thousand_quotes_against_8_mib_take_one_pass(tmp_path):
    # A text the old per-quote `in` cannot skip through: runs of `a`, against quotes
    # `a…ab` that almost match everywhere. Ten sentences are hidden in it, and ten
    # quotes of them (with the folding the rule documents) are the only ones present.
    sentences = [f"Sentence {i}: \u201cloose\n  cooperation\u201d \u2014 it\u2019s over." for i in range(10)]
    run = "a" * (8 * MIB // 10)
    text = "".join(f"{run}\n{sentence}\n" for sentence in sentences)
    present = [f'Sentence {i}: "loose cooperation" - it\'s over' for i in range(10)]
    absent = ["a" * k + "b" for k in range(1, 991)]
    quotes = present + absent
    reported, seconds = check_am107(tmp_path, text, quotes)
    assert reported == {f"q{i}" for i in range(10, 1000)}
    # Generous: about 2 s of processor time here; the per-quote scan it replaces took 31 s.
    assert seconds < 12, f"AM107 took {seconds:.1f} s on 1,000 quotes against 8 MiB"


def test_nested_quotes_are_each_reported_once(tmp_path):
    # `a`, `aa`, … `a`*1000 all end at every position of `aaaa…`: enumerating every
    # overlapping match would cost 1,000 × 8 Mi steps. Each is found once, and the walk
    # stops at the first quote already found. The absent `a…ab` are what the per-quote
    # scan could not skip through.
    quotes = ["a" * k for k in range(1, 1001)] + ["a" * k + "b" for k in range(1, 1001)]
    reported, seconds = check_am107(tmp_path, "a" * (8 * MIB), quotes)
    assert reported == {f"q{i}" for i in range(1000, 2000)}
    # Generous: about 1.5 s of processor time here; the per-quote scan took over 30 s.
    assert seconds < 12, f"AM107 took {seconds:.1f} s on nested quotes"


def old_folded(text: str) -> str:
    """The folding as the rule wrote it before: the oracle for :func:`folded`."""
    return re.sub(r"\s+", " ", text.translate(str.maketrans({
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    }))).strip()


# A small alphabet makes matches and near misses frequent; the rest is what the rule folds.
ALPHABET = "ab \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000\"'-\u201c\u201d\u2018\u2019\u2013\u2014\u2212\u00ab"
texts = st.text(alphabet=ALPHABET, max_size=60)


@settings(max_examples=400, deadline=None)
@given(text=texts, quotes=st.lists(st.text(alphabet=ALPHABET, max_size=8), max_size=12))
def test_matcher_agrees_with_in_after_folding(text, quotes):
    haystack = folded(text)
    assert haystack == old_folded(text)
    needles = [folded(quote) for quote in quotes]
    assert occurring(needles, haystack) == {needle for needle in needles if needle in haystack}


@settings(max_examples=400, deadline=None)
@given(haystack=st.text(alphabet="abc", max_size=40), needles=st.lists(st.text(alphabet="abc", max_size=6)))
def test_matcher_agrees_with_in_on_plain_text(haystack, needles):
    # Substrings of the haystack itself, so that most needles are there.
    needles += [haystack[i:j] for i, j in zip(range(0, len(haystack), 3), range(2, len(haystack), 5))]
    assert occurring(needles, haystack) == {needle for needle in needles if needle in haystack}
