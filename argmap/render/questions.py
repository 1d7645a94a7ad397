"""`argmap questions` as text or JSON: each argument's scheme, its premises' roles and its critical questions.

Pure functions of :func:`argmap.schemes.map_questions`'s result, registered by name in
:data:`QUESTIONS_FORMATS` (the command's ``--format`` choices). Every id here is an id
the loader accepted (ASCII letters, digits, ``-`` and ``_``) and every other text
comes from the packaged catalogue, so nothing from a map needs escaping.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..schemes import ArgumentQuestions, prompt

NO_SCHEMES = ("No argument of this map names a scheme from the catalogue: give a linked argument "
              "`scheme: expert-opinion` or another id that docs/schemes.md lists")


def questions_text(items: list[ArgumentQuestions]) -> str:
    """One block per argument: its scheme, the roles to fill, and each question answered (by whom) or open.

    Examples
    --------
    >>> from argmap.schemes import QuestionStatus, catalogue
    >>> scheme = catalogue()["sign"]
    >>> item = ArgumentQuestions("a", scheme, tuple(QuestionStatus(q, ("s",) if q.id == "finding" else ())
    ...                                              for q in scheme.questions))
    >>> print(questions_text([item]).splitlines()[0])
    Argument `a`: Argument from sign (sign), 1 of 3 critical questions answered
    """
    if not items:
        return NO_SCHEMES + "\n"
    blocks = []
    for item in items:
        scheme = item.scheme
        answered = sum(1 for status in item.questions if not status.open)
        lines = [(f"Argument `{item.argument}`: {scheme.name} ({scheme.id}), "
                  f"{answered} of {len(item.questions)} critical questions answered"),
                 "  Premises, as the scheme puts them:"]
        lines += [f"    - {role}" for role in scheme.premises]
        lines.append(f"  Conclusion: {scheme.conclusion}")
        lines.append("  Critical questions:")
        for status in item.questions:
            question = status.question
            if status.open:
                lines.append(f"    [open]     {question.id}: {question.ask}")
                lines.append(f"               {prompt(item.argument, question)}")
            else:
                by = ", ".join(f"`{stmt}`" for stmt in status.answered_by)
                lines.append(f"    [answered] {question.id}: {question.ask} (answered by {by})")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def questions_json(items: list[ArgumentQuestions]) -> str:
    """The same as a JSON document: ``{"arguments": [...]}``, one object per argument with a catalogue scheme."""
    arguments = []
    for item in items:
        scheme = item.scheme
        arguments.append({
            "id": item.argument,
            "scheme": {"id": scheme.id, "name": scheme.name, "premises": list(scheme.premises),
                       "conclusion": scheme.conclusion},
            "questions": [{"id": status.question.id, "question": status.question.ask,
                           "answered_by": list(status.answered_by), "open": status.open,
                           "prompt": prompt(item.argument, status.question) if status.open else None}
                          for status in item.questions],
        })
    return json.dumps({"arguments": arguments}, indent=2, ensure_ascii=False) + "\n"


QUESTIONS_FORMATS: dict[str, Callable[[list[ArgumentQuestions]], str]] = {"text": questions_text,
                                                                           "json": questions_json}
"""``argmap questions --format`` choice -> renderer."""
