"""Diagrams that print: `render --paper`, `--landscape`, `--split`, the direction they choose, a compact key.

The PDFs are read with poppler's `pdfinfo` and `pdftotext` (the size their text prints at with
pypdf), the layouts with Graphviz's `dot -Tjson`; `make test` installs both (its `system-packages` target), and a missing one
is a failure that says so, never a skip.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from argmap.checker import check_file
from argmap.cli import app
from argmap.render import paper
from argmap.views.tree import build_tree
from conftest import REPO, assert_no_traceback, write_map

FLAGSHIP = REPO / "arguments" / "beijing-parade.yaml"
SMALL = REPO / "arguments" / "relations-tour.yaml"
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
SVG = "{http://www.w3.org/2000/svg}"


def program(name: str) -> str:
    """The path of a program the tests need; a failure (not a skip) when it is missing."""
    found = shutil.which(name)
    assert found, f"`{name}` is missing: run `make test`, which installs it (poppler-utils, graphviz)"
    return found


def render(runner, *args):
    result = runner.invoke(app, ["render", *map(str, args)])
    assert_no_traceback(result)
    return result


def shown(result) -> str:
    return f"exit {result.exit_code}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def pdf_info(path) -> dict[str, str]:
    done = subprocess.run([program("pdfinfo"), str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)


def page_size(path) -> tuple[float, float]:
    """The first page's media box in points, as `pdfinfo` reads it."""
    match = re.match(r"\s*([\d.]+) x ([\d.]+) pts", pdf_info(path)["Page size"])
    assert match, pdf_info(path)
    return float(match.group(1)), float(match.group(2))


