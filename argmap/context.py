"""What a rule reads: the model, its graph, and derived facts computed once per map."""

from __future__ import annotations

from functools import cached_property

import networkx as nx

from .graph import Index, graph_from_parts, index_and_parts
from .model import ArgumentMap, Statement
from .suggest import Suggester


class MapContext:
    """A loaded map and its argument graph, shared by all rules of one run.

    The graph's :class:`~argmap.graph.Index` is built at once; the networkx graph
    from the same lists on first use (:attr:`graph`), so that a split check
    (:func:`argmap.checker.check_loaded`) can fill it while its second process works.
    """

    def __init__(self, model: ArgumentMap) -> None:
        self.model = model
        self.index: Index
        self.index, self._parts = index_and_parts(model)

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The argument graph (:mod:`argmap.graph`)."""
        parts, self._parts = self._parts, None
        return graph_from_parts(parts)

    @property
    def thesis(self) -> str | None:
        """The thesis id when it names a statement in the graph, else None."""
        thesis = self.model.thesis
        return thesis.id if thesis and thesis.id in self.model.statements else None

    def statement(self, item_id: str) -> Statement:
        return self.model.statements[item_id]

    @cached_property
    def evaluation(self):
        """The map's labels with nothing assumed (computed once, on first use)."""
        from .evaluate import evaluate

        return evaluate(None, index=self.index)

    def evaluation_parts(self) -> tuple[dict, dict, dict] | None:
        """The cached :attr:`evaluation`'s labels, inference statuses and ranks, to send to another process."""
        evaluation = self.__dict__.get("evaluation")
        return (evaluation.labels, evaluation.inferences, evaluation.rank) if evaluation is not None else None

    def adopt_evaluation(self, labels: dict, inferences: dict, rank: dict) -> None:
        """Take :func:`evaluation_parts` from another process as this map's :attr:`evaluation`."""
        from .evaluate import Evaluation

        self.__dict__.setdefault("evaluation", Evaluation(labels, inferences, {}, False, self.index, rank))

    def evaluate(self, assume=None, require_support: bool = False):
        """The map's labels under these options; the cached :attr:`evaluation` when there are none."""
        if not assume and not require_support:
            return self.evaluation
        from .evaluate import evaluate

        return evaluate(None, assume=assume, require_support=require_support, index=self.index)

    @cached_property
    def suggester(self) -> Suggester:
        return Suggester(list(self.model.statements) + list(self.model.arguments))
