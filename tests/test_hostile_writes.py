"""`-o` against what a hostile pull request can plant in a checkout (issue 12, item 1).

Every command that writes goes through ``cliutil.write_output`` and
``atomic.write_atomic``. A final symbolic link is replaced itself, never written
through; a FIFO, a character device and ``/dev/stdout`` are written as streams, never
replaced; a SIGTERM or SIGINT during a write leaves no temporary file.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from argmap import atomic

REPO = Path(__file__).resolve().parent.parent
MAP = REPO / "arguments" / "beijing-parade.yaml"
TIMEOUT = 60  # seconds; generous, only so that a hang fails instead of blocking the suite

WRITERS = {
    "check": lambda source, out: ["check", "--no-config", source, "--output", out],
    "evaluate": lambda source, out: ["evaluate", source, "-o", out],
    "tree": lambda source, out: ["tree", source, "-o", out],
    "render": lambda source, out: ["render", source, "--format", "dot", "-o", out],
    "export": lambda source, out: ["export", source, "--to", "mermaid", "-o", out],
    "schema": lambda source, out: ["schema", "--output", out],
    "rules": lambda source, out: ["rules", "--output", out],
}


def run(*args, cwd, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "argmap", *map(str, args)], check=False, cwd=cwd, stderr=subprocess.PIPE,
                          timeout=TIMEOUT, env={**os.environ, "NO_COLOR": "1"}, **kwargs)


def describe(result: subprocess.CompletedProcess) -> str:
    return f"exit {result.returncode}\nstdout: {result.stdout!r:.600}\nstderr: {result.stderr!r:.600}"


def one_line_error(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 2, describe(result)
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("argmap: "), describe(result)


@pytest.fixture
def checkout(tmp_path):
    """A checkout (with the map and a docs folder) and a folder outside it holding a victim file."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_bytes(b"precious\n")
    repo = tmp_path / "checkout"
    (repo / "docs").mkdir(parents=True)
    shutil.copy(MAP, repo / "map.yaml")
    shutil.copy(MAP.with_name("beijing-parade-op-ed.txt"), repo)  # the map quotes it
    return repo, outside


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- a final symbolic link is replaced itself, never written through ---------------------------------------


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_link_to_a_file_outside_is_replaced_not_written_through(command, checkout):
    repo, outside = checkout
    link = repo / "docs" / "diagram.svg"
    link.symlink_to(outside / "victim.txt")
    result = run(*WRITERS[command]("map.yaml", "docs/diagram.svg"), cwd=repo)
    assert result.returncode in (0, 1), describe(result)
    assert (outside / "victim.txt").read_bytes() == b"precious\n", "the link's target outside was overwritten"
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]
    assert not link.is_symlink() and link.is_file(), "the link itself is replaced by the output"
    assert link.stat().st_size > 0
    assert temporaries(repo / "docs") == []


@pytest.mark.parametrize("command", ["render", "check", "schema"])
def test_a_dangling_link_creates_no_file_outside(command, checkout):
    repo, outside = checkout
    link = repo / "docs" / "diagram.svg"
    link.symlink_to(outside / "planted.txt")
    result = run(*WRITERS[command]("map.yaml", "docs/diagram.svg"), cwd=repo)
    assert result.returncode in (0, 1), describe(result)
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"], "a file was created outside the checkout"
    assert not link.is_symlink() and link.is_file()


def test_a_link_to_a_link_outside_is_replaced_too(checkout):
    repo, outside = checkout
    (repo / "docs" / "hop").symlink_to(outside / "victim.txt")
    (repo / "docs" / "out.dot").symlink_to("hop")
    result = run(*WRITERS["render"]("map.yaml", "docs/out.dot"), cwd=repo)
    assert result.returncode == 0, describe(result)
    assert (outside / "victim.txt").read_bytes() == b"precious\n"
    assert (repo / "docs" / "hop").is_symlink(), "only the named link is replaced"
    assert not (repo / "docs" / "out.dot").is_symlink()


