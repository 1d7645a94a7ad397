"""Golden outputs: what every command prints for every map in the repository, byte for byte.

A change that is not meant to change any output (a refactoring, a speed-up) must
leave these files alone. A change that alters an output on purpose regenerates them
in the same commit and says so in its message::

    .venv/bin/python tests/test_golden.py --update

The maps are every ``*.yaml`` under ``arguments/`` and ``tests/``, and the
benchmark's generated maps of 1,000 and 10,000 statements (``bench/generate.py``).
Each case records the exit code, standard output and standard error of one command
run through typer's ``CliRunner``. The generated maps' outputs are stored
gzip-compressed (``.gz``); on a difference the test shows the first lines that differ.
"""

from __future__ import annotations

import difflib
import gzip
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import REPO  # noqa: E402

GOLDEN = REPO / "tests" / "golden"
GENERATED = {"generated-1000": 1_000, "generated-10000": 10_000}
"""Name -> statements of the benchmark's maps that are part of the golden set."""

COMMANDS: dict[str, list[str]] = {
    "check.txt": ["check", "--no-config", "-f", "text", "{map}"],
    "check.json": ["check", "--no-config", "-f", "json", "{map}"],
    "evaluate.txt": ["evaluate", "{map}", "--cruxes"],
    "evaluate.json": ["evaluate", "{map}", "--cruxes", "-f", "json"],
    "evaluate-support.json": ["evaluate", "{map}", "--require-support", "-f", "json"],
    "tree.txt": ["tree", "{map}"],
    "tree-ascii.txt": ["tree", "{map}", "--ascii", "--depth", "3"],
    "render.dot": ["render", "{map}", "-f", "dot", "-o", "-", "--legend"],
    "render-lr.dot": ["render", "{map}", "-f", "dot", "-o", "-", "--direction", "LR", "--no-labels"],
    "export.md": ["export", "{map}", "--to", "markdown"],
    "export.mmd": ["export", "{map}", "--to", "mermaid"],
}
"""Output file name -> the command's arguments; ``{map}`` is the map's path from the repository root."""

LARGE_SKIPS = ("evaluate-support.json", "tree-ascii.txt", "render-lr.dot")
"""Variants left out for the 10,000-statement map (they cost seconds there; the other maps cover them)."""

EXPLAINED = {"arguments/beijing-parade.yaml": "bloc-confrontation", "arguments/school-uniforms.yaml": None}


def repo_maps() -> list[str]:
    """Every map under arguments/ and tests/, as a path from the repository root."""
    found = [*REPO.glob("arguments/*.yaml"), *REPO.glob("tests/**/*.yaml")]
    return sorted(str(path.relative_to(REPO)) for path in found if "golden" not in path.parts)


def case_name(map_path: str) -> str:
    return map_path.removesuffix(".yaml").replace("/", "__")


def generated_map(name: str, folder: Path) -> Path:
    """The benchmark's map ``name`` written into ``folder`` (the generator is deterministic)."""
    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate_map

    path = folder / f"{name}.yaml"
    if not path.exists():
        path.write_text(generate_map(GENERATED[name]), encoding="utf-8")
    return path


def run(args: list[str]) -> bytes:
    """One command's exit code, stdout and stderr, as the golden file holds them."""
    from typer.testing import CliRunner

    from argmap.cli import app

    env = {"COLUMNS": "100", "NO_COLOR": "1", "GITHUB_ACTIONS": ""}
    result = CliRunner().invoke(app, args, env=env, catch_exceptions=False)
    return (f"exit: {result.exit_code}\n--- stdout\n".encode() + result.stdout_bytes
            + b"\n--- stderr\n" + result.stderr_bytes)


def outputs(map_path: str, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """File name -> the golden bytes of every command on the map at ``map_path`` (relative to the cwd)."""
    found = {name: run([arg.replace("{map}", map_path) for arg in args]) for name, args in COMMANDS.items()
             if name not in skip}
    explained = EXPLAINED.get(map_path)
    if explained:
        found["explain.txt"] = run(["evaluate", map_path, "--explain", explained])
    return found


def _compare(expected_file: Path, actual: bytes) -> None:
    expected = expected_file.read_bytes()
    if expected_file.suffix == ".gz":
        expected = gzip.decompress(expected)
    if expected == actual:
        return
    diff = difflib.unified_diff(expected.decode("utf-8", "replace").splitlines(),
                                actual.decode("utf-8", "replace").splitlines(),
                                str(expected_file), "now", n=1, lineterm="")
    pytest.fail("output differs from its golden file:\n" + "\n".join(list(diff)[:60]))


@pytest.fixture
def at_repo(monkeypatch):
    monkeypatch.chdir(REPO)


@pytest.mark.parametrize("map_path", repo_maps())
def test_repository_map_outputs_are_unchanged(map_path, at_repo):
    folder = GOLDEN / case_name(map_path)
    expected = sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []
    found = outputs(map_path)
    assert sorted(found) == expected, f"golden files missing for {map_path}: run tests/test_golden.py --update"
    for name, data in found.items():
        _compare(folder / name, data)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_map_outputs_are_unchanged(name, tmp_path, monkeypatch):
    path = generated_map(name, tmp_path)
    monkeypatch.chdir(tmp_path)
    folder = GOLDEN / name
    found = outputs(path.name, LARGE_SKIPS if GENERATED[name] > 1_000 else ())
    assert sorted(f"{file_name}.gz" for file_name in found) == sorted(p.name for p in folder.iterdir())
    for file_name, data in found.items():
        _compare(folder / f"{file_name}.gz", data)


def update() -> None:
    """Write every golden file from what the commands print now."""
    import shutil
    import tempfile

    os.chdir(REPO)
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for map_path in repo_maps():
        folder = GOLDEN / case_name(map_path)
        folder.mkdir(parents=True)
        for name, data in outputs(map_path).items():
            (folder / name).write_bytes(data)
    with tempfile.TemporaryDirectory() as tmp:
        for name in GENERATED:
            path = generated_map(name, Path(tmp))
            folder = GOLDEN / name
            folder.mkdir(parents=True)
            os.chdir(tmp)
            for file_name, data in outputs(path.name, LARGE_SKIPS if GENERATED[name] > 1_000 else ()).items():
                (folder / f"{file_name}.gz").write_bytes(gzip.compress(data, mtime=0))
            os.chdir(REPO)


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_golden.py --update")
    update()
