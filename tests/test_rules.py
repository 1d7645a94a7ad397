"""The rules that read the model and the graph: AM004-AM008 and AM101-AM108.

Each rule has a map that triggers it and a closely similar one that does not, with
the code, line and column of every problem. Maps start with ``MAP_HEAD`` (three
lines, thesis `t`), so `claims:` is line 4 and `t` is line 5. Most statements are
``implicit: true`` so that AM101 stays quiet where it is not the rule under test.
"""

from __future__ import annotations

from conftest import MAP_HEAD, examples, message
from hypothesis import given, settings
from hypothesis import strategies as st


def messages(result, code: str) -> list[str]:
    return [p.message for p in result.problems if p.code == code]


# -- AM004 unknown-reference ---------------------------------------------------------------


def test_am004_did_you_mean(check):
    result = check("""
        argmap: 1
        title: T
        thesis: main-claim
        claims:
          main-claim: {text: T, implicit: true}
          reason: {text: R, implicit: true, supports: main-clam}
        """, select="AM004", problem1=("AM004", 6, 47))
    text = message(result, "AM004")
    assert "`main-clam`" in text and "did you mean `main-claim`" in text


def test_am004_not_triggered_when_the_id_exists(check):
    check("""
        argmap: 1
        title: T
        thesis: main-claim
        claims:
          main-claim: {text: T, implicit: true}
          reason: {text: R, implicit: true, supports: main-claim}
        """)


def test_am004_every_kind_of_reference(check):
    check(MAP_HEAD.replace("thesis: t", "thesis: tt") + """claims:
  t: {text: T, implicit: true}
  a: {text: A, implicit: true, attacks: [t, nope]}
  b: {text: B, implicit: true, contradicts: nope, undercuts: [noarg, {from: a, to: nope}]}
arguments:
  x: {premises: [a, nope], conclusion: nope}
""", select="AM004",
          problem1=("AM004", 3, 9),    # thesis
          problem2=("AM004", 6, 45),   # attacks
          problem3=("AM004", 7, 45),   # contradicts
          problem4=("AM004", 7, 63),   # undercut of an argument
          problem5=("AM004", 7, 84),   # undercut of a from/to pair
          problem6=("AM004", 9, 21),   # premise
          problem7=("AM004", 9, 40))   # conclusion


def test_am004_argument_where_a_statement_belongs(check):
    result = check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, implicit: true, supports: x}
arguments:
  x: {premises: [a], conclusion: t}
""", select="AM004", problem1=("AM004", 6, 42))
    assert "argument" in message(result, "AM004")


# -- AM005 self-reference ------------------------------------------------------------------


def test_am005_all_forms(check):
    result = check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, implicit: true, supports: [t, a, h]}
  b: {text: B, implicit: true, attacks: b}
  c: {text: C, implicit: true, contradicts: c}
  d: {text: D, implicit: true, supports: t, undercuts: {from: d, to: t}}
  e: {text: E, implicit: true, undercuts: x}
  g: {text: G, implicit: true, undercuts: z}
  h: {text: H, implicit: true, undercuts: {from: a, to: h}}
arguments:
  x: {premises: [e, a], conclusion: t}
  y: {premises: [t, a], conclusion: t}
  z: {premises: [a], conclusion: g}
""", select="AM005,AM006",
                   problem1=("AM005", 6, 46),    # supports itself (and no AM006)
                   problem2=("AM005", 7, 41),    # attacks itself
                   problem3=("AM005", 8, 45),    # contradicts itself
                   problem4=("AM005", 9, 56),    # undercuts a support of which it is the premise
                   problem5=("AM005", 10, 43),   # undercuts an argument of which it is a premise
                   problem6=("AM005", 11, 43),   # undercuts an argument of which it is the conclusion
                   problem7=("AM005", 12, 43),   # undercuts a support of which it is the conclusion
                   problem8=("AM005", 15, 37))   # an argument's conclusion among its premises
    assert "`a` supports itself" in messages(result, "AM005")


def test_am005_not_triggered_by_relations_to_others(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, implicit: true, supports: [t]}
  b: {text: B, implicit: true, attacks: a}
  c: {text: C, implicit: true, contradicts: b}
  d: {text: D, implicit: true, undercuts: {from: a, to: t}}
  e: {text: E, implicit: true, undercuts: x}
