"""Hostile input: the corpus in tests/corpus/hostile/, each case with its expected problem.

A map is untrusted input: in CI it is written by anyone who can open a pull request.
Every case here must end with a clear problem (the code, line and column listed in
``tests/corpus/hostile/expected.json``), never a traceback, a hang, more than
:data:`LIMIT_SECONDS` or more than :data:`LIMIT_BYTES` of memory, with every command.
Small cases are files in the corpus folder; big ones, FIFOs, devices, symbolic links
and permissions are made by the recipes below into ``tmp_path``.

Each case runs ``argmap check --format json`` and ``argmap tree`` as real processes,
whose processor time and peak memory (``ru_utime + ru_stime`` and ``ru_maxrss`` from
:func:`os.wait4`) are measured, so that a loaded machine (tests run in parallel) does not
fail a case that a quiet one passes; a process still running after :data:`KILL_AFTER`
seconds of wall time is killed as hung;
the other commands run in this process through typer's ``CliRunner``.

The second half is output safety: text from a map must not become markup, escape
sequences or workflow commands in any output, and argmap must never write over the
map it reads. See docs/security.md for what each limit defends against.
"""

from __future__ import annotations

import ast
import gc
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.loader import MAX_FILE_BYTES
from conftest import REPO

CORPUS = Path(__file__).parent / "corpus" / "hostile"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

LIMIT_SECONDS = 10.0
"""No command may spend more processor time (user and system) than this on any case."""
LIMIT_BYTES = 1 << 30
"""No command may grow past this (peak resident memory)."""
KILL_AFTER = 3 * LIMIT_SECONDS
"""A process still running after this many seconds of wall time is killed as hung: waiting spends no processor
time, so a command blocked on input is caught here; the margin over :data:`LIMIT_SECONDS` is for a loaded
machine."""
ADDRESS_SPACE = 3 << 30
"""Each process runs under this RLIMIT_AS, so a regression fails with MemoryError instead of swapping CI."""

CHECK_FORMATS = ("text", "grouped", "json", "github", "sarif", "junit")
VIEWS = {
    "evaluate": ["evaluate"],
    "evaluate-json": ["evaluate", "--format", "json"],
    "tree": ["tree", "--ascii"],
    "render": ["render", "--format", "dot", "-o", "-"],
    "mermaid": ["export", "--to", "mermaid"],
    "markdown": ["export", "--to", "markdown"],
}

RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
"""Bytes a terminal or CI log viewer may act on: C0 but tab and newline, DEL, and C1 (as UTF-8)."""
SGR = re.compile(rb"\x1b\[[0-9;]*m")
"""The only escape sequences argmap may print itself: colours, and only with colour on."""
GITHUB_COMMAND = re.compile(r"::(error|warning|notice) file=[^,:\r\n]*,line=\d+,col=\d+,title=argmap AM\d{3}::[^\r\n]*")
"""A workflow command as `check --format github` writes it; any other line starting with `::` is injected."""


# -- running argmap -------------------------------------------------------------------------


@dataclass
class Run:
    """One finished (or killed) argmap process."""

    args: list[str]
    code: int | None
    stdout: bytes
    stderr: bytes
    seconds: float
    """Processor time, user and system."""
    peak_bytes: int
    killed: bool
    output_bytes: int = 0
    """The size of stdout and stderr together; only the first :data:`KEEP_OUTPUT` bytes of each are kept."""

    def describe(self) -> str:
        return (f"argmap {' '.join(self.args)[:200]}\n exit {self.code}, {self.seconds:.2f} s, "
                f"{self.peak_bytes / 2**20:.0f} MiB, {self.output_bytes:,} bytes of output"
                f"{' (killed)' if self.killed else ''}\n"
                f" stderr: {self.stderr[-1500:].decode('utf-8', 'replace')}\n"
                f" stdout: {self.stdout[:1500].decode('utf-8', 'replace')}")


def _limit_address_space() -> None:  # runs in the child, before exec
    try:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    except (ValueError, OSError):  # pragma: no cover - macOS does not enforce RLIMIT_AS
        pass


RSS_UNIT = 1 if sys.platform == "darwin" else 1024
"""``ru_maxrss`` is in bytes on macOS, in KiB on Linux."""


def _cores() -> int:
    """The cores this test may use: one when pytest-xdist runs the tests in parallel (each worker is a core)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS
        return os.cpu_count() or 1


PURE_PYTHON = ("import sys, runpy; sys.modules['yaml._yaml'] = None; "
               "runpy.run_module('argmap', run_name='__main__', alter_sys=True)")
"""Run argmap with PyYAML's pure-Python parser: blocking ``yaml._yaml`` hides libyaml."""