def test_a_link_to_the_input_map_is_still_refused(checkout):
    repo, _ = checkout
    before = (repo / "map.yaml").read_bytes()
    (repo / "docs" / "out.dot").symlink_to(repo / "map.yaml")
    result = run(*WRITERS["render"]("map.yaml", "docs/out.dot"), cwd=repo)
    one_line_error(result)
    assert b"input map" in result.stderr
    assert (repo / "map.yaml").read_bytes() == before
    assert (repo / "docs" / "out.dot").is_symlink()


def test_the_temporary_file_is_never_opened_through_a_planted_link(tmp_path, monkeypatch):
    """A link already sitting at the temporary file's name is neither followed nor removed."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_bytes(b"precious\n")
    folder = tmp_path / "docs"
    folder.mkdir()
    names = iter(["aaaa", "bbbb"])
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: next(names))
    (folder / ".out.dot.aaaa.tmp").symlink_to(outside / "victim.txt")
    atomic.write_atomic(folder / "out.dot", b"digraph {}")
    assert (folder / "out.dot").read_bytes() == b"digraph {}"
    assert (outside / "victim.txt").read_bytes() == b"precious\n"
    assert (folder / ".out.dot.aaaa.tmp").is_symlink()


# -- FIFOs, devices and standard streams are written as streams ---------------------------------------------


def read_fifo(fd: int, into: bytearray, deadline: float) -> None:
    """Read from a FIFO (opened O_RDONLY|O_NONBLOCK) until its writer closes it."""
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if not chunk:
                return
            into.extend(chunk)
    finally:
        os.close(fd)


def test_a_fifo_with_a_reader_receives_the_bytes_and_stays_a_fifo(checkout):
    repo, _ = checkout
    fifo = repo / "docs" / "pipe"
    os.mkfifo(fifo)
    expected = run(*WRITERS["render"]("map.yaml", "-"), cwd=repo).stdout
    received = bytearray()
    # Opened before argmap starts, so that a reader exists when argmap opens the FIFO.
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    reader = threading.Thread(target=read_fifo, args=(fd, received, time.monotonic() + TIMEOUT))
    reader.start()
    try:
        result = run(*WRITERS["render"]("map.yaml", "docs/pipe"), cwd=repo)
    finally:
        reader.join(TIMEOUT)
    assert result.returncode == 0, describe(result)
    assert bytes(received) == expected and expected.startswith(b"digraph")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced"
    assert temporaries(repo / "docs") == []


def test_a_fifo_without_a_reader_is_one_line_and_no_hang(checkout):
    repo, _ = checkout
    fifo = repo / "docs" / "pipe"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = run(*WRITERS["render"]("map.yaml", "docs/pipe"), cwd=repo)  # run() times out rather than hang
    one_line_error(result)
    assert b"no process is reading" in result.stderr, describe(result)
    assert time.monotonic() - started < TIMEOUT
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced"
    assert temporaries(repo / "docs") == []


def test_dev_null_stays_a_character_device(checkout):
    repo, _ = checkout
    before = os.stat("/dev/null")
    result = run(*WRITERS["render"]("map.yaml", "/dev/null"), cwd=repo)
    assert result.returncode == 0, describe(result)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode), "/dev/null was replaced"
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not [name for name in os.listdir("/dev") if name.startswith(".null.")]


@pytest.mark.parametrize("command", ["render", "schema"])
def test_dev_stdout_appends_to_a_log_opened_for_appending(command, checkout):
    repo, _ = checkout
    log = repo / "build.log"
    log.write_bytes(b"earlier text\n")
    expected = run(*WRITERS[command]("map.yaml", "-"), cwd=repo).stdout
    with open(log, "ab") as stream:  # `argmap ... -o /dev/stdout >> build.log`
        result = run(*WRITERS[command]("map.yaml", "/dev/stdout"), cwd=repo, stdout=stream)
    assert result.returncode == 0, describe(result)
    assert log.read_bytes() == b"earlier text\n" + expected, "the log was truncated or replaced"


def test_dev_stdout_into_a_pipe(checkout):
    repo, _ = checkout
    expected = run(*WRITERS["render"]("map.yaml", "-"), cwd=repo).stdout
    result = run(*WRITERS["render"]("map.yaml", "/dev/stdout"), cwd=repo)
    assert result.returncode == 0, describe(result)
    assert result.stdout == expected and expected.startswith(b"digraph")


def test_dev_stderr_is_a_stream_too(checkout):
    repo, _ = checkout
    result = run(*WRITERS["schema"]("map.yaml", "/dev/stderr"), cwd=repo)
    assert result.returncode == 0, describe(result)
    assert b'"$schema"' in result.stderr


# -- a signal during a write leaves no temporary file -----------------------------------------------------


def signalling_write(signum: int):
    """A stand-in for ``atomic._write_all`` that receives ``signum`` halfway through the write."""
    real = atomic._write_all

    def write(fd: int, data: bytes) -> None:
        real(fd, data[: len(data) // 2])
        os.kill(os.getpid(), signum)
        real(fd, data[len(data) // 2:])

    return write


@pytest.fixture
def default_sigterm():
    previous = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    yield
    signal.signal(signal.SIGTERM, previous)


def test_sigterm_during_a_write_removes_the_temporary_file(tmp_path, monkeypatch, default_sigterm):
    out = tmp_path / "out.dot"
    out.write_bytes(b"old")
    monkeypatch.setattr(atomic, "_write_all", signalling_write(signal.SIGTERM))
    with pytest.raises(SystemExit) as exit_info:
        atomic.write_atomic(out, b"x" * 100_000)
    assert exit_info.value.code == 128 + signal.SIGTERM
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.dot"], "a temporary file was left behind"
    assert out.read_bytes() == b"old"
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL, "the previous handler was not restored"


def test_sigint_during_a_write_removes_the_temporary_file_and_raises_keyboard_interrupt(tmp_path, monkeypatch):
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        monkeypatch.setattr(atomic, "_write_all", signalling_write(signal.SIGINT))
        with pytest.raises(KeyboardInterrupt):
            atomic.write_atomic(tmp_path / "out.dot", b"x" * 100_000)
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, previous)
    assert list(tmp_path.iterdir()) == [], "a temporary file was left behind"


def test_a_python_handler_gets_the_signal_after_the_cleanup(tmp_path, monkeypatch):
    seen: list[list[str]] = []

    def handler(signum, frame):
        seen.append(sorted(p.name for p in tmp_path.iterdir()))

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        monkeypatch.setattr(atomic, "_write_all", signalling_write(signal.SIGTERM))
        with pytest.raises(atomic.OutputError, match="interrupted"):
            atomic.write_atomic(tmp_path / "out.dot", b"x" * 100)
        assert signal.getsignal(signal.SIGTERM) is handler
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert seen == [[]], "the handler ran once, after the temporary file was removed"


def test_no_handler_is_left_installed_after_a_write(tmp_path):
    before = (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT))
    atomic.write_atomic(tmp_path / "out.dot", b"digraph {}")
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before


def test_sigterm_during_a_cli_write_exits_143_and_leaves_nothing(checkout):
    """The whole command: a SIGTERM mid-write ends argmap with 128 + 15 and no temporary file."""
    repo, _ = checkout
    script = (
        "import os, signal, sys\n"
        "from argmap import atomic\n"
        "real = atomic._write_all\n"
        "def write(fd, data):\n"
        "    real(fd, data[:10])\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    real(fd, data[10:])\n"
        "atomic._write_all = write\n"
        "sys.argv = ['argmap', 'render', 'map.yaml', '--format', 'dot', '-o', 'docs/out.dot']\n"
        "from argmap.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], check=False, cwd=repo, capture_output=True, timeout=TIMEOUT)
    assert result.returncode == 128 + signal.SIGTERM, describe(result)
    assert b"Traceback" not in result.stderr, describe(result)
    assert list((repo / "docs").iterdir()) == [], "a temporary file or a partial output was left"
