"""`argmap diff` output: pure functions from a :class:`~argmap.mapdiff.MapDiff` to text, registered by name.

Every text from a map is escaped (:mod:`argmap.textsafe`): to one line in the text
output, with no line a CI runner could take for a workflow command; as JSON values
in ``--format json``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..mapdiff import (
    CONCLUSION,
    DELETED,
    INSERTED,
    PREMISE,
    Change,
    FieldChange,
    LabelChange,
    MapDiff,
    Relation,
    RelationChange,
)
from ..textsafe import defuse_lines, json_text, shown

TEXT_WIDTH = 100
"""Characters of a statement's text shown beside an added or removed id."""
WHOLE = 40_000
"""Enough for any text the loader accepts, its escapes included: a word diff is shown whole."""


@dataclass(frozen=True)
class DiffReport:
    """A diff and what its output names: the two maps as given, the semantics, each statement's text."""

    diff: MapDiff
    old_name: str
    new_name: str
    semantics: str
    texts: Mapping[str, str]
    """Statement id -> its text: the new map's, or the old map's for a removed statement."""
    thesis: str | None = None
    """The statement the labels start from (the new map's thesis, else the old one's), marked in the text."""
    labels_compared: bool = True
    """False when a map has errors: the diff covers what loaded, and no labels are compared."""


def relation_words(relation: Relation) -> str:
    """A relation in words.

    Examples
    --------
    >>> relation_words(Relation("c", "attacks", "a"))
    '`c` attacks `a`'
    >>> relation_words(Relation("p", "premise", "two-blocs"))
    '`p` is a premise of `two-blocs`'
    """
    if relation.kind == PREMISE:
        return f"`{relation.source}` is a premise of `{relation.target}`"
    if relation.kind == CONCLUSION:
        return f"`{relation.source}` concludes in `{relation.target}`"
    return f"`{relation.source}` {relation.kind} `{relation.target}`"


def _value(value: str | float) -> str:
    return f"{value:g}" if isinstance(value, float) else value


def cause_words(change: Change) -> str:
    if isinstance(change, FieldChange):
        return f"the {change.field} of `{change.id}` went from {_value(change.old)} to {_value(change.new)}"
    return f"{relation_words(change.relation)} was {'added' if change.added else 'removed'}"


def _label_line(change: LabelChange, thesis: str | None) -> str:
    def side(label: str | None, strength: float | None) -> str:
        label = label or "no verdict"
        return label if strength is None else f"{label} {strength:.2f}"

    marked = " (thesis)" if change.id == thesis else ""
    line = f"  `{change.id}`{marked}  {side(change.old, change.old_strength)} -> {side(change.new, change.new_strength)}"
    return line + (f"  because {cause_words(change.cause)}" if change.cause is not None else "")


def _words(runs: list[tuple[str, str]]) -> str:
    marks = {DELETED: ("[-", "-]"), INSERTED: ("{+", "+}")}
    return " ".join(shown(words, WHOLE).join(marks.get(op, ("", ""))) for op, words in runs)


def text(report: DiffReport) -> str:
    """The diff for a terminal: a heading and an indented line per change, or one line saying there is none."""
    diff, texts = report.diff, report.texts
    lines = [f"--- {shown(report.old_name, 4096)}", f"+++ {shown(report.new_name, 4096)}"]
    if not diff.differs:
        return defuse_lines("\n".join(lines + ["The maps do not differ"]) + "\n")
    if diff.thesis is not None:
        old, new = (f"`{item}`" if item else "none" for item in diff.thesis)
        lines.append(f"Thesis: {old} -> {new}")

    def section(title: str, entries: list[str]) -> None:
        if entries:
            lines.append(f"{title} ({len(entries)})")
            lines.extend(entries)

    section("Added", [f"  + `{item}`  {shown(texts[item], TEXT_WIDTH)}" for item in diff.added])
    section("Removed", [f"  - `{item}`  {shown(texts[item], TEXT_WIDTH)}" for item in diff.removed])
    section("Reworded", [f"  ~ `{change.id}`  {_words(change.words)}" for change in diff.reworded])
    section("Changed", [f"  `{change.id}`  {change.field} {_value(change.old)} -> {_value(change.new)}"
                        for change in diff.fields])
    section("Relations added", [f"  + {relation_words(relation)}" for relation in diff.relations_added])
    section("Relations removed", [f"  - {relation_words(relation)}" for relation in diff.relations_removed])
    section(f"Labels under {report.semantics}", [_label_line(change, report.thesis) for change in diff.labels])
    if not report.labels_compared:
        lines.append("Labels not compared: a map has errors (above, on standard error)")
    return defuse_lines("\n".join(lines) + "\n")


def _relation_json(relation: Relation) -> dict[str, str]:
    return {"from": relation.source, "kind": relation.kind, "to": relation.target}


def _cause_json(change: Change | None) -> dict[str, object] | None:
    if change is None:
        return None
    if isinstance(change, RelationChange):
        return {"relation": _relation_json(change.relation), "added": change.added}
    return {"id": change.id, "field": change.field, "old": change.old, "new": change.new}


def _label_json(change: LabelChange) -> dict[str, object]:
    found: dict[str, object] = {"id": change.id, "old": change.old, "new": change.new}
    if change.old_strength is not None and change.new_strength is not None:
        found["old_strength"], found["new_strength"] = round(change.old_strength, 4), round(change.new_strength, 4)
    found["cause"] = _cause_json(change.cause)
    return found


def as_json(report: DiffReport) -> str:
    """The diff as one JSON object; ``added``, ``removed`` and ``reworded`` list ids, ``rewordings`` the word diffs
    (runs of ``=``, ``-``, ``+``), ``labels`` the thesis first."""
    diff = report.diff
    return json_text({
        "old": report.old_name,
        "new": report.new_name,
        "semantics": report.semantics,
        "differ": diff.differs,
        "thesis": None if diff.thesis is None else {"old": diff.thesis[0], "new": diff.thesis[1]},
        "added": diff.added,
        "removed": diff.removed,
        "reworded": [change.id for change in diff.reworded],
        "rewordings": [{"id": change.id, "old": change.old, "new": change.new,
                        "words": [{"op": op, "text": words} for op, words in change.words]}
                       for change in diff.reworded],
        "changed": [_cause_json(change) for change in diff.fields],
        "relations_added": [_relation_json(relation) for relation in diff.relations_added],
        "relations_removed": [_relation_json(relation) for relation in diff.relations_removed],
        "labels": [_label_json(change) for change in diff.labels],
        "labels_compared": report.labels_compared,
    }) + "\n"


DIFF_FORMATS: dict[str, Callable[[DiffReport], str]] = {"text": text, "json": as_json}
"""The choices of `argmap diff --format`."""
