"""`argmap schema`: the JSON Schema of format v1 agrees with the loader and is committed fresh."""

from __future__ import annotations

import re

import jsonschema
import pytest
import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from argmap.cli import app
from argmap.loader import (
    ARGUMENT_KEYS,
    EVIDENCE_KEYS,
    REQUIRED_TOP_KEYS,
    SOURCE_KEYS,
    STATEMENT_KEYS,
    TOP_KEYS,
    load_bytes,
    load_map,
)
from argmap.rules import RULES
from argmap.schema import map_schema, schema_json
from conftest import REPO, assert_no_traceback

COMMITTED = REPO / "docs" / "argmap.schema.json"

# YAML 1.2 core schema, as the YAML language server in editors reads plain scalars.
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


def as_editor_sees_it(text: str):
    """The JSON value an editor's YAML 1.2 language server makes of a map."""

    def value(node):
        if isinstance(node, MappingNode):
            return {key.value: value(item) for key, item in node.value}
        if isinstance(node, SequenceNode):
            return [value(item) for item in node.value]
        assert isinstance(node, ScalarNode)
        raw = node.value
        if node.style:  # quoted or block text
            return raw
        if _NULL.fullmatch(raw):
            return None
        if _BOOL.fullmatch(raw):
            return raw.lower() == "true"
        if _INT.fullmatch(raw):
            return int(raw, 0) if raw[:2] in ("0o", "0x") else int(raw)
        if _FLOAT.fullmatch(raw):
            return float(raw.replace("inf", "Infinity").replace("Inf", "Infinity").replace("INF", "Infinity"))
        return raw

    return value(yaml.compose(text, Loader=yaml.SafeLoader))


@pytest.fixture(scope="module")
def validator():
    schema = map_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def schema_errors(validator, text: str) -> list[str]:
    return [error.message for error in validator.iter_errors(as_editor_sees_it(text))]


def loader_codes(text: str) -> list[str]:
    loaded = load_bytes(text.encode("utf-8"), "m.yaml")
    return [issue.code for issue in loaded.issues]


