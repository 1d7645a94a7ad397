"""`argmap diff`: statements, words, relations and labels compared between two versions of a map."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from conftest import assert_no_traceback, examples, write_map
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cli import app
from argmap.context import MapContext
from argmap.gitread import load_at_revision
from argmap.graph import ArgumentGraph
from argmap.loader import load_bytes, load_map
from argmap.mapdiff import MapDiff, Relation, RelationChange, causes, map_diff, standing

OLD = """\
argmap: 1
title: Votes at sixteen
thesis: t
claims:
  a: {text: Sixteen-year-olds pay taxes, supports: t}
  b: {text: They can leave school and work, supports: t}
  m: {text: They are mature enough}
  s: {text: Schools teach civics}
  t: {text: Lower the voting age to sixteen}
counterclaims:
  q: {text: They are too immature to vote, contradicts: m}
  r: {text: Few of them pay much tax, undercuts: {from: a, to: t}}
  o: {text: Turnout would fall, attacks: t}
  p: {text: Turnout rose in Scotland, attacks: o}
evidence:
  e: {text: The tax office counts young taxpayers, supports: a, source: HMRC}
arguments:
  civic:
    premises: [m, s]
    conclusion: t
"""

NEW = """\
argmap: 1
title: Votes at sixteen
thesis: t
claims:
  a: {text: Sixteen-year-olds pay income taxes, supports: t}
  m: {text: They are responsible enough, contradicts: q}
  s: {text: Schools teach civics}
  t: {text: Lower the voting age to sixteen}
  c: {text: Immaturity is no bar for adults either, attacks: q}
counterclaims:
  q: {text: They are too immature to vote}
  r: {text: Few of them pay much tax, undercuts: civic}
  o: {text: Turnout would fall, attacks: t}
  p: {text: Turnout rose in Scotland, attacks: o}
evidence:
  e: {text: The tax office  counts young taxpayers, supports: a, source: HMRC}
arguments:
  civic:
    premises: [m, s, e]
    conclusion: t
"""

# The case before and after a practice round: an attack on the thesis's only reason rejects both.
BEFORE_ROUND = """\
argmap: 1
title: Picnic
thesis: t
claims:
  a: {text: It will rain, supports: t}
  t: {text: Move the picnic indoors}
"""
AFTER_ROUND = BEFORE_ROUND + """\
counterclaims:
  c: {text: The forecast is for sun, attacks: a}
"""

# The thesis is in a contradiction with `k`: defeating `o` frees `t`, and `t` then defeats `k`.
CONTRADICTED = """\
argmap: 1
title: T
thesis: t
claims:
  t: {text: T, weight: 0.6}
counterclaims:
  k: {text: K, contradicts: t, weight: 0.5}
  o: {text: O, attacks: t, weight: 0.7}