def page_texts(path) -> list[str]:
    """The text of each page (`pdftotext` ends each with a form feed)."""
    done = subprocess.run([program("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\f")[:-1]


def assert_size(found: tuple[float, float], wanted: tuple[float, float]) -> None:
    assert abs(found[0] - wanted[0]) <= 1.5 and abs(found[1] - wanted[1]) <= 1.5, (found, wanted)


def layout(source: str) -> dict:
    done = subprocess.run([program("dot"), "-Tjson"], input=source.encode("utf-8"), capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


def height(bb: str) -> float:
    _, bottom, _, top = map(float, bb.split(","))
    return top - bottom


def key_height(laid_out: dict) -> float:
    """The height of the key in a laid-out diagram: a cluster's box, or the node that holds it."""
    for item in laid_out.get("objects", []):
        name = item.get("name", "")
        if name.startswith("cluster_x_key"):
            return height(item["bb"])
        if name == "x-key":
            return float(item["height"]) * 72
    raise AssertionError("the diagram has no key")


def test_legend_is_a_compact_box_beside_the_diagram(runner):
    result = render(runner, FLAGSHIP, "--legend", "-o", "-")
    assert result.exit_code == 0, shown(result)
    laid_out = layout(result.stdout)
    whole = height(laid_out["bb"])
    assert key_height(laid_out) <= whole / 2, (key_height(laid_out), whole)


def context(path):
    result = check_file(path)
    assert not result.has_errors, result.problems
    return result.context


def wide_map(folder, supporters: int = 15):
    """A thesis with ``supporters`` supporters and nothing else: wide and shallow."""
    lines = ["argmap: 1", "title: Wide", "thesis: t", "claims:", "  t: {text: The thesis of a wide map.}"]
    lines += [f"  s{n}: {{text: 'Supporter number {n} of the thesis, in a few words.', supports: t}}"
              for n in range(supporters)]
    return write_map(folder, "\n".join(lines) + "\n", "wide.yaml")


def large_map(folder, statements: int = 60):
    """A deep and bushy map of ``statements`` statements: too large for one sheet at a readable size."""
    lines = ["argmap: 1", "title: Large", "thesis: s0", "claims:", "  s0: {text: The thesis of a large map.}"]
    lines += [f"  s{n}: {{text: Statement {n} gives a reason for statement {(n - 1) // 3} in a sentence of some "
              f"length., supports: s{(n - 1) // 3}}}" for n in range(1, statements)]
    return write_map(folder, "\n".join(lines) + "\n", "large.yaml")


def rankdir(dot_source: str) -> str:
    return layout(dot_source).get("rankdir", "TB")


def warnings(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if "warning" in line]


@pytest.mark.parametrize(("paper", "landscape", "wanted"), [
    ("a4", False, A4), ("a4", True, A4[::-1]), ("letter", False, LETTER), ("letter", True, LETTER[::-1])],
    ids=["a4", "a4-landscape", "letter", "letter-landscape"])
def test_paper_is_the_pdf_media_box(runner, tmp_path, paper, landscape, wanted):
    out = tmp_path / "case.pdf"
    result = render(runner, FLAGSHIP, "--paper", paper, *(["--landscape"] if landscape else []), "-o", out)
    assert result.exit_code == 0, shown(result)
    info = pdf_info(out)
    assert info["Pages"].strip() == "1", info
    assert_size(page_size(out), wanted)


def svg_print_scale(svg: bytes) -> tuple[tuple[float, float], float, float]:
    """An SVG's size in points, the scale Graphviz drew it at, and its smallest font size before scaling."""
    root = ET.fromstring(svg)
    size = (float(root.get("width", "").removesuffix("pt")), float(root.get("height", "").removesuffix("pt")))
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "graph0")
    scale = re.match(r"scale\(([\d.]+)", graph.get("transform", ""))
    assert scale, graph.get("transform")
    fonts = [float(text.get("font-size", "14")) for text in root.iter(f"{SVG}text")]
    return size, float(scale.group(1)), min(fonts)


def test_a_small_map_prints_readably_without_a_warning(runner, tmp_path):
    out = tmp_path / "small.svg"
    result = render(runner, SMALL, "--paper", "a4", "-o", out)
    assert result.exit_code == 0, shown(result)
    assert not warnings(result), shown(result)
    size, scale, smallest = svg_print_scale(out.read_bytes())
    assert_size(size, A4)
    assert scale * smallest >= 8, (scale, smallest)
    pdf = tmp_path / "small.pdf"
    result = render(runner, SMALL, "--paper", "a4", "-o", pdf)
    assert result.exit_code == 0 and not warnings(result), shown(result)
    assert_size(page_size(pdf), A4)


def test_a_large_map_gets_one_warning_that_tells_the_truth(runner, tmp_path):
    path = large_map(tmp_path)
    out = tmp_path / "large.svg"
    result = render(runner, path, "--paper", "a4", "-o", out)
    assert result.exit_code == 0, shown(result)
    found = warnings(result)
    assert len(found) == 1, shown(result)
    match = re.fullmatch(r"argmap: warning: on A4 the smallest text is (\d+\.\d) pt; try --landscape, --split or "
                         r"--root ID", found[0])
    assert match, found
    _, scale, smallest = svg_print_scale(out.read_bytes())
    assert float(match.group(1)) < 8
    assert abs(float(match.group(1)) - scale * smallest) <= 0.15, (match.group(1), scale, smallest)
    landscape = render(runner, path, "--paper", "a4", "--landscape", "-o", tmp_path / "large.pdf")
    assert [line.split("; try ")[1] for line in warnings(landscape)] == ["--split or --root ID"], shown(landscape)


def test_paper_goes_into_the_dot_and_the_png(runner, tmp_path):
    result = render(runner, SMALL, "--paper", "letter", "-o", "-")
    assert result.exit_code == 0, shown(result)
    laid_out = layout(result.stdout)
    assert laid_out.get("size") and laid_out.get("pad"), {k: v for k, v in laid_out.items() if k[0] != "_"}
    out = tmp_path / "small.png"
    assert render(runner, SMALL, "--paper", "letter", "-o", out).exit_code == 0
    width, height = int.from_bytes(out.read_bytes()[16:20], "big"), int.from_bytes(out.read_bytes()[20:24], "big")
    assert abs(width - 612 * 96 / 72) <= 2 and abs(height - 792 * 96 / 72) <= 2, (width, height)


def test_a_wide_shallow_map_turns_to_read_from_the_left(runner, tmp_path):
    path = wide_map(tmp_path)
    chosen = render(runner, path, "--paper", "a4", "-o", "-")
    assert chosen.exit_code == 0, shown(chosen)
    assert rankdir(chosen.stdout) in ("RL", "LR")
    kept = render(runner, path, "--direction", "BT", "--paper", "a4", "-o", "-")
    assert kept.exit_code == 0, shown(kept)
    assert rankdir(kept.stdout) == "BT"
    unprinted = render(runner, path, "-o", "-")
    assert rankdir(unprinted.stdout) == "BT" and "pad=" not in unprinted.stdout


def test_split_gives_a_page_per_top_level_line_each_with_the_thesis(runner, tmp_path):
    out = tmp_path / "split.pdf"
    result = render(runner, FLAGSHIP, "--split", "-o", out)
    assert result.exit_code == 0, shown(result)
    view = build_tree(context(FLAGSHIP))
    top = [node.id for node in view.nodes if node.depth == 1]
    wanted = len(top) + (1 if view.unreached else 0)
    assert int(pdf_info(out)["Pages"]) == wanted > 1
    texts = page_texts(out)
    assert len(texts) == wanted
    for number, text in enumerate(texts, 1):
        assert view.root in text, (number, text[:500])
        assert f"part {number} of {wanted}" in text, (number, text[:500])
    for item, text in zip(top, texts):
        assert item in text, (item, text[:500])
    for line in warnings(result):  # a page too full to read is named, and --split-again offered
        assert re.search(r" pt \(part \d+ of \d+: [\w -]+\); try --split-again, ", line), line


def test_split_again_splits_a_page_too_full_to_read_by_its_own_lines(runner, tmp_path):
    out = tmp_path / "split.pdf"
    result = render(runner, FLAGSHIP, "--split-again", "-o", out)
    assert result.exit_code == 0, shown(result)
    view = build_tree(context(FLAGSHIP))
    top = [node.id for node in view.nodes if node.depth == 1]
    wanted = len(top) + (1 if view.unreached else 0)
    texts = page_texts(out)
    assert int(pdf_info(out)["Pages"]) == len(texts) >= wanted > 1
    headings = [re.search(r"part (\d+) of (\d+): ([\w-]+)", " ".join(text.split())) for text in texts]
    assert all(headings), texts
    # Each top-level line has its pages, in order; a page still too full to read is split by its own lines
    # (`part 3 of 6: a, 1 of 4: b`), so a line may take several pages.
    assert [int(h.group(2)) for h in headings] == [wanted] * len(texts)
    firsts = {int(h.group(1)): h.group(3) for h in reversed(headings)}
    assert [firsts[number] for number in range(1, len(top) + 1)] == top
    for number, text in enumerate(texts, 1):
        assert view.root in text, (number, text[:500])  # the thesis heads every page
    assert_size(page_size(out), A4)
    for line in warnings(result):  # a page too full to read, and that cannot be split again, is named
        assert re.search(r" pt \(part \d+ of \d+: [\w -]+(, \d+ of \d+: [\w -]+)*\); try ", line), line


def test_a_page_too_full_to_read_is_split_again_until_it_reads(runner, tmp_path):
    out = tmp_path / "split.pdf"
    result = render(runner, FLAGSHIP, "--split-again", "-o", out)
    assert result.exit_code == 0, shown(result)
    nested = [text for text in page_texts(out) if re.search(r"part \d+ of \d+: [\w-]+, \d+ of \d+: ", text)]
    assert nested  # the flagship's largest line (calculated-convergence) does not fit one A4 page readably
    # the not-reached page is split by the groups of statements that relate to one another
    assert re.search(r"part \d+ of \d+: not reached from [\w-]+, 1 of \d+", " ".join(page_texts(out))), \
        page_texts(out)[-1][:300]
    # at most one page stays under 8 pt (a chain six statements deep that no line splits), and it is named
    assert len(warnings(result)) <= 1 and all(re.search(r"\(part \d+ of \d+: [\w -]+(, \d+ of \d+: [\w -]+)*\)",
                                                         line) for line in warnings(result)), warnings(result)
    sizes = {line.split(":", 1)[1].split("(")[0].strip() for line in pdf_lines(out)
             if line.startswith("Page ") and " size" in line}
    assert sizes == {"595 x 842 pts", "842 x 595 pts"}, sizes  # pages upright and on their side


def pdf_lines(path: Path) -> list[str]:
    """``pdfinfo``'s line for each page's size (``Page    3 size: 842 x 595 pts (A4)``)."""
    done = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True, check=True)
    return [line for line in done.stdout.splitlines() if line.startswith("Page ") and " size:" in line]


def test_split_of_a_lone_thesis_is_one_page(runner, tmp_path):
    path = write_map(tmp_path, "argmap: 1\ntitle: Alone\nthesis: t\nclaims:\n  t: {text: Nothing argues for or against this.}\n")
    out = tmp_path / "alone.pdf"
    result = render(runner, path, "--split", "--paper", "letter", "-o", out)
    assert result.exit_code == 0, shown(result)
    assert pdf_info(out)["Pages"].strip() == "1"
    assert_size(page_size(out), LETTER)
    assert "Nothing argues for" in page_texts(out)[0]


@pytest.mark.parametrize("args", [
    ["--split", "-o", "x.svg"], ["--split", "-o", "-"], ["--split", "-f", "png", "-o", "x.png"],
    ["--landscape", "-o", "x.pdf"], ["--paper", "a4", "-o", "x.html"], ["--paper", "a5", "-o", "x.pdf"]],
    ids=["split-svg", "split-stdout", "split-png", "landscape-alone", "paper-html", "unknown-paper"])
def test_options_that_do_not_go_together_exit_2_with_one_line(runner, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = render(runner, FLAGSHIP, *args)
    assert result.exit_code == 2, shown(result)
    assert len(result.stderr.strip().splitlines()) == 1 or "Usage:" in result.stderr, shown(result)
    assert not list(tmp_path.iterdir())


def test_split_from_a_root(runner, tmp_path):
    path = write_map(tmp_path, """\
        argmap: 1
        title: Rooted
        thesis: t
        claims:
          t: {text: The thesis.}
          a: {text: A reason., supports: t}
          b: {text: A reason for the reason., supports: a}
          c: {text: An objection to the reason., attacks: a}
        """)
    out = tmp_path / "rooted.pdf"
    result = render(runner, path, "--split", "--root", "a", "-o", out)
    assert result.exit_code == 0, shown(result)
    texts = page_texts(out)
    assert len(texts) == 2, texts  # b and c; from a root other than the thesis, the rest of the map is left out
    assert all("A reason." in text and "The thesis." not in text for text in texts), texts
    assert "part 2 of 2: c" in texts[1], texts[1]


def test_without_graphviz_paper_is_one_line_and_exit_2(runner, tmp_path):
    result = runner.invoke(app, ["render", str(SMALL), "--paper", "a4", "-o", "-"], env={"PATH": str(tmp_path)})
    assert_no_traceback(result)
    assert result.exit_code == 2, shown(result)
    assert "Graphviz" in result.stderr and len(result.stderr.strip().splitlines()) == 1, shown(result)


def motion_map(folder, points: int = 4, against: int = 3, under: int = 3):
    """A motion ``t`` with ``points`` points for it and a counter-motion ``c`` that contradicts it, with
    ``against`` points of its own, each point with ``under`` reasons: ``c``'s page is too full to read on A4 and
    its own points are not, and the outline from ``c`` leads back to the whole case through ``t``."""
    reason = "the reason given here in a sentence of some length, so that its box is wide"
    lines = ["argmap: 1", "title: Motion", "thesis: t", "claims:", "  t: {text: The motion should pass.}"]
    for n in range(points):
        lines.append(f"  p{n}: {{text: 'Point {n} for the motion: {reason}.', supports: t}}")
        lines += [f"  p{n}x{m}: {{text: 'Reason {m} for point {n}: {reason}.', supports: p{n}}}" for m in range(under)]
    lines += ["counterclaims:", "  c: {text: The motion should fail., contradicts: t}"]
    for n in range(against):
        lines.append(f"  c{n}: {{text: 'Point {n} against the motion: {reason}.', supports: c}}")
        lines += [f"  c{n}x{m}: {{text: 'Reason {m} against, for point {n}: {reason}.', supports: c{n}}}"
                  for m in range(under)]
    return write_map(folder, "\n".join(lines) + "\n", "motion.yaml")


def smallest_text(path) -> list[float]:
    """The size, in points as printed, of the smallest text on each page of a PDF: each text's font size times
    the scale its text and drawing matrices put it at (pypdf reads them)."""
    from pypdf import PdfReader

    found = []
    for page in PdfReader(path).pages:
        sizes: list[float] = []

        def visit(text, cm, tm, font, size, sizes=sizes):
            if text.strip():
                a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
                c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                sizes.append(size * abs(a * d - b * c) ** 0.5)

        page.extract_text(visitor_text=visit)
        assert sizes, "a page with no text"
        found.append(min(sizes))
    return found


def headings(path) -> list[str]:
    """Each page's heading (``part 5 of 5: c, 1 of 3: c0``; no not-reached page)."""
    found = [re.search(r"part \d+ of \d+: [\w-]+(?:, \d+ of \d+: [\w-]+)*", " ".join(text.split()))
             for text in page_texts(path)]
    assert all(found), page_texts(path)
    return [match.group(0) for match in found if match]


def test_split_again_splits_a_counter_motion_by_its_own_lines_not_back_through_the_thesis(runner, tmp_path):
    path = motion_map(tmp_path)
    once, again = tmp_path / "once.pdf", tmp_path / "again.pdf"
    split = render(runner, path, "--split", "-o", once)
    assert split.exit_code == 0, shown(split)
    assert headings(once)[-1] == "part 5 of 5: c"
    assert smallest_text(once)[-1] < 8, smallest_text(once)  # the counter-motion's page is too full to read
    # its page draws what is under it and the thesis it contradicts, not the thesis's own points
    assert "Point 0 against" in page_texts(once)[-1] and "for the motion" not in page_texts(once)[-1]
    result = render(runner, path, "--split-again", "-o", again)
    assert result.exit_code == 0, shown(result)
    # the contradiction leads back to t, already above: c's page is split by its own three points only
    assert headings(again)[-3:] == [f"part 5 of 5: c, {n} of 3: c{n - 1}" for n in (1, 2, 3)], headings(again)
    assert int(pdf_info(again)["Pages"]) == 7
    for heading, text in zip(headings(again), page_texts(again)):
        if heading.startswith("part 5 of 5: c, "):
            assert "for the motion" not in text, (heading, text[:300])
    # no page prints smaller than the page it was split from
    whole = dict(zip((h.split(",")[0] for h in headings(once)), smallest_text(once)))
    for heading, size in zip(headings(again), smallest_text(again)):
        assert size >= whole[heading.split(",")[0]] - 0.05, (heading, size, whole)
    assert not warnings(result), shown(result)


def test_split_again_from_a_contradiction_names_each_part_once(runner, tmp_path):
    path = motion_map(tmp_path, points=6, against=2, under=5)
    out = tmp_path / "again.pdf"
    result = render(runner, path, "--split-again", "--root", "c", "-o", out)
    assert result.exit_code == 0, shown(result)
    # from c, the line to t holds the whole case: it is split by t's own points, and never back at c
    assert headings(out) == ["part 1 of 3: c0", "part 2 of 3: c1",
                             *(f"part 3 of 3: t, {n + 1} of 6: p{n}" for n in range(6))], headings(out)
    for heading in [*headings(out), *warnings(result)]:  # a warning names its page by the page's heading
        named = re.findall(r": ([\w-]+)", heading.split("warning:")[-1])
        assert len(named) == len(set(named)), heading


def test_a_split_that_prints_smaller_keeps_the_page_whole(monkeypatch, tmp_path):
    ctx = context(write_map(tmp_path, """\
        argmap: 1
        title: T
        thesis: t
        claims:
          t: {text: T}
          a: {text: A, supports: t}
          b: {text: B, supports: a}
          c: {text: C, supports: a}
        """))
    sizes = {"part 1 of 1: a": 6.0, "part 1 of 1: a, 1 of 2: b": 9.0, "part 1 of 1: a, 2 of 2: c": 5.0}

    def fitted(ctx, labels, legend, sheet, direction, part, heading, turn):
        return paper.Fitted("", "BT", 1.0, sizes[heading], heading)

    monkeypatch.setattr(paper, "_fit_page", fitted)
    pages = paper.fit_pages(ctx, None, False, paper.sheet("a4"), levels=paper.MAX_SPLIT_LEVELS)
    assert [page.heading for page in pages] == ["part 1 of 1: a"]  # c's page would print at 5 pt, under a's 6
    sizes["part 1 of 1: a, 2 of 2: c"] = 7.0
    pages = paper.fit_pages(ctx, None, False, paper.sheet("a4"), levels=paper.MAX_SPLIT_LEVELS)
    assert [page.heading for page in pages] == ["part 1 of 1: a, 1 of 2: b", "part 1 of 1: a, 2 of 2: c"]


def test_split_line_parts_hold_only_what_the_page_draws(tmp_path):
    ctx = context(motion_map(tmp_path))
    counter = paper.split_pages(ctx)[-1]
    assert counter.heading == "part 5 of 5: c"
    assert counter.focus.statements == {"t", "c", *(f"c{n}{x}" for n in range(3) for x in ["", "x0", "x1", "x2"])}
    parts = paper.split_line(ctx, counter)  # c's own points; the contradiction back to t gets no part
    assert [part.heading for part in parts] == [f"part 5 of 5: c, {n + 1} of 3: c{n}" for n in range(3)]
    for part in parts:
        assert {"t", "c"} <= part.focus.statements <= counter.focus.statements, part
        assert part.focus.arguments <= counter.focus.arguments, part
    again = paper.split_line(ctx, parts[0])  # split again, each page keeps the statements above it
    assert [(page.heading, set(page.focus.statements)) for page in again] == [
        (f"part 5 of 5: c, 1 of 3: c0, {m + 1} of 3: c0x{m}", {"t", "c", "c0", f"c0x{m}"}) for m in range(3)]


def chain_map(folder, premises: int = 3, under: int = 3):
    """A thesis ``t`` with one supporter ``a``, whose one support is the linked argument ``why`` of ``premises``
    premises, each with ``under`` reasons: ``a``'s page is too full to read on A4, and the only line under ``a``
    is ``why``, so ``a``'s page splits only by the premises under it."""
    reason = "the reason given here in a sentence of some length, so that its box is wide"
    lines = ["argmap: 1", "title: Chain", "thesis: t", "claims:", "  t: {text: The motion should pass.}",
             "  a: {text: 'The one point for the motion.', supports: t}"]
    for n in range(premises):
        lines.append(f"  p{n}: {{text: 'Premise {n} of the point: {reason}.'}}")
        lines += [f"  p{n}x{m}: {{text: 'Reason {m} for premise {n}: {reason}.', supports: p{n}}}"
                  for m in range(under)]
    lines += ["arguments:", f"  why: {{premises: [{', '.join(f'p{n}' for n in range(premises))}], conclusion: a}}"]
    return write_map(folder, "\n".join(lines) + "\n", "chain.yaml")



def test_split_line_goes_down_a_chain_to_where_it_branches(tmp_path):
    ctx = context(chain_map(tmp_path))
    [page] = paper.split_pages(ctx)
    assert page.heading == "part 1 of 1: a"
    parts = paper.split_line(ctx, page)  # a's one line is why: split by why's premises, a and why above each
    assert [(part.heading, set(part.focus.statements), set(part.focus.arguments)) for part in parts] == [
        (f"part 1 of 1: a, {n + 1} of 3: p{n}", {"t", "a", f"p{n}", *(f"p{n}x{m}" for m in range(3))}, {"why"})
        for n in range(3)]
    for part in parts:  # parts of the page, never more
        assert part.focus.statements <= page.focus.statements and part.focus.arguments <= page.focus.arguments
    again = paper.split_line(ctx, parts[0])  # split again, each page keeps the chain above it
    assert [(part.heading, set(part.focus.statements)) for part in again] == [
        (f"part 1 of 1: a, 1 of 3: p0, {m + 1} of 3: p0x{m}", {"t", "a", "p0", f"p0x{m}"}) for m in range(3)]


def test_a_chain_with_nothing_branching_under_it_is_not_split(tmp_path):
    ctx = context(chain_map(tmp_path, premises=1, under=1))  # t <- a <- why <- p0 <- p0x0: one line all the way
    [page] = paper.split_pages(ctx)
    assert paper.split_line(ctx, page) == []


def test_split_again_splits_a_chain_where_it_branches(runner, tmp_path):
    path = chain_map(tmp_path)
    once, again = tmp_path / "once.pdf", tmp_path / "again.pdf"
    split = render(runner, path, "--split", "-o", once)
    assert split.exit_code == 0, shown(split)
    [whole] = smallest_text(once)
    assert whole < 8, whole  # a's page is too full to read
    result = render(runner, path, "--split-again", "-o", again)
    assert result.exit_code == 0, shown(result)
    assert headings(again) == [f"part 1 of 1: a, {n + 1} of 3: p{n}" for n in range(3)], headings(again)
    for n, text in enumerate(page_texts(again)):  # each page: the chain above, and one premise with its reasons
        assert "The one point" in text and f"Premise {n} " in text and f"for premise {n}:" in text, text[:300]
        assert all(f"Premise {other} " not in text for other in range(3) if other != n), text[:300]
    sizes = smallest_text(again)
    assert min(sizes) >= whole - 0.05, (sizes, whole)  # none prints smaller than the page split
    assert not warnings(result), shown(result)
