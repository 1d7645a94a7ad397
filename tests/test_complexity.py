"""No function in argmap/ has a cyclomatic complexity above ``LIMIT``.

Complexity is measured with the standard library's :mod:`ast`, so the test needs no
tool of its own: 1, plus one for each ``if``, ``for``, ``async for``, ``while``,
conditional expression, ``except`` handler, ``assert`` and ``match`` case, one for
each comprehension's ``for`` and each of its ``if``s, and one less than the number
of operands of each ``and``/``or`` chain. A nested function, lambda or class is not
counted in the function that holds it (a nested function is measured on its own).
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "argmap"
LIMIT = 25

_BRANCHES = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.IfExp, ast.ExceptHandler, ast.Assert, ast.match_case)
_OWN_SCOPE = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def complexity(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """The cyclomatic complexity of ``function``'s own body (decorators and defaults aside)."""
    total = 1
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        if isinstance(node, _OWN_SCOPE):
            continue
        if isinstance(node, _BRANCHES):
            total += 1
        elif isinstance(node, ast.comprehension):
            total += 1 + len(node.ifs)
        elif isinstance(node, ast.BoolOp):
            total += len(node.values) - 1
        pending.extend(ast.iter_child_nodes(node))
    return total


def functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, int, int]]:
    """(qualified name, line, complexity) of every function and method in ``tree``, nested ones included."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            name = f"{prefix}{node.name}"
            yield name, node.lineno, complexity(node)
            yield from functions(node, f"{name}.")
        elif isinstance(node, ast.ClassDef):
            yield from functions(node, f"{prefix}{node.name}.")
        else:
            yield from functions(node, prefix)


def too_complex(package: Path = PACKAGE, limit: int = LIMIT) -> list[str]:
    """``path:line name (complexity)`` for every function under ``package`` above ``limit``."""
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(package.parent)
        found += [f"{where}:{line} {name} ({count})" for name, line, count in functions(tree) if count > limit]
    return found


def test_no_function_is_too_complex():
    found = too_complex()
    assert not found, f"functions with a cyclomatic complexity above {LIMIT}:\n" + "\n".join(found)


# -- the measure itself ----------------------------------------------------------------------------


SAMPLE = textwrap.dedent('''
    def sample(items, flag):
        """1 to start."""
        if flag and items or not items:             # if +1; `(flag and items) or not items`: +1, +1
            pass
        elif flag:                                  # an elif is an if: +1
            pass
        for item in items:                          # +1
            while item:                             # +1
                item -= 1
        try:
            x = [a for a in items if a if a > 1]    # comprehension: +1, its two ifs: +2
        except ValueError:                          # +1
            x = None
        except (KeyError, TypeError):               # +1
            x = 1 if flag else 2                    # +1
        assert x is not None                        # +1
        match x:
            case 1:                                 # +1
                pass
            case _:                                 # +1
                pass
        key = lambda v: v if v else 0               # a lambda is not counted
        def inner(v):                               # nor is a nested function, measured on its own
            return v or flag or items               # 1 + 2
        class Inner:                                # nor is a class
            def method(self):
                if self:                            # 1 + 1
                    return 1
        return {k: v for k, v in x.items()}, key, inner, Inner   # +1
    ''')
"""1 + 3 + 1 + 1 + 1 + 3 + 1 + 1 + 1 + 1 + 2 + 1 = 17 for ``sample``."""


def test_complexity_counts_each_branch_once():
    assert list(functions(ast.parse(SAMPLE))) == [
        ("sample", 2, 17), ("sample.inner", 24, 3), ("sample.Inner.method", 27, 2)]


def test_a_straight_function_has_complexity_one():
    assert list(functions(ast.parse("async def f():\n    return 1\n"))) == [("f", 1, 1)]


def test_too_complex_names_the_function_its_line_and_complexity(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "sub" / "m.py").write_text(SAMPLE, encoding="utf-8")
    assert too_complex(package, 16) == [f"{Path('pkg', 'sub', 'm.py')}:2 sample (17)"]
    assert too_complex(package, 17) == []
