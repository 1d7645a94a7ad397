"""What changed between two versions of a map, and what it did to the labels: `argmap diff`.

Statements are matched by id. One present only in the new map is *added*, only in
the old one *removed*; one whose words differ is *reworded* (white space alone is no
rewording), with a word diff. A change of kind or of weight is a *field change*
(weights as the evaluation reads them: none is 0.5). Relations are compared as
``(from, kind, to)``: ``supports``, ``attacks``, ``contradicts`` (the same relation
whichever side writes it), ``undercuts`` (to the argument, the support ``A->B`` or
the attack ``A~>B`` it undercuts), and a linked argument's ``premise`` (premise to
argument) and ``conclusion`` (argument to conclusion).

The labels of the statements both maps hold are compared under one semantics, the
thesis first, then in the new map's order; under a weighted semantics a strength that
moves by :data:`STRENGTH_STEP` or more counts too. Each such change names its cause
where one change explains it (:func:`causes`).

Nothing here prints: :func:`map_diff` returns a :class:`MapDiff`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple

import networkx as nx

from .graph import ATTACKED, DEFAULT_WEIGHT, ArgumentGraph, undercut_target
from .model import ArgumentMap

if TYPE_CHECKING:
    from .context import MapContext

SUPPORTS, ATTACKS, CONTRADICTS, UNDERCUTS = "supports", "attacks", "contradicts", "undercuts"
PREMISE, CONCLUSION = "premise", "conclusion"
STRENGTH_STEP = 0.005
"""The smallest move of a strength that counts as a change (half the last digit `evaluate` shows)."""
SAME, DELETED, INSERTED = "=", "-", "+"


class Relation(NamedTuple):
    """One relation of a map: ``source`` ``kind`` ``target`` (``a supports t``)."""

    source: str
    kind: str
    target: str


@dataclass(frozen=True)
class RelationChange:
    """A relation the new map adds (``added``) or no longer has."""

    relation: Relation
    added: bool


@dataclass(frozen=True)
class FieldChange:
    """A field of a statement both maps hold that changed: ``kind`` or ``weight``."""

    id: str
    field: str
    old: str | float
    new: str | float


Change = RelationChange | FieldChange


@dataclass(frozen=True)
class Rewording:
    """A statement whose words changed: both texts and the word diff (:func:`word_diff`)."""

    id: str
    old: str
    new: str
    words: list[tuple[str, str]]


@dataclass(frozen=True)
class LabelChange:
    """A statement whose label (or, under a weighted semantics, strength) changed, and the one change that
    explains it, if one does. A label is None where the semantics gives no verdict (`stable` on a map with
    no stable position)."""

    id: str
    old: str | None
    new: str | None
    old_strength: float | None = None
    new_strength: float | None = None
    cause: Change | None = None


@dataclass(frozen=True)
class Standing:
    """What one semantics says of a map's statements: labels, and strengths under a weighted semantics."""

    labels: Mapping[str, str]
    strengths: Mapping[str, float] | None = None


