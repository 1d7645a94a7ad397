"""What a rule reads: the model, its argument graph, and derived facts computed once per map."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from .graph import ArgumentGraph
from .model import ArgumentMap, Statement
from .suggest import Suggester

if TYPE_CHECKING:
    from .evaluate import Evaluation
    from .quotegaps import Paragraphs


class MapContext:
    """A loaded map and its argument graph, shared by all rules of one run."""

    def __init__(self, model: ArgumentMap) -> None:
        self.model = model
        self.graph = ArgumentGraph.of(model)
        self.chosen_thesis: str | None = None
        """A statement ``--thesis`` puts in the thesis's place (a counterclaim included), else None."""
        self.strengths: dict[str, float] | None = None
        """Under a weighted ``--semantics``: each statement's strength, which the views show beside its label."""
        self._folded_paragraphs: Paragraphs | None = None  # the source text as quotes with gaps are found in
        self.inference_labels: dict[str, str] | None = None
        """The status (``applicable``, ``dead``, ``undecided``) of each inference under the labels the views show:
        a dead one is drawn and listed as dead."""
        self.assumed: dict[str, str] = {}
        """What ``--assume`` fixed before the labels the views show were computed (id -> label); the views say so."""

    def assumed_line(self) -> str | None:
        """``Assuming `x` accepted, …`` when the labels the views show rest on ``--assume``, else None."""
        if not self.assumed:
            return None
        return "Assuming " + ", ".join(f"`{item}` {label}" for item, label in self.assumed.items()) + " (--assume)"

    @property
    def thesis(self) -> str | None:
        """The statement the verdict, the cruxes and the views start from: ``--thesis`` when given, else
        the map's thesis when it names a statement, else None."""
        if self.chosen_thesis is not None:
            return self.chosen_thesis
        thesis = self.model.thesis
        return thesis.id if thesis and thesis.id in self.model.statements else None

    def statement(self, item_id: str) -> Statement:
        return self.model.statements[item_id]

    @cached_property
    def evaluation(self) -> Evaluation:
        """The map's labels with nothing assumed (computed once, on first use)."""
        from .evaluate import evaluate

        return evaluate(self.graph)

    def evaluate(self, assume: Mapping[str, str] | None = None, require_support: bool = False) -> Evaluation:
        """The map's labels under these options; the cached :attr:`evaluation` when there are none."""
        if not assume and not require_support:
            return self.evaluation
        from .evaluate import evaluate

        return evaluate(self.graph, assume=assume, require_support=require_support)

    @cached_property
    def paragraph_starts(self) -> list[int] | None:
        """Where each paragraph of the source text starts (:mod:`argmap.paragraphs`); None without a text."""
        source = self.model.source
        if source is None or source.text is None:
            return None
        from .paragraphs import paragraph_starts

        return paragraph_starts(source.text)

    def quote_place(self, quote: str) -> int | None:
        """The paragraph number of ``quote`` in the source text, or None (no text, or not found there).

        A quote with gaps (``…``, ``[the]``) that is not in the text verbatim gives the paragraph where
        AM107 finds its pieces in order, the first piece's."""
        starts = self.paragraph_starts
        source = self.model.source
        if starts is None or source is None or source.text is None:
            return None
        from .paragraphs import paragraph_of
        from .quotegaps import TooManyTries, find_pieces, folded_paragraphs, has_gaps, quote_pieces

        place = paragraph_of(source.text, quote, starts)
        if place is not None or not has_gaps(quote):
            return place
        if self._folded_paragraphs is None:
            self._folded_paragraphs = folded_paragraphs(source.text, starts)
        try:
            found = find_pieces(quote_pieces(quote), self._folded_paragraphs)
        except TooManyTries:
            return None
        return None if found is None else found[0]

    @cached_property
    def suggester(self) -> Suggester:
        return Suggester(list(self.model.statements) + list(self.model.arguments))

    def hint(self, name: str) -> str:
        """The did-you-mean for a node named on the command line: an id, or ``FROM:TO`` for an inference."""
        if ":" not in name:
            return self.suggester.hint(name)
        spelled = [node.replace("->", ":") for node in self.graph.inferences() if "->" in node]
        return Suggester(spelled).hint(name)