def run_many(commands: list[list[str]], cwd: Path, stdin: Path | None = None, pure_python: bool = False) -> list[Run]:
    """Run ``argmap`` once per argument list, as many at a time as there are cores.

    Each run's processor time and peak memory are its own (:func:`os.wait4` per process).
    Output goes to files, so a process that prints megabytes cannot block on a pipe.
    """
    env = {key: value for key, value in os.environ.items() if key not in ("GITHUB_ACTIONS", "ARGMAP_DEBUG")}
    env["COLUMNS"] = "100"
    slots = max(1, min(_cores(), 4))
    pending = list(enumerate(commands))
    running: dict[int, tuple] = {}
    runs: list[Run | None] = [None] * len(commands)
    outputs = cwd / ".argmap-runs"
    outputs.mkdir(exist_ok=True)
    while pending or running:
        while pending and len(running) < slots:
            index, args = pending.pop(0)
            out, err = outputs / f"{index}.out", outputs / f"{index}.err"
            with open(out, "wb") as out_file, open(err, "wb") as err_file, \
                    open(stdin or os.devnull, "rb") as in_file:
                launcher = ["-c", PURE_PYTHON] if pure_python else ["-m", "argmap"]
                proc = subprocess.Popen([sys.executable, *launcher, *args], cwd=cwd, env=env, stdin=in_file,
                                        stdout=out_file, stderr=err_file, start_new_session=True,
                                        preexec_fn=_limit_address_space)
            running[proc.pid] = (index, args, proc, time.monotonic(), out, err, False)
        time.sleep(0.01)
        for pid, (index, args, proc, started, out, err, killed) in list(running.items()):
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done == 0:
                if time.monotonic() - started > KILL_AFTER and not killed:
                    os.killpg(pid, signal.SIGKILL)
                    running[pid] = (index, args, proc, started, out, err, True)
                continue
            proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
            runs[index] = Run(args, proc.returncode, _head(out), _head(err), usage.ru_utime + usage.ru_stime,
                              usage.ru_maxrss * RSS_UNIT, killed, out.stat().st_size + err.stat().st_size)
            out.unlink()
            err.unlink()
            del running[pid]
    return runs  # type: ignore[return-value]


KEEP_OUTPUT = 64 * 2**20


def _head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(KEEP_OUTPUT)


def run_argmap(*args: str | Path, cwd: Path, stdin: Path | None = None, pure_python: bool = False) -> Run:
    return run_many([[str(arg) for arg in args]], cwd, stdin, pure_python)[0]


def assert_sane(run: Run) -> None:
    """Finished in time and memory, with an exit code of 0, 1 or 2 and no traceback or internal error."""
    context = run.describe()
    assert not run.killed, f"hung: killed after {KILL_AFTER} s\n{context}"
    assert run.code in (0, 1, 2), f"exit code {run.code}\n{context}"
    assert b"Traceback" not in run.stderr + run.stdout, context
    assert b"internal error" not in run.stderr, context
    assert run.seconds < LIMIT_SECONDS, f"took {run.seconds:.1f} s\n{context}"
    assert run.peak_bytes < LIMIT_BYTES, f"peak memory {run.peak_bytes / 2**20:.0f} MiB\n{context}"


@dataclass
class Invoked:
    """One in-process run through typer's CliRunner."""

    args: list[str]
    code: int
    stdout: bytes
    stderr: bytes
    seconds: float
    """Processor time of this process while it ran."""
    exception: BaseException | None

    @property
    def output(self) -> bytes:
        return self.stdout + self.stderr

    def describe(self) -> str:
        return (f"argmap {' '.join(self.args)[:200]}: exit {self.code}, {self.seconds:.2f} s, {self.exception!r}\n"
                f"{self.output[:3000].decode('utf-8', 'replace')}")


def invoke(*args: str | Path, input: bytes | None = None, timeout: float = KILL_AFTER) -> Invoked:
    """Run argmap in this process; a run past ``timeout`` seconds of wall time is interrupted with TimeoutError
    (its processor time is what :func:`assert_invoked_sane` bounds)."""
    args = [str(arg) for arg in args]

    def expire(signum, frame):
        raise TimeoutError(f"argmap {' '.join(args)[:100]} ran past {timeout} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    gc.disable()  # as argmap's own entry point does
    started = time.process_time()
    try:
        result = CliRunner().invoke(app, args, input=input, env={"COLUMNS": "100"})
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        gc.enable()
    return Invoked(args, result.exit_code, result.stdout_bytes, result.stderr_bytes or b"",
                   time.process_time() - started, result.exception)


def assert_invoked_sane(result: Invoked) -> None:
    context = result.describe()
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"argmap raised {result.exception!r}\n{context}") from result.exception
    assert result.code in (0, 1, 2), context
    assert b"Traceback" not in result.output, context
    assert result.seconds < LIMIT_SECONDS, f"took {result.seconds:.1f} s\n{context}"


def raw_controls(output: bytes, color: bool = False) -> list[bytes]:
    """The raw control characters in ``output`` (after colour codes, when colour is on)."""
    if color:
        output = SGR.sub(b"", output)
    return sorted(set(RAW_CONTROL.findall(output)))


def injected_commands(output: bytes, github: bool = False) -> list[str]:
    """Lines that GitHub's runner would execute as workflow commands and argmap did not mean as such.

    The runner splits its log at line feeds and runs any line that starts with ``::``
    after leading white space; ``check --format github`` writes its own, which are let
    through when they are well formed.
    """
    lines = output.decode("utf-8", "replace").split("\n")
    return [line for line in lines if line.lstrip().startswith("::")
            and not (github and GITHUB_COMMAND.fullmatch(line.rstrip("\r")))]


# -- the cases ------------------------------------------------------------------------------


RECIPES = {}


def recipe(name: str, special: bool = False):
    """Register a function ``(folder) -> (map path, stdin or None)`` that makes the case ``name``.

    ``special`` cases are FIFOs, devices, /proc files and symbolic links: a path that
    may not resolve, which a view may call missing (exit 2) where `check` says AM001.
    """

    def register(make):
        RECIPES[name] = (make, special)
        return make

    return register


