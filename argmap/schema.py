"""A JSON Schema (draft-07) of map format v1, for editors' YAML language servers.

The schema is generated from the loader's own tables (:data:`~argmap.loader.TOP_KEYS`,
:data:`~argmap.loader.STATEMENT_KEYS`, :data:`~argmap.loader.ID_PATTERN` ...) and the
rule registry, so the two cannot drift: a key the loader accepts without a type here
makes :func:`map_schema` raise, and a test fails. ``docs/argmap.schema.json`` is this
schema, written by ``make docs``.

The schema checks what JSON Schema can: keys, types, ids, required keys. What needs
the whole map (references, cycles, duplicate keys, the quotes' source text) is left
to ``argmap check``. Values are as a YAML 1.2 language server reads them: a text
field also accepts a plain number or boolean (argmap keeps ``2025`` as the text
``2025``), and ``implicit: yes`` is the string ``yes``, not a boolean, as argmap says.
"""

from __future__ import annotations

from .loader import (
    ANSWER_KEYS,
    ARGUMENT_KEYS,
    EVIDENCE_KEYS,
    FORMAT_VERSION,
    ID_PATTERN,
    INCLUDE_KEYS,
    MAX_ID_CHARS,
    MAX_TEXT_CHARS,
    REQUIRED_TOP_KEYS,
    SOURCE_KEYS,
    STATEMENT_KEYS,
    TOP_KEYS,
    UNDERCUT_KEYS,
)
from .model import SECTION_KIND
from .textsafe import CONTROL

DRAFT = "http://json-schema.org/draft-07/schema#"
EXTENSION = "^x-"


def _ecma_class(pattern: str) -> str:
    r"""A regex written with ``\uXXXX`` escapes for control characters, which both ECMA 262 and Python read."""
    return "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF
                   else c for c in pattern)


def id_regex() -> str:
    """The loader's id pattern as an ECMA 262 regex, without the ``x-`` extensions."""
    body = ID_PATTERN.pattern
    assert body.endswith("*\\Z"), body
    return f"^(?!x-){body[:-3]}{{0,{MAX_ID_CHARS - 1}}}$"  # and at most MAX_ID_CHARS long


def _ref(name: str) -> dict:
    return {"$ref": f"#/definitions/{name}"}


def _described(schema: dict, description: str) -> dict:
    if "$ref" in schema:  # draft-07 ignores keywords beside a `$ref`
        return {"description": description, "allOf": [schema]}
    return {**schema, "description": description}


def _object(keys: tuple[str, ...], types: dict[str, dict], required: tuple[str, ...] = (),
            description: str | None = None) -> dict:
    """An object with exactly ``keys`` (each typed by ``types``) and free ``x-`` extensions."""
    schema: dict = {"type": "object"}
    if description:
        schema["description"] = description
    if required:
        schema["required"] = list(required)
    schema["properties"] = {key: types[key] for key in keys}  # KeyError: a loader key without a type
    schema["patternProperties"] = {EXTENSION: {"description": "A free extension key: argmap ignores it."}}
    schema["additionalProperties"] = False
    return schema


def _section(item: str, description: str, nullable: bool) -> dict:
    schema = {
        "type": "object",
        "description": description,
        "patternProperties": {id_regex(): _ref(item), EXTENSION: {}},
        "additionalProperties": False,
    }
    return {"anyOf": [schema, {"type": "null"}]} if nullable else schema


