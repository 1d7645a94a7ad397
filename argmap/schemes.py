"""Argumentation schemes and their critical questions: the catalogue, and which questions a map answers.

The catalogue (``argmap/data/schemes.yaml``, read with :mod:`importlib.resources`)
holds Walton's schemes: each has a name, its premises' roles, its conclusion and its
critical questions, after D. Walton, C. Reed and F. Macagno, *Argumentation Schemes*
(Cambridge University Press, 2008), chapter 9. An argument names its scheme with
``scheme:``; a statement answers one of the scheme's questions with ``answers:
{argument: ID, question: QID}`` and, to say what the answer does, supports, attacks or
undercuts something of that argument.

What ``scheme:`` holds is read in three ways (:func:`scheme_kind`): a catalogue id
(``expert-opinion``); an author's own id (``x-…``); or, when it has a space, a
description in words, as format v1 always allowed. Anything else without a space is
taken for a catalogue id that is misspelt or missing (AM110).

Everything here is a pure function of the model or the map's context; nothing prints.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from .model import Argument, ArgumentMap, Position, Statement
from .suggest import Suggester

if TYPE_CHECKING:
    from .context import MapContext

SCHEME_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
"""A catalogue id: lower case letters and digits in words joined by hyphens."""

CATALOGUE, OWN, DESCRIPTION, UNKNOWN = "catalogue", "own", "description", "unknown"
"""What an argument's ``scheme:`` is (:func:`scheme_kind`)."""


class CatalogueError(Exception):
    """The packaged catalogue is malformed (a bug in argmap, caught by its tests)."""


@dataclass(frozen=True)
class Question:
    """A critical question: its short id (what ``answers`` names) and the question in words."""

    id: str
    ask: str


@dataclass(frozen=True)
class Scheme:
    """An argumentation scheme: its id, name, the roles of its premises, its conclusion and its questions."""

    id: str
    name: str
    premises: tuple[str, ...]
    conclusion: str
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class QuestionStatus:
    """One critical question of an argument, and the statements that answer it (none: it is open)."""

    question: Question
    answered_by: tuple[str, ...]

    @property
    def open(self) -> bool:
        return not self.answered_by


@dataclass(frozen=True)
class ArgumentQuestions:
    """An argument with a catalogue scheme and the state of each of its critical questions."""

    argument: str
    scheme: Scheme
    questions: tuple[QuestionStatus, ...]

    @property
    def open(self) -> list[Question]:
        return [status.question for status in self.questions if status.open]


@cache
def catalogue() -> dict[str, Scheme]:
    """The packaged schemes by id, in the catalogue's order (read once).

    Examples
    --------
    >>> scheme = catalogue()["expert-opinion"]
    >>> scheme.name, [q.id for q in scheme.questions][:3]
    ('Argument from expert opinion', ['expertise', 'field', 'opinion'])
    """
    import yaml

    text = resources.files("argmap").joinpath("data/schemes.yaml").read_text(encoding="utf-8")
    return parse_catalogue(yaml.safe_load(text))


def parse_catalogue(data: object) -> dict[str, Scheme]:
    """Schemes from the catalogue's YAML data; :class:`CatalogueError` for anything malformed."""
    if not isinstance(data, dict):
        raise CatalogueError("the catalogue must be a mapping of scheme ids")
    schemes = {}
    for scheme_id, body in data.items():
        if not isinstance(scheme_id, str) or not SCHEME_ID.match(scheme_id) or not isinstance(body, dict):
            raise CatalogueError(f"bad scheme {scheme_id!r}")
        questions = tuple(Question(_text(item.get("id"), scheme_id), _text(item.get("ask"), scheme_id))
                          for item in body.get("questions") or () if isinstance(item, dict))
        premises = tuple(_text(role, scheme_id) for role in body.get("premises") or ())
        if not questions or not premises:
            raise CatalogueError(f"scheme {scheme_id!r} needs premises and questions")
        schemes[scheme_id] = Scheme(scheme_id, _text(body.get("name"), scheme_id), premises,
                                    _text(body.get("conclusion"), scheme_id), questions)
    return schemes


def _text(value: object, scheme_id: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"scheme {scheme_id!r}: {value!r} is not text")
    return value


def scheme_kind(scheme: str) -> str:
    """How an argument's ``scheme:`` reads: a catalogue id, the author's own (``x-``), a description, or unknown.

    Examples
    --------
    >>> [scheme_kind(s) for s in ["analogy", "x-mine", "argument from precedent", "analogie"]]
    ['catalogue', 'own', 'description', 'unknown']
    """
    if scheme in catalogue():
        return CATALOGUE
    if scheme.startswith("x-"):
        return OWN
    if any(char.isspace() for char in scheme):
        return DESCRIPTION
    return UNKNOWN


def scheme_of(argument: Argument) -> Scheme | None:
    """The catalogue scheme an argument names, or None."""
    return catalogue().get(argument.scheme) if argument.scheme else None


def scheme_words(argument: Argument) -> str:
    """An argument's scheme as a reader is shown it: a catalogue scheme's name, else its ``scheme:`` as written
    ("" without one).

    Examples
    --------
    >>> from argmap.model import Argument, Position
    >>> [scheme_words(Argument("a", Position(1, 1), [], None, s)) for s in ("sign", "x-mine", None)]
    ['Argument from sign', 'x-mine', '']
    """
    return scheme_name(argument.scheme or "")


