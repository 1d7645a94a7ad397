"""Fuzzing: mutated maps never crash, hang or inject, whatever is wrong with them.

Hypothesis starts from the maps in ``arguments/`` and from small generated maps, then
mutates them twice over: as data (random YAML values in every field, deleted, added
and renamed keys, wrong types, random relation targets, shared and self-containing
values, which the dumper writes as anchors and aliases, deep nesting) and as bytes
(truncation, random bytes, control characters, duplicated and deleted lines, plain
scalars such as a 5,000-digit number, deep flow and block nesting, anchors, aliases,
merge keys, Python tags, other encodings). For every mutant each command must exit
0, 1 or 2 without a traceback and in bounded time.

Most examples run in this process through typer's ``CliRunner``; a few run as real
processes (``python -m argmap``). Runs are derandomized (the same examples every
time, for reproducible CI) and use no example database. When a test fails,
Hypothesis prints the shrunk map it failed on: add it to tests/corpus/hostile/.
"""

from __future__ import annotations

import copy
import datetime
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import REPO, examples
from test_hostile import (
    LIMIT_SECONDS,
    Invoked,
    assert_sane,
    injected_commands,
    invoke,
    raw_controls,
    run_many,
)

COMMANDS = {
    "check": ["check", "--no-config"],
    "evaluate": ["evaluate"],
    "tree": ["tree", "--ascii"],
    "render": ["render", "--format", "dot", "-o", "-"],
    "mermaid": ["export", "--to", "mermaid"],
}
REPORTS = ["text", "grouped", "json", "github", "sarif", "junit"]

SEEDS = {path.name: yaml.safe_load(path.read_text(encoding="utf-8"))
         for path in sorted((REPO / "arguments").glob("*.yaml"))}
"""The real maps as Python data; mutations start from a deep copy."""

FUZZ_SETTINGS = dict(
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],  # no slow "explain" phase
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@pytest.fixture(scope="module")
def folder():
    """A folder for the mutants, holding the real maps' source texts (for `text_file` and quotes)."""
    path = Path(tempfile.mkdtemp(prefix="argmap-fuzz-"))
    for text in (REPO / "arguments").glob("*.txt"):
        shutil.copy(text, path / text.name)
    yield path
    shutil.rmtree(path, ignore_errors=True)


# -- what goes into a map --------------------------------------------------------------------


SECTIONS = ("claims", "counterclaims", "evidence")
TOP_KEYS = ("argmap", "title", "thesis", "source", "description", "claims", "counterclaims", "evidence", "arguments")
STATEMENT_KEYS = ("text", "supports", "attacks", "contradicts", "undercuts", "by", "implicit", "tags", "note",
                  "ignore", "source", "quote")
OTHER_KEYS = ("premises", "conclusion", "scheme", "from", "to", "title", "author", "publisher", "url", "date",
              "text_file", "x-extension", "<<", "Claims", "txt", "")
ALL_KEYS = TOP_KEYS + STATEMENT_KEYS + OTHER_KEYS
RELATIONS = ("supports", "attacks", "contradicts", "undercuts")

ID_POOL = ("t", "a", "b", "c", "e1", "e2", "arg", "no", "on", "true", "010", "1.10", "x-ext", "A_b-c", "bad id",
           "é", "-x", "x" * 101, "t\x1b[31m")
"""Ids and references: valid ones, YAML 1.1 words read as ids, and invalid ones."""

HOSTILE_TEXT = (
    "", " ", "~", "null", "yes", "no", "0x1F", "1e3", ".inf", ".nan", "2025-09-03", "- x", "*a", "&a", "<<", "!!str",
    "[", "{", "}", "#", "'", '"', "\\", "%", "@", "`", ":", "? x", "|", ">",
    "[red]x[/]", "[link=https://evil.example/]click[/link]", '"}\\', "]]>", "<b>&amp;</b>", "%%{init: {}}%%",
    "::error::x", "x\n::error::x", "\x1b[31mred", "\x1b]8;;https://evil.example/\x1b\\", "\x07", "\x9b2J", "\r",
    "\x00", "\x7f", "\u202e", "\u2028", "\ufeff", "\ud800", "x" * 10_001, "word " * 40, "9" * 5000,
)
"""Text that is special to YAML, to a renderer, to a terminal or to argmap's limits."""

