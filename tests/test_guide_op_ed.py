"""The guide docs/guide-op-ed.md runs: every command in it, with the output it shows.

The guide is read as a script (its convention is in the comment at its top):

- a ```` ```console ```` block holds commands, each on a line starting with ``$ ``,
  followed by what it prints (its standard output, then its standard error) up to
  the next ``$ `` line or the block's end; a command that exits with a nonzero
  code says so in a shell comment at its end, ``# exit 1``;
- a ```` ```yaml file=NAME ```` block writes the file NAME (relative to the folder
  the guide is in at that point); with ``under=SECTION`` it is pasted, as it is,
  at the end of the map's section ``SECTION:`` (after the section's last indented
  line), adding the statements or arguments it holds.

The test runs the blocks in order in a temporary folder that holds, like a clone,
``arguments/`` and ``pyproject.toml``. ``argmap`` runs as ``python -m argmap`` in a
subprocess with a fixed environment (``NO_COLOR=1``, ``COLUMNS=100``, ``HOME`` in
the temporary folder, no ``CI``, ``GITHUB_ACTIONS`` or ``ARGMAP_*`` variables);
``cd``, ``mkdir``, ``cp`` and ``cat`` are done by the test itself, and any other
command fails the test. Each output is compared with the guide's, line by line
after stripping trailing whitespace, and the first difference fails the test with
a diff that names the command and the guide's line. At the end, the map the guide
built must hold the same statements and arguments as arguments/beijing-parade.yaml,
and give the same tree and evaluation.

When a command's output changes on purpose, rewrite the outputs in the guide with
``ARGMAP_UPDATE_GUIDE=1 pytest tests/test_guide_op_ed.py`` and read the diff
(``git diff docs/guide-op-ed.md``) before keeping it: the commands, the files and
the prose are left alone, only outputs and ``# exit N`` markers change.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import REPO

from argmap.loader import load_map

GUIDE = REPO / "docs" / "guide-op-ed.md"
FLAGSHIP = REPO / "arguments" / "beijing-parade.yaml"
FENCE = re.compile(r"^```(\w*)(.*)$")
EXIT = re.compile(r"\s#\s*exit\s+(\d+)\s*$")
ENTRY = re.compile(r"^  ([A-Za-z0-9][A-Za-z0-9_-]*):")
UPDATE = bool(os.environ.get("ARGMAP_UPDATE_GUIDE"))
CHANGED_IN_THE_FINISHED_MAP = {"kim-at-parade", "bloc-structure"}
"""The statements the guide writes step by step that gain relations in the finished map (it says so)."""


# ---- reading the guide --------------------------------------------------------------

@dataclass
class Command:
    line: int
    """The guide's line (1-based) of the ``$`` line."""
    text: str
    """The command as typed, without ``$ `` and without its ``# exit N`` marker."""
    exit_code: int
    expected: list[str] = field(default_factory=list)


@dataclass
class Block:
    kind: str
    """``console`` or ``yaml``."""
    start: int
    """The guide's 0-based index of the block's first line inside the fence."""
    end: int
    """The index of its closing fence."""
    options: dict[str, str]
    lines: list[str]
    commands: list[Command] = field(default_factory=list)


def read_blocks(lines: list[str]) -> list[Block]:
    """The guide's console blocks and its yaml blocks that name a file, in order."""
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        fence = FENCE.match(lines[index])
        if not fence or not fence.group(1):
            index += 1
            continue
        end = index + 1
        while end < len(lines) and lines[end].rstrip() != "```":
            end += 1
        assert end < len(lines), f"docs/guide-op-ed.md:{index + 1}: the block is not closed"
        kind = fence.group(1)
        options = dict(option.split("=", 1) for option in shlex.split(fence.group(2)))
        body = lines[index + 1:end]
        if kind == "console":
            blocks.append(Block(kind, index + 1, end, options, body, read_commands(body, index + 2)))
        elif kind == "yaml" and "file" in options:
            blocks.append(Block(kind, index + 1, end, options, body))
        index = end + 1
    return blocks


def read_commands(body: list[str], first_line: int) -> list[Command]:
    commands: list[Command] = []
    for offset, line in enumerate(body):
        if line.startswith("$ "):
            marker = EXIT.search(line)
            text = line[2:marker.start()] if marker else line[2:]
            commands.append(Command(first_line + offset, text.strip(), int(marker.group(1)) if marker else 0))
        else:
            assert commands, f"docs/guide-op-ed.md:{first_line + offset}: output before any command"
            commands[-1].expected.append(line)
    return commands