def _statement_types() -> dict[str, dict]:
    refs = _ref("refs")
    return {
        "text": _described(_ref("required-text"), "What the statement says (required, not empty)."),
        "supports": _described(refs, "The claims, counterclaims or evidence this statement supports."),
        "attacks": _described(refs, "The statements this statement attacks."),
        "contradicts": _described(refs, "The statements this statement contradicts (symmetric: each attacks "
                                        "the other)."),
        "undercuts": _described(_ref("undercuts"), "Inferences this statement attacks: an argument id, or "
                                                   "{from, to} naming a `supports` relation, or a list of these."),
        "by": _described(_ref("required-text"), "Who asserts it, when it is not the author."),
        "implicit": {"type": "boolean", "description": "An unstated assumption the reader supplies."},
        "tags": {"type": "array", "items": _ref("required-text"), "description": "Free labels."},
        "note": _described(_ref("required-text"), "A note for readers of the map."),
        "ignore": _described(_ref("rules"), "Rules silenced for problems about this statement, by code or name "
                                            "(`argmap rules` lists them)."),
        "source": _described(_ref("required-text"), "Where the evidence comes from."),
        "quote": _described(_ref("required-text"), "The verbatim words the evidence rests on."),
        "weight": {"type": "number", "minimum": 0, "maximum": 1,
                   "description": "The statement's strength taken by itself, from 0 to 1 (0.5 when not given): "
                                  "it decides which side of an attack prevails and is the base score of the "
                                  "weighted semantics."},
        "answers": _described(_ref("answers"), "The critical questions this statement answers: {argument, question} "
                                               "naming an argument with a catalogue scheme and one of its questions, "
                                               "or a list of these; the statement also supports, attacks or "
                                               "undercuts that argument, a premise or its conclusion."),
    }


