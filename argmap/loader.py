"""YAML -> model: read a map file into an :class:`~argmap.model.ArgumentMap`.

The file is composed into PyYAML's node tree (with the libyaml-backed loader when
PyYAML has it) and the model is built from the nodes by this module, not by PyYAML's
constructor. That gives every item its line and column, catches duplicate keys
(which ``safe_load`` silently drops), and reads every id and text exactly as written,
never through YAML 1.1's implicit typing (``no`` is an id, not a boolean).

Problems found while loading are returned as :class:`Issue` values (code, position,
message); the engine turns them into problems with severities. Nothing here prints.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .model import (
    NOWHERE,
    SECTION_KIND,
    Answer,
    Argument,
    ArgumentMap,
    Ignore,
    Position,
    Ref,
    Source,
    Statement,
    Undercut,
)
from .textsafe import CONTROL, first_control, shown

if TYPE_CHECKING:
    from .includes import LibraryFiles

try:  # the C parser is several times faster; both report the same marks
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_PLAIN_TAG = {ScalarNode: _STR_TAG, SequenceNode: _SEQ_TAG, MappingNode: _MAP_TAG}


class _YamlLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Compose-only loader that skips YAML 1.1's implicit typing of untagged nodes.

    The model is built from each scalar's text as written, so resolving ``yes`` to a
    boolean is wasted work (a million regular-expression matches on a large map).
    Explicit tags (``!!python/object``) never reach ``resolve`` and are still checked.
    With the pure-Python parser, whose composer is recursive, nesting deeper than
    :data:`MAX_DEPTH` is refused with a position before Python's recursion limit.
    """

    _depth = 0
    budget = sys.maxsize
    """Nodes still allowed (:func:`compose` sets it): each untagged node passes through :meth:`resolve`,
    which counts it down and stops the composer past zero."""

    def resolve(self, kind, value, implicit):
        self.budget -= 1
        if self.budget < 0:
            raise _OverBudget
        return _PLAIN_TAG[kind]

    def descend_resolver(self, parent, index):  # no path resolvers: called per node, does nothing
        pass

    def ascend_resolver(self):
        pass

    def compose_node(self, parent, index):  # only called by the pure-Python composer
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nesting deeper than {MAX_DEPTH} levels", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _OverBudget(Exception):
    """Composing reached the node budget (:func:`compose` then finds where, without composing)."""


class _TooBig(Exception):
    """A limit was exceeded while loading; carries the AM001 issue."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue

FORMAT_VERSION = 1
MAX_FILE_BYTES = 32 * 1024 * 1024
"""Default limit on a map file's size (``--max-bytes``)."""
MAX_TEXT_FILE_BYTES = 32 * 1024 * 1024
MAX_NODES = 1_500_000
"""YAML nodes a map may hold; the 100,000-statement benchmark map has 854,370. Composing costs about
0.6 KiB of memory a node, so this bounds the memory spent before any other limit can look at the map."""
MAX_ALIAS_EXPANSION = 10_000
"""Nodes that aliases may add to what argmap reads: a scalar repeated by an alias counts once wherever it
stands, and a list or mapping each time argmap reads it again, by all its entries (a mapping's keys and values)."""
MAX_STATEMENTS = 150_000
"""Statements a map may hold: every command builds a graph of them and their relations, and the time and
memory limits docs/security.md promises hold up to about this size (the benchmark's largest map has 100,000;
twice that took 16 s and 830 MiB to check on the 2-core machine the benchmark runs on)."""
MAX_RELATIONS = 200_000
"""Relations a map may hold (supports, attacks, contradictions, undercuts, premises and conclusions of
linked arguments): every one becomes edges, and a support an inference node, of the graph that every command
builds. The 100,000-statement benchmark map has 119,050; a few thousand statements that each relate to
hundreds of others (layers that all support the layer above, a clique that all attack each other) would
otherwise take gigabytes and minutes."""
MAX_ID_CHARS = 200
"""Longest id: ids appear in every view and message (YAML's explicit `? key` has no length limit)."""
MAX_TEXT_CHARS = 10_000
"""Longest text field (a statement's text, a note, a quote…), in characters."""
MAX_DEPTH = 200
"""Deepest nesting the pure-Python parser composes (libyaml stops at 1,000 by itself)."""

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")


def valid_id(text: str) -> bool:
    """True when ``text`` is written as an id: :data:`ID_PATTERN`, at most :data:`MAX_ID_CHARS` characters, and
    not an ``x-`` extension (an include's alias is written the same way).

    Examples
    --------
    >>> valid_id("votes-at-16"), valid_id("x-note"), valid_id("a b"), valid_id("a" * 201)
    (True, False, False, False)
    """
    return len(text) <= MAX_ID_CHARS and ID_PATTERN.match(text) is not None and not text.startswith("x-")

TOP_KEYS = ("argmap", "title", "thesis", "library", "include", "source", "description",
            "claims", "counterclaims", "evidence", "arguments")
REQUIRED_TOP_KEYS = ("argmap", "title")
"""Keys every file needs; a map (not ``library: true``) also needs ``thesis``, and ``claims`` unless it includes
libraries."""
SOURCE_KEYS = ("title", "author", "publisher", "url", "date", "text_file")
STATEMENT_KEYS = ("text", "supports", "attacks", "contradicts", "undercuts",
                  "by", "implicit", "tags", "note", "ignore", "weight", "answers")