arguments:
  x: {premises: [a, c], conclusion: t}
""", select="AM005")


# -- AM006 circular-support ----------------------------------------------------------------

TWO_CYCLES = MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  x: {text: X, supports: z}
  y: {text: Y, supports: x}
  z: {text: Z, supports: [y, t]}
  p: {text: P, supports: t}
  q: {text: Q, implicit: true}
  s: {text: S, supports: t}
arguments:
  pq: {premises: [p, q], conclusion: s}
  sp: {premises: [s], conclusion: p}
"""


def test_am006_one_problem_per_cycle_in_order_from_the_first_member(check):
    result = check(TWO_CYCLES, select="AM006", problem1=("AM006", 6, 3), problem2=("AM006", 9, 3))
    first, second = messages(result, "AM006")
    # x supports z, z supports y, y supports x: the cycle in the direction of support
    assert first.endswith("`x` → `z` → `y` → `x`"), first
    # through the linked argument pq and the one-premise argument sp
    assert second.endswith("`p` → `s` → `p`"), second


def test_am006_not_triggered_without_a_cycle(check):
    check(TWO_CYCLES.replace("y: {text: Y, supports: x}", "y: {text: Y, supports: t}")
          .replace("sp: {premises: [s], conclusion: p}", "sp: {premises: [s], conclusion: t}"),
          select="AM006")


def test_am006_one_problem_for_a_component_with_several_cycles(check):
    result = check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, supports: [b, t]}
  b: {text: B, supports: [a, c]}
  c: {text: C, supports: a}
""", select="AM006", problem1=("AM006", 6, 3))
    assert message(result, "AM006").endswith("`a` → `b` → `a`")


def test_am006_starts_at_the_member_first_in_the_file_whatever_the_section(check):
    result = check(MAP_HEAD + """evidence:
  e: {text: E, source: S, supports: c}
claims:
  t: {text: T, implicit: true}
  c: {text: C, supports: [e, t]}
""", select="AM006", problem1=("AM006", 5, 3))
    assert message(result, "AM006").endswith("`e` → `c` → `e`")


def test_am006_self_support_is_am005_only(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, supports: [a, t]}
  b: {text: B, implicit: true, supports: t}
arguments:
  x: {premises: [b, a], conclusion: a}
""", select="AM005,AM006", problem1=("AM005", 6, 27), problem2=("AM005", 9, 37))


def test_am006_lists_the_real_cycle_when_a_member_also_supports_itself(check):
    # `a` supports itself (AM005) and is in a ring with `b`: the AM006 message must list
    # the ring `a` -> `b` -> `a`, not the self-support `a` -> `a` that AM005 reports
    result = check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, supports: [a, b]}
  b: {text: B, supports: [a, t]}
""", select="AM005,AM006", problem1=("AM006", 6, 3), problem2=("AM005", 6, 27))
    assert message(result, "AM006").endswith("`a` → `b` → `a`"), message(result, "AM006")


# -- AM007 conflicting-relations -----------------------------------------------------------


def test_am007_supports_and_attacks(check):
    result = check(MAP_HEAD + "claims:\n  t: {text: T, implicit: true}\n"
                   "  a: {text: A, implicit: true, supports: t, attacks: t}\n",
                   select="AM007", problem1=("AM007", 6, 54))
    assert "`a`" in message(result, "AM007") and "`t`" in message(result, "AM007")


def test_am007_sole_premise_and_attacks(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  b: {text: B, implicit: true, attacks: t}
arguments:
  x: {premises: [b], conclusion: t}
""", select="AM007", problem1=("AM007", 6, 41))


def test_am007_one_of_two_premises_is_not_support_of_its_own(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  b: {text: B, implicit: true, attacks: t}
  c: {text: C, implicit: true}
arguments:
  x: {premises: [b, c], conclusion: t}
""", select="AM007")


def test_am007_contradicts_written_on_either_side(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true, contradicts: c}
  c: {text: C, implicit: true, supports: t}
  d: {text: D, implicit: true, supports: t, contradicts: t}
""", select="AM007", problem1=("AM007", 5, 45), problem2=("AM007", 7, 58))


def test_am007_not_triggered_when_targets_differ(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true, contradicts: e}
  c: {text: C, implicit: true, supports: t}
  d: {text: D, implicit: true, supports: t, contradicts: e}
  e: {text: E, implicit: true, attacks: c}