def scheme_name(scheme: str) -> str:
    """A ``scheme:`` as a reader is shown it: the catalogue's name for a catalogue id, else as written.

    Examples
    --------
    >>> scheme_name("precedent"), scheme_name("argument from precedent")
    ('Argument from precedent', 'argument from precedent')
    """
    known = catalogue().get(scheme)
    return known.name if known is not None else scheme


def suggest_scheme(scheme: str) -> str | None:
    """The catalogue id closest to a misspelt one (one edit away, or the same but for case), or None.

    Examples
    --------
    >>> suggest_scheme("expert-opinon"), suggest_scheme("Analogy"), suggest_scheme("nothing-like-it")
    ('expert-opinion', 'analogy', None)
    """
    return Suggester(catalogue()).suggest(scheme)


def answer_relates(stmt: Statement, argument: Argument) -> bool:
    """True when ``stmt`` supports, attacks, contradicts or undercuts ``argument``, a premise or its conclusion."""
    parts = {ref.id for ref in argument.premises}
    if argument.conclusion is not None:
        parts.add(argument.conclusion.id)
    for refs in (stmt.supports, stmt.attacks, stmt.contradicts):
        if any(ref.id in parts for ref in refs):
            return True
    return any(u.argument is not None and u.argument.id == argument.id for u in stmt.undercuts)


def answer_issues(model: ArgumentMap) -> Iterator[tuple[Position, str, str]]:
    """The AM002 problems of the map's ``answers`` as (position, message, statement id).

    An answer names an argument with a catalogue scheme and one of that scheme's
    questions, and its statement supports, attacks or undercuts something of that
    argument. An unknown argument is AM004's, not reported here.
    """
    for stmt in model.statements.values():
        for answer in stmt.answers:
            argument = model.arguments.get(answer.argument.id)
            if argument is None:
                continue
            what = f"`answers` of `{stmt.id}`"
            scheme = scheme_of(argument)
            if scheme is None:
                message = (f"{what} names argument `{argument.id}`, which has no catalogue scheme to ask questions; "
                           "name one with `scheme:` (docs/schemes.md)")
                yield answer.argument.pos, message, stmt.id
                continue
            question = answer.question.id
            if scheme.question(question) is None:
                ids = [q.id for q in scheme.questions]
                close = Suggester(ids).suggest(question)
                hint = f" (did you mean `{close}`?)" if close else f"; its questions are {', '.join(ids)}"
                message = f"{what} names the question `{question}`, which `{scheme.id}` does not ask{hint}"
                yield answer.question.pos, message, stmt.id
            if not answer_relates(stmt, argument):
                message = (f"`{stmt.id}` answers a question of `{argument.id}` but does not support, attack or "
                           "undercut it, a premise or its conclusion; add the relation the answer stands for")
                yield answer.pos, message, stmt.id


def answers_by_question(model: ArgumentMap) -> dict[tuple[str, str], list[str]]:
    """(argument id, question id) -> the statements that answer it, in file order."""
    found: dict[tuple[str, str], list[str]] = {}
    for stmt in model.statements.values():
        for answer in stmt.answers:
            found.setdefault((answer.argument.id, answer.question.id), []).append(stmt.id)
    return found


def argument_questions(argument: Argument, answers: Mapping[tuple[str, str], list[str]]) -> ArgumentQuestions | None:
    """The critical questions of ``argument`` and who answers each (``answers`` from :func:`answers_by_question`);
    None when it has no catalogue scheme."""
    scheme = scheme_of(argument)
    if scheme is None:
        return None
    return ArgumentQuestions(argument.id, scheme, tuple(
        QuestionStatus(q, tuple(answers.get((argument.id, q.id), ()))) for q in scheme.questions))


def map_questions(model: ArgumentMap) -> list[ArgumentQuestions]:
    """Every argument with a catalogue scheme and its critical questions, in file order."""
    answers = answers_by_question(model)
    found = (argument_questions(argument, answers) for argument in model.arguments.values())
    return [item for item in found if item is not None]


_ANSWERS: weakref.WeakKeyDictionary[MapContext, dict[tuple[str, str], list[str]]] = weakref.WeakKeyDictionary()


def open_questions(ctx: MapContext, argument_id: str) -> list[Question]:
    """The critical questions of an argument that no statement answers; [] without a catalogue scheme.

    The map's answers are gathered once per context, so asking for every argument costs
    time in proportion to the map.
    """
    argument = ctx.model.arguments.get(argument_id)
    if argument is None or scheme_of(argument) is None:
        return []
    answers = _ANSWERS.get(ctx)
    if answers is None:
        answers = _ANSWERS[ctx] = answers_by_question(ctx.model)
    found = argument_questions(argument, answers)
    return found.open if found is not None else []


def prompt(argument_id: str, question: Question) -> str:
    """What to do about an open question, in plain words.

    Examples
    --------
    >>> print(prompt("a", Question("field", "Is E an expert in that field?")))
    Not answered yet: where the answer weakens the argument, attack a premise or undercut it; where it backs it, \
support a premise; mark that statement `answers: {argument: a, question: field}`
    """
    return ("Not answered yet: where the answer weakens the argument, attack a premise or undercut it; where it "
            f"backs it, support a premise; mark that statement `answers: {{argument: {argument_id}, "
            f"question: {question.id}}}`")