PLAIN_SCALARS = ("1", "1" * 5000, "-1", "+1", "01", "0x1", "1e400", ".nan", "~", "null", "true", "yes", "no", "''",
                 '""', "[]", "{}", "-", "?", "!!binary aGk=", "!!python/name:os.system", "!local x", "&a x", "*a",
                 "*missing", "\"\\ud800\"", "\"\\e[31m\"", "'\t'", "|\n  block", ">-\n  folded")
"""Plain YAML written into a line as it is, where the dumper would have quoted it."""

CONTROL_CHARS = ("\x00", "\x07", "\x08", "\t", "\x0b", "\x0c", "\r", "\x1b", "\x1b[2J", "\x7f", "\x85", "\x9b",
                 "\xa0", "\u2028", "\u202e", "\ufeff", "\ufffe", "\U0010ffff")

huge_numbers = st.sampled_from((5000, -4400, 64, -63)).map(lambda n: 10**n - 1 if n > 1000 else -(10**-n)
                                                           if n < -1000 else 2**n if n > 0 else -(2**-n) - 1)
"""Integers past Python's 4,300-digit limit on int(str), and past 64 bits (made lazily: their repr fails)."""

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), huge_numbers,
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20), st.sampled_from(HOSTILE_TEXT),
    st.sampled_from(ID_POOL), st.dates(min_value=datetime.date(1, 1, 1)),
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(ALL_KEYS) | st.text(max_size=6), children, max_size=4),
    max_leaves=10,
)
references = st.one_of(
    st.sampled_from(ID_POOL), st.lists(st.sampled_from(ID_POOL), max_size=4),
    st.fixed_dictionaries({"from": st.sampled_from(ID_POOL), "to": st.sampled_from(ID_POOL)}),
    st.lists(st.fixed_dictionaries({"from": st.sampled_from(ID_POOL), "to": st.sampled_from(ID_POOL)}), max_size=2),
    values,
)


VALID_IDS = ("t", "a", "b", "c", "e1", "e2", "arg", "no", "on", "010", "A_b-c")
"""Ids a sound map may use, YAML 1.1 words among them."""
plain_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=30).filter(
    str.strip)
"""Text a sound map may hold: no control characters, not blank."""


@st.composite
def generated_maps(draw, sound: bool = False) -> dict:
    """A small map made from scratch: statements in every section, relations among its ids.

    A ``sound`` map uses valid ids, printable texts and references to its own
    statements only, so that most such maps pass `check` and reach the views; the
    others draw ids, references and texts from the hostile pools.
    """
    pool = VALID_IDS if sound else ID_POOL[:12]
    ids = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=8, unique=True))
    text = plain_text if sound else plain_text | st.sampled_from(HOSTILE_TEXT)
    kinds = {item: draw(st.sampled_from(SECTIONS + ("arguments",))) for item in ids}
    kinds[ids[0]] = "claims"  # the thesis
    statements = [item for item in ids if kinds[item] != "arguments"]
    data: dict = {"argmap": 1, "title": draw(text), "thesis": ids[0]}
    supports: list[tuple[str, str]] = []
    related: set[frozenset] = set()  # a sound map relates two statements once (AM007)

    def targets(item: str, relation: str) -> list[str]:
        if not sound:
            return draw(st.lists(st.sampled_from(statements) | st.sampled_from(ID_POOL), min_size=1, max_size=3))
        # Support only points back to earlier statements, so it never goes round in a circle (AM006).
        choices = statements[: statements.index(item)] if relation == "supports" else statements
        choices = [other for other in choices if other != item and frozenset((item, other)) not in related]
        found = draw(st.lists(st.sampled_from(choices), max_size=3, unique=True)) if choices else []
        related.update(frozenset((item, other)) for other in found)
        return found

    for item in ids:
        section = kinds[item]
        if section == "arguments":
            premises = targets(item, "premises") if not sound else draw(
                st.lists(st.sampled_from(statements), min_size=1, max_size=3, unique=True))
            conclusion = draw(st.sampled_from([s for s in statements if s not in premises] or statements))
            body = {"premises": premises, "conclusion": conclusion}
        else:
            body = {"text": draw(text)}
            for relation in draw(st.lists(st.sampled_from(RELATIONS), max_size=3, unique=True)):
                if relation == "undercuts":
                    if not sound:
                        body[relation] = draw(references)
                    elif supports:
                        source, goal = draw(st.sampled_from(supports))
                        if item not in (source, goal):
                            body[relation] = {"from": source, "to": goal}
                    continue
                found = targets(item, relation)
                if found:
                    body[relation] = found[0] if len(found) == 1 and draw(st.booleans()) else found
                    if relation == "supports":
                        supports += [(item, goal) for goal in found]
            if draw(st.booleans()):
                body["implicit"] = draw(st.booleans())
            if section == "evidence":
                body["source"] = draw(text)
        data.setdefault(section, {})[item] = body
    return data