""", select="AM007")


# -- AM008 bad-undercut --------------------------------------------------------------------


def test_am008_both_forms(check):
    result = check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, implicit: true, supports: t}
  b: {text: B, implicit: true}
  u: {text: U, implicit: true, undercuts: [{from: b, to: t}, a]}
arguments:
  x: {premises: [b], conclusion: t}
""", select="AM004,AM008", problem1=("AM008", 8, 44), problem2=("AM008", 8, 62))
    first, second = messages(result, "AM008")
    assert "`b`" in first and "`t`" in first
    assert "`a`" in second


def test_am008_not_triggered_by_real_inferences(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, implicit: true, supports: t}
  b: {text: B, implicit: true}
  u: {text: U, implicit: true, undercuts: [{from: a, to: t}, x]}
arguments:
  x: {premises: [b], conclusion: t}
""", select="AM004,AM008")


# -- AM101 unsupported-claim ---------------------------------------------------------------


def test_am101_claims_and_counterclaims_thesis_included(check):
    result = check(MAP_HEAD + """claims:
  t: {text: T}
  b: {text: B, attacks: t}
counterclaims:
  c: {text: C, attacks: t}
  d: {text: D, implicit: true, attacks: t}
evidence:
  e: {text: E, source: S, attacks: c}
""", select="AM101", problem1=("AM101", 5, 3), problem2=("AM101", 6, 3), problem3=("AM101", 8, 3))
    assert messages(result, "AM101")[0].startswith("The thesis `t`")


def test_am101_not_triggered_by_support_argument_or_implicit(check):
    check(MAP_HEAD + """claims:
  t: {text: T}
  a: {text: A, implicit: true}
  b: {text: B}
counterclaims:
  c: {text: C, attacks: t}
evidence:
  e: {text: E, source: S, supports: [b, c]}
arguments:
  x: {premises: [a, b], conclusion: t}
""", select="AM101")


# -- AM102 unsourced-evidence --------------------------------------------------------------


def test_am102_evidence_without_source(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
evidence:
  e: {text: E, supports: t, quote: Q}
  f: {text: F, source: S, supports: t}
""", problem1=("AM102", 7, 3))


def test_am102_not_triggered_with_a_source(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
evidence:
  e: {text: E, supports: t, quote: Q, source: S}
""")


# -- AM103 unanswered-objection ------------------------------------------------------------

OBJECTIONS = MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, implicit: true, supports: t}
  r: {text: R, implicit: true, attacks: c5}
evidence:
  e: {text: E, source: S, supports: a}
counterclaims:
  c1: {text: C1, implicit: true, attacks: e}
  c2: {text: C2, implicit: true, undercuts: {from: a, to: t}}
  c3: {text: C3, implicit: true, contradicts: t}
  c4: {text: C4, implicit: true, attacks: a}
  c5: {text: C5, implicit: true, attacks: t}
  c6: {text: C6, implicit: true, undercuts: x}
arguments:
  x: {premises: [a], conclusion: t}
"""


def test_am103_objections_to_the_case(check):
    result = check(OBJECTIONS, select="AM103",
                   problem1=("AM103", 11, 3),   # attacks evidence that supports a supporting claim
                   problem2=("AM103", 12, 3),   # undercuts the inference into the thesis
                   problem3=("AM103", 13, 3),   # contradicts the thesis, which is no answer
                   problem4=("AM103", 14, 3),   # attacks a supporting claim
                   problem5=("AM103", 16, 3))   # undercuts an argument into the thesis
    assert "`e`" in messages(result, "AM103")[0]


def test_am103_answered_objections_are_not_reported(check):
    answered = OBJECTIONS.replace("attacks: c5}", "attacks: [c1, c2, c4, c5, c6], contradicts: c3}")
    check(answered, select="AM103")


def test_am103_the_contradicted_statement_is_no_answer(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true, contradicts: c}
counterclaims:
  c: {text: C, implicit: true}
  d: {text: D, implicit: true, contradicts: t}
""", select="AM103", problem1=("AM103", 7, 3), problem2=("AM103", 8, 3))


def test_am103_the_thesis_attacking_back_is_an_answer(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true, contradicts: c, attacks: [c, d]}
counterclaims:
  c: {text: C, implicit: true}
  d: {text: D, implicit: true, contradicts: t}
""", select="AM103")


