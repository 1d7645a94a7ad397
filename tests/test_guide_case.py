"""The coach's guide docs/guide-case.md runs: every command in it, with the output it shows.

The guide is read and run as tests/guide_script.py describes, in an empty temporary
folder: the guide writes every file it uses. At the end:

- the case folder the guide worked in (``club/arguments/compulsory-voting/``) holds the
  same maps as ``arguments/compulsory-voting/``, byte for byte, as the guide says;
- the copy it kept before the practice round (``club/round-1/``) is that case without
  what the guide adds after the round;
- every file an argmap command wrote with ``-o`` is there, and is what its name says;
- the CI workflow and the pre-commit hook the guide writes run the commands the guide
  shows, and the hook is the one argmap's ``.pre-commit-hooks.yaml`` provides.

When a command's output changes on purpose, rewrite the outputs in the guide with
``ARGMAP_UPDATE_GUIDE=1 pytest tests/test_guide_case.py`` and read the diff
(``git diff docs/guide-case.md``) before keeping it.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import yaml
from conftest import REPO
from guide_script import Command, Session, run_guide

from argmap.loader import load_map

GUIDE = REPO / "docs" / "guide-case.md"
CASE = REPO / "arguments" / "compulsory-voting"
ADDED_AFTER_THE_ROUND = {"hill-2014", "interests-count", "interests-card"}
"""What the guide adds to the case after the practice round (section 9)."""
SIGNATURES = {".pdf": b"%PDF-", ".html": b"<!DOCTYPE html>"}


def output_of(command: Command) -> str | None:
    """The file an argmap command writes with ``-o``/``--output``, if any (``-`` is standard output)."""
    words = shlex.split(command.text, comments=True)
    if words[0] != "argmap":
        return None
    for flag in ("-o", "--output"):
        if flag in words[:-1] and words[words.index(flag) + 1] != "-":
            return words[words.index(flag) + 1]
    return None


def ids_of(path: Path) -> set[str]:
    loaded = load_map(path)
    assert loaded.model is not None, loaded.issues
    return set(loaded.model.statements) | set(loaded.model.arguments)


def test_the_guide_runs_as_written_and_builds_the_compulsory_voting_case(tmp_path):
    assert shutil.which("dot"), "Graphviz's dot is needed (make test installs it)"
    session = Session(tmp_path, "docs/guide-case.md")
    club = tmp_path / "club"
    written: list[Path] = []
    run_at_the_top: list[str] = []

    def after_command(command: Command, session: Session) -> None:
        output = output_of(command)
        if output:
            written.append(session.cwd / output)
        if session.cwd == club.resolve():
            run_at_the_top.append(command.text)

    run_guide(GUIDE, session, after_command=after_command)

    built = club / "arguments" / "compulsory-voting"
    maps = sorted(path.name for path in CASE.iterdir() if path.suffix == ".yaml")
    assert sorted(path.name for path in built.iterdir() if path.suffix == ".yaml") == maps
    for name in maps:
        assert (built / name).read_bytes() == (CASE / name).read_bytes(), (
            f"the guide's {name} differs from arguments/compulsory-voting/{name}")

    before = ids_of(club / "round-1" / "case.yaml")
    assert before == ids_of(CASE / "case.yaml") - ADDED_AFTER_THE_ROUND

    assert written, "the guide writes no file with -o"
    for path in written:
        assert path.is_file(), f"the guide says argmap wrote {path.relative_to(tmp_path)}, which is not there"
        signature = SIGNATURES.get(path.suffix)
        assert signature is None or path.read_bytes().startswith(signature), path

    workflow = yaml.safe_load((club / ".github" / "workflows" / "argmap.yml").read_text(encoding="utf-8"))
    steps = [step["run"] for step in workflow["jobs"]["check"]["steps"] if "run" in step]
    checks = [run for run in steps if run.startswith("argmap ")]
    assert checks and set(checks) <= set(run_at_the_top), (checks, run_at_the_top)
    (hook,) = yaml.safe_load((club / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    (provided,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook[key] for key in ("id", "entry", "types", "require_serial")] == \
        [provided[key] for key in ("id", "entry", "types", "require_serial")]
    assert any(text.startswith(hook["entry"] + " ") for text in run_at_the_top), run_at_the_top
