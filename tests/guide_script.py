"""A guide in docs/ read as a script, run, and compared with what it shows.

The convention (each guide states it in a comment at its top):

- a ```` ```console ```` block holds commands, each on a line starting with ``$ ``,
  followed by what it prints (its standard output, then its standard error) up to
  the next ``$ `` line or the block's end; a command that exits with a nonzero
  code says so in a shell comment at its end, ``# exit 1``;
- a ```` ```yaml file=NAME ```` block writes the file NAME (relative to the folder
  the guide is in at that point); with ``under=SECTION`` it is pasted, as it is,
  at the end of the map's section ``SECTION:`` (after the section's last indented
  line), adding the statements or arguments it holds.

``argmap`` runs as ``python -m argmap`` in a subprocess with a fixed environment
(``NO_COLOR=1``, ``COLUMNS=100``, ``HOME`` in the scratch folder, no ``CI``,
``GITHUB_ACTIONS`` or ``ARGMAP_*`` variables); ``cd``, ``mkdir`` (with ``-p``),
``cp`` (with ``-r``) and ``cat`` are done by the test itself, and any other command
fails the test. Each output is compared with the guide's, line by line after
stripping trailing whitespace, and the first difference fails the test with a diff
that names the command and the guide's line. With ``ARGMAP_UPDATE_GUIDE=1`` the
outputs and ``# exit N`` markers are rewritten in the guide instead; the commands,
the files and the prose are left alone.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

FENCE = re.compile(r"^```(\w*)(.*)$")
EXIT = re.compile(r"\s#\s*exit\s+(\d+)\s*$")
ENTRY = re.compile(r"^  ([A-Za-z0-9][A-Za-z0-9_-]*):")
UPDATE = bool(os.environ.get("ARGMAP_UPDATE_GUIDE"))


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


def read_blocks(lines: list[str], name: str) -> list[Block]:
    """The guide's console blocks and its yaml blocks that name a file, in order (``name`` is the
    guide's path, for messages)."""
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
        assert end < len(lines), f"{name}:{index + 1}: the block is not closed"
        kind = fence.group(1)
        options = dict(option.split("=", 1) for option in shlex.split(fence.group(2)))
        body = lines[index + 1:end]
        if kind == "console":
            blocks.append(Block(kind, index + 1, end, options, body, read_commands(body, index + 2, name)))
        elif kind == "yaml" and "file" in options:
            blocks.append(Block(kind, index + 1, end, options, body))
        index = end + 1
    return blocks


def read_commands(body: list[str], first_line: int, name: str) -> list[Command]:
    commands: list[Command] = []
    for offset, line in enumerate(body):
        if line.startswith("$ "):
            marker = EXIT.search(line)
            text = line[2:marker.start()] if marker else line[2:]
            commands.append(Command(first_line + offset, text.strip(), int(marker.group(1)) if marker else 0))
        else:
            assert commands, f"{name}:{first_line + offset}: output before any command"
            commands[-1].expected.append(line)
    return commands


# ---- doing what it says --------------------------------------------------------------

def environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("CI", "GITHUB_ACTIONS", "FORCE_COLOR", "CLICOLOR_FORCE") and not key.startswith("ARGMAP_")}
    env.update(NO_COLOR="1", COLUMNS="100", HOME=str(home), PYTHONIOENCODING="utf-8")
    return env


def argmap_output(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", check=False, timeout=120)
    return done.stdout + done.stderr


class Session:
    """The scratch folder a guide works in, and the commands' environment."""

    def __init__(self, root: Path, name: str):
        self.cwd = root
        self.name = name
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
        elif name == "mkdir" and len(args) == 2 and args[0] == "-p":
            (self.cwd / args[1]).mkdir(parents=True, exist_ok=True)
        elif name == "cp" and len(args) == 2:
            target = self.cwd / args[1]
            shutil.copy(self.cwd / args[0], target / Path(args[0]).name if target.is_dir() else target)
        elif name == "cp" and len(args) == 3 and args[0] == "-r":
            source, target = self.cwd / args[1], self.cwd / args[2]
            shutil.copytree(source, target / source.resolve().name if target.is_dir() else target)
        elif name == "cat" and len(args) == 1:
            return (self.cwd / args[0]).read_text(encoding="utf-8").splitlines(), 0
        else:
            pytest.fail(f"{self.name}:{command.line}: the test cannot run `{command.text}`")
        return [], 0

    def write(self, block: Block) -> None:
        path = self.cwd / block.options["file"]
        if "under" in block.options:
            current = path.read_text(encoding="utf-8").splitlines()
            path.write_text("\n".join(merged(current, block.options["under"], block.lines, block.start, self.name))
                            + "\n", encoding="utf-8")
        else:
            path.write_text("\n".join(block.lines) + "\n", encoding="utf-8")


def merged(current: list[str], section: str, block: list[str], where: int, name: str) -> list[str]:
    """``current`` with ``block`` pasted at the end of its section ``section:`` (after the section's last
    indented line), as a reader adds statements to a map; the block's ids must be new to the section."""
    assert f"{section}:" in current, f"{name}:{where}: the map has no section `{section}:`"
    head = current.index(f"{section}:")
    stop = next((i for i in range(head + 1, len(current)) if re.match(r"[A-Za-z]", current[i])), len(current))
    ids = [key.group(1) for key in map(ENTRY.match, block) if key]
    assert ids, f"{name}:{where}: the block adds no entry (a line `  id:`)"
    there = {key.group(1) for key in map(ENTRY.match, current[head + 1:stop]) if key}
    assert not there & set(ids), f"{name}:{where}: `{section}:` already has {sorted(there & set(ids))}"
    last = max((i for i in range(head, stop) if current[i].startswith(" ") and current[i].strip()), default=head)
    return current[:last + 1] + block + current[last + 1:]


# ---- running a whole guide --------------------------------------------------------------

def run_guide(guide: Path, session: Session,
              before_write: Callable[[Block, Session], None] | None = None,
              after_command: Callable[[Command, Session], None] | None = None) -> None:
    """Run ``guide``'s blocks in order in ``session`` and compare each command's output and exit code
    with the guide's; under ``ARGMAP_UPDATE_GUIDE`` rewrite the guide's outputs instead.

    ``before_write`` is called before a yaml block writes its file, ``after_command`` after a command
    has run (in the folder it ran in), so that a test can look at what the guide has built so far."""
    lines = guide.read_text(encoding="utf-8").splitlines()
    blocks = read_blocks(lines, session.name)
    assert any(block.commands for block in blocks), f"{session.name} has no commands"
    updates: list[tuple[Block, list[str]]] = []
    for block in blocks:
        if block.kind == "yaml":
            if before_write:
                before_write(block, session)
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
            if after_command:
                after_command(command, session)
            if UPDATE:
                continue
            expected = [line.rstrip() for line in command.expected]
            while expected and not expected[-1]:
                expected.pop()
            if got != expected:
                diff = "\n".join(difflib.unified_diff(expected, got, "the guide", "argmap", lineterm=""))
                pytest.fail(f"{session.name}:{command.line}: `{command.text}` printed something else:\n{diff}")
            assert code == command.exit_code, (
                f"{session.name}:{command.line}: `{command.text}` exited {code}, the guide says "
                f"{command.exit_code}:\n" + "\n".join(got))
        updates.append((block, new_body))
    if UPDATE:
        for block, body in reversed(updates):
            lines[block.start:block.end] = body
        guide.write_text("\n".join(lines) + "\n", encoding="utf-8")