EVIDENCE_KEYS = STATEMENT_KEYS + ("source", "quote")
ARGUMENT_KEYS = ("premises", "conclusion", "scheme", "note")
_STATEMENT_KEYS = frozenset(STATEMENT_KEYS)
_EVIDENCE_KEYS = frozenset(EVIDENCE_KEYS)
UNDERCUT_KEYS = ("from", "to")
INCLUDE_KEYS = ("path", "as")
"""Keys of an entry of ``include`` written as a mapping: ``{path: PATH, as: ALIAS}``."""
ANSWER_KEYS = ("argument", "question")

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem found while loading, before severities are applied."""

    code: str
    pos: Position
    message: str
    subject: str | None = None
    file: str | None = field(default=None, repr=False)
    """The included library the position is in, as problems show its path; None: the map itself."""


@dataclass(slots=True)
class Loaded:
    """What :func:`load_map` returns: the model (None when the file is unusable) and the issues."""

    model: ArgumentMap | None
    issues: list[Issue] = field(default_factory=list)


def pos_of(node: Node) -> Position:
    """The 1-based position where ``node`` starts."""
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


def load_map(path: str | os.PathLike[str], max_bytes: int = MAX_FILE_BYTES) -> Loaded:
    """Read the map file at ``path``.

    A file that cannot be read, is larger than ``max_bytes``, is not UTF-8 or not
    YAML gives a model of None and an AM001 issue; everything else yields a model,
    possibly with issues. Only regular files are opened, so a FIFO or a device named
    as a map cannot make argmap wait.
    """
    path = Path(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a FIFO, device or socket"
            return Loaded(None, [Issue("AM001", NOWHERE, f"Cannot read the map: it is {kind}, not a regular file")])
        if info.st_size > max_bytes:
            return Loaded(None, [too_large(info.st_size, max_bytes)])
        data = read_regular(path, info, max_bytes + 1)
    except BlockingIOError:
        return Loaded(None, [Issue("AM001", NOWHERE, "Cannot read the map: it would block (a kernel or device file)")])
    except OSError as exc:
        return Loaded(None, [Issue("AM001", NOWHERE, f"Cannot read the map: {exc.strerror or exc}")])
    if len(data) > max_bytes:  # it grew while we looked
        return Loaded(None, [too_large(len(data), max_bytes)])
    return load_bytes(data, str(path), base_dir=path.parent, max_bytes=max_bytes)


def read_regular(path: Path, info: os.stat_result, limit: int) -> bytes:
    """Read at most ``limit`` bytes of the regular file ``info`` describes, without ever waiting.

    Opened non-blocking and checked again on the open descriptor: some kernel files
    (``/proc/kmsg``) call themselves regular and then wait forever for data, and a
    file may be swapped for a FIFO between the ``stat`` and the ``open``.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            raise OSError(0, "it changed while being opened")
        chunks, size = [], 0
        while size < limit:
            chunk = os.read(fd, min(1 << 20, limit - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def too_large(size: int | None, limit: int) -> Issue:
    """The AM001 issue for a map of ``size`` bytes (None: unknown, a stream) over ``limit``."""
    known = f"{size:,} bytes; " if size is not None else ""
    return Issue("AM001", NOWHERE, f"The file is larger than the limit of {limit:,} bytes ({known}see --max-bytes)")


STDIN_NAME = "<stdin>"
"""The path a map read from standard input goes by in problems."""


def load_stream(stream: BinaryIO, max_bytes: int = MAX_FILE_BYTES) -> Loaded:
    """Read a map from ``stream`` (standard input), at most ``max_bytes`` of it.

    A larger map is AM001, as for a file. The map has no folder, so a
    ``source.text_file`` cannot be resolved (AM002).

    Examples
    --------
    >>> import io
    >>> load_stream(io.BytesIO(b"argmap: 1\\n" * 10), max_bytes=50).issues[0].message
    'The file is larger than the limit of 50 bytes (see --max-bytes)'
    """
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return Loaded(None, [too_large(None, max_bytes)])
    return load_bytes(data, STDIN_NAME, base_dir=None)


TextReader = Callable[[str], bytes]
"""Reads ``source.text_file`` from elsewhere than the disk (`argmap diff git:REV:PATH` reads it at REV): given
the path as the map writes it (relative, never climbing out with ``..``), its bytes; FileNotFoundError when it is
not there, another OSError (its ``strerror`` the reason) when it cannot be read."""


def load_bytes(data: bytes, path: str, base_dir: Path | None = None, read_text: TextReader | None = None,
               max_bytes: int = MAX_FILE_BYTES, libraries: LibraryFiles | None = None) -> Loaded:
    """Load a map from its bytes; ``base_dir`` is where ``source.text_file`` and the files named by ``include`` are
    resolved, unless ``read_text`` reads the text and ``libraries`` the included files (`argmap diff git:REV:PATH`
    reads both at REV). The included libraries are merged into the model (:mod:`argmap.includes`); together with
    the map they hold at most ``max_bytes``. Without ``base_dir`` or ``libraries`` (a map read from standard
    input), an ``include`` is AM002.

    Examples
    --------
    >>> loaded = load_bytes(b"argmap: 1\\ntitle: T\\nthesis: t\\nclaims:\\n  t: {text: A claim}\\n", "m.yaml")
    >>> loaded.issues
    []
    >>> loaded.model.statements["t"].pos
    Position(line=5, column=3)
    """
    loaded, includes = build_file(data, path, base_dir, read_text)
    if loaded.model is None or not includes:
        return loaded
    from .includes import DiskFiles, merge_includes

    if libraries is None and base_dir is not None and read_text is None:
        libraries = DiskFiles(base_dir)
    try:
        merge_includes(loaded, includes, libraries, max_bytes - len(data))
        _check_relations(loaded.model)
    except _TooBig as exc:
        return Loaded(None, [exc.issue])
    return loaded


class Include(NamedTuple):
    """An entry of ``include``: the path as written, where, and the alias its statements take (``as``), if any."""

    path: str
    pos: Position
    alias: str | None = None


def build_file(data: bytes, path: str, base_dir: Path | None = None, read_text: TextReader | None = None,
               included: bool = False) -> tuple[Loaded, list[Include]]:
    """One file's model and issues, and the files it includes (not read here). An ``included`` library leaves
    the checks that need the whole map to the map that includes it (:func:`argmap.includes.merge_includes`)."""
    text, issue = decode(data)
    if issue:
        return Loaded(None, [issue]), []
    try:
        root = compose(data, text)
    except yaml.MarkedYAMLError as exc:
        return Loaded(None, [yaml_issue(exc, text)]), []
    except yaml.reader.ReaderError as exc:
        where = offset_position(text, exc.position)
        return Loaded(None, [Issue("AM001", where, f"Invalid YAML: character {exc.character!r} is not allowed")]), []
    except yaml.YAMLError as exc:  # pragma: no cover - other PyYAML errors carry no mark
        return Loaded(None, [Issue("AM001", NOWHERE, f"Invalid YAML: {shown(str(exc), 120)}")]), []
    except RecursionError:  # pragma: no cover - MAX_DEPTH and libyaml's own limit stop it first
        return Loaded(None, [Issue("AM001", NOWHERE, "Invalid YAML: nesting is too deep")]), []
    except _TooBig as exc:
        return Loaded(None, [exc.issue]), []
    if root is None:
        return Loaded(None, [Issue("AM001", NOWHERE, "The file is empty")]), []
    if not isinstance(root, MappingNode):
        return Loaded(None, [Issue("AM001", pos_of(root), f"The top level is {_kind(root)}, not a mapping")]), []
    builder = _Builder(path, base_dir, aliases=b"&" in data and _ANCHOR.search(data) is not None)
    builder.map_text = text
    builder.read_text = read_text
    builder.included = included
    try:
        if builder.counting:
            builder.alias_expansion = scalar_aliases(root)
        model = builder.build(root)
        if model is not None:
            _check_relations(model)
        return Loaded(model, builder.issues), builder.includes
    except _TooBig as exc:
        return Loaded(None, [exc.issue]), []


def _check_relations(model: ArgumentMap) -> None:
    """Refuse a model with more than :data:`MAX_RELATIONS` relations, at the item where the count passes it."""
    count = 0
    for pos, relations in model.relation_counts():
        count += relations
        if count > MAX_RELATIONS:
            raise _TooBig(Issue("AM001", pos, f"The map holds more than {MAX_RELATIONS:,} relations (the limit is "
                                "reached here): every relation becomes part of the graph each command builds"))


_ANCHOR = re.compile(rb"(?:^|[\s\[{,:-])&\S")
"""An anchor (``&name``) where YAML allows one: without anchors there are no aliases to count."""

_NODE_STARTS = (b",", b"[", b"{", b": ", b"- ", b"? ", b"\n")
_NODE_BYTES = (b",", b"[", b"{", b":", b"-", b"?", b"\n")
_NOT_NODE_BYTES = bytes(byte for byte in range(256) if bytes([byte]) not in _NODE_BYTES + (b"!",))


def compose(data: bytes, text: str) -> Node | None:
    """The node tree of the map ``text`` (encoded as ``data``), at most :data:`MAX_NODES` nodes of it.

    A file over the budget is refused with AM001 at the node where the budget runs out,
    and composing never holds more than the budget in memory. Every node but the root
    follows one of ``, [ { : - ?`` or a line break, and a flow mapping key may bring one
    implicit null, so twice their count (the marks) bounds the nodes; counting bytes costs
    milliseconds, and a file under that bound is composed as it is. Above it:

    - a file with fewer marks than the budget is composed while the loader counts its
      nodes down (:meth:`_YamlLoader.resolve`): at worst it composes the budget, as a file
      just under it would, and a large map is parsed once, not twice;
    - a file with more marks than the budget (4 MiB of ``[a,a,a,…]``) has its nodes
      counted first without building any Python object (:func:`_count_nodes`), so that
      such a file costs nothing to refuse.

    Explicitly tagged nodes skip ``resolve``: each needs a ``!``, so the budget counted
    down starts that many nodes lower, and a file with many ``!`` in its texts that runs
    out of it is counted exactly before it is composed again.
    """
    kept = data.translate(None, _NOT_NODE_BYTES)  # one pass in C: each byte of _NODE_BYTES and each `!`
    bangs = kept.count(b"!")
    marks = len(kept) - bangs  # `:` for `: `, and so on: more than the marks, ten times as fast to count
    if marks > MAX_NODES:
        marks = sum(data.count(mark) for mark in _NODE_STARTS)
    if 2 * marks + 2 <= MAX_NODES:
        return _compose_within(text, None)
    if marks <= MAX_NODES:
        try:
            return _compose_within(text, MAX_NODES - bangs)
        except _OverBudget:
            pass
    _count_nodes(data, text)
    return _compose_within(text, None)


def _compose_within(text: str, budget: int | None) -> Node | None:
    """Compose ``text``, raising :class:`_OverBudget` past ``budget`` untagged nodes (None: no budget)."""
    loader = _YamlLoader(text)
    if budget is not None:
        loader.budget = budget
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _count_nodes(data: bytes, text: str) -> None:
    """AM001 (:class:`_TooBig`) at the node past :data:`MAX_NODES`, when the file has that many.

    libyaml counts the events without building any Python object (``raw_parse``, a
    tenth of the time of composing): each node is one event. Only a file over that
    count too is parsed event by event (streaming, nothing kept) to find where the
    budget runs out.
    """
    counter = _YamlLoader(data)
    try:
        raw_parse = getattr(counter, "raw_parse", None)  # the C parser's; the pure-Python one has none
        if raw_parse is not None and raw_parse() <= MAX_NODES:
            return
    finally:
        counter.dispose()
    count = 0
    for event in yaml.parse(text, Loader=_YamlLoader):
        if isinstance(event, yaml.NodeEvent):
            count += 1
            if count > MAX_NODES:
                mark = event.start_mark
                where = Position(mark.line + 1, mark.column + 1) if mark else NOWHERE
                raise _TooBig(Issue("AM001", where, f"The file holds more than {MAX_NODES:,} YAML nodes"))


def scalar_aliases(root: Node, limit: int = MAX_ALIAS_EXPANSION) -> int:
    """How many times aliases repeat a scalar under ``root``; AM001 (``_TooBig``) at the scalar past ``limit``.

    An alias composes to the anchored node itself, so a repeated text is one ``str``
    however often it is read, never a copy; but each read costs what the text costs
    (checks, rules, views), so a 10,000-character text aliased by every statement must
    count. The walk meets each node once and does not enter a list or mapping it has
    met before: what a repeated list or mapping adds is counted by the builder, as it
    reads it (:meth:`_Builder.visit`).

    Examples
    --------
    >>> scalar_aliases(yaml.compose("a: &x text\\nb: [*x, *x]\\nc: &l [*x]\\nd: *l\\n"))
    3
    >>> scalar_aliases(yaml.compose("a: &x text\\nb: [*x, *x]\\n"), limit=1)
    Traceback (most recent call last):
    ...
    argmap.loader._TooBig: Aliases repeat more than 1 nodes (anchored here)
    """
    seen: set[int] = set()
    repeated = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            if node.__class__ is ScalarNode:
                repeated += 1
                if repeated > limit:
                    raise _TooBig(Issue("AM001", pos_of(node), f"Aliases repeat more than {limit:,} nodes "
                                        "(anchored here)"))
            continue
        seen.add(id(node))
        if node.__class__ is MappingNode:
            stack.extend(part for pair in reversed(node.value) for part in reversed(pair))
        elif node.__class__ is SequenceNode:
            stack.extend(reversed(node.value))
    return repeated


def decode(data: bytes) -> tuple[str, Issue | None]:
    """Decode UTF-8 (a leading BOM is dropped); an issue at the first bad byte otherwise.

    Examples
    --------
    >>> decode(b"ok")
    ('ok', None)
    >>> decode(b"a\\nb\\xff")[1].message
    'The file is not UTF-8: byte 0xff at offset 3 cannot be decoded'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = data.rfind(b"\n", 0, start) + 1
        line = data.count(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        message = f"The file is not UTF-8: byte 0x{data[start]:02x} at offset {start} cannot be decoded"
        return "", Issue("AM001", Position(line, column), message)


QUOTE_IT = "put the text in double quotes"


def yaml_issue(exc: yaml.MarkedYAMLError, text: str) -> Issue:
    """AM001 for a YAML syntax error, saying in plain words what to do where a usual slip caused it: a plain
    (unquoted) text holding ``: `` or `` #``, a tab, a quote never closed.

    Examples
    --------
    >>> load_bytes(b"argmap: 1\\nclaims:\\n  t:\\n    text: Liberty is essential: as air\\n", "m.yaml").issues[0]
    ... # doctest: +NORMALIZE_WHITESPACE
    Issue(code='AM001', pos=Position(line=4, column=31), message='Invalid YAML: mapping values are not allowed in
    this context: a text holding `: ` must be quoted; put the text in double quotes', subject=None)
    """
    mark = exc.problem_mark or exc.context_mark
    where = Position(mark.line + 1, mark.column + 1) if mark else NOWHERE
    detail = exc.problem or "invalid YAML"
    if exc.context:
        detail = f"{detail} ({exc.context})"
    hint = _yaml_hint(exc, text.splitlines())
    if hint is not None:
        where, advice = hint
        detail = f"{exc.problem or 'invalid YAML'}: {advice}"
    return Issue("AM001", where, f"Invalid YAML: {detail}")


def _yaml_hint(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Position, str] | None:
    """Where a usual slip caused ``exc`` and what to do about it, or None."""
    problem, context = exc.problem or "", exc.context or ""
    mark, start = exc.problem_mark, exc.context_mark
    if mark is None:
        return None
    line = lines[mark.line] if mark.line < len(lines) else ""
    here = Position(mark.line + 1, mark.column + 1)
    if problem.startswith("mapping values are not allowed"):
        return here, f"a text holding `: ` must be quoted; {QUOTE_IT}"
    if "cannot start any token" in problem and line[mark.column:mark.column + 1] == "\t":
        return here, "YAML indents with spaces, not tabs: replace the tab with spaces"
    if "quoted scalar" in context and problem.startswith("found unexpected end of stream") and start is not None:
        return (Position(start.line + 1, start.column + 1),
                ("the quote that opens here is never closed: end the text with the same quote mark "
                 "(inside single quotes, write a ' as '')"))
    if "flow mapping" in context and start is not None and start.line < len(lines):
        opened = lines[start.line]
        comment = opened.find(" #", start.column)
        if comment >= 0:
            return (Position(start.line + 1, comment + 2),
                    f"` #` starts a comment in YAML, which cuts the text short; {QUOTE_IT}")
        colon = opened.find(": ", opened.find(": ", start.column) + 2)
        if colon >= 0:
            return Position(start.line + 1, colon + 1), f"a text holding `: ` must be quoted; {QUOTE_IT}"
    return None


def offset_position(text: str, offset: int) -> Position:
    """The 1-based line and column of character ``offset`` in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(text.count("\n", 0, offset) + 1, offset - line_start + 1)


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, ScalarNode) and not node.style and node.value in _NULLS:
        return "null"
    return "a scalar"


def _plain_text(node: Node, required: bool = True) -> str | None:
    """The text of an ordinary text value (plain or quoted, not null, too long, blank where ``required``
    or with control characters); None for anything else, which :meth:`_Builder.text` then reads and
    reports. Checked cheaply: a large map has hundreds of thousands of texts."""
    if node.__class__ is ScalarNode and node.tag == _STR_TAG:
        value = node.value
        if value and (node.style or value not in _NULLS) and len(value) <= MAX_TEXT_CHARS \
                and not (required and value.isspace()) \
                and (value.isprintable() or CONTROL.search(value) is None):  # isprintable: C speed
            return value
    return None


def _plain_refs(node: Node, own: Callable[[str], str]) -> list[Ref] | None:
    """The ids of an ordinary list of ids (untagged text items, none null), each passed through
    ``own``; None for anything else."""
    if node.__class__ is not SequenceNode or node.tag != _SEQ_TAG:
        return None
    found = []
    for item in node.value:
        if item.__class__ is not ScalarNode or item.tag != _STR_TAG or not (item.style or item.value not in _NULLS) \
                or not item.value or item.value.isspace():
            return None
        mark = item.start_mark
        found.append(Ref(own(item.value), Position(mark.line + 1, mark.column + 1)))
    return found


def suggestion(word: str, choices) -> str:
    """A ``; did you mean `x`?`` suffix for the closest of ``choices``, or ''."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


class _Builder:
    """Builds an :class:`ArgumentMap` from a composed node tree, collecting issues."""

    def __init__(self, path: str, base_dir: Path | None, aliases: bool = True) -> None:
        self.path = path
        self.base_dir = base_dir
        self.issues: list[Issue] = []
        self.defined: dict[str, Position] = {}
        self.order = 0
        self.collections_seen: set[int] = set()
        self.alias_expansion = 0
        self.counting = aliases
        self.strings: dict[str, str] = {}
        self.answering = False
        """True once a statement has an ``answers``: they are checked against the arguments' schemes."""
        self.includes: list[Include] = []
        if not aliases:  # no anchor in the file: nothing can repeat, skip the bookkeeping
            self.visit = lambda node: None  # type: ignore[method-assign]

    map_text = ""
    """The map's text, for :meth:`line_of`."""
    read_text: TextReader | None = None
    """What reads ``source.text_file`` instead of the disk (:data:`TextReader`), or None."""
    included = False
    """True for a library read for a map that includes it: the whole map's checks are left to the map."""

    def line_of(self, node: Node) -> str | None:
        """The line of the map that holds ``node`` when all of it is on that one line, else None."""
        start, end = node.start_mark, node.end_mark
        if start.line != end.line or not 0 <= start.index <= len(self.map_text):
            return None
        first = self.map_text.rfind("\n", 0, start.index) + 1
        last = self.map_text.find("\n", start.index)
        return self.map_text[first:last if last >= 0 else len(self.map_text)].rstrip("\r")

    def own(self, value: str) -> str:
        """The model's string for the id ``value``: one fresh copy per distinct id.

        Every reference is then the defined id itself, so dictionary look-ups compare
        by identity, and the ids sit together in memory instead of among the YAML
        node objects they were read from. Measured on the 100,000-statement map
        (docs/performance.md), the copies make building the graph and running the
        rules about a quarter faster than the node tree's own strings.
        """
        known = self.strings.get(value)
        if known is None:
            known = value.join(("", ""))
            self.strings[known] = known
        return known

    def issue(self, code: str, node_or_pos, message: str, subject: str | None = None) -> None:
        pos = node_or_pos if isinstance(node_or_pos, Position) else pos_of(node_or_pos)
        self.issues.append(Issue(code, pos, message, subject))

    # -- generic readers -------------------------------------------------------------

    def _tag_ok(self, node: Node) -> bool:
        if node.tag in _STANDARD_TAGS:
            return True
        self.issue("AM002", node, f"Unsupported YAML tag `{shown(node.tag)}`")
        return False

    def visit(self, node: Node) -> None:
        """Count what aliases add: a list or mapping read a second time is an alias's expansion, and
        adds itself and its entries (a mapping's keys and values); what it holds is counted as it is read."""
        key = id(node)
        if key in self.collections_seen:
            self.alias_expansion += 1 + len(node.value) * (2 if isinstance(node, MappingNode) else 1)
            if self.alias_expansion > MAX_ALIAS_EXPANSION:
                raise _TooBig(Issue("AM001", pos_of(node), "Aliases repeat more than "
                                    f"{MAX_ALIAS_EXPANSION:,} nodes (anchored here)"))
        else:
            self.collections_seen.add(key)

    def pairs(self, node: MappingNode, where: str, subject=None, ids: bool = False):
        """Yield (key, key node, value node) of a mapping, reporting bad and repeated keys.

        With ``ids`` the keys are item ids and a repeated one is yielded, for
        :meth:`define` to report as AM003; any other repeated key is AM002.
        """
        self.visit(node)
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or not self._tag_ok(key_node):
                self.issue("AM002", key_node, f"A key in {where} is {_kind(key_node)}, not text", subject)
                continue
            key = key_node.value
            if key in seen and not ids:
                self.issue("AM002", key_node, f"Duplicate key `{shown(key)}` in {where}", subject)
                continue
            seen.add(key)
            yield key, key_node, value_node

    def known_pairs(self, node: MappingNode, where: str, allowed: tuple[str, ...], subject=None,
                    misplaced: dict[str, str] | None = None):
        """Like :meth:`pairs`, skipping ``x-`` extensions and reporting unknown keys."""
        for key, key_node, value_node in self.pairs(node, where, subject=subject):
            if key.startswith("x-"):
                continue
            if key not in allowed:
                if misplaced and key in misplaced:
                    self.issue("AM002", key_node, f"`{key}` {misplaced[key]}", subject)
                else:
                    hint = suggestion(key, allowed)
                    self.issue("AM002", key_node, f"Unknown key `{shown(key)}` in {where}{hint}", subject)
                continue
            yield key, key_node, value_node

    def mapping(self, node: Node, what: str, subject=None) -> MappingNode | None:
        if isinstance(node, MappingNode):
            return node if self._tag_ok(node) else None
        self.issue("AM002", node, f"{what} must be a mapping, not {_kind(node)}", subject)
        return None

    def text(self, node: Node, what: str, subject=None, required: bool = False) -> str | None:
        """A text value as written; None (with an issue) when it is not text."""
        plain = _plain_text(node, required)
        if plain is not None:
            return plain
        if not self._tag_ok(node):
            return None
        if not isinstance(node, ScalarNode):
            self.issue("AM002", node, f"{what} must be text, not {_kind(node)}", subject)
            return None
        value = node.value
        if not node.style and value in _NULLS:
            if required:
                self.issue("AM002", node, f"{what} must be text, not null", subject)
            return None
        bad = first_control(value)
        if bad is not None:
            self.issue("AM002", node, f"{what} holds the control character U+{ord(bad):04X}", subject)
            return None
        if required and not value.strip():
            self.issue("AM002", node, f"{what} must not be empty", subject)
            return None
        if len(value) > MAX_TEXT_CHARS:
            self.issue("AM002", node, f"{what} is {len(value):,} characters long, over the limit of "
                       f"{MAX_TEXT_CHARS:,}", subject)
            return None
        return value

    def boolean(self, node: Node, what: str, subject=None) -> bool:
        if isinstance(node, ScalarNode) and not node.style and self._tag_ok(node):
            if node.value in _TRUE:
                return True
            if node.value in _FALSE:
                return False
        shown_value = shown(node.value) if isinstance(node, ScalarNode) else _kind(node)
        self.issue("AM002", node, f"{what} must be `true` or `false`, not `{shown_value}`", subject)
        return False

    def weight(self, node: Node, what: str, subject=None) -> float | None:
        """A number from 0 to 1 as YAML 1.2 writes it (``0.7``, ``1``, ``.25``); None, with an issue, otherwise."""
        value = node.value if isinstance(node, ScalarNode) and not node.style and self._tag_ok(node) else None
        if isinstance(value, str) and _WEIGHT.fullmatch(value):
            number = float(value)
            if 0.0 <= number <= 1.0:
                return number + 0.0  # -0 is 0
            self.issue("AM002", node, f"{what} is {shown(value)}, outside 0 to 1", subject)
            return None
        if isinstance(node, ScalarNode) and node.style and _WEIGHT.fullmatch(node.value):
            self.issue("AM002", node, f"{what} must be a number from 0 to 1, not the text `{shown(node.value)}`; "
                       "write the number without quotes", subject)
            return None
        written = f"`{shown(value)}`" if isinstance(value, str) else _kind(node)
        self.issue("AM002", node, f"{what} must be a number from 0 to 1, not {written}", subject)
        return None

    def ref(self, node: Node, what: str, subject=None) -> Ref | None:
        if isinstance(node, ScalarNode) and self._tag_ok(node) and not (not node.style and node.value in _NULLS):
            if not node.value.strip():  # `supports: ""` names nothing: not a reference to look up
                self.issue("AM002", node, f"{what} names an empty id; write the id of a statement", subject)
                return None
            return Ref(self.own(node.value), pos_of(node))
        self.issue("AM002", node, f"{what} must be an id, not {_kind(node)}", subject)
        return None

    def refs(self, node: Node, what: str, subject=None) -> list[Ref]:
        """An id or a list of ids."""
        if isinstance(node, SequenceNode) and self._tag_ok(node):
            self.visit(node)
            found = (self.ref(item, what, subject) for item in node.value)
            return [ref for ref in found if ref is not None]
        ref = self.ref(node, f"{what}", subject) if not isinstance(node, MappingNode) else None
        if isinstance(node, MappingNode):
            self.issue("AM002", node, f"{what} must be an id or a list of ids, not a mapping", subject)
        return [ref] if ref else []

    def ignores(self, node: Node, what: str, subject: str) -> list[Ignore]:
        """A rule or a list of rules, each by its code (``AM101``) or name (``unsupported-claim``)."""
        from .rules import RULES, find_rule, spelling  # only maps that use `ignore` need the registry

        if isinstance(node, SequenceNode) and self._tag_ok(node):
            self.visit(node)  # an aliased list of codes, read by every statement, counts each time
            items, label = node.value, f"An item of {what}"
        else:
            items, label = [node], _cap(what)
        found = []
        for item in items:
            value = self.text(item, label, subject, required=True)
            if value is None:
                continue
            rule = find_rule(value)
            if rule is None or value not in (rule.code, rule.name):  # in a map, exactly as `argmap rules` lists it
                names = [r.code for r in RULES.values()] + [r.name for r in RULES.values()]
                hint = f" (did you mean `{spelling(rule, value)}`?)" if rule else suggestion(value, names)
                self.issue("AM002", item, f"{what} names `{shown(value)}`, which is no rule's code or name{hint}",
                           subject)
                continue
            if rule.structural:  # a broken map must never pass
                self.issue("AM002", item, f"{what} names `{rule.code}` ({rule.name}), a structural rule, "
                           "which cannot be ignored: fix what it reports", subject)
                continue
            found.append(Ignore(rule.code, pos_of(item)))
        return found

    def texts(self, node: Node, what: str, subject=None) -> list[str]:
        if not (isinstance(node, SequenceNode) and self._tag_ok(node)):
            self.issue("AM002", node, f"{what} must be a list of text, not {_kind(node)}", subject)
            return []
        self.visit(node)
        found = (self.text(item, f"An item of {what}", subject, required=True) for item in node.value)
        return [value for value in found if value is not None]

    def define(self, item_id: str, key_node: ScalarNode, where: str) -> Position | None:
        """Record a new id and return its position; report a bad or repeated one. None when it must be skipped."""
        first = self.defined.get(item_id)
        if first is not None:
            self.issue("AM003", key_node, f"`{shown(item_id)}` is already defined at line {first.line}", item_id)
            return None
        pos = self.defined[item_id] = pos_of(key_node)
        if valid_id(item_id):
            return pos
        if len(item_id) > MAX_ID_CHARS:
            self.issue("AM002", key_node, f"Invalid id `{shown(item_id)}` in {where}: longer than "
                       f"{MAX_ID_CHARS} characters", item_id)
        else:
            self.issue("AM002", key_node,
                       f"Invalid id `{shown(item_id)}` in {where}: an id holds only ASCII letters, digits, "
                       "`-` and `_`, starts with a letter or digit and not with `x-`", item_id)
        return pos

    # -- the map ---------------------------------------------------------------------

    def build(self, root: MappingNode) -> ArgumentMap | None:
        model = ArgumentMap(path=self.path)
        present: dict[str, Node] = {}
        for key, key_node, value in self.known_pairs(root, "the map", TOP_KEYS):
            present[key] = value
            if key == "argmap":
                if not self.version(value):
                    return None
            elif key in ("title", "description"):
                setattr(model, key, self.text(value, f"`{key}`", required=key == "title") or "")
            elif key == "thesis":
                model.thesis = self.ref(value, "`thesis`")
            elif key == "library":
                model.library = self.boolean(value, "`library`")
            elif key == "include":
                self.include(value)
            elif key == "source":
                model.source = self.source(value)
            elif key in SECTION_KIND:
                self.section(value, key, model, required=key == "claims")
            elif key == "arguments":
                self.arguments(value, model)
        required = list(REQUIRED_TOP_KEYS)
        if model.library:
            if "thesis" in present:
                self.issue("AM002", present["thesis"], "A library has no `thesis`: a map that includes it names one")
        else:
            required += ["thesis"] if "include" in present else ["thesis", "claims"]
        for key in required:
            if key not in present:
                self.issue("AM002", root, f"The map lacks the required key `{key}`")
        if not self.includes and not self.included:  # else after merging (argmap.includes)
            for code, pos, message, subject in whole_map_issues(model, self.answering):
                self.issue(code, pos, message, subject)
        return model

    def include(self, node: Node) -> None:
        """``include``: a list of paths, each relative to this file's folder, or ``{path: PATH, as: ALIAS}``."""
        if not (isinstance(node, SequenceNode) and self._tag_ok(node)):
            self.issue("AM002", node, f"`include` must be a list of paths, not {_kind(node)}")
            return
        self.visit(node)
        for item in node.value:
            if isinstance(item, MappingNode):
                entry = self.include_entry(item)
            else:
                path = self.text(item, "An entry of `include`", required=True)
                entry = Include(path, pos_of(item)) if path is not None else None
            if entry is not None:
                self.includes.append(entry)

    def include_entry(self, node: MappingNode) -> Include | None:
        """``{path: PATH, as: ALIAS}``: the library at PATH, its ids seen as ``ALIAS.ID``; None (with an issue)
        when the entry is wrong."""
        if not self._tag_ok(node):
            return None
        found: dict[str, tuple[str | None, Position]] = {}
        for key, _, value in self.known_pairs(node, "an entry of `include`", INCLUDE_KEYS):
            what = f"`{key}` of an entry of `include`"
            found[key] = (self.text(value, what, required=True), pos_of(value))
        if "path" not in found:
            self.issue("AM002", node, "An entry of `include` lacks the required key `path`")
            return None
        path, pos = found["path"]
        alias, alias_pos = found.get("as", (None, pos))
        if alias is not None and not valid_id(alias):
            self.issue("AM002", alias_pos, f"Invalid alias `{shown(alias)}` in `include`: an alias is written as an "
                       "id (ASCII letters, digits, `-` and `_`, starting with a letter or digit and not with `x-`)")
            return None
        if path is None or ("as" in found and alias is None):
            return None
        return Include(path, pos, alias)

    def version(self, node: Node) -> bool:
        """True for the integer 1 in any form YAML 1.2's core schema reads as an integer (``1``, ``+1``,
        ``01``, ``0x1``, ``0o1``); any other integer is an unsupported version, anything else a mistake."""
        match = isinstance(node, ScalarNode) and not node.style and _YAML12_INT.fullmatch(node.value)
        if match:
            digits = match.group("decimal") or match.group("hex") or match.group("octal")
            if digits.lstrip("0") == str(FORMAT_VERSION) and not node.value.startswith("-"):  # no int(): 5,000 digits
                return True
            self.issue("AM002", node, f"Unsupported format version `{shown(node.value)}`: "
                       f"this argmap reads version {FORMAT_VERSION}")
            return False
        self.issue("AM002", node, f"`argmap` must be the format version, the integer {FORMAT_VERSION}")
        return False

    def source(self, node: Node) -> Source | None:
        mapping = self.mapping(node, "`source`")
        if mapping is None:
            return None
        source = Source()
        for key, _, value in self.known_pairs(mapping, "`source`", SOURCE_KEYS):
            text = self.text(value, f"`source.{key}`")
            setattr(source, key, text)
            if key == "text_file" and text is not None:
                source.text_file_pos = pos_of(value)
                source.text = self.read_text_file(text, source.text_file_pos)
        return source

    def read_text_file(self, name: str, pos: Position) -> str | None:
        """Read ``source.text_file``: a regular UTF-8 file inside the map's folder."""
        what = f"`source.text_file` `{shown(name)}`"
        if self.base_dir is None and self.read_text is None:
            self.issue("AM002", pos, f"{what} cannot be resolved for a map read from standard input")
            return None
        relative = Path(name)
        if relative.is_absolute() or relative.drive:
            self.issue("AM002", pos, f"{what} must be a path relative to the map's folder")
            return None
        if ".." in relative.parts:
            self.issue("AM002", pos, f"{what} climbs out of the map's folder with `..`")
            return None
        if self.read_text is not None:
            data = self.text_from_reader(relative, what, pos)
        else:
            data = self.text_from_disk(relative, what, pos)
        if data is None:
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.issue("AM002", pos, f"{what} is not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}")
            return None

    def text_from_reader(self, relative: Path, what: str, pos: Position) -> bytes | None:
        """The bytes of ``source.text_file`` from :attr:`read_text`, or None with an AM002 issue."""
        assert self.read_text is not None
        try:
            data = self.read_text(relative.as_posix())
        except FileNotFoundError:
            self.issue("AM002", pos, f"{what} does not exist")
            return None
        except OSError as exc:
            self.issue("AM002", pos, f"{what} cannot be read: {exc.strerror or exc}")
            return None
        if len(data) > MAX_TEXT_FILE_BYTES:
            self.issue("AM002", pos, f"{what} is larger than {MAX_TEXT_FILE_BYTES // (1024 * 1024)} MiB")
            return None
        return data

    def text_from_disk(self, relative: Path, what: str, pos: Position) -> bytes | None:
        """The bytes of ``source.text_file``, a regular file inside the map's folder, or None with an AM002 issue."""
        assert self.base_dir is not None
        folder = self.base_dir.resolve()
        try:
            target = (folder / relative).resolve(strict=True)
        except (OSError, RuntimeError):
            self.issue("AM002", pos, f"{what} does not exist")
            return None
        if not target.is_relative_to(folder):
            self.issue("AM002", pos, f"{what} leads outside the map's folder")
            return None
        try:
            info = os.stat(target)
            if not stat.S_ISREG(info.st_mode):
                self.issue("AM002", pos, f"{what} is not a regular file")
                return None
            if info.st_size > MAX_TEXT_FILE_BYTES:
                self.issue("AM002", pos, f"{what} is larger than {MAX_TEXT_FILE_BYTES // (1024 * 1024)} MiB")
                return None
            return read_regular(target, info, MAX_TEXT_FILE_BYTES)
        except OSError as exc:  # BlockingIOError included: a kernel file that would wait
            self.issue("AM002", pos, f"{what} cannot be read: {exc.strerror or exc}")
            return None

    def section(self, node: Node, key: str, model: ArgumentMap, required: bool) -> None:
        if not required and isinstance(node, ScalarNode) and not node.style and node.value in _NULLS:
            return
        mapping = self.mapping(node, f"`{key}`")
        if mapping is None:
            return
        kind, where, statements = SECTION_KIND[key], f"`{key}`", model.statements
        for item_id, key_node, value in self.pairs(mapping, where, ids=True):
            if item_id.startswith("x-"):
                continue
            item_id = self.own(item_id)
            pos = self.define(item_id, key_node, where)
            if pos is not None:
                statements[item_id] = self.statement(item_id, kind, pos, value)

    def statement(self, item_id: str, kind: str, pos: Position, node: Node) -> Statement:
        """The statement ``item_id`` defined at ``pos`` by the mapping ``node`` (reported when it is not one)."""
        self.order += 1
        if self.order > MAX_STATEMENTS:
            raise _TooBig(Issue("AM001", pos, f"The map holds more than {MAX_STATEMENTS:,} statements"))
        stmt = Statement(item_id, kind, "", pos, order=self.order)
        if ((node.__class__ is not MappingNode or node.tag != _MAP_TAG)
                and self.mapping(node, _cap(f"{kind} `{item_id}`"), item_id) is None):
            return stmt  # reported; keep the id defined so references to it resolve
        evidence = kind == "evidence"
        allowed = _EVIDENCE_KEYS if evidence else _STATEMENT_KEYS
        has_text = False
        # The hot loop of a large map: keys and the usual values (plain text, a list of
        # ids) are read inline, and only something odd (a key that is not plain text,
        # repeated or unknown; a value of the wrong shape) goes through the general
        # readers, which build the messages.
        self.visit(node)
        seen: set[str] = set()
        for key_node, value in node.value:
            if key_node.__class__ is ScalarNode and key_node.tag == _STR_TAG and key_node.value not in seen:
                key = key_node.value
                seen.add(key)
                if key not in allowed:
                    if not key.startswith("x-"):
                        self.unknown_key(key, key_node, f"{kind} `{item_id}`", item_id, evidence)
                    continue
            else:
                self.odd_key(key_node, seen, f"{kind} `{item_id}`", item_id)
                continue
            if key == "text":
                has_text = True
                text = _plain_text(value)
                stmt.text = text if text is not None else \
                    self.text(value, f"`text` of `{item_id}`", item_id, required=True) or ""
            elif key in ("supports", "attacks", "contradicts"):
                refs = _plain_refs(value, self.own) if not self.counting else None
                setattr(stmt, key, refs if refs is not None else self.refs(value, f"`{key}` of `{item_id}`", item_id))
            elif key in _OTHER_KEYS:
                setattr(stmt, key, self.other_value(key, value, f"`{key}` of `{item_id}`", item_id))
            else:  # by, note, source, quote
                text = _plain_text(value)
                setattr(stmt, key, text if text is not None else
                        self.text(value, f"`{key}` of `{item_id}`", item_id, required=True))
                if key == "quote":
                    stmt.quote_pos = pos_of(value)
                    stmt.quote_line = self.line_of(value)
        if not has_text:
            self.issue("AM002", node, f"{_cap(kind)} `{item_id}` lacks the required key `text`", item_id)
        return stmt

    def other_value(self, key: str, value: Node, what: str, subject: str) -> object:
        """The value of one of :data:`_OTHER_KEYS`, read by that key's reader."""
        if key == "undercuts":
            return self.undercuts(value, what, subject)
        if key == "implicit":
            return self.boolean(value, what, subject)
        if key == "tags":
            return self.texts(value, what, subject)
        if key == "ignore":
            return self.ignores(value, what, subject)
        if key == "answers":
            return self.answers(value, what, subject)
        return self.weight(value, what, subject)

    def unknown_key(self, key: str, key_node: Node, label: str, subject: str, evidence: bool) -> None:
        if not evidence and key in ("source", "quote"):
            self.issue("AM002", key_node, f"`{key}` is only allowed on evidence", subject)
        else:
            hint = suggestion(key, EVIDENCE_KEYS if evidence else STATEMENT_KEYS)
            self.issue("AM002", key_node, f"Unknown key `{shown(key)}` in {label}{hint}", subject)

    def odd_key(self, key_node: Node, seen: set[str], label: str, subject: str) -> None:
        """Report a key that is not plain text or is repeated (the slow path of :meth:`statement`)."""
        if not isinstance(key_node, ScalarNode) or not self._tag_ok(key_node):
            self.issue("AM002", key_node, f"A key in {label} is {_kind(key_node)}, not text", subject)
        elif key_node.value in seen:
            self.issue("AM002", key_node, f"Duplicate key `{shown(key_node.value)}` in {label}", subject)
        else:  # an explicitly tagged key such as `!!str text`: read it as written
            seen.add(key_node.value)
            self.issue("AM002", key_node, f"Unsupported tag on the key `{shown(key_node.value)}` in {label}",
                       subject)

    def undercuts(self, node: Node, what: str, subject: str) -> list[Undercut]:
        if isinstance(node, SequenceNode):
            self.visit(node)
        items = node.value if isinstance(node, SequenceNode) else [node]
        found = []
        for item in items:
            if isinstance(item, MappingNode):
                pair = self.ref_pair(item, "An undercut", what, UNDERCUT_KEYS, subject)
                if pair is not None:
                    found.append(Undercut(pos_of(item), source=pair[0], target=pair[1]))
            else:
                ref = self.ref(item, what, subject)
                if ref:
                    found.append(Undercut(ref.pos, argument=ref))
        return found

    def ref_pair(self, item: MappingNode, noun: str, what: str, keys: tuple[str, str],
                 subject: str) -> tuple[Ref, Ref] | None:
        """The two references of a mapping with exactly ``keys`` (an undercut's ``from`` and ``to``, an answer's
        ``argument`` and ``question``), in that order; None when one is missing (AM002: "``noun`` in ``what``
        lacks …") or unreadable (reported where it is)."""
        pair: dict[str, Ref | None] = {}
        for key, _, value in self.known_pairs(item, what, keys, subject):
            pair[key] = self.ref(value, f"`{key}` in {what}", subject)
        missing = [key for key in keys if key not in pair]
        if missing:
            self.issue("AM002", item, f"{noun} in {what} lacks `{missing[0]}`", subject)
            return None
        first, second = pair[keys[0]], pair[keys[1]]
        return (first, second) if first and second else None

    def answers(self, node: Node, what: str, subject: str) -> list[Answer]:
        """``{argument: ID, question: QID}``, or a list of them."""
        if isinstance(node, SequenceNode) and self._tag_ok(node):
            self.visit(node)
        items = node.value if isinstance(node, SequenceNode) else [node]
        found = []
        for item in items:
            mapping = self.mapping(item, f"An answer in {what}", subject)
            if mapping is None:
                continue
            pair = self.ref_pair(mapping, "An answer", what, ANSWER_KEYS, subject)
            if pair is not None:
                found.append(Answer(pos_of(item), *pair))
        self.answering = self.answering or bool(found)
        return found

    def arguments(self, node: Node, model: ArgumentMap) -> None:
        if isinstance(node, ScalarNode) and not node.style and node.value in _NULLS:
            return
        mapping = self.mapping(node, "`arguments`")
        if mapping is None:
            return
        for item_id, key_node, value in self.pairs(mapping, "`arguments`", ids=True):
            if item_id.startswith("x-"):
                continue
            item_id = self.own(item_id)
            if self.define(item_id, key_node, "`arguments`") is None:
                continue
            body = self.mapping(value, f"Argument `{item_id}`", item_id)
            if body is None:
                continue
            self.order += 1
            argument = Argument(item_id, pos_of(key_node), [], None, order=self.order)
            present = set()
            for key, _, child in self.known_pairs(body, f"argument `{item_id}`", ARGUMENT_KEYS, item_id):
                present.add(key)
                what = f"`{key}` of `{item_id}`"
                if key == "premises":
                    if isinstance(child, SequenceNode) and not child.value:
                        self.issue("AM002", child, f"{what} must list at least one premise", item_id)
                    elif not isinstance(child, SequenceNode):
                        self.issue("AM002", child, f"{what} must be a list of ids, not {_kind(child)}", item_id)
                    else:
                        argument.premises = self.refs(child, what, item_id)
                elif key == "conclusion":
                    argument.conclusion = self.ref(child, what, item_id)
                else:
                    setattr(argument, key, self.text(child, what, item_id, required=True))
                    if key == "scheme":
                        argument.scheme_pos = pos_of(child)
            for key in ("premises", "conclusion"):
                if key not in present:
                    self.issue("AM002", body, f"Argument `{item_id}` lacks the required key `{key}`", item_id)
            model.arguments[item_id] = argument


def whole_map_issues(model: ArgumentMap, answering: bool = True) -> list[tuple[str, Position, str, str | None]]:
    """The AM002 issues that need every statement of the map: a thesis that is not a claim, answers to critical
    questions the arguments' schemes do not ask. (code, position, message, subject) each."""
    found: list[tuple[str, Position, str, str | None]] = []
    thesis = model.thesis
    if thesis:
        stmt = model.statements.get(thesis.id)
        if stmt and stmt.kind != "claim":
            found.append(("AM002", thesis.pos, f"The thesis `{thesis.id}` is {_ARTICLE[stmt.kind]}, not a claim", None))
        elif thesis.id in model.arguments:
            found.append(("AM002", thesis.pos, f"The thesis `{thesis.id}` is an argument, not a claim", None))
    if answering:  # only maps that answer critical questions need the catalogue
        from .schemes import answer_issues

        found += [("AM002", pos, message, subject) for pos, message, subject in answer_issues(model)]
    return found


_YAML12_INT = re.compile(r"[-+]?(?P<decimal>[0-9]+)|0x(?P<hex>[0-9a-fA-F]+)|0o(?P<octal>[0-7]+)")
"""An integer in YAML 1.2's core schema (section 10.3.2): decimal with an optional sign, or 0x hex, or 0o octal."""

_OTHER_KEYS = frozenset(("undercuts", "implicit", "tags", "ignore", "weight", "answers"))
"""A statement's keys other than its text, its supports, attacks and contradictions, and its free texts."""

_WEIGHT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
"""A number as YAML 1.2's core schema writes a decimal (section 10.3.2), without infinities or NaN."""

_ARTICLE = {"claim": "a claim", "counterclaim": "a counterclaim", "evidence": "evidence"}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