HEAD = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n"


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@recipe("flow-list-4mib")
def _flow_list(folder):  # measured before the node budget: 4.3 s and 610 MiB to compose
    items = ",".join(["a"] * (2 * 1024 * 1024))
    return write(folder, "map.yaml", HEAD + f"  t: {{text: x, implicit: true, tags: [{items}]}}\n")


DEPTH = 10_000


@recipe("deep-flow-sequence")
def _deep_flow_sequence(folder):
    return write(folder, "map.yaml", "argmap: 1\ntitle: T\nthesis: t\nx-deep: " + "[" * DEPTH + "]" * DEPTH
                 + "\nclaims:\n  t: {text: x, implicit: true}\n")


@recipe("deep-flow-mapping")
def _deep_flow_mapping(folder):
    return write(folder, "map.yaml", "argmap: 1\ntitle: T\nthesis: t\nx-deep: " + "{a: " * DEPTH + "1"
                 + "}" * DEPTH + "\nclaims:\n  t: {text: x, implicit: true}\n")


@recipe("deep-block-sequence")
def _deep_block_sequence(folder):
    return write(folder, "map.yaml", "argmap: 1\ntitle: T\nthesis: t\nx-deep:\n  " + "- " * DEPTH
                 + "x\nclaims:\n  t: {text: x, implicit: true}\n")


@recipe("deep-block-mapping")
def _deep_block_mapping(folder):  # indentation grows with depth: 1,500 levels is 1.1 MB
    levels = "".join(" " * (i + 1) + "k:\n" for i in range(1500))
    return write(folder, "map.yaml", "argmap: 1\ntitle: T\nthesis: t\nx-deep:\n" + levels + " " * 1502
                 + "v\nclaims:\n  t: {text: x, implicit: true}\n")


@recipe("deep-in-a-statement")
def _deep_in_a_statement(folder):  # where the builder reads, not under an ignored x- key
    return write(folder, "map.yaml", HEAD + "  t:\n    text: x\n    implicit: true\n    tags: "
                 + "[" * DEPTH + "]" * DEPTH + "\n")


@recipe("duplicate-keys-100000")
def _duplicate_keys(folder):
    return write(folder, "map.yaml", HEAD + "  t: {text: x, implicit: true}\n  u:\n"
                 + "    text: y\n" * 100_000 + "    supports: t\n")


@recipe("duplicate-ids-100000")
def _duplicate_ids(folder):
    return write(folder, "map.yaml", HEAD + "  t: {text: x, implicit: true}\n"
                 + "  u: {text: y, supports: t}\n" * 100_000)


@recipe("huge-id-2mb")
def _huge_id(folder):  # a plain key is at most 1,024 characters; an explicit key has no limit
    return write(folder, "map.yaml", HEAD + "  t: {text: x, implicit: true}\n  ? " + "b" * 2_000_000
                 + "\n  : {text: y, supports: t, implicit: true}\n")


@recipe("huge-reference-1mb")
def _huge_reference(folder):
    return write(folder, "map.yaml", HEAD + "  t: {text: x, supports: [" + "a" * 1_000_000 + "]}\n")


@recipe("text-1mb")
def _text_1mb(folder):
    return write(folder, "map.yaml", HEAD + "  t: {text: '" + "word " * 200_000 + "'}\n")


@recipe("many-problems")
def _many_problems(folder):  # under every limit (relations included), and one problem per node:
    # 199,990 unknown references. (With 990,000, the relation limit now stops the map first.)
    return write(folder, "map.yaml", HEAD + "  t: {text: x, implicit: true}\n  u:\n    supports: ["
                 + ",".join(["m"] * 199_990) + "]\n    text: y\n")


@recipe("relations-past-the-limit")
def _relations_past_the_limit(folder):  # 2 MB: 990,000 references in one list, past MAX_RELATIONS
    return write(folder, "map.yaml", HEAD + "  t: {text: x, implicit: true}\n  u:\n    supports: ["
                 + ",".join(["m"] * 990_000) + "]\n    text: y\n")


@recipe("layered-589k-relations")
def _layered(folder):  # 4.8 MB: 24 layers of 160 statements, each supporting all 160 of the layer above
    lines = [HEAD.rstrip("\n")]
    for layer in range(24):
        for w in range(160):
            above = "s0-0" if layer == 0 else ", ".join(f"s{layer - 1}-{x}" for x in range(160))
            lines.append(f"  s{layer}-{w}: {{text: S, implicit: true{'' if (layer, w) == (0, 0) else ', supports: [' + above + ']'}}}")
    return write(folder, "map.yaml", "\n".join(lines).replace("thesis: t", "thesis: s0-0") + "\n")


@recipe("clique-1000")
def _clique(folder):  # 5.9 MB: 1,000 statements that all attack one another (999,000 attacks)
    lines = [HEAD.rstrip("\n")] + [f"  c{i}: {{text: C, implicit: true, attacks: [{', '.join(f'c{j}' for j in range(1000) if j != i)}]}}"
                                   for i in range(1000)]
    return write(folder, "map.yaml", "\n".join(lines).replace("thesis: t", "thesis: c0") + "\n")


@recipe("fan-in-160k")
def _fan_in(folder):  # 6.4 MB: 160,000 statements that all support the thesis
    return write(folder, "map.yaml", HEAD + "  t: {text: T}\n" + "".join(f"  e{i}: {{text: E, supports: t}}\n"
                                                                      for i in range(160_000)))


@recipe("over-size-limit")
def _over_size_limit(folder):  # sparse: one byte over the limit costs no disk
    path = write(folder, "map.yaml", HEAD + "  t: {text: x, implicit: true}\n")
    with open(path, "r+b") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    return path