"""
O_ATTACKED = CONTRADICTED.replace("counterclaims:", "  r: {text: R, attacks: o, weight: 0.8}\ncounterclaims:")


def context(folder: Path, source: str, name: str) -> MapContext:
    loaded = load_map(write_map(folder, source, name))
    assert loaded.model is not None and not loaded.issues, loaded.issues
    return MapContext(loaded.model)


def compare(folder: Path, old: str, new: str, semantics: str = "grounded") -> MapDiff:
    before, after = context(folder, old, "old.yaml"), context(folder, new, "new.yaml")
    return map_diff(before, after, standing(before, semantics), standing(after, semantics))


def run(runner, *args: object):
    result = runner.invoke(app, ["diff", *map(str, args)])
    assert_no_traceback(result)
    return result


def shown(result) -> str:
    return f"exit {result.exit_code}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


# ---- the core ----------------------------------------------------------------------------------------

def test_statements_added_removed_and_reworded_by_id(tmp_path):
    diff = compare(tmp_path, OLD, NEW)
    assert diff.added == ["c"]
    assert diff.removed == ["b"]
    assert [change.id for change in diff.reworded] == ["a", "m"]  # `e` differs in white space only
    assert diff.fields == [] and diff.thesis is None


def test_the_word_diff_marks_exactly_the_changed_words(tmp_path):
    words = {change.id: change.words for change in compare(tmp_path, OLD, NEW).reworded}
    assert words["a"] == [("=", "Sixteen-year-olds pay"), ("+", "income"), ("=", "taxes")]
    assert words["m"] == [("=", "They are"), ("-", "mature"), ("+", "responsible"), ("=", "enough")]


def test_relations_added_and_removed_exactly(tmp_path):
    diff = compare(tmp_path, OLD, NEW)
    # `q contradicts m` became `m contradicts q`: the same contradiction, so no change
    assert diff.relations_added == [
        Relation("c", "attacks", "q"),
        Relation("r", "undercuts", "civic"),
        Relation("e", "premise", "civic"),
    ]
    assert diff.relations_removed == [
        Relation("b", "supports", "t"),
        Relation("r", "undercuts", "a->t"),
    ]


def test_an_added_attack_explains_both_label_changes_the_thesis_first(tmp_path):
    diff = compare(tmp_path, BEFORE_ROUND, AFTER_ROUND)
    attack = RelationChange(Relation("c", "attacks", "a"), added=True)
    assert [(change.id, change.old, change.new, change.cause) for change in diff.labels] == [
        ("t", "accepted", "rejected", attack),
        ("a", "accepted", "rejected", attack),
    ]


def test_two_changes_that_both_bear_on_a_label_explain_nothing(tmp_path):
    two_reasons = BEFORE_ROUND.replace("  t: {text:", "  b: {text: Storms are forecast, supports: t}\n  t: {text:")
    changes = compare(tmp_path, two_reasons, AFTER_ROUND).labels  # `b` is gone and `a` is attacked
    assert [(change.id, change.cause) for change in changes] == [
        ("t", None),
        ("a", RelationChange(Relation("c", "attacks", "a"), added=True)),
    ]


def test_one_change_explains_every_label_of_a_contradiction_it_moves(tmp_path):
    changes = compare(tmp_path, CONTRADICTED, O_ATTACKED).labels
    attack = RelationChange(Relation("r", "attacks", "o"), added=True)
    assert [(change.id, change.old, change.new, change.cause) for change in changes] == [
        ("t", "rejected", "accepted", attack),
        ("k", "accepted", "rejected", attack),
        ("o", "accepted", "rejected", attack),
    ]


def test_two_changes_upstream_of_a_contradiction_explain_nothing_in_it(tmp_path):
    # `p attacks k` bears on `k` directly, but `r attacks o` reaches `k` too, through `t`
    both = O_ATTACKED + "  p: {text: P, attacks: k, weight: 0.9}\n"
    changes = compare(tmp_path, CONTRADICTED, both).labels
    assert [(change.id, change.cause) for change in changes] == [
        ("t", None),
        ("k", None),
        ("o", RelationChange(Relation("r", "attacks", "o"), added=True)),
    ]


def test_one_change_is_traced_along_a_long_chain_of_contradictions(tmp_path):
    n = 3000  # each contradicts the next, and the heavier wins: one component of mutual attacks
    links = "".join(f"  x{i}: {{text: X{i}, contradicts: x{i + 1}, weight: {0.9 - i * 0.0001:.4f}}}\n"
                    for i in range(n))
    old = f"argmap: 1\ntitle: T\nthesis: x0\nclaims:\n{links}  x{n}: {{text: X{n}, weight: 0.1}}\n"
    new = old + "counterclaims:\n  r: {text: R, attacks: x0, weight: 1.0}\n"
    changes = compare(tmp_path, old, new).labels
    assert len(changes) == n + 1
    assert {change.cause for change in changes} == {RelationChange(Relation("r", "attacks", "x0"), added=True)}


@st.composite
def moved_maps(draw):
    """A map of attacks, contradictions and supports; some statements moved, some changes bearing on them."""
    n = draw(st.integers(min_value=1, max_value=7))
    ids = [f"s{i}" for i in range(n)]
    lines = ["argmap: 1", "title: T", "thesis: s0", "claims:"]
    for item in ids:
        fields = [f"text: {item}"]
        for kind in ("supports", "attacks", "contradicts"):
            targets = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
            if targets:
                fields.append(f"{kind}: [{', '.join(targets)}]")
        lines.append(f"  {item}: {{{', '.join(fields)}}}")
    moved = draw(st.lists(st.sampled_from(ids), unique=True))
    bearings = {item: draw(st.lists(st.sampled_from(["c1", "c2", "c3"]), max_size=2, unique=True)) for item in moved}
    return "\n".join(lines) + "\n", moved, bearings


@settings(max_examples=examples(300), deadline=None)
@given(moved_maps())
def test_causes_match_every_change_upstream(case):
    """Oracle: a moved statement's cause is the one change bearing on it or on a moved statement upstream of it,
    unless some moved statement upstream has no change upstream at all (then its cause is unknown)."""
    text, moved, bearings = case
    graph = ArgumentGraph.of(load_bytes(text.encode(), "m.yaml").model)

    def reads(item):  # no undercuts here: its attackers and the premises of its reasons
        return graph.attackers(item) + [p for step in graph.inferences_into(item) for p in graph.premises(step)]

    def upstream(item):
        seen, stack = {item}, [item]
        while stack:
            for node in reads(stack.pop()):
                if node in moved and node not in seen:
                    seen.add(node)
                    stack.append(node)
        return seen

    def changes(item):
        return {change for node in upstream(item) for change in bearings.get(node, ())}

    expected = {}
    for item in moved:
        found = changes(item)
        if len(found) == 1 and all(changes(node) for node in upstream(item)):
            expected[item] = found.pop()
    assert causes(moved, bearings, graph) == expected, text


def test_identical_maps_differ_in_nothing(tmp_path):
    diff = compare(tmp_path, OLD, OLD)
    assert diff == MapDiff() and not diff.differs


def test_weighted_semantics_gives_strengths(tmp_path):
    diff = compare(tmp_path, BEFORE_ROUND, AFTER_ROUND, "df-quad")
    assert diff.labels[0].id == "t"
    for change in diff.labels:
        assert change.old_strength is not None and change.new_strength is not None
        assert abs(change.old_strength - change.new_strength) >= 0.005


def test_no_stable_position_is_no_verdict(tmp_path):
    odd = "argmap: 1\ntitle: T\nthesis: a\nclaims:\n  a: {text: A, attacks: b}\n  b: {text: B, attacks: c}\n" \
          "  c: {text: C, attacks: a}\n"  # an odd cycle: no stable position
    diff = compare(tmp_path, odd, odd.replace("C, attacks: a", "C"), "stable")
    assert [(change.id, change.old, change.new) for change in diff.labels] == [
        ("a", None, "accepted"), ("b", None, "rejected"), ("c", None, "accepted")]


# ---- the command -----------------------------------------------------------------------------------

def test_identical_maps_exit_0_with_exit_code(runner, tmp_path):
    old, new = write_map(tmp_path, OLD, "old.yaml"), write_map(tmp_path, OLD, "new.yaml")
    result = run(runner, old, new, "--exit-code")
    assert result.exit_code == 0, shown(result)
    assert "The maps do not differ" in result.stdout


def test_different_maps_exit_1_only_with_exit_code(runner, tmp_path):
    old, new = write_map(tmp_path, OLD, "old.yaml"), write_map(tmp_path, NEW, "new.yaml")
    result = run(runner, old, new, "--exit-code")
    assert result.exit_code == 1, shown(result)
    assert run(runner, old, new).exit_code == 0


def test_text_output(runner, tmp_path):
    old, new = write_map(tmp_path, BEFORE_ROUND, "old.yaml"), write_map(tmp_path, AFTER_ROUND, "new.yaml")
    result = run(runner, old, new)
    assert result.exit_code == 0, shown(result)
    lines = result.stdout.splitlines()
    assert lines[lines.index("Labels under grounded (2)") + 1:] == [
        "  `t` (thesis)  accepted -> rejected  because `c` attacks `a` was added",
        "  `a`  accepted -> rejected  because `c` attacks `a` was added",
    ]
    assert "  + `c` attacks `a`" in lines
    reworded = run(runner, write_map(tmp_path, OLD, "o.yaml"), write_map(tmp_path, NEW, "n.yaml")).stdout
    assert "  ~ `m`  They are [-mature-] {+responsible+} enough" in reworded.splitlines()
    old, new = write_map(tmp_path, CONTRADICTED, "a.yaml"), write_map(tmp_path, O_ATTACKED, "b.yaml")
    lines = run(runner, old, new).stdout.splitlines()
    assert lines[lines.index("Labels under grounded (3)") + 1:] == [
        "  `t` (thesis)  rejected -> accepted  because `r` attacks `o` was added",
        "  `k`  accepted -> rejected  because `r` attacks `o` was added",
        "  `o`  accepted -> rejected  because `r` attacks `o` was added",
    ]


def test_json_output(runner, tmp_path):
    old, new = write_map(tmp_path, BEFORE_ROUND, "old.yaml"), write_map(tmp_path, AFTER_ROUND, "new.yaml")
    result = run(runner, old, new, "--format", "json")
    assert result.exit_code == 0, shown(result)
    data = json.loads(result.stdout)
    assert {"added", "removed", "reworded", "relations_added", "relations_removed", "labels"} <= set(data)
    assert data["added"] == ["c"] and data["removed"] == [] and data["reworded"] == []
    assert data["relations_added"] == [{"from": "c", "kind": "attacks", "to": "a"}]
    assert data["relations_removed"] == []
    cause = {"relation": {"from": "c", "kind": "attacks", "to": "a"}, "added": True}
    assert data["labels"] == [
        {"id": "t", "old": "accepted", "new": "rejected", "cause": cause},
        {"id": "a", "old": "accepted", "new": "rejected", "cause": cause},
    ]
    words = json.loads(run(runner, write_map(tmp_path, OLD, "o.yaml"), write_map(tmp_path, NEW, "n.yaml"),
                           "-f", "json").stdout)["rewordings"][0]["words"]
    assert words == [{"op": "=", "text": "Sixteen-year-olds pay"}, {"op": "+", "text": "income"},
                     {"op": "=", "text": "taxes"}]


def test_semantics_df_quad_reports_strengths(runner, tmp_path):
    old, new = write_map(tmp_path, BEFORE_ROUND, "old.yaml"), write_map(tmp_path, AFTER_ROUND, "new.yaml")
    result = run(runner, old, new, "--semantics", "df-quad", "--format", "json")
    assert result.exit_code == 0, shown(result)
    labels = json.loads(result.stdout)["labels"]
    assert labels[0]["id"] == "t"
    assert all(isinstance(entry["old_strength"], float) and isinstance(entry["new_strength"], float)
               for entry in labels)
    text = run(runner, old, new, "--semantics", "df-quad").stdout
    thesis = next(line for line in text.splitlines() if line.startswith("  `t` (thesis)"))
    assert thesis.count(".") >= 2, text  # a strength on each side


def test_a_map_with_errors_is_reported_and_exits_2(runner, tmp_path):
    old = write_map(tmp_path, BEFORE_ROUND, "old.yaml")
    new = write_map(tmp_path, AFTER_ROUND.replace("attacks: a", "attacks: nowhere"), "new.yaml")
    result = run(runner, old, new)
    assert result.exit_code == 2, shown(result)
    assert f"{new}:8:" in result.stderr and "AM004" in result.stderr
    # the diff covers what loaded, and compares no labels: a broken map's evaluation would mislead
    assert "  + `c` attacks `nowhere`" in result.stdout.splitlines(), shown(result)
    assert "Labels under" not in result.stdout
    assert result.stdout.splitlines()[-1] == "Labels not compared: a map has errors (above, on standard error)"
    data = json.loads(run(runner, old, new, "--format", "json").stdout)
    assert data["labels"] == [] and data["labels_compared"] is False and data["differ"] is True
    assert json.loads(run(runner, old, old, "--format", "json").stdout)["labels_compared"] is True


def test_a_map_that_does_not_load_is_reported_and_exits_2_with_no_diff(runner, tmp_path):
    old = write_map(tmp_path, BEFORE_ROUND, "old.yaml")
    new = write_map(tmp_path, "argmap: 1\ntitle: [\n", "new.yaml")
    result = run(runner, old, new)
    assert result.exit_code == 2, shown(result)
    assert "AM001" in result.stderr and result.stdout == ""


def test_both_maps_errors_are_reported(runner, tmp_path):
    broken = AFTER_ROUND.replace("attacks: a", "attacks: nowhere")
    old, new = write_map(tmp_path, broken, "old.yaml"), write_map(tmp_path, broken, "new.yaml")
    result = run(runner, old, new)
    assert result.exit_code == 2, shown(result)
    assert f"{old}:8:" in result.stderr and f"{new}:8:" in result.stderr


def test_standard_input_is_named_as_other_commands_name_it(runner, tmp_path):
    new = write_map(tmp_path, AFTER_ROUND, "new.yaml")
    result = runner.invoke(app, ["diff", "-", str(new), "--exit-code"], input=BEFORE_ROUND)
    assert result.exit_code == 1, shown(result)
    assert result.stdout.splitlines()[0] == "--- <stdin>"
    assert run(runner, "-", "-").exit_code == 2


def test_a_missing_file_exits_2(runner, tmp_path):
    result = run(runner, tmp_path / "none.yaml", write_map(tmp_path, OLD, "new.yaml"))
    assert result.exit_code == 2, shown(result)


def test_hostile_texts_are_escaped_in_the_text_output(runner, tmp_path):
    hostile = r"\u202eevil\u202c ##[error]y"  # a YAML escape: a bidi override (a map's text holds no ESC: AM002)
    old = write_map(tmp_path, BEFORE_ROUND + f'evidence:\n  x: {{text: "::error::gone {hostile}", source: s}}\n'
                    f'  z: {{text: "::error::one {hostile}", source: s}}\n', "old\x1b[31m.yaml")  # a file name can
    new = write_map(tmp_path, BEFORE_ROUND + f'evidence:\n  z: {{text: "::error::two {hostile}", source: s}}\n'
                    f'  y: {{text: "::add-mask::{hostile}", source: s}}\n', "new.yaml")
    result = run(runner, old, new)
    assert result.exit_code == 0, shown(result)
    out = result.stdout
    assert ["x"] == [line.split("`")[1] for line in out.splitlines() if line.startswith("  - ")]
    assert "\u202e" not in out and "\x1b" not in out and "##[" not in out
    assert not any(line.lstrip().startswith("::") for line in out.splitlines())
    assert "\\u202e" in out and "\\x1b" in out and out.count("::error::") == 3


# ---- git:REV:PATH ----------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

QUOTED = """\
argmap: 1
title: Picnic
thesis: t
source: {{text_file: op-ed.txt}}
claims:
  t: {{text: Move the picnic indoors}}