FIELDS = ([("top", key) for key in TOP_KEYS] * 3
          + [("source", key) for key in ("title", "author", "publisher", "url", "date", "text_file")]
          + [("statement", key) for key in STATEMENT_KEYS]
          + [("argument", key) for key in ("premises", "conclusion", "scheme", "note")])
"""Every field of the format, as (where, key); the top-level ones, which every map has, weigh three times."""
field_values = st.one_of(values, huge_numbers, st.sampled_from(HOSTILE_TEXT), references)


def set_field(data, field: tuple[str, str], value, draw) -> None:
    """Give ``field`` the ``value`` in ``data``: at the top, in ``source``, or in a random statement or argument."""
    where, key = field
    if not isinstance(data, dict):
        return
    if where == "top":
        data[key] = value
        return
    if where == "source":
        if not isinstance(data.get("source"), dict):
            data["source"] = {}
        data["source"][key] = value
        return
    sections = ["arguments"] if where == "argument" else [name for name in SECTIONS if isinstance(data.get(name), dict)]
    items = [(name, item) for name in sections if isinstance(data.get(name), dict) for item in data[name]]
    if not items:
        return
    name, item = draw(st.sampled_from(items))
    if isinstance(data[name][item], dict):
        data[name][item][key] = value


def positions(node) -> list[tuple]:
    """Every (container, key) in ``node``, depth first; a value seen twice is walked once."""
    found, seen, stack = [], set(), [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        items = current.items() if isinstance(current, dict) else enumerate(current)
        for key, value in list(items):
            found.append((current, key))
            if isinstance(value, (dict, list)):
                stack.append(value)
    return found


@st.composite
def data_mutants(draw) -> object:
    """A seed or generated map with up to four mutations of its data."""
    start = draw(st.sampled_from(("seed", "sound", "hostile")))
    if start == "seed":
        data = copy.deepcopy(SEEDS[draw(st.sampled_from(sorted(SEEDS)))])
    else:
        data = draw(generated_maps(sound=start == "sound"))
    for _ in range(draw(st.sampled_from((0, 0, 1, 2, 4)))):
        places = positions(data)
        if not places:
            break
        container, key = draw(st.sampled_from(places))
        action = draw(st.sampled_from(("field", "field", "field", "value", "delete", "add", "relation", "share",
                                       "rename", "deep")))
        if action == "field":
            set_field(data, draw(st.sampled_from(FIELDS)), draw(field_values), draw)
        elif action == "value":
            container[key] = draw(values)
        elif action == "delete":
            del container[key]
        elif action == "add":
            target = container[key] if isinstance(container[key], dict) else container
            if isinstance(target, dict):
                target[draw(st.sampled_from(ALL_KEYS) | st.text(max_size=8))] = draw(values)
            else:
                target.append(draw(values))
        elif action == "relation":
            statement = container[key]
            if isinstance(statement, dict):
                statement[draw(st.sampled_from(RELATIONS))] = draw(references)
        elif action == "share":  # the same object twice: an anchor and an alias, perhaps inside itself
            other, other_key = draw(st.sampled_from(places))
            container[key] = other[other_key]
        elif action == "rename" and isinstance(container, dict):
            container[draw(st.sampled_from(ID_POOL))] = container.pop(key)
        elif action == "deep":
            value = container[key]
            for _ in range(draw(st.integers(1, 200))):
                value = [value] if draw(st.booleans()) else {"k": value}
            container[key] = value
    return data


def dump(data, draw) -> bytes:
    """``data`` as YAML in one of the dumper's styles (block, flow, canonical...)."""
    options = dict(
        default_flow_style=draw(st.sampled_from((False, True, None))),
        allow_unicode=draw(st.booleans()),
        width=draw(st.sampled_from((20, 80, 10**6))),
        indent=draw(st.sampled_from((2, 4))),
        sort_keys=draw(st.booleans()),
        explicit_start=draw(st.booleans()),
        canonical=draw(st.integers(0, 9)) == 7,  # rarely: it writes `!!int "1"`, which argmap refuses
    )
    digits = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)  # the dumper writes huge integers; argmap must read them with the limit on
    try:
        return yaml.safe_dump(data, **options).encode("utf-8", errors="surrogatepass")
    except (yaml.YAMLError, RecursionError, ValueError):  # what the dumper itself cannot write
        return yaml.safe_dump({"argmap": 1, "title": "T", "thesis": "t", "claims": {"t": {"text": "x"}}}).encode()
    finally:
        sys.set_int_max_str_digits(digits)