@recipe("fifo", special=True)
def _fifo(folder):
    path = folder / "map.yaml"
    os.mkfifo(path)
    return path


def _link(folder: Path, target: str, name: str = "map.yaml") -> Path:
    path = folder / name
    path.symlink_to(target)
    return path


@recipe("dev-null", special=True)
def _dev_null(folder):
    return _link(folder, "/dev/null")


@recipe("dev-zero", special=True)
def _dev_zero(folder):
    return _link(folder, "/dev/zero")


@recipe("proc-kmsg", special=True)
def _proc_kmsg(folder):
    # A regular file to stat() whose read() blocks until the kernel logs something (for
    # root; others get EPERM). A pull request can add this symlink to a maps folder.
    return _link(folder, "/proc/kmsg")


@recipe("proc-self-mem", special=True)
def _proc_self_mem(folder):  # a regular file that even root cannot read at offset 0 (EIO)
    return _link(folder, "/proc/self/mem")


@recipe("symlink-loop", special=True)
def _symlink_loop(folder):
    _link(folder, "loop-b.yaml", "loop-a.yaml")
    _link(folder, "loop-a.yaml", "loop-b.yaml")
    return folder / "loop-a.yaml"


TEXT_FILE_MAP = ("# text_file names op-ed.txt, which the recipe makes hostile\nargmap: 1\ntitle: T\nthesis: t\n"
                 "source:\n  text_file: op-ed.txt\nclaims:\n  t: {text: The thesis, implicit: true}\n")


@recipe("text-file-symlink-out", special=True)
def _text_file_symlink_out(folder):
    outside = folder.parent / f"{folder.name}-outside.txt"
    outside.write_text("a secret outside the map's folder\n", encoding="utf-8")
    _link(folder, str(outside), "op-ed.txt")
    return write(folder, "map.yaml", TEXT_FILE_MAP)


@recipe("text-file-fifo", special=True)
def _text_file_fifo(folder):
    os.mkfifo(folder / "op-ed.txt")
    return write(folder, "map.yaml", TEXT_FILE_MAP)


@recipe("text-file-folder", special=True)
def _text_file_folder(folder):
    (folder / "op-ed.txt").mkdir()
    return write(folder, "map.yaml", TEXT_FILE_MAP)


def all_cases() -> list[str]:
    return sorted(EXPECTED["files"]) + sorted(EXPECTED["generated"])


def make_case(name: str, tmp_path: Path) -> tuple[Path, dict, bool]:
    """The map of case ``name`` (from the corpus or made by its recipe), its expectation, and whether it is special."""
    if name in EXPECTED["files"]:
        return CORPUS / name, EXPECTED["files"][name], False
    make, special = RECIPES[name]
    folder = tmp_path / "case"
    folder.mkdir()
    return make(folder), EXPECTED["generated"][name], special


def problems_from_json(run: Run) -> list[dict]:
    assert len(run.stdout) < KEEP_OUTPUT, f"over {KEEP_OUTPUT:,} bytes of JSON\n{run.describe()}"
    try:
        return json.loads(run.stdout)
    except ValueError as exc:
        raise AssertionError(f"not JSON ({exc})\n{run.describe()}") from None


def exits(expected: dict) -> list[int]:
    return expected["exit"] if isinstance(expected["exit"], list) else [expected["exit"]]


def assert_expected(problems: list[dict], code: int, expected: dict, context: str) -> None:
    """``problems`` (JSON objects) and the exit ``code`` are what ``expected`` says."""
    listing = "\n".join(f"{p['line']}:{p['column']} {p['code']} {p['message'][:150]}" for p in problems[:30])
    context = f"{context}\n{listing or '(no problems)'}"
    assert code in exits(expected), f"exit {code}, expected {exits(expected)}\n{context}"
    if "code" not in expected:
        return
    if expected["code"] is None:
        assert not [p for p in problems if p["severity"] == "error"], context
        if expected.get("only"):
            assert not problems, context
        return
    wanted = [p for p in problems if p["code"] == expected["code"]
              and expected.get("line") in (None, p["line"]) and expected.get("column") in (None, p["column"])
              and expected.get("message", "") in p["message"]]
    where = f"{expected.get('line')}:{expected.get('column')}"
    assert wanted, f"expected {expected['code']} at {where} saying {expected.get('message')!r}\n{context}"
    if expected.get("only"):
        assert len(problems) == 1, f"expected only that problem\n{context}"


# -- every case: the expected problem, in bounded time and memory, with every command -------------


def test_the_corpus_lists_every_file_and_recipe():
    on_disk = {path.name for path in CORPUS.iterdir() if path.name != "expected.json"}
    assert on_disk == set(EXPECTED["files"]), "every corpus file needs an entry in expected.json, and back"
    assert set(RECIPES) == set(EXPECTED["generated"]), "every recipe needs an entry in expected.json, and back"
    for path in CORPUS.iterdir():
        assert path.stat().st_size < 64 * 1024, f"{path.name}: commit only small files; generate big ones"


@pytest.mark.parametrize("name", all_cases())
def test_check_and_tree_end_with_the_expected_problem_in_bounded_time_and_memory(name, tmp_path):
    path, expected, special = make_case(name, tmp_path)
    check, tree = run_many([["check", "--no-config", "--format", "json", str(path)],
                            ["tree", "--ascii", str(path)]], cwd=tmp_path)
    assert_sane(check)
    assert_expected(problems_from_json(check), check.code, expected, check.describe())
    assert_sane(tree)
    # A view says "no such file" (exit 2) for a path that does not resolve (a symlink loop).
    assert tree.code == check.code or (special and check.code == 1 and tree.code == 2), tree.describe()
    assert not list(tmp_path.glob("argmap-ran-python")), "a Python tag ran code"


