"""Argumentation schemes: the catalogue, `scheme:` and `answers:` in maps, `argmap questions`, AM109 and AM110."""

from __future__ import annotations

import json
import textwrap

import pytest

from argmap.checker import CheckConfig, check_file
from argmap.cli import app
from argmap.config import Settings
from argmap.context import MapContext
from argmap.loader import load_bytes
from argmap.schemes import (
    CatalogueError,
    catalogue,
    map_questions,
    open_questions,
    parse_catalogue,
    scheme_kind,
)
from conftest import REPO, assert_no_traceback

WALTON = ("expert-opinion", "analogy", "cause-to-effect", "positive-consequences", "negative-consequences", "sign",
          "example", "popular-opinion", "practical-reasoning", "correlation-to-cause", "witness-testimony",
          "precedent", "commitment")
EXPERT_QUESTIONS = ("expertise", "field", "opinion", "trustworthiness", "consistency", "backup")

HEAD = """\
argmap: 1
title: Coffee
thesis: t
claims:
  t: {text: Coffee is safe in moderation}
  expert: {text: Dr Rivera is an expert in nutrition}
  says: {text: Dr Rivera says coffee is safe in moderation}
"""
RIVERA = """\
arguments:
  rivera:
    premises: [expert, says]
    conclusion: t
    scheme: expert-opinion
"""
ANSWERED = HEAD + """\
  cred:
    text: Dr Rivera has published on caffeine for twenty years
    supports: expert
    answers: {argument: rivera, question: expertise}
""" + RIVERA