def test_am103_an_objection_that_loses_on_weight_is_answered_by_weighing(check):
    body = MAP_HEAD + """claims:
  t: {text: T, implicit: true, weight: 0.7}
  s: {text: S, implicit: true, supports: t, weight: 0.3}
counterclaims:
  c: {text: C, implicit: true, attacks: t, weight: 0.6}
  d: {text: D, implicit: true, contradicts: t, weight: 0.4}
  e: {text: E, implicit: true, attacks: [t, s], weight: 0.5}
  f: {text: F, implicit: true, undercuts: {from: s, to: t}, weight: 0.1}
"""
    # c and d weigh less than the thesis they attack; e outweighs s, which it attacks too; an undercut is never
    # weighed, however light
    check(body, select="AM103", problem1=("AM103", 10, 3), problem2=("AM103", 11, 3))
    check(body.replace("weight: 0.7}", "weight: 0.6}"), select="AM103",  # a tie is no answer: c defeats t
          problem1=("AM103", 8, 3), problem2=("AM103", 10, 3), problem3=("AM103", 11, 3))


def test_am103_objection_to_something_outside_the_case(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  k: {text: K, implicit: true, attacks: t}
counterclaims:
  c: {text: C, implicit: true, attacks: t}
  d: {text: D, implicit: true, attacks: k}
""", select="AM103", problem1=("AM103", 8, 3))


# -- AM104 disconnected --------------------------------------------------------------------


def test_am104_statements_with_no_path_to_the_thesis(check):
    result = check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, implicit: true, supports: t}
  x: {text: X, implicit: true, supports: y}
  y: {text: Y, implicit: true}
counterclaims:
  c: {text: C, implicit: true, undercuts: {from: a, to: t}}
evidence:
  e: {text: E, source: S, attacks: c}
  f: {text: F, source: S}
""", select="AM104", problem1=("AM104", 7, 3), problem2=("AM104", 8, 3), problem3=("AM104", 13, 3))
    assert "`t`" in messages(result, "AM104")[0]


def test_am104_not_triggered_through_any_relation_in_any_direction(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, implicit: true, supports: t}
  x: {text: X, implicit: true, supports: y}
  y: {text: Y, implicit: true, contradicts: a}
counterclaims:
  c: {text: C, implicit: true, undercuts: {from: a, to: t}}
evidence:
  e: {text: E, source: S, attacks: c}
  f: {text: F, source: S}
arguments:
  z: {premises: [f], conclusion: x}
""", select="AM104")


# -- AM106 duplicate-text ------------------------------------------------------------------


def test_am106_case_punctuation_and_whitespace_are_ignored(check):
    result = check(MAP_HEAD + r"""claims:
  t: {text: "Xi gained the most.", implicit: true}
  a: {text: "xi   GAINED,\tthe most!", implicit: true, supports: t}
  b: {text: "Xi gained the mist", implicit: true, supports: t}
evidence:
  e: {text: "XI GAINED — THE MOST", source: S, supports: t}
""", select="AM106", problem1=("AM106", 6, 3), problem2=("AM106", 9, 3))
    for text in messages(result, "AM106"):
        assert "`t`" in text and "line 5" in text, text


def test_am106_not_triggered_by_different_words_or_digits(check):
    check(MAP_HEAD + """claims:
  t: {text: "Xi gained the most.", implicit: true}
  b: {text: "Xi gained the mist.", implicit: true, supports: t}
  c: {text: "In 2019 Xi gained.", implicit: true, supports: t}
  d: {text: "In 2020 Xi gained.", implicit: true, supports: t}
""", select="AM106")


# -- AM107 quote-not-in-source -------------------------------------------------------------

OP_ED = "He called it \u201cloose\n   cooperation\u201d \u2014 a mistake.\nIt\u2019s over.\n"

QUOTES = MAP_HEAD + """source: {text_file: op-ed.txt}
claims:
  t: {text: T, implicit: true}
evidence:
  e: {text: E, source: S, supports: t, quote: '"loose cooperation" - a mistake'}
  f: {text: F, source: S, supports: t, quote: "It's over."}
  g: {text: G, source: S, supports: t, quote: "\u201cLoose cooperation\u201d"}
  h: {text: H, source: S, supports: t, quote: "a  mistake.\\n It\u2019s"}