@pytest.mark.parametrize("name", all_cases())
def test_every_other_command_survives(name, tmp_path):
    """The other views and report formats. A small file runs them all in this process.
    A generated case runs them as processes (measured), but of the views that only
    print a broken map's problems (they share `tree`'s path) just `evaluate`, and of
    the formats for a file refused before reading (a FIFO, a device) just text."""
    path, expected, special = make_case(name, tmp_path)
    views = [key for key in VIEWS if key != "tree"]
    formats = [fmt for fmt in CHECK_FORMATS if fmt != "json"]
    if name in EXPECTED["generated"] and 0 not in exits(expected):
        views = ["evaluate"]
    if special:  # the file is refused before any reporting: one format tells as much as four
        formats = ["text"]
    commands = [[*VIEWS[key], str(path)] for key in views]
    commands += [["check", "--no-config", "--format", fmt, str(path)] for fmt in formats]
    if name in EXPECTED["generated"]:
        for run in run_many(commands, cwd=tmp_path):
            assert_sane(run)
        return
    for args in commands:
        assert_invoked_sane(invoke(*args))


# -- what no output may hold ----------------------------------------------------------------------


NASTY = ["escaped-ids.yaml", "escaped-controls.yaml", "markup.yaml", "workflow-commands.yaml", "merge-key.yaml",
         "python-tags.yaml", "complex-keys.yaml", "recursive-alias.yaml"]
OUTPUTS = [f"check-{fmt}" for fmt in CHECK_FORMATS] + list(VIEWS)


def output_args(output: str, path: Path) -> list[str]:
    if output.startswith("check-"):
        return ["check", "--no-config", "--format", output.removeprefix("check-"), "--show-source", str(path)]
    return [*VIEWS[output], str(path)]


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("name", NASTY)
def test_no_raw_control_character_reaches_any_output(name, output):
    """Terminal escapes from a map are neutralised in every format, not only on a terminal:
    CI log viewers render them from pipes, and `cat report.json` is a terminal."""
    result = invoke(*output_args(output, CORPUS / name))
    assert_invoked_sane(result)
    found = raw_controls(result.output)
    assert not found, f"raw control characters {found} in the output\n{result.describe()}"


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("name", NASTY)
def test_no_output_line_is_a_workflow_command(name, output):
    """GitHub's runner executes `::command::` lines from a step's output (annotations,
    `add-mask`, `stop-commands`...): text from a map must never start a line."""
    result = invoke(*output_args(output, CORPUS / name))
    assert_invoked_sane(result)
    found = injected_commands(result.output, github=output == "check-github")
    assert not found, f"lines a GitHub runner would execute: {found}\n{result.describe()}"


EVIL_NAMES = [
    "esc\x1b[31mred\x1b[0m.yaml",
    "osc\x1b]8;;https:evil.example\x1b\\link.yaml",
    "bell\x07.yaml",
    "carriage\rreturn.yaml",
    "new\nline::error::x.yaml",
    "::error file=README.md,line=1::by a file name.yaml",
    "c1\u009b2J.yaml",
    "percent%0A::warning::x,comma:colon.yaml",
]


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_file_names_are_escaped_in_every_report(fmt, tmp_path, monkeypatch):
    """A pull request chooses its file names too: a folder walk reports them in every format."""
    for name in EVIL_NAMES:
        write(tmp_path, name, HEAD + "  t: {text: The thesis}\n  u: {text: x, supports: nowhere}\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--no-config", "--format", fmt, ".")
    assert_invoked_sane(result)
    assert result.code == 1, result.describe()
    assert not raw_controls(result.output), f"raw control characters\n{result.describe()}"
    assert not injected_commands(result.output, github=fmt == "github"), result.describe()
    if fmt == "github":
        commands = [line for line in result.stdout.decode().split("\n") if line.startswith("::")]
        # each file: AM101 twice (`t` and `u`), AM104 and AM004, one workflow command each
        assert len(commands) == 4 * len(EVIL_NAMES), result.describe()


# -- each output format neutralises markup: read back by a real parser -----------------------------


MARKUP = CORPUS / "markup.yaml"


def markup_models():
    from argmap.loader import load_map

    return load_map(MARKUP).model


def markup_statements() -> dict[str, str]:
    from argmap.checker import check_file

    result = check_file(MARKUP)
    assert not result.has_errors, result.problems
    return {sid: stmt.text for sid, stmt in result.context.model.statements.items()}


def test_markup_dot_is_the_same_graph_for_graphviz():
    assert shutil.which("dot"), "Graphviz's dot is needed (make test installs it)"
    result = invoke("render", MARKUP, "--format", "dot", "-o", "-")
    assert result.code == 0, result.describe()
    done = subprocess.run(["dot", "-Tjson"], input=result.stdout, capture_output=True, timeout=60)
    assert done.returncode == 0 and not done.stderr, done.stderr.decode()
    graph = json.loads(done.stdout)
    names = {obj["name"] for obj in graph.get("objects", [])}
    assert names == set(markup_statements()), "a text added or renamed a node"
    assert len(graph.get("edges", [])) == 6, "a text added an edge"