# ---- doing what it says --------------------------------------------------------------

def environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("CI", "GITHUB_ACTIONS", "FORCE_COLOR", "CLICOLOR_FORCE") and not key.startswith("ARGMAP_")}
    env.update(NO_COLOR="1", COLUMNS="100", HOME=str(home), PYTHONIOENCODING="utf-8")
    return env


class Session:
    """The scratch folder the guide works in, and the commands' environment."""

    def __init__(self, root: Path):
        self.cwd = root
        self.env = environment(root / "home")
        (root / "home").mkdir()

    def run(self, command: Command) -> tuple[list[str], int]:
        words = shlex.split(command.text, comments=True)
        name, args = words[0], words[1:]
        if name == "argmap":
            done = subprocess.run([sys.executable, "-m", "argmap", *args], cwd=self.cwd, env=self.env,
                                  capture_output=True, text=True, encoding="utf-8", check=False, timeout=120)
            return (done.stdout + done.stderr).splitlines(), done.returncode
        if name == "cd" and len(args) == 1:
            self.cwd = (self.cwd / args[0]).resolve()
            assert self.cwd.is_dir(), f"cd: {args[0]} is not a folder"
        elif name == "mkdir" and len(args) == 1:
            (self.cwd / args[0]).mkdir()
        elif name == "cp" and len(args) == 2:
            target = self.cwd / args[1]
            shutil.copy(self.cwd / args[0], target / Path(args[0]).name if target.is_dir() else target)
        elif name == "cat" and len(args) == 1:
            return (self.cwd / args[0]).read_text(encoding="utf-8").splitlines(), 0
        else:
            pytest.fail(f"docs/guide-op-ed.md:{command.line}: the test cannot run `{command.text}`")
        return [], 0

    def write(self, block: Block) -> None:
        path = self.cwd / block.options["file"]
        if "under" in block.options:
            current = path.read_text(encoding="utf-8").splitlines()
            path.write_text("\n".join(merged(current, block.options["under"], block.lines, block.start)) + "\n",
                            encoding="utf-8")
        else:
            path.write_text("\n".join(block.lines) + "\n", encoding="utf-8")


def merged(current: list[str], section: str, block: list[str], where: int) -> list[str]:
    """``current`` with ``block`` pasted at the end of its section ``section:`` (after the section's last
    indented line), as a reader adds statements to a map; the block's ids must be new to the section."""
    assert f"{section}:" in current, f"docs/guide-op-ed.md:{where}: the map has no section `{section}:`"
    head = current.index(f"{section}:")
    stop = next((i for i in range(head + 1, len(current)) if re.match(r"[A-Za-z]", current[i])), len(current))
    ids = [key.group(1) for key in map(ENTRY.match, block) if key]
    assert ids, f"docs/guide-op-ed.md:{where}: the block adds no entry (a line `  id:`)"
    there = {key.group(1) for key in map(ENTRY.match, current[head + 1:stop]) if key}
    assert not there & set(ids), f"docs/guide-op-ed.md:{where}: `{section}:` already has {sorted(there & set(ids))}"
    last = max((i for i in range(head, stop) if current[i].startswith(" ") and current[i].strip()), default=head)
    return current[:last + 1] + block + current[last + 1:]


# ---- the test --------------------------------------------------------------------------

def statements_of(path: Path) -> dict:
    loaded = load_map(path)
    assert loaded.model is not None, loaded.issues
    model = loaded.model

    def refs(items):
        return [ref.id for ref in items]

    def undercut(u):
        return u.argument.id if u.argument else (u.source.id, u.target.id)

    statements = {
        sid: {"kind": s.kind, "text": s.text, "supports": refs(s.supports), "attacks": refs(s.attacks),
              "contradicts": refs(s.contradicts), "undercuts": [undercut(u) for u in s.undercuts], "by": s.by,
              "implicit": s.implicit, "tags": list(s.tags), "note": s.note, "source": s.source, "quote": s.quote,
              "weight": s.weight, "answers": [(a.argument.id, a.question.id) for a in s.answers]}
        for sid, s in model.statements.items()}
    arguments = {
        aid: {"premises": refs(a.premises), "conclusion": a.conclusion.id if a.conclusion else None,
              "scheme": a.scheme, "note": a.note}
        for aid, a in model.arguments.items()}
    return {"title": model.title, "thesis": model.thesis.id if model.thesis else None,
            "description": model.description, "text_file": model.source.text_file if model.source else None,
            "statements": statements, "arguments": arguments}