def map_schema() -> dict:
    """The JSON Schema of format v1.

    Examples
    --------
    >>> schema = map_schema()
    >>> schema["$schema"], schema["required"]
    ('http://json-schema.org/draft-07/schema#', ['argmap', 'title'])
    >>> sorted(schema["definitions"]["claim"]["properties"]) == sorted(STATEMENT_KEYS)
    True
    """
    from .rules import RULES

    statement = _statement_types()
    argument_types = {
        "premises": {"type": "array", "minItems": 1, "items": _ref("ref"),
                     "description": "The statements that together support the conclusion (one or more)."},
        "conclusion": _described(_ref("ref"), "The statement the premises support together."),
        "scheme": _described(_ref("required-text"), "The kind of reasoning: a catalogue scheme's id "
                                                    "(`expert-opinion`, docs/schemes.md), an `x-` id of your own, or "
                                                    "a description in words."),
        "note": _described(_ref("required-text"), "A note for readers of the map."),
    }
    top_types = {
        "argmap": {"type": "integer", "enum": [FORMAT_VERSION], "description": "The format version."},
        "title": _described(_ref("required-text"), "The map's title."),
        "thesis": _described(_ref("ref"), "The central claim: an id under `claims` (or a claim of an included "
                                           "library, ALIAS.ID when it is included with an alias). Required, "
                                           "except in a library."),
        "library": {"type": "boolean", "description": "True for a library: statements for maps to include, "
                                                      "with no thesis."},
        "include": {"type": "array", "items": _ref("include"),
                    "description": "Libraries whose statements this file uses: paths relative to its folder, "
                                   "inside the repository, each alone or as {path, as: ALIAS}."},
        "source": _ref("source"),
        "description": _described(_ref("text"), "What the map is about."),
        "claims": _section("claim", "The author's claims, the thesis among them. Required in a map that "
                                    "includes no library.", nullable=False),
        "counterclaims": _section("counterclaim", "The other side's claims that the text reports and answers.",
                                  nullable=True),
        "evidence": _section("evidence", "Facts, data and quotes, each with a source.", nullable=True),
        "arguments": _section("argument", "Linked arguments: premises that only work together.", nullable=True),
    }
    assert set(SECTION_KIND) <= set(top_types), SECTION_KIND
    ignorable = [rule for rule in RULES.values() if not rule.structural]  # a broken map cannot be silenced
    codes = [rule.code for rule in ignorable] + [rule.name for rule in ignorable]
    control = _ecma_class(CONTROL.pattern)
    path = {"type": "string", "minLength": 1, "pattern": "\\S", "description": "A path relative to the folder "
                                                                              "of the file that includes it."}
    alias = {"type": "string", "pattern": id_regex(), "description": "The alias: the library's ids are seen as "
                                                                     "ALIAS.ID."}
    scalar_text = {"type": "string", "maxLength": MAX_TEXT_CHARS, "not": {"pattern": control}}
    definitions = {
        "text": {"description": "Text, or nothing. A plain number or boolean is read as the text it is written as.",
                 "anyOf": [scalar_text, {"type": ["number", "boolean", "null"]}]},
        "required-text": {"description": "Text that is not empty.",
                          "anyOf": [{**scalar_text, "pattern": "\\S"}, {"type": ["number", "boolean"]}]},
        "ref": {"description": "The id of a statement or argument, read as text.",
                "anyOf": [{"type": "string", "minLength": 1}, {"type": ["number", "boolean"]}]},
        "refs": {"anyOf": [_ref("ref"), {"type": "array", "items": _ref("ref")}]},
        "undercut": {"anyOf": [_ref("ref"), _object(UNDERCUT_KEYS, {"from": _ref("ref"), "to": _ref("ref")},
                                                    required=UNDERCUT_KEYS)],
                     "description": "An argument's id, or `{from: A, to: B}`: A's support of B, or A's attack or "
                                    "contradiction of B (an \"even if\" answer)."},
        "undercuts": {"anyOf": [_ref("undercut"), {"type": "array", "items": _ref("undercut")}]},
        "answer": _object(ANSWER_KEYS, {"argument": _described(_ref("ref"), "The id of a linked argument."),
                                        "question": _described(_ref("ref"), "The id of a critical question of "
                                                                            "the argument's scheme.")},
                          required=ANSWER_KEYS, description="An answer to a critical question."),
        "answers": {"anyOf": [_ref("answer"), {"type": "array", "items": _ref("answer")}]},
        "include": {"anyOf": [path, _object(INCLUDE_KEYS, {"path": path, "as": alias}, required=("path",))],
                    "description": "A library: its path, or `{path: PATH, as: ALIAS}` to see its statements as "
                                   "ALIAS.ID."},
        "rule": {"type": "string", "enum": codes,
                 "description": "A rule's code or name; the structural rules (AM001-AM008) cannot be ignored."},
        "rules": {"anyOf": [_ref("rule"), {"type": "array", "items": _ref("rule")}]},
        "source": _object(SOURCE_KEYS, {key: _ref("text") for key in SOURCE_KEYS},
                          description="The text being mapped; `text_file` is a path relative to the map's "
                                      "folder, and evidence quotes are checked against it."),
        "claim": _object(STATEMENT_KEYS, statement, ("text",), "A claim."),
        "counterclaim": _object(STATEMENT_KEYS, statement, ("text",),
                                "A claim of the other side: a claim in every respect."),
        "evidence": _object(EVIDENCE_KEYS, statement, ("text",), "A fact, figure or quote."),
        "argument": _object(ARGUMENT_KEYS, argument_types, ("premises", "conclusion"), "A linked argument."),
    }
    schema: dict[str, object] = {
        "$schema": DRAFT,
        "title": f"argmap map, format v{FORMAT_VERSION}",
        "description": "An argument map: claims, evidence and counterclaims. Generated by `argmap schema`; "
                       "`argmap check` checks what a schema cannot (references, cycles, duplicates).",
    }
    schema.update(_object(TOP_KEYS, top_types, REQUIRED_TOP_KEYS))
    # A library names no thesis; a map names one and holds claims unless it includes libraries.
    schema["if"] = {"required": ["library"], "properties": {"library": {"const": True}}}
    schema["then"] = {"not": {"required": ["thesis"]}}
    schema["else"] = {"required": ["thesis"], "anyOf": [{"required": ["claims"]}, {"required": ["include"]}]}
    schema["definitions"] = definitions
    return schema


def schema_json() -> str:
    """The schema as the text ``argmap schema`` prints and ``docs/argmap.schema.json`` holds."""
    import json

    return json.dumps(map_schema(), indent=2, ensure_ascii=False) + "\n"