def test_markup_svg_is_well_formed_and_holds_no_active_content(tmp_path):
    assert shutil.which("dot"), "Graphviz's dot is needed (make test installs it)"
    out = tmp_path / "markup.svg"
    result = invoke("render", MARKUP, "-o", out)
    assert result.code == 0, result.describe()
    root = ET.fromstring(out.read_bytes())  # ]]>, <, & and entities must not break the XML
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag not in ("script", "foreignObject", "iframe", "image"), tag
        # Graphviz wraps a node with a tooltip in <a xlink:title="...">: a title, never a link
        assert not [name for name in element.attrib if name.rsplit("}", 1)[-1] == "href"], element.attrib
        assert not [name for name in element.attrib if name.lower().startswith("on")], element.attrib
    text = " ".join(root.itertext())
    for word in ("]]>", "<![CDATA[", "<!ENTITY", "&amp;", "&e;", "<b>html</b>", "[link=https://evil.example/]"):
        assert word in text, f"{word!r} was not drawn as text"


MERMAID_NAME = r"(?:x-[a-z]+-\d+|x-\d+|[A-Za-z0-9](?:-?[A-Za-z0-9_])*)"
"""A node name argmap writes: a map id Mermaid reads as a name (no ``--``), or a generated ``x-`` name."""
MERMAID_LINE = re.compile(
    r"flowchart (BT|TB|LR|RL)"
    rf"|  {MERMAID_NAME}(\(|\[\(|\(\(|\{{\{{|\[|>|\(\[)(\"[^\"]*\")?(\)|\)\]|\)\)|\}}\}}|\]|\]\))?"
    rf"|  {MERMAID_NAME} (-->|--x|x-\.-x|-\.-x|---|-\.->|==>) {MERMAID_NAME}"
    r"|  classDef \w+ [\w:#,.\- ]+"
    rf"|  class {MERMAID_NAME}(,{MERMAID_NAME})* \w+"
    r"|  linkStyle [\d,]+ [\w:#,.\- ]+"
)


def test_markup_mermaid_lines_are_all_argmaps_own():
    """Every line is one of the shapes argmap writes; a label holds no quote, no raw
    HTML and no `%%`, which Mermaid reads as a directive (`%%{init: ...}%%`) anywhere."""
    result = invoke("export", MARKUP, "--to", "mermaid")
    assert result.code == 0, result.describe()
    source = result.stdout.decode("utf-8")
    strange = [line for line in source.splitlines() if not MERMAID_LINE.fullmatch(line)]
    assert not strange, strange
    assert len([line for line in source.splitlines() if re.fullmatch(rf"  {MERMAID_NAME}\W*\".*", line)]) == 7
    for line in source.splitlines():
        assert not re.search(r"<(?!br/>)", line), line
    assert "%%" not in source, "Mermaid applies %%{init: ...}%% directives found anywhere in the source"


def test_markup_markdown_makes_no_links_html_or_blocks():
    from markdown_it import MarkdownIt

    result = invoke("export", MARKUP, "--to", "markdown")
    assert result.code == 0, result.describe()
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(result.stdout.decode("utf-8"))

    def walk(items):
        for token in items:
            yield token
            yield from walk(token.children or [])

    found = list(walk(tokens))
    kinds = {token.type for token in found}
    for kind in ("html_block", "html_inline", "link_open", "image", "fence", "code_block",
                 "hr", "table_open", "s_open"):
        assert kind not in kinds, f"a text made a {kind}"
    # argmap writes one quote block per quoted statement (issue 14), and a text makes none of its own
    quoted = sum(1 for stmt in markup_models().statements.values() if stmt.quote)
    assert [t.type for t in found].count("blockquote_open") == quoted, "a text made a quote block"
    assert [t.tag for t in found if t.type == "heading_open"] == ["h1"], "a text made a heading"
    ids = set(markup_statements())
    assert {t.content for t in found if t.type == "code_inline"} <= ids, "a text made a code span"


def test_markup_evaluate_json_is_json_with_every_statement():
    result = invoke("evaluate", MARKUP, "--format", "json")
    assert result.code == 0, result.describe()
    report = json.loads(result.stdout)
    assert set(report["labels"]) == set(markup_statements())


@pytest.mark.parametrize("name", ["markup.yaml", "escaped-ids.yaml", "workflow-commands.yaml"])
def test_machine_reports_parse(name):
    sarif = invoke("check", "--no-config", "--format", "sarif", CORPUS / name)
    jsonschema.validate(json.loads(sarif.stdout), SARIF_SCHEMA)
    junit = invoke("check", "--no-config", "--format", "junit", CORPUS / name)
    ET.fromstring(junit.stdout)
    problems = json.loads(invoke("check", "--no-config", "--format", "json", CORPUS / name).stdout)
    github = invoke("check", "--no-config", "--format", "github", CORPUS / name)
    commands = [line for line in github.stdout.decode().split("\n") if line.startswith("::")]
    assert len(commands) == len(problems), github.describe()


def test_markup_tree_in_colour_prints_rich_markup_as_written(monkeypatch):
    import argmap.commands.tree as tree_command

    monkeypatch.setattr(tree_command, "use_color", lambda *args: True)
    result = invoke("tree", MARKUP)
    assert result.code == 0, result.describe()
    assert SGR.search(result.stdout), "expected colour"
    assert not raw_controls(result.stdout, color=True), "an escape other than a colour"
    plain = SGR.sub(b"", result.stdout).decode("utf-8")
    assert "[red]x[/]" in plain and "[link=https://evil.example/]click me[/link]" in plain


