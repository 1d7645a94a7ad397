"""The guide docs/guide-op-ed.md runs: every command in it, with the output it shows.

The guide is read as a script, as tests/guide_script.py says.

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

import shutil
from pathlib import Path

from conftest import REPO
from guide_script import Block, Session, argmap_output, run_guide

from argmap.loader import load_map

GUIDE = REPO / "docs" / "guide-op-ed.md"
FLAGSHIP = REPO / "arguments" / "beijing-parade.yaml"
CHANGED_IN_THE_FINISHED_MAP = {"kim-at-parade", "bloc-structure"}
"""The statements the guide writes step by step that gain relations in the finished map (it says so)."""


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


def test_the_guide_runs_as_written_and_rebuilds_the_flagship(tmp_path):
    assert shutil.which("dot"), "Graphviz's dot is needed (make test installs it)"
    shutil.copytree(REPO / "arguments", tmp_path / "arguments")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    session = Session(tmp_path, "docs/guide-op-ed.md")
    step_by_step = None

    def before_write(block: Block, session: Session) -> None:
        nonlocal step_by_step
        if "under" not in block.options and (session.cwd / block.options["file"]).exists():
            step_by_step = statements_of(session.cwd / block.options["file"])  # before the finished map

    run_guide(GUIDE, session, before_write=before_write)

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
