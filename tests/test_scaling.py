"""A scaling guard that is not a timing: the work each step does grows at most linearly.

The work is counted as Python function calls (cProfile's count, which does not
depend on the machine or its load) on generated maps of 1,000 and 4,000 statements
(bench/generate.py, fixed seeds). Four times the map may cost at most 4.6 times the
calls: a quadratic step anywhere (a pairwise comparison, a search per statement, a
re-sort per item) would make it 16 times. Timings are the benchmark's business
(`make bench`, docs/performance.md), not the tests'.
"""

from __future__ import annotations

import cProfile
import pstats
import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

from generate import broken_map, generate_map  # noqa: E402

from argmap.checker import check_file  # noqa: E402
from argmap.context import MapContext  # noqa: E402
from argmap.evaluate import evaluate  # noqa: E402
from argmap.loader import load_map  # noqa: E402

SMALL, LARGE = 1000, 4000
LIMIT = 4.6


def calls(function, *args) -> int:
    profile = cProfile.Profile()
    profile.enable()
    function(*args)
    profile.disable()
    return pstats.Stats(profile).total_calls


@pytest.fixture(scope="module")
def maps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scaling")
    paths = {}
    for n in (SMALL, LARGE):
        paths[n] = folder / f"m{n}.yaml"
        paths[n].write_text(generate_map(n), encoding="utf-8")
        paths["broken", n] = folder / f"broken{n}.yaml"
        paths["broken", n].write_text(broken_map(n), encoding="utf-8")
    return paths


def growth(step, maps, key=lambda n: n) -> float:
    small, large = (calls(step, maps[key(n)]) for n in (SMALL, LARGE))
    return large / small


def test_check_grows_linearly(maps):
    ratio = growth(check_file, maps)
    assert ratio < LIMIT, f"check: {ratio:.2f} times the work for 4 times the map"


def test_check_of_a_map_full_of_errors_grows_linearly(maps):
    # did-you-mean suggestions, duplicate reports and cycle reports on every other line
    ratio = growth(check_file, maps, key=lambda n: ("broken", n))
    assert ratio < LIMIT, f"check of a broken map: {ratio:.2f} times the work for 4 times the map"


def test_evaluation_grows_linearly(maps):
    contexts = {n: MapContext(load_map(maps[n]).model) for n in (SMALL, LARGE)}
    ratio = growth(lambda ctx: evaluate(ctx.graph), contexts)
    assert ratio < LIMIT, f"evaluate: {ratio:.2f} times the work for 4 times the map"


def test_cruxes_grow_linearly():
    """The crux search of a map whose thesis stands (seed 1 of the generator), attack cycles included:
    a trial relabels what the candidate unsettles, not the graph, so all trials together stay linear."""
    from argmap.evaluate import crux_search
    from argmap.loader import load_bytes

    contexts = {}
    for n in (SMALL, LARGE):
        contexts[n] = MapContext(load_bytes(generate_map(n, seed=1).encode(), f"m{n}.yaml").model)
        assert contexts[n].evaluation.labels[contexts[n].thesis] == "accepted"
    small, large = (calls(lambda ctx: crux_search(ctx.thesis, ctx.evaluation), contexts[n]) for n in (SMALL, LARGE))
    assert crux_search(contexts[LARGE].thesis, contexts[LARGE].evaluation).candidates > 2500
    assert large / small < LIMIT, f"cruxes: {large / small:.2f} times the work for 4 times the map"


def test_views_grow_linearly(maps):
    from argmap.render.dot import dot_source
    from argmap.render.mermaid import export as mermaid
    from argmap.views.tree import build_tree, max_depth_for_width, tree_lines

    contexts = {n: MapContext(load_map(maps[n]).model) for n in (SMALL, LARGE)}

    def tree(ctx):  # as `argmap tree` draws it on an 80-column terminal
        tree_lines(ctx, build_tree(ctx, None, max_depth_for_width(80)), None, 80, ascii=True)

    for name, view in (("tree", tree), ("dot", dot_source), ("mermaid", mermaid)):
        ratio = growth(view, contexts)
        assert ratio < LIMIT, f"{name}: {ratio:.2f} times the work for 4 times the map"


def test_the_guard_catches_a_quadratic_step(maps):
    """The guard itself: a deliberately quadratic step fails it."""
    def quadratic(path):
        ids = list(load_map(path).model.statements)
        return sum(1 for a in ids for b in ids if a < b and len(a) < 0)

    small, large = calls(quadratic, maps[SMALL]), calls(quadratic, maps[LARGE])
    assert large / small > LIMIT