# -- limits that have an option, and inputs that are not files --------------------------------------


def test_max_bytes_option_lowers_the_size_limit(tmp_path):
    """The issue asks for `--max-bytes`; AM001's message already points at it."""
    path = write(tmp_path, "map.yaml", HEAD + "  t: {text: The thesis, implicit: true}\n")
    assert "--max-bytes" in invoke("check", "--help").stdout.decode(), "check has no --max-bytes option"
    result = invoke("check", "--no-config", "--format", "json", "--max-bytes", "20", path)
    assert_invoked_sane(result)
    assert_expected(json.loads(result.stdout), result.code,
                    {"exit": 1, "code": "AM001", "line": 1, "column": 1, "message": "larger than the limit"},
                    result.describe())


@pytest.mark.parametrize("command", [["evaluate"], ["tree"], ["render", "-o", "-"], ["export", "--to", "markdown"]],
                         ids=lambda command: command[0])
def test_every_command_that_reads_a_map_takes_max_bytes(tmp_path, command):
    path = write(tmp_path, "map.yaml", HEAD + "  t: {text: The thesis, implicit: true}\n")
    small = invoke(*command, path, "--max-bytes", "20")
    assert_invoked_sane(small)
    assert small.code == 1, small.describe()
    assert b"AM001" in small.stderr and b"larger than the limit of 20 bytes" in small.stderr, small.describe()
    roomy = invoke(*command, path, "--max-bytes", str(path.stat().st_size))
    assert roomy.code == 0, roomy.describe()
    assert b"The thesis" in roomy.stdout


def test_standard_input_is_held_to_the_size_limit(tmp_path):
    data = tmp_path / "big.yaml"
    with open(data, "wb") as handle:
        handle.write((HEAD + "  t: {text: x, implicit: true}\n").encode())
        handle.write(b"# " + b"x" * (MAX_FILE_BYTES + 16) + b"\n")
    run = run_argmap("check", "--no-config", "--format", "json", "-", cwd=tmp_path, stdin=data)
    assert_sane(run)
    assert_expected(problems_from_json(run), run.code,
                    {"exit": 1, "code": "AM001", "line": 1, "column": 1, "message": "larger than the limit"},
                    run.describe())


def test_standard_input_that_never_ends(tmp_path):
    """`argmap check - < /dev/zero` must stop at the size limit, not read until memory runs out."""
    run = run_argmap("check", "--no-config", "-", cwd=tmp_path, stdin=Path("/dev/zero"))
    assert_sane(run)
    assert run.code == 1, run.describe()


@pytest.mark.parametrize("name", ["deep-flow-sequence", "deep-flow-mapping", "deep-block-sequence",
                                  "deep-block-mapping", "deep-in-a-statement"])
def test_pure_python_parser_refuses_deep_nesting_with_a_position(name, tmp_path):
    """Without libyaml, PyYAML's recursive composer must be stopped before RecursionError."""
    path, expected, _ = make_case(name, tmp_path)
    run = run_argmap("check", "--no-config", "--format", "json", path, cwd=tmp_path, pure_python=True)
    assert_sane(run)
    problems = problems_from_json(run)
    assert_expected(problems, run.code, expected, run.describe())
    assert (problems[0]["line"], problems[0]["column"]) != (1, 1), "nesting refused without a position"


def test_folder_walk_survives_loops_fifos_devices_and_unreadable_entries(tmp_path):
    maps = tmp_path / "maps"
    (maps / "sub").mkdir(parents=True)
    good = HEAD + "  t: {text: The thesis, implicit: true}\n"
    write(maps, "good.yaml", good)
    write(maps / "sub", "deeper.yaml", good)
    (maps / "sub" / "up").symlink_to("..")                  # a folder loop
    (maps / "sub" / "self").symlink_to(".")
    _link(maps, "loop-b.yaml", "loop-a.yaml")                # a file loop
    _link(maps, "loop-a.yaml", "loop-b.yaml")
    os.mkfifo(maps / "pipe.yaml")
    _link(maps, "/dev/zero", "zero.yaml")
    _link(maps, "/proc/self/mem", "mem.yaml")               # unreadable even for root
    locked = maps / "locked"
    locked.mkdir()
    write(locked, "inside.yaml", good)
    locked.chmod(0)
    try:
        run = run_argmap("check", "--no-config", "--format", "json", maps, cwd=tmp_path)
    finally:
        locked.chmod(0o755)
    assert_sane(run)
    problems = problems_from_json(run)
    by_file = {Path(p["path"]).name: p for p in problems}
    for name in ("loop-a.yaml", "loop-b.yaml", "pipe.yaml", "zero.yaml", "mem.yaml"):
        assert by_file.get(name, {}).get("code") == "AM001", f"{name}: {by_file.get(name)}\n{run.describe()}"
    assert "good.yaml" not in by_file and "deeper.yaml" not in by_file, run.describe()
    if os.geteuid() == 0:  # root reads a folder whatever its mode
        assert "inside.yaml" not in by_file, run.describe()
    else:
        assert by_file.get("locked", {}).get("code") == "AM001", run.describe()
    assert run.code == 1