def _value_start(line: bytes) -> int:
    index = line.find(b": ")
    return index + 2 if index >= 0 else (len(line) - len(line.lstrip(b" -")))


@st.composite
def byte_mutants(draw, data: bytes) -> bytes:
    """``data`` with zero to three byte-level mutations."""
    for _ in range(draw(st.sampled_from((0, 0, 0, 1, 1, 2, 3)))):
        lines = data.split(b"\n")
        at = draw(st.integers(0, len(data)))
        row = draw(st.integers(0, max(0, len(lines) - 1)))
        line = lines[row]
        start = _value_start(line)
        action = draw(st.sampled_from((
            "truncate", "bytes", "control", "duplicate", "delete", "swap", "indent", "plain", "deep", "alias",
            "python", "merge", "encoding", "garbage")))
        if action == "truncate":
            data = data[:at]
        elif action == "bytes":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        elif action == "control":
            data = data[:at] + draw(st.sampled_from(CONTROL_CHARS)).encode("utf-8", "surrogatepass") + data[at:]
        elif action == "duplicate":  # a repeated key, or a repeated id
            lines.insert(row, line)
            data = b"\n".join(lines)
        elif action == "delete":
            del lines[row]
            data = b"\n".join(lines)
        elif action == "swap":
            other = draw(st.integers(0, max(0, len(lines) - 1)))
            lines[row], lines[other] = lines[other], lines[row]
            data = b"\n".join(lines)
        elif action == "indent":
            lines[row] = b" " * draw(st.integers(0, 6)) + line.lstrip(b" ")
            data = b"\n".join(lines)
        elif action == "plain":
            lines[row] = line[:start] + draw(st.sampled_from(PLAIN_SCALARS)).encode()
            data = b"\n".join(lines)
        elif action == "deep":
            depth = draw(st.sampled_from((50, 300, 999, 1001, 3000)))
            kind = draw(st.sampled_from(("flow-list", "flow-map", "block")))
            if kind == "flow-list":
                nested = b"[" * depth + b"x" + b"]" * depth
            elif kind == "flow-map":
                nested = b"{a: " * depth + b"x" + b"}" * depth
            else:
                nested = b"\n" + b" " * (len(line) - len(line.lstrip(b" ")) + 2) + b"- " * depth + b"x"
            lines[row] = line[:start] + nested
            data = b"\n".join(lines)
        elif action == "alias":  # anchor one value and repeat it further down, or before it is defined
            other = draw(st.integers(0, max(0, len(lines) - 1)))
            lines[row] = line[:start] + b"&a " + line[start:]
            target = lines[other]
            lines[other] = target[:_value_start(target)] + b"*a"
            data = b"\n".join(lines)
        elif action == "python":
            tag = draw(st.sampled_from((b"!!python/object/apply:os.system ['echo argmap-ran-python'] ",
                                        b"!!python/name:os.system ", b"!!binary ", b"!include ")))
            lines[row] = line[:start] + tag + line[start:]
            data = b"\n".join(lines)
        elif action == "merge":
            indent = line[: len(line) - len(line.lstrip(b" "))]
            lines.insert(row, indent + b"<<: *a")
            data = b"\n".join(lines)
        elif action == "encoding":
            form = draw(st.sampled_from(("utf-16", "utf-16-be", "latin-1", "bom", "crlf", "cr", "tabs")))
            text = data.decode("utf-8", errors="replace")
            if form == "bom":
                data = b"\xef\xbb\xbf" + data
            elif form == "crlf":
                data = data.replace(b"\n", b"\r\n")
            elif form == "cr":
                data = data.replace(b"\n", b"\r")
            elif form == "tabs":
                data = data.replace(b"  ", b"\t")
            else:
                data = text.encode(form, errors="replace")
        else:
            data = draw(st.binary(max_size=200))
    return data