def write(tmp_path, text: str, name: str = "map.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def codes(result, code: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in result.problems if p.code == code]


# -- the catalogue ---------------------------------------------------------------------


def test_the_catalogue_has_waltons_thirteen_schemes():
    assert set(WALTON) <= set(catalogue())


@pytest.mark.parametrize("scheme_id", WALTON)
def test_each_scheme_has_roles_and_at_least_three_questions_with_unique_ids(scheme_id):
    scheme = catalogue()[scheme_id]
    assert scheme.name and scheme.conclusion and scheme.premises
    ids = [q.id for q in scheme.questions]
    assert len(ids) >= 3 and len(ids) == len(set(ids)), ids
    assert all(isinstance(q.id, str) and q.ask.endswith("?") for q in scheme.questions)


def test_expert_opinion_asks_the_six_questions():
    assert tuple(q.id for q in catalogue()["expert-opinion"].questions) == EXPERT_QUESTIONS


def test_a_malformed_catalogue_is_refused():
    with pytest.raises(CatalogueError):
        parse_catalogue({"sign": {"name": "Sign", "premises": ["B"], "conclusion": "A", "questions": []}})
    with pytest.raises(CatalogueError):  # YAML 1.1 reads `id: true` as a boolean
        parse_catalogue({"x": {"name": "X", "premises": ["B"], "conclusion": "A", "questions": [{"id": True,
                                                                                                 "ask": "Q?"}]}})


def test_the_catalogue_is_package_data():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"argmap" = ["data/*.yaml"]' in text
    assert '"argmap.render" = ["page/*.css", "page/*.js"]' in text


def test_docs_schemes_md_is_generated_from_the_catalogue():
    from argmap.schemes_doc import schemes_markdown

    committed = (REPO / "docs" / "schemes.md").read_text(encoding="utf-8")
    assert committed == schemes_markdown(catalogue().values()), "docs/schemes.md is stale: regenerate it with `make docs`"


# -- scheme: and AM110 -----------------------------------------------------------------


def test_scheme_kinds():
    assert scheme_kind("expert-opinion") == "catalogue"
    assert scheme_kind("x-mine") == "own"
    assert scheme_kind("a free description") == "description"
    assert scheme_kind("expert-opinon") == "unknown"


def test_a_misspelt_scheme_is_am110_with_did_you_mean(tmp_path):
    result = check_file(write(tmp_path, HEAD + RIVERA.replace("expert-opinion", "expert-opinon")))
    assert codes(result, "AM110") == [(12, 13, "Argument `rivera` names the scheme `expert-opinon`, not in the "
                                                "catalogue (did you mean `expert-opinion`?)")]
    assert [p.severity for p in result.problems if p.code == "AM110"] == ["warning"]


def test_an_unknown_scheme_without_a_near_miss_says_what_to_write(tmp_path):
    result = check_file(write(tmp_path, HEAD + RIVERA.replace("expert-opinion", "conjunction")))
    [(_, _, message)] = codes(result, "AM110")
    assert "start your own with `x-`" in message


@pytest.mark.parametrize("scheme", ["x-mine", "a free description", "expert-opinion"])
def test_own_ids_descriptions_and_catalogue_ids_are_silent(tmp_path, scheme):
    result = check_file(write(tmp_path, HEAD + RIVERA.replace("expert-opinion", f'"{scheme}"')))
    assert codes(result, "AM110") == []


def test_a_one_premise_argument_names_a_scheme(tmp_path):
    text = HEAD + RIVERA.replace("[expert, says]", "[says]")
    result = check_file(write(tmp_path, text))
    assert not [p for p in result.problems if p.severity == "error"], result.problems
    [item] = map_questions(result.context.model)
    assert item.argument == "rivera" and item.scheme.id == "expert-opinion"


# -- answers: ----------------------------------------------------------------------------


def test_an_answer_is_read_with_its_positions():
    loaded = load_bytes(ANSWERED.encode(), "map.yaml")
    assert loaded.issues == []
    [answer] = loaded.model.statements["cred"].answers
    assert (answer.argument.id, answer.question.id) == ("rivera", "expertise")
    assert answer.pos.line == 11 and answer.question.pos.line == 11


def test_an_answer_without_a_relation_is_am002(tmp_path):
    result = check_file(write(tmp_path, ANSWERED.replace("    supports: expert\n", "")))
    assert codes(result, "AM002") == [(10, 14, "`cred` answers a question of `rivera` but does not support, attack or "
                                                "undercut it, a premise or its conclusion; add the relation the answer "
                                                "stands for")]


@pytest.mark.parametrize("relation", ["attacks: says", "supports: t", "undercuts: rivera", "contradicts: expert"])
def test_any_relation_to_the_argument_will_do(tmp_path, relation):
    result = check_file(write(tmp_path, ANSWERED.replace("supports: expert", relation)))
    assert codes(result, "AM002") == []


def test_a_relation_to_something_else_is_not_enough(tmp_path):
    text = ANSWERED.replace("supports: expert", "supports: other").replace(
        "  cred:", "  other: {text: Something else, supports: t}\n  cred:")
    result = check_file(write(tmp_path, text))
    assert [m for _, _, m in codes(result, "AM002")] == [
        "`cred` answers a question of `rivera` but does not support, attack or undercut it, a premise or its "
        "conclusion; add the relation the answer stands for"]


def test_an_unknown_question_is_am002_with_did_you_mean(tmp_path):
    result = check_file(write(tmp_path, ANSWERED.replace("question: expertise", "question: expertize")))
    assert codes(result, "AM002") == [(11, 43, "`answers` of `cred` names the question `expertize`, which "
                                               "`expert-opinion` does not ask (did you mean `expertise`?)")]


def test_an_unknown_question_far_from_any_lists_the_questions(tmp_path):
    result = check_file(write(tmp_path, ANSWERED.replace("question: expertise", "question: bias")))
    [(_, _, message)] = codes(result, "AM002")
    assert message.endswith("its questions are " + ", ".join(EXPERT_QUESTIONS))


def test_an_unknown_argument_is_am004(tmp_path):
    result = check_file(write(tmp_path, ANSWERED.replace("argument: rivera", "argument: rivra")))
    assert codes(result, "AM004") == [(11, 25, "`answers` of `cred` names `rivra`, which is not defined "
                                               "(did you mean `rivera`?)")]
    assert codes(result, "AM002") == []


def test_an_answer_naming_a_statement_is_am004(tmp_path):
    result = check_file(write(tmp_path, ANSWERED.replace("argument: rivera", "argument: expert")))
    assert [m for _, _, m in codes(result, "AM004")] == [
        "`answers` of `cred` names `expert`, a statement, where an argument belongs"]


@pytest.mark.parametrize("scheme", ["x-mine", "a free description"])
def test_an_answer_to_an_argument_without_a_catalogue_scheme_is_am002(tmp_path, scheme):
    result = check_file(write(tmp_path, ANSWERED.replace("scheme: expert-opinion", f'scheme: "{scheme}"')))
    [(line, column, message)] = codes(result, "AM002")
    assert (line, column) == (11, 25)
    assert message == ("`answers` of `cred` names argument `rivera`, which has no catalogue scheme to ask questions; "
                       "name one with `scheme:` (docs/schemes.md)")


@pytest.mark.parametrize("value, message", [
    ("{argument: rivera}", "An answer in `answers` of `cred` lacks `question`"),
    ("rivera", "An answer in `answers` of `cred` must be a mapping, not a scalar"),
    ("{argument: rivera, question: expertise, why: x}", "Unknown key `why` in `answers` of `cred`"),
])
def test_a_malformed_answer_is_am002(tmp_path, value, message):
    result = check_file(write(tmp_path, ANSWERED.replace("{argument: rivera, question: expertise}", value)))
    assert [m for _, _, m in codes(result, "AM002")] == [message]


def test_a_list_of_answers(tmp_path):
    text = ANSWERED.replace("{argument: rivera, question: expertise}",
                            "[{argument: rivera, question: expertise}, {argument: rivera, question: field}]")
    result = check_file(write(tmp_path, text))
    assert not [p for p in result.problems if p.severity == "error"]
    [item] = map_questions(result.context.model)
    assert [s.answered_by for s in item.questions][:2] == [("cred",), ("cred",)]


# -- open questions, AM109 ---------------------------------------------------------------


def test_open_questions_of_an_argument():
    ctx = MapContext(load_bytes(ANSWERED.encode(), "map.yaml").model)
    assert [q.id for q in open_questions(ctx, "rivera")] == list(EXPERT_QUESTIONS[1:])
    assert open_questions(ctx, "nothing") == []


def test_am109_is_off_by_default(tmp_path):
    path = write(tmp_path, ANSWERED)
    assert codes(check_file(path), "AM109") == []
    assert "AM109" not in Settings().enabled()


def open_findings(output: str) -> list[str]:
    return [line for line in output.splitlines() if " AM109 " in line]


def test_am109_with_extend_select_reports_each_open_question_and_keeps_the_others(runner, tmp_path):
    path = write(tmp_path, ANSWERED)
    result = runner.invoke(app, ["check", str(path), "--extend-select", "AM109", "--no-config"])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    found = open_findings(result.output)
    assert len(found) == len(EXPERT_QUESTIONS) - 1, result.output
    assert all(f"{path.name}:13:3: AM109 warning Argument `rivera` (expert-opinion) leaves the critical question "
               in line for line in found), found
    assert [line.split("`")[3] for line in found] == list(EXPERT_QUESTIONS[1:])
    assert " AM101 " in result.output  # the others still run


def test_am109_alone_with_select(runner, tmp_path):
    path = write(tmp_path, ANSWERED)
    result = runner.invoke(app, ["check", str(path), "--select", "AM109", "--no-config"])
    assert_no_traceback(result)
    assert len(open_findings(result.output)) == 5, result.output
    assert " AM101 " not in result.output


def test_am109_from_a_configuration_file(runner, tmp_path):
    path = write(tmp_path, ANSWERED)
    (tmp_path / ".argmap.toml").write_text('extend-select = ["open-critical-question"]\n', encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert len(open_findings(result.output)) == 5, result.output
    assert " AM101 " in result.output


def test_am109_counts_every_argument_separately(tmp_path):
    text = ANSWERED + """\
  again:
    premises: [says]
    conclusion: t
    scheme: sign
"""
    result = check_file(write(tmp_path, text), CheckConfig(select={"AM109"}))
    assert len(codes(result, "AM109")) == 5 + len(catalogue()["sign"].questions)


# -- argmap questions ------------------------------------------------------------------


def test_questions_lists_the_answered_and_the_open(runner, tmp_path):
    result = runner.invoke(app, ["questions", str(write(tmp_path, ANSWERED))])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Argument `rivera`: Argument from expert opinion (expert-opinion), 1 of 6 critical questions answered" in out
    assert "E is an expert in the domain D that A belongs to" in out
    assert "[answered] expertise: How credible is E as an expert? (answered by `cred`)" in out
    assert out.count("[open]") == 5
    assert "`answers: {argument: rivera, question: field}`" in out


def test_questions_as_json(runner, tmp_path):
    result = runner.invoke(app, ["questions", str(write(tmp_path, ANSWERED)), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [argument] = data["arguments"]
    assert argument["id"] == "rivera"
    assert argument["scheme"]["id"] == "expert-opinion"
    assert argument["scheme"]["premises"] == list(catalogue()["expert-opinion"].premises)
    questions = {q["id"]: q for q in argument["questions"]}
    assert list(questions) == list(EXPERT_QUESTIONS)
    assert questions["expertise"]["answered_by"] == ["cred"] and not questions["expertise"]["open"]
    assert questions["expertise"]["prompt"] is None
    assert all(questions[q]["open"] and questions[q]["answered_by"] == [] and questions[q]["prompt"]
               for q in EXPERT_QUESTIONS[1:])


def test_questions_without_any_scheme(runner, tmp_path):
    result = runner.invoke(app, ["questions", str(write(tmp_path, HEAD)), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"arguments": []}
    result = runner.invoke(app, ["questions", str(write(tmp_path, HEAD))])
    assert "No argument of this map names a scheme from the catalogue" in result.stdout


def test_questions_of_a_missing_file_exits_2(runner, tmp_path):
    result = runner.invoke(app, ["questions", str(tmp_path / "nope.yaml")])
    assert_no_traceback(result)
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [f"argmap: {tmp_path / 'nope.yaml'}: no such file"]


def test_questions_of_a_map_with_errors_exits_1(runner, tmp_path):
    path = write(tmp_path, ANSWERED.replace("question: expertise", "question: expertize"))
    result = runner.invoke(app, ["questions", str(path)])
    assert_no_traceback(result)
    assert result.exit_code == 1, result.output
    assert "AM002" in result.output and "did you mean `expertise`" in result.output
    assert result.stdout == ""


# -- the Markdown export -----------------------------------------------------------------


def test_the_markdown_export_shows_the_scheme_and_its_open_questions(runner, tmp_path):
    result = runner.invoke(app, ["export", str(write(tmp_path, ANSWERED)), "--to", "markdown"])
    assert result.exit_code == 0, result.output
    assert "**Together** (argument `rivera`, *Argument from expert opinion*):" in result.stdout
    [line] = [line for line in result.stdout.splitlines() if "Open questions" in line]
    asks = [q.ask for q in catalogue()["expert-opinion"].questions]
    assert asks[0] not in line  # answered
    assert all(ask in line for ask in asks[1:])
    import markdown_it

    html = markdown_it.MarkdownIt().render(result.stdout)
    assert "<em>Open questions: " in html


def test_the_flagship_names_catalogue_schemes():
    model = load_bytes((REPO / "arguments" / "beijing-parade.yaml").read_bytes(), "m.yaml").model
    assert {"precedent", "sign"} <= {argument.scheme for argument in model.arguments.values()}