def test_an_unreadable_file(tmp_path):
    """chmod 000: AM001 for a user; root reads it anyway, so there it is checked as usual."""
    path = write(tmp_path, "map.yaml", HEAD + "  t: {text: The thesis, implicit: true}\n")
    path.chmod(0)
    try:
        run = run_argmap("check", "--no-config", "--format", "json", path, cwd=tmp_path)
    finally:
        path.chmod(0o644)
    assert_sane(run)
    problems = problems_from_json(run)
    if os.geteuid() == 0:
        assert (run.code, problems) == (0, []), run.describe()
    else:
        assert_expected(problems, run.code, {"exit": 1, "code": "AM001", "line": 1, "column": 1,
                                             "message": "Permission denied", "only": True}, run.describe())


def test_python_tags_construct_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args in (["check", "--no-config"], ["evaluate"], ["tree"]):
        assert_invoked_sane(invoke(*args, CORPUS / "python-tags.yaml"))
    assert not list(tmp_path.iterdir()), "a Python tag ran code"


# -- output safety: atomic writes, never over the input map ------------------------------------------


WRITERS = {
    "render": lambda source, out: ["render", source, "--format", "dot", "-o", out],
    "export": lambda source, out: ["export", source, "--to", "mermaid", "-o", out],
    "check": lambda source, out: ["check", "--no-config", source, "--output", out],
}


def output_paths(folder: Path, source: Path) -> dict[str, Path]:
    """Names for ``source`` itself: as given, with ./, absolute, through a symlink, a hard link, and ``..``."""
    link = folder / "link.yaml"
    link.symlink_to(source.name)
    hard = folder / "hard.yaml"
    os.link(source, hard)
    return {"same": source, "dot-slash": Path(os.curdir) / source.name, "absolute": source.resolve(),
            "symlink": link, "hard-link": hard, "dotdot": folder / ".." / folder.name / source.name}


@pytest.mark.parametrize("how", ["same", "dot-slash", "absolute", "symlink", "hard-link", "dotdot"])
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_refuses_to_write_over_its_input_map(command, how, tmp_path, monkeypatch):
    source = tmp_path / "map.yaml"
    shutil.copy(REPO / "arguments" / "relations-tour.yaml", source)
    before = source.read_bytes()
    target = output_paths(tmp_path, source)[how]
    monkeypatch.chdir(tmp_path)
    result = invoke(*WRITERS[command](source.name, target))
    assert_invoked_sane(result)
    assert result.code == 2, result.describe()
    assert b"input map" in result.stderr, result.describe()
    assert source.read_bytes() == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "a temporary file was left"


def test_check_of_a_folder_refuses_to_write_over_any_map_in_it(tmp_path):
    maps = tmp_path / "maps"
    maps.mkdir()
    shutil.copy(REPO / "arguments" / "school-uniforms.yaml", maps / "a.yaml")
    shutil.copy(REPO / "arguments" / "relations-tour.yaml", maps / "b.yaml")
    before = (maps / "b.yaml").read_bytes()
    result = invoke("check", "--no-config", maps, "--output", maps / "b.yaml")
    assert result.code == 2, result.describe()
    assert (maps / "b.yaml").read_bytes() == before


ALL_WRITERS = {
    **WRITERS,
    "rules": lambda source, out: ["rules", "--output", out],
    "schema": lambda source, out: ["schema", "--output", out],
}


@pytest.mark.parametrize("command", sorted(ALL_WRITERS))
def test_every_output_file_is_written_atomically(command, tmp_path, monkeypatch):
    """Each command's file goes to a temporary file in the same folder, then is renamed;
    a failure before the rename leaves the old file whole and no temporary file."""
    from argmap import atomic

    source = REPO / "arguments" / "relations-tour.yaml"
    out = tmp_path / "out.txt"
    renames = []
    real_replace = atomic.os.replace

    def replace(src, dst):
        renames.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    result = invoke(*ALL_WRITERS[command](source, out))
    assert result.code in (0, 1), result.describe()
    assert len(renames) == 1 and renames[0][1] == out.resolve(), renames
    assert renames[0][0].parent == out.resolve().parent, "the temporary file must be in the same folder"
    written = out.read_bytes()

    def no_space(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", no_space)
    result = invoke(*ALL_WRITERS[command](source, out))
    assert_invoked_sane(result)
    assert result.code == 2, result.describe()
    assert out.read_bytes() == written, "a failed write changed the old file"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"], "a temporary file was left behind"


def test_only_the_atomic_module_writes_files():
    """No module of argmap opens, copies or renames a file for writing except argmap/atomic.py."""
    anywhere = {"write_text", "write_bytes", "mkstemp", "NamedTemporaryFile", "rename"}
    on_module = {("os", "replace"), ("os", "rename"), ("shutil", "copy"), ("shutil", "copy2"),
                 ("shutil", "copyfile"), ("shutil", "copytree"), ("shutil", "move")}
    offenders = []
    for path in sorted((REPO / "argmap").rglob("*.py")):
        if path.name == "atomic.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = getattr(func, "attr", getattr(func, "id", ""))
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else None
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            if (isinstance(func, ast.Attribute) and name in anywhere) or (owner, name) in on_module:
                offenders.append(f"{where} {name}")
            elif name == "open" and owner is None:
                mode = node.args[1] if len(node.args) > 1 else next(
                    (kw.value for kw in node.keywords if kw.arg == "mode"), None)
                if isinstance(mode, ast.Constant) and set(str(mode.value)) & set("wax+"):
                    offenders.append(f"{where} open(..., {mode.value!r})")
            elif (owner, name) == ("os", "open"):
                flags = {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}
                if flags & {"O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"}:
                    offenders.append(f"{where} os.open for writing")
    assert not offenders, offenders