@dataclass
class MapDiff:
    """Everything that differs between two maps."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reworded: list[Rewording] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)
    relations_added: list[Relation] = field(default_factory=list)
    relations_removed: list[Relation] = field(default_factory=list)
    labels: list[LabelChange] = field(default_factory=list)
    thesis: tuple[str | None, str | None] | None = None
    """(old, new) when the thesis is another statement, else None."""

    @property
    def differs(self) -> bool:
        return any((self.added, self.removed, self.reworded, self.fields, self.relations_added,
                    self.relations_removed, self.labels, self.thesis))


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words of ``old`` and ``new`` as runs of (``=``, ``-`` or ``+``, words joined by a space).

    Examples
    --------
    >>> word_diff("Uniforms make schools safer", "Uniforms make schools much calmer")
    [('=', 'Uniforms make schools'), ('-', 'safer'), ('+', 'much calmer')]
    """
    before, after = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append((SAME, " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            runs.append((DELETED, " ".join(before[i1:i2])))
        if j2 > j1:
            runs.append((INSERTED, " ".join(after[j1:j2])))
    return runs


def relations(model: ArgumentMap) -> list[Relation]:
    """Every relation of ``model`` once, in file order: statements' relations, then linked arguments'.

    An undercut names the node it undercuts (:func:`argmap.graph.undercut_target`); one that names no
    relation is left out, as the graph leaves it out.
    """
    found: dict[Relation, None] = {}
    for stmt in model.statements.values():
        for kind, refs in ((SUPPORTS, stmt.supports), (ATTACKS, stmt.attacks), (CONTRADICTS, stmt.contradicts)):
            found.update((Relation(stmt.id, kind, ref.id), None) for ref in refs)
        for undercut in stmt.undercuts:
            target = undercut_target(undercut, model)
            if target is not None:
                found[Relation(stmt.id, UNDERCUTS, target)] = None
    for argument in model.arguments.values():
        found.update((Relation(ref.id, PREMISE, argument.id), None) for ref in argument.premises)
        if argument.conclusion is not None:
            found[Relation(argument.id, CONCLUSION, argument.conclusion.id)] = None
    return list(found)


def _same(relation: Relation) -> Relation:
    """The relation as compared: a contradiction is the same whichever side writes it."""
    if relation.kind == CONTRADICTS and relation.target < relation.source:
        return Relation(relation.target, CONTRADICTS, relation.source)
    return relation


def _only_in(first: Iterable[Relation], second: Iterable[Relation]) -> list[Relation]:
    others = {_same(relation) for relation in second}
    return [relation for relation in first if _same(relation) not in others]


def _effective_weight(weight: float | None) -> float:
    return DEFAULT_WEIGHT if weight is None else weight


def _statement_changes(old: ArgumentMap, new: ArgumentMap, diff: MapDiff) -> None:
    """Fill in the statements added, removed and reworded, and the kinds and weights changed."""
    diff.added = [item for item in new.statements if item not in old.statements]
    diff.removed = [item for item in old.statements if item not in new.statements]
    for item, after in new.statements.items():
        before = old.statements.get(item)
        if before is None:
            continue
        if before.text.split() != after.text.split():
            diff.reworded.append(Rewording(item, before.text, after.text, word_diff(before.text, after.text)))
        if before.kind != after.kind:
            diff.fields.append(FieldChange(item, "kind", before.kind, after.kind))
        weights = _effective_weight(before.weight), _effective_weight(after.weight)
        if weights[0] != weights[1]:
            diff.fields.append(FieldChange(item, "weight", *weights))


def standing(ctx: MapContext, semantics: str = "grounded") -> Standing:
    """The labels (and strengths) of ``ctx``'s statements under the semantics called ``semantics``."""
    from .semantics import evaluate_with

    if semantics == "grounded":
        return Standing(ctx.evaluation.statement_labels)
    outcome = evaluate_with(semantics, ctx.graph)
    strengths = outcome.strengths.strengths if outcome.strengths is not None else None
    return Standing(outcome.evaluation.statement_labels, strengths)


def _moved(before: Standing, after: Standing, item: str) -> bool:
    if before.labels.get(item) != after.labels.get(item):
        return True
    if before.strengths is None or after.strengths is None:
        return False
    return abs(before.strengths.get(item, 0.0) - after.strengths.get(item, 0.0)) >= STRENGTH_STEP


def map_diff(old: MapContext, new: MapContext, before: Standing, after: Standing) -> MapDiff:
    """What differs between ``old`` and ``new``, judged by ``before`` and ``after`` (:func:`standing`).

    Examples
    --------
    >>> from argmap.context import MapContext
    >>> from argmap.loader import load_bytes
    >>> head = b"argmap: 1\\ntitle: T\\nthesis: t\\nclaims:\\n  t: {text: Lower the voting age}\\n"
    >>> old = MapContext(load_bytes(head, "old.yaml").model)
    >>> new = MapContext(load_bytes(head + b"counterclaims:\\n  q: {text: Too young, attacks: t}\\n", "new.yaml").model)
    >>> diff = map_diff(old, new, standing(old), standing(new))
    >>> diff.added, diff.relations_added
    (['q'], [Relation(source='q', kind='attacks', target='t')])
    >>> [(c.id, c.old, c.new, c.cause) for c in diff.labels]  # doctest: +NORMALIZE_WHITESPACE
    [('t', 'accepted', 'rejected',
      RelationChange(relation=Relation(source='q', kind='attacks', target='t'), added=True))]
    """
    diff = MapDiff()
    _statement_changes(old.model, new.model, diff)
    old_relations, new_relations = relations(old.model), relations(new.model)
    diff.relations_added = _only_in(new_relations, old_relations)
    diff.relations_removed = _only_in(old_relations, new_relations)
    if old.thesis != new.thesis:
        diff.thesis = (old.thesis, new.thesis)
    thesis = new.thesis or old.thesis
    common = [item for item in new.model.statements if item in old.model.statements]
    common.sort(key=lambda item: item != thesis)  # stable: the thesis first, then the new map's order
    moved = [item for item in common if _moved(before, after, item)]
    found = causes(moved, _bearings(diff, old, new), new.graph)
    for item in moved:
        strengths = (before.strengths.get(item), after.strengths.get(item)) \
            if before.strengths is not None and after.strengths is not None else (None, None)
        diff.labels.append(LabelChange(item, before.labels.get(item), after.labels.get(item), *strengths,
                                       found.get(item)))
    return diff


def _conclusion_of(node: str, old: MapContext, new: MapContext) -> str | None:
    """The statement an argument, a support ``A->B`` or an attack ``A~>B`` bears on (as either map has it)."""
    for arrow in ("->", "~>"):
        if arrow in node:  # an id cannot hold an arrow
            return node.partition(arrow)[2]
    for ctx in (new, old):
        argument = ctx.model.arguments.get(node)
        if argument is not None and argument.conclusion is not None:
            return argument.conclusion.id
    return None


def _bears_on(change: Change, old: MapContext, new: MapContext) -> Iterator[str]:
    """The statements whose label ``change`` bears on directly."""
    if isinstance(change, FieldChange):  # a weight: the statement, and whom it attacks or is attacked by
        if change.field == "weight":
            yield change.id
            for ctx in (old, new):
                yield from ctx.graph.attackers(change.id)
                yield from ctx.graph.attacked(change.id)
        return
    relation = change.relation
    if relation.kind in (SUPPORTS, ATTACKS, CONCLUSION):
        yield relation.target
    elif relation.kind == CONTRADICTS:
        yield from (relation.source, relation.target)
    else:  # a premise of an argument, or an undercut of an inference or an attack
        conclusion = _conclusion_of(relation.target, old, new)
        if conclusion is not None:
            yield conclusion


def _bearings(diff: MapDiff, old: MapContext, new: MapContext) -> dict[str, list[Change]]:
    """Statement -> the changes that bear on its label directly, each once."""
    changes: list[Change] = [RelationChange(relation, True) for relation in diff.relations_added]
    changes += [RelationChange(relation, False) for relation in diff.relations_removed]
    changes += [change for change in diff.fields if change.field == "weight"]
    found: dict[str, list[Change]] = {}
    for change in changes:
        for item in dict.fromkeys(_bears_on(change, old, new)):
            found.setdefault(item, []).append(change)
    return found


def _inputs(graph: ArgumentGraph, item: str) -> list[str]:
    """The statements whose labels ``item``'s label reads: its attackers, the premises and undercutters of the
    inferences into it, and the undercutters of attacks on it."""
    if item not in graph:
        return []
    found = list(graph.attackers(item))
    for inference in graph.inferences_into(item):
        found += graph.premises(inference) + graph.undercutters(inference)
    for junction, keys in graph.G.pred[item].items():
        if ATTACKED in keys:
            found += graph.undercutters(junction)
    return found


def causes(moved: list[str], bearings: Mapping[str, list[Change]], graph: ArgumentGraph) -> dict[str, Change]:
    """The one change that explains each moved statement's new label, where one does.

    The changes upstream of a moved statement are those that bear on it directly
    (``bearings``) and those upstream of the moved statements its label reads
    (:func:`_inputs`, in the new map). It is explained when exactly one change lies
    upstream of it and every moved statement upstream of it has some change upstream
    (one with none moved for a reason not seen here, which may be a second one).
    Statements without an explanation are absent from the result.

    Moved statements that read each other's labels (a mutual attack, a contradiction)
    have the same changes upstream, so these are gathered once per strongly connected
    component of the moved statements, in topological order, and no more than two are
    kept: linear in the moved statements and the relations between them, and without
    recursion, as a chain of support may be long.

    Examples
    --------
    >>> from argmap.graph import ArgumentGraph
    >>> from argmap.loader import load_bytes
    >>> text = b"argmap: 1\\ntitle: T\\nthesis: t\\nclaims:\\n  t: {text: T}\\n  a: {text: A, supports: t}\\n"
    >>> graph = ArgumentGraph.of(load_bytes(text, "m.yaml").model)
    >>> causes(["t", "a"], {"a": ["the attack on a"]}, graph)
    {'t': 'the attack on a', 'a': 'the attack on a'}
    >>> causes(["t", "a"], {"a": ["the attack on a"], "t": ["a support of t removed"]}, graph)
    {'a': 'the attack on a'}

    A contradiction goes both ways: what frees one side is upstream of the other too.

    >>> text = b"argmap: 1\\ntitle: T\\nthesis: t\\nclaims:\\n  t: {text: T}\\n  k: {text: K, contradicts: t}\\n"
    >>> graph = ArgumentGraph.of(load_bytes(text, "m.yaml").model)
    >>> causes(["t", "k"], {"t": ["the attack on t removed"]}, graph)
    {'t': 'the attack on t removed', 'k': 'the attack on t removed'}
    """
    is_moved = set(moved)
    reads: nx.DiGraph[str] = nx.DiGraph()
    reads.add_nodes_from(moved)
    reads.add_edges_from((node, item) for item in moved for node in _inputs(graph, item) if node in is_moved)
    parts = nx.condensation(reads)
    upstream: dict[int, set[Change | None]] = {}
    for part in nx.topological_sort(parts):
        found: set[Change | None] = set()
        for item in parts.nodes[part]["members"]:
            found.update(bearings.get(item, ()))
        for before in parts.pred[part]:
            if len(found) > 1:  # two reasons are as good as more: no single cause
                break
            found.update(upstream[before])
        # None stands for an unknown reason: a label that moved with no change upstream of it
        upstream[part] = set(islice(found, 2)) if found else {None}
    explained: dict[str, Change] = {}
    for item in moved:
        reasons = upstream[parts.graph["mapping"][item]]
        cause = next(iter(reasons))
        if len(reasons) == 1 and cause is not None:
            explained[item] = cause
    return explained
