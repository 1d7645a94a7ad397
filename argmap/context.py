"""What a rule reads: the model, its graph, and derived facts computed once per map."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx

from .graph import Index, graph_and_index
from .model import ArgumentMap, Statement
from .suggest import Suggester


@dataclass
class MapContext:
    """A loaded map and its argument graph, shared by all rules of one run."""

    model: ArgumentMap
    graph: nx.MultiDiGraph = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.graph is None:
            self.graph, self.__dict__["index"] = graph_and_index(self.model)

    @property
    def thesis(self) -> str | None:
        """The thesis id when it names a statement in the graph, else None."""
        thesis = self.model.thesis
        return thesis.id if thesis and thesis.id in self.model.statements else None

    def statement(self, item_id: str) -> Statement:
        return self.model.statements[item_id]

    @cached_property
    def index(self) -> Index:
        """The graph's adjacency sets, for rules that walk the whole graph."""
        return Index.of(self.graph)

    @cached_property
    def evaluation(self):
        """The map's labels with nothing assumed (computed once, on first use)."""
        from .evaluate import evaluate

        return evaluate(self.graph, index=self.index)

    def evaluate(self, assume=None, require_support: bool = False):
        """The map's labels under these options; the cached :attr:`evaluation` when there are none."""
        if not assume and not require_support:
            return self.evaluation
        from .evaluate import evaluate

        return evaluate(self.graph, assume=assume, require_support=require_support, index=self.index)

    @cached_property
    def suggester(self) -> Suggester:
        return Suggester(list(self.model.statements) + list(self.model.arguments))