@st.composite
def mutants(draw) -> bytes:
    """A mutated map's bytes."""
    return draw(byte_mutants(dump(draw(data_mutants()), draw)))


def write_map(folder: Path, data: bytes) -> Path:
    path = folder / "map.yaml"
    path.write_bytes(data)
    return path


def assert_ends_cleanly(result: Invoked) -> None:
    """Exit 0, 1 or 2, no exception (re-raised, so Hypothesis tells bugs apart by where they are), in time."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.code in (0, 1, 2), result.describe()
    assert b"Traceback" not in result.output, result.describe()
    assert result.seconds < LIMIT_SECONDS, result.describe()


# -- the properties -------------------------------------------------------------------------------


@settings(max_examples=examples(500), **FUZZ_SETTINGS)
@given(data=mutants())
def test_every_command_ends_cleanly_in_process(folder, data):
    path = write_map(folder, data)
    check = invoke(*COMMANDS["check"], path)
    assert_ends_cleanly(check)
    for name in ("evaluate", "tree", "render", "mermaid"):
        result = invoke(*COMMANDS[name], path)
        assert_ends_cleanly(result)
        # A view draws a sound map (exit 0) and refuses one with errors (exit 1), as check judges it.
        assert result.code == check.code, f"check exited {check.code}\n{result.describe()}"
    assert not (folder / "argmap-ran-python").exists()


@settings(max_examples=examples(12), **FUZZ_SETTINGS)
@given(data=mutants(), view=st.sampled_from(["evaluate", "tree", "render", "mermaid"]))
def test_every_command_ends_cleanly_as_a_process(folder, data, view):
    path = write_map(folder, data)
    for run in run_many([[*COMMANDS["check"], str(path)], [*COMMANDS[view], str(path)]], cwd=folder):
        assert_sane(run)


ESCAPES = ("\x1b[31m", "\x1b]8;;https://evil.example/\x1b\\", "\x07", "\x9b2J", "\r", "\x85", "\x08", "\x7f",
           "\n::error::injected", "::warning::injected", "\n  ::add-mask::x", "%0A::error::x")
hostile_strings = st.builds(lambda a, b, c: a + b + c, st.sampled_from(("", "a", "t", "id ")),
                            st.sampled_from(ESCAPES), st.sampled_from(("", "b", ".yaml")))


@st.composite
def escaping_maps(draw) -> bytes:
    """A map whose ids, references, keys and texts hold terminal escapes and workflow commands."""
    data = draw(generated_maps())
    for _ in range(draw(st.integers(1, 4))):
        section = data[draw(st.sampled_from([key for key in SECTIONS + ("arguments",) if key in data]))]
        if not section:
            continue
        item = draw(st.sampled_from(sorted(section)))
        where = draw(st.sampled_from(("id", "reference", "key", "text", "title")))
        if where == "id":
            section[draw(hostile_strings)] = section.pop(item)
        elif where == "reference" and isinstance(section[item], dict):
            section[item][draw(st.sampled_from(RELATIONS))] = draw(hostile_strings)
        elif where == "key" and isinstance(section[item], dict):
            section[item][draw(hostile_strings)] = "x"
        elif where == "text" and isinstance(section[item], dict):
            section[item]["text"] = draw(hostile_strings)
        else:
            data["title"] = draw(hostile_strings)
    return yaml.safe_dump(data, allow_unicode=draw(st.booleans())).encode("utf-8")


@settings(max_examples=examples(40), **FUZZ_SETTINGS)
@given(data=escaping_maps(), report=st.sampled_from(REPORTS))
def test_no_escape_or_workflow_command_reaches_any_output(folder, data, report):
    path = write_map(folder, data)
    runs = [invoke("check", "--no-config", "--format", report, path)]
    runs += [invoke(*COMMANDS[name], path) for name in ("evaluate", "tree", "render", "mermaid")]
    for result in runs:
        assert_ends_cleanly(result)
        assert not raw_controls(result.output), f"raw control characters\n{result.describe()}"
        assert not injected_commands(result.output, github=report == "github"), result.describe()