"""


def test_am107_folding_accepted_and_a_mismatch_reported_at_the_quote(check):
    result = check(QUOTES, files={"op-ed.txt": OP_ED}, problem1=("AM107", 10, 49))  # at `L`, where it differs
    assert "`g`" in message(result, "AM107")


def test_am107_not_triggered_by_verbatim_quotes(check):
    check(QUOTES.replace("Loose", "loose"), files={"op-ed.txt": OP_ED})


def test_am107_without_text_file_quotes_are_not_checked(check):
    check(QUOTES.replace("source: {text_file: op-ed.txt}\n", ""))


def test_am107_unreadable_text_file_is_am002_only(check):
    check(QUOTES, problem1=("AM002", 4, 21))


# -- AM108 idle-counterclaim ---------------------------------------------------------------

COUNTERCLAIMS = MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  d: {text: D, implicit: true, attacks: t, contradicts: contra}
counterclaims:
  idle: {text: I, implicit: true, supports: t}
  alone: {text: A, implicit: true}
  chain: {text: C, implicit: true, supports: d}
  linked: {text: L, implicit: true}
  contra: {text: K, implicit: true}
  under: {text: U, implicit: true, undercuts: {from: idle, to: t}}
arguments:
  x: {premises: [linked], conclusion: d}
"""


def test_am108_idle_counterclaims(check):
    result = check(COUNTERCLAIMS, select="AM108", problem1=("AM108", 8, 3), problem2=("AM108", 9, 3))
    assert "`idle`" in messages(result, "AM108")[0]


def test_am108_not_idle_when_it_leads_to_an_objection(check):
    # `chain` supports `d`, which attacks; `linked` is a premise of an argument into `d`;
    # `contra` is contradicted (written on `d`'s side); `under` undercuts
    source = COUNTERCLAIMS.replace("  idle: {text: I, implicit: true, supports: t}\n", "") \
                          .replace("  alone: {text: A, implicit: true}\n", "") \
                          .replace("{from: idle, to: t}", "x")
    check(source, select="AM108")


@given(st.text(alphabet=st.characters(max_codepoint=127)))
@settings(max_examples=examples(500), deadline=None)
def test_am106_ascii_fast_path_agrees_with_the_general_form(text):
    from argmap.rules.am106_duplicate_text import _NOT_WORD, _WORDS, normalized

    assert normalized(text) == " ".join(_WORDS.findall(_NOT_WORD.sub("", text.lower())))


def test_am008_accepts_an_undercut_of_an_attack_or_a_contradiction_in_either_direction(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true, contradicts: d}
  c: {text: C, implicit: true, attacks: t}
  d: {text: D, implicit: true}
  u: {text: U, implicit: true, undercuts: [{from: c, to: t}, {from: t, to: d}, {from: d, to: t}]}
""", select="AM004,AM008")


def test_am008_names_a_pair_with_no_relation_in_that_direction(check):
    result = check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  c: {text: C, implicit: true, attacks: t}
  u: {text: U, implicit: true, undercuts: {from: t, to: c}}
""", select="AM004,AM008", problem1=("AM008", 7, 43))
    assert messages(result, "AM008") == ["`undercuts` of `u` names `t` → `c`, but `t` neither supports, attacks "
                                         "nor contradicts `c`"]


def test_am103_an_even_if_answer_answers_the_objection(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
counterclaims:
  p: {text: P, implicit: true, attacks: t}
  e: {text: E, implicit: true, undercuts: {from: p, to: t}}
  q: {text: Q, implicit: true, attacks: t}
""", select="AM103", problem1=("AM103", 9, 3))  # p is answered "even if"; q is not


def test_am103_an_objection_whose_every_reason_is_answered_is_answered(check):
    body = MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  r: {text: R, implicit: true, attacks: a}
counterclaims:
  p: {text: P, implicit: true, attacks: t}
  a: {text: A, implicit: true, supports: p}
  b: {text: B, implicit: true, supports: p}
  u: {text: U, implicit: true, undercuts: {from: b, to: p}}
"""
    check(body, select="AM103")  # a is attacked and b's step is undercut: nothing left standing for p
    check(body.replace("undercuts: {from: b, to: p}", "attacks: r"), select="AM103", problem1=("AM103", 8, 3))