evidence:
  e: {{text: {text}, supports: t, source: the op-ed, quote: "{quote}"}}
"""


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
                    *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository whose HEAD holds `maps/picnic.yaml` and its text; the work tree holds newer versions of both."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    top = tmp_path / "repo"
    (top / "maps").mkdir(parents=True)
    git(top, "init", "-q")
    (top / "maps" / "op-ed.txt").write_text("Storms are forecast for Saturday.\n", encoding="utf-8")
    write_map(top / "maps", QUOTED.format(text="Storms are forecast", quote="Storms are forecast"), "picnic.yaml")
    git(top, "add", ".")
    git(top, "commit", "-q", "-m", "first")
    (top / "maps" / "op-ed.txt").write_text("Sun all day on Saturday.\n", encoding="utf-8")
    write_map(top / "maps", QUOTED.format(text="Sun all day", quote="Sun all day"), "picnic.yaml")
    monkeypatch.chdir(top)
    return top


@needs_git
def test_git_revision_reads_the_map_and_its_text_at_that_revision(repo):
    loaded = load_at_revision("git:HEAD:maps/picnic.yaml")
    assert loaded.model is not None and loaded.issues == []
    assert loaded.model.source is not None
    assert loaded.model.source.text == "Storms are forecast for Saturday.\n"  # not the work tree's text
    assert loaded.model.statements["e"].text == "Storms are forecast"


@needs_git
def test_diff_with_a_committed_version(runner, repo):
    result = run(runner, "git:HEAD:maps/picnic.yaml", "maps/picnic.yaml", "--format", "json")
    assert result.exit_code == 0, shown(result)
    assert json.loads(result.stdout)["reworded"] == ["e"]
    # the text is read at REV: with the work tree's copy gone, the old map still finds its own
    (repo / "maps" / "op-ed.txt").unlink()
    (repo / "maps" / "picnic.yaml").write_text(QUOTED.format(text="Sun", quote="Sun").replace(
        "source: {text_file: op-ed.txt}\n", ""), encoding="utf-8")
    result = run(runner, "git:HEAD:maps/picnic.yaml", "maps/picnic.yaml", "--exit-code")
    assert result.exit_code == 1, shown(result)
    assert "[-Storms are forecast-] {+Sun+}" in result.stdout


@needs_git
def test_dot_slash_is_from_the_current_folder(runner, repo, monkeypatch):
    monkeypatch.chdir(repo / "maps")
    result = run(runner, "git:HEAD:./picnic.yaml", "picnic.yaml", "-f", "json")
    assert result.exit_code == 0, shown(result)
    assert json.loads(result.stdout)["reworded"] == ["e"]


@pytest.mark.parametrize(("spec", "said"), [
    ("git:no-such-rev:maps/picnic.yaml", "unknown revision `no-such-rev`"),
    ("git:HEAD:maps/nothing.yaml", "no file `maps/nothing.yaml` at `HEAD`"),
    ("git:HEAD:maps", "it is a folder at the revision"),
    ("git:HEAD:../outside.yaml", "outside the repository"),
    ("git:--output=x:maps/picnic.yaml", "unknown revision"),
    ("git:HEAD", "is not git:REV:PATH"),
])
@needs_git
def test_a_bad_git_spec_is_one_line_and_exit_2(runner, repo, spec, said):
    result = run(runner, spec, "maps/picnic.yaml")
    assert result.exit_code == 2, shown(result)
    assert result.stderr.count("\n") == 1 and said in result.stderr, shown(result)
    assert not (repo / "x").exists()


@needs_git
def test_a_committed_map_over_max_bytes_is_am001(runner, repo):
    result = run(runner, "git:HEAD:maps/picnic.yaml", "maps/picnic.yaml", "--max-bytes", "50")
    assert result.exit_code == 2, shown(result)
    assert "git:HEAD:maps/picnic.yaml:1:1: AM001" in result.stderr and "limit of 50 bytes" in result.stderr


@needs_git
def test_outside_a_repository_is_one_line_and_exit_2(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.chdir(tmp_path)
    new = write_map(tmp_path, OLD, "new.yaml")
    result = run(runner, "git:HEAD:new.yaml", new)
    assert result.exit_code == 2, shown(result)
    assert result.stderr.count("\n") == 1 and "not inside a git repository" in result.stderr, shown(result)


@needs_git
def test_a_committed_map_with_errors_is_reported_and_exits_2(runner, repo):
    (repo / "maps" / "picnic.yaml").write_text(textwrap.dedent(BEFORE_ROUND).replace("supports: t", "supports: x"),
                                               encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    result = run(runner, "git:HEAD:maps/picnic.yaml", "git:HEAD~1:maps/picnic.yaml")
    assert result.exit_code == 2, shown(result)
    assert "git:HEAD:maps/picnic.yaml:5:" in result.stderr and "AM004" in result.stderr, shown(result)