def test_schema_is_draft_07_and_valid(validator):
    assert map_schema()["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_committed_schema_is_fresh(runner):
    result = runner.invoke(app, ["schema"])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    assert result.stdout == schema_json()
    assert COMMITTED.read_text(encoding="utf-8") == result.stdout, (
        "docs/argmap.schema.json is stale: run `make docs` and commit the result")


def test_schema_keys_are_the_loaders():
    schema = map_schema()
    definitions = schema["definitions"]
    assert list(schema["properties"]) == list(TOP_KEYS)
    assert schema["required"] == list(REQUIRED_TOP_KEYS)
    assert list(definitions["claim"]["properties"]) == list(STATEMENT_KEYS)
    assert list(definitions["counterclaim"]["properties"]) == list(STATEMENT_KEYS)
    assert list(definitions["evidence"]["properties"]) == list(EVIDENCE_KEYS)
    assert list(definitions["argument"]["properties"]) == list(ARGUMENT_KEYS)
    assert list(definitions["source"]["properties"]) == list(SOURCE_KEYS)
    ignorable = [r for r in RULES.values() if not r.structural]  # what a statement's `ignore:` may name
    assert set(definitions["rule"]["enum"]) == {r.code for r in ignorable} | {r.name for r in ignorable}
    assert "AM004" not in definitions["rule"]["enum"] and "AM101" in definitions["rule"]["enum"]


def test_a_loader_key_without_a_type_breaks_generation(monkeypatch):
    import argmap.schema

    monkeypatch.setattr(argmap.schema, "STATEMENT_KEYS", STATEMENT_KEYS + ("strength",))
    with pytest.raises(KeyError, match="strength"):
        argmap.schema.map_schema()


def test_every_map_in_arguments_validates(validator):
    maps = sorted(p for p in (REPO / "arguments").rglob("*") if p.suffix in (".yaml", ".yml"))
    assert maps
    for path in maps:
        text = path.read_text(encoding="utf-8")
        assert schema_errors(validator, text) == [], path
        assert "AM002" not in [issue.code for issue in load_map(path).issues], path


HEAD = "argmap: 1\ntitle: T\nthesis: t\n"

# Maps the loader reads without a schema error (AM002): the schema must accept them too.
VALID = {
    "ids as text": HEAD + "claims:\n  t: {text: T, supports: [no, '010']}\n  no: {text: N}\n  '010': {text: O}\n",
    "numbers and booleans as text": HEAD + "claims:\n  t: {text: 2025, note: true, tags: [1, x]}\n",
    "dates stay text": HEAD + "source: {date: 2025-09-03, title: ~}\nclaims:\n  t: {text: T}\n",
    "empty sections": HEAD + "claims:\n  t: {text: T}\ncounterclaims:\nevidence: ~\narguments:\n",
    "extensions everywhere": HEAD + "x-a: [1]\nclaims:\n  x-b: anything\n  t: {text: T, x-c: {d: 1}}\n"
                                    "arguments:\n  a: {premises: [t], conclusion: t, x-e: 1}\n",
    "undercut forms": HEAD + "claims:\n  t: {text: T}\n  u: {text: U, undercuts: [a, {from: u, to: t}]}\n"
                             "arguments:\n  a: {premises: [u], conclusion: t}\n",
    "ignore by code and name": HEAD + "claims:\n  t: {text: T, ignore: AM101}\n"
                                      "  u: {text: U, ignore: [unsupported-claim, AM104]}\n",
    "evidence keys": HEAD + "claims:\n  t: {text: T}\nevidence:\n  e: {text: E, source: S, quote: Q, supports: t}\n",
    "description may be empty": HEAD + "description: ''\nclaims:\n  t: {text: T}\n",
}

# Maps with schema errors: the loader reports AM002, and the schema rejects them.
INVALID = {
    "missing title": "argmap: 1\nthesis: t\nclaims:\n  t: {text: T}\n",
    "missing claims": HEAD,
    "unknown top key": HEAD + "claim:\n  t: {text: T}\nclaims:\n  t: {text: T}\n",
    "version 2": "argmap: 2\ntitle: T\nthesis: t\nclaims:\n  t: {text: T}\n",
    "version as text": "argmap: '1'\ntitle: T\nthesis: t\nclaims:\n  t: {text: T}\n",
    "missing text": HEAD + "claims:\n  t: {note: N}\n",
    "id over 200 characters": HEAD + "claims:\n  t: {text: T}\n  " + "a" * 201 + ": {text: A}\n",
    "text over 10,000 characters": HEAD + "claims:\n  t: {text: " + "x" * 10_001 + "}\n",
    "empty text": HEAD + "claims:\n  t: {text: '  '}\n",
    "null text": HEAD + "claims:\n  t: {text: ~}\n",
    "misspelt key": HEAD + "claims:\n  t: {text: T, suports: t}\n",
    "quote on a claim": HEAD + "claims:\n  t: {text: T, quote: Q}\n",
    "implicit yes": HEAD + "claims:\n  t: {text: T, implicit: yes}\n",
    "implicit quoted": HEAD + "claims:\n  t: {text: T, implicit: 'true'}\n",
    "tags not a list": HEAD + "claims:\n  t: {text: T, tags: x}\n",
    "bad id": HEAD + "claims:\n  t: {text: T}\n  'two words': {text: W}\n",
    "id with a dot": HEAD + "claims:\n  t: {text: T}\n  a.b: {text: W}\n",
    "statement not a mapping": HEAD + "claims:\n  t: T\n",
    "claims a list": HEAD + "claims: [t]\n",
    "supports a mapping": HEAD + "claims:\n  t: {text: T, supports: {a: b}}\n",
    "undercut lacks to": HEAD + "claims:\n  t: {text: T}\n  u: {text: U, undercuts: {from: u}}\n",
    "undercut unknown key": HEAD + "claims:\n  t: {text: T}\n  u: {text: U, undercuts: {from: u, to: t, via: x}}\n",
    "empty premises": HEAD + "claims:\n  t: {text: T}\narguments:\n  a: {premises: [], conclusion: t}\n",
    "premises not a list": HEAD + "claims:\n  t: {text: T}\narguments:\n  a: {premises: t, conclusion: t}\n",
    "argument without conclusion": HEAD + "claims:\n  t: {text: T}\narguments:\n  a: {premises: [t]}\n",
    "unknown source key": HEAD + "source: {titel: X}\nclaims:\n  t: {text: T}\n",
    "unknown rule in ignore": HEAD + "claims:\n  t: {text: T, ignore: [AM999]}\n",
    "rule code in lower case": HEAD + "claims:\n  t: {text: T, ignore: am101}\n",
    "control character": HEAD + 'claims:\n  t: {text: "bell \\a"}\n',
    "empty note": HEAD + "claims:\n  t: {text: T, note: ''}\n",
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_loader_and_schema_accept(validator, name):
    text = VALID[name]
    assert "AM002" not in loader_codes(text), loader_codes(text)
    assert schema_errors(validator, text) == []


@pytest.mark.parametrize("name", sorted(INVALID))
def test_loader_and_schema_reject(validator, name):
    text = INVALID[name]
    assert "AM002" in loader_codes(text), loader_codes(text)
    assert schema_errors(validator, text), f"the schema accepts a map the loader rejects: {name}"