def argmap_output(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", check=False, timeout=120)
    return done.stdout + done.stderr


def test_the_guide_runs_as_written_and_rebuilds_the_flagship(tmp_path):
    assert shutil.which("dot"), "Graphviz's dot is needed (make test installs it)"
    shutil.copytree(REPO / "arguments", tmp_path / "arguments")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    session = Session(tmp_path)
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    blocks = read_blocks(lines)
    assert any(block.commands for block in blocks), "the guide has no commands"
    updates: list[tuple[Block, list[str]]] = []
    step_by_step = None
    for block in blocks:
        if block.kind == "yaml":
            if "under" not in block.options and (session.cwd / block.options["file"]).exists():
                step_by_step = statements_of(session.cwd / block.options["file"])  # before the finished map
            session.write(block)
            continue
        new_body: list[str] = []
        for command in block.commands:
            got, code = session.run(command)
            got = [line.rstrip() for line in got]
            while got and not got[-1]:
                got.pop()
            marker = f"  # exit {code}" if code else ""
            new_body += [f"$ {command.text}{marker}", *got]
            if UPDATE:
                continue
            expected = [line.rstrip() for line in command.expected]
            while expected and not expected[-1]:
                expected.pop()
            if got != expected:
                diff = "\n".join(difflib.unified_diff(expected, got, "the guide", "argmap", lineterm=""))
                pytest.fail(f"docs/guide-op-ed.md:{command.line}: `{command.text}` printed something else:\n{diff}")
            assert code == command.exit_code, (
                f"docs/guide-op-ed.md:{command.line}: `{command.text}` exited {code}, the guide says "
                f"{command.exit_code}:\n" + "\n".join(got))
        updates.append((block, new_body))
    if UPDATE:
        for block, body in reversed(updates):
            lines[block.start:block.end] = body
        GUIDE.write_text("\n".join(lines) + "\n", encoding="utf-8")

    built = session.cwd / "parade.yaml"
    assert built.is_file(), f"the guide ends in {session.cwd}, which has no parade.yaml"
    mine, flagship = statements_of(built), statements_of(FLAGSHIP)
    missing = set(flagship["statements"]) - set(mine["statements"])
    extra = set(mine["statements"]) - set(flagship["statements"])
    assert not missing and not extra, f"the guide's map lacks {sorted(missing)} and adds {sorted(extra)}"
    for sid, statement in flagship["statements"].items():
        assert mine["statements"][sid] == statement, f"statement `{sid}` differs from the flagship's"
    for key in ("title", "thesis", "description", "text_file", "arguments"):
        assert mine[key] == flagship[key], f"the map's {key} differs from the flagship's"
    # What the reader wrote step by step is in the finished map as written, but for what the guide says changes.
    assert step_by_step is not None, "the guide never replaces its map by the finished one"
    for sid, statement in step_by_step["statements"].items():
        if sid not in CHANGED_IN_THE_FINISHED_MAP:
            assert statement == flagship["statements"][sid], f"`{sid}` as written step by step is not the flagship's"
    for aid, argument in step_by_step["arguments"].items():
        assert argument == flagship["arguments"][aid], f"argument `{aid}` as written step by step is not the flagship's"

    # The same statements, so the same views: they differ only in the file's name.
    flagship_copy = session.cwd / "beijing-parade.yaml"
    shutil.copy(FLAGSHIP, flagship_copy)
    try:
        for args in (["tree"], ["evaluate", "--explain", "bloc-confrontation", "--cruxes"],
                     ["stats", "--format", "json"]):
            ours = argmap_output([args[0], "parade.yaml", *args[1:]], session.cwd, session.env)
            theirs = argmap_output([args[0], "beijing-parade.yaml", *args[1:]], session.cwd, session.env)
            assert ours == theirs.replace("beijing-parade.yaml", "parade.yaml"), f"argmap {' '.join(args)}"
    finally:
        flagship_copy.unlink()
