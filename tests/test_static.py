"""Static checks as tests, so that the one test command (and CI) runs them:
ruff over the code, tests and benchmarks, mypy over the package, and no
import cycle between the package's modules."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> list[str]:
    """``name`` as a module of this interpreter: it is in the test extra
    (pip install -e ".[test]"), so a missing tool fails rather than skips."""
    return [sys.executable, "-m", name]


def test_ruff_is_clean():
    p = subprocess.run([*_tool("ruff"), "check", "extractor", "tests", "benchmarks"], cwd=ROOT,
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def test_mypy_is_clean():
    p = subprocess.run([*_tool("mypy"), "--check-untyped-defs", "extractor"], cwd=ROOT,
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def _imports(path: Path) -> set[str]:
    """The package modules ``path`` imports (at module level or in a function)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                out.add(node.module.split(".")[0])
            else:  # from . import a, b
                out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("extractor."):
            out.add(node.module.split(".")[1])
    return out


def test_no_import_cycles():
    """Every import between the package's modules points one way (lazy
    imports included: a cycle hidden in a function is still a cycle)."""
    pkg = ROOT / "extractor"
    mods = {p.stem for p in pkg.glob("*.py")}
    graph = {p.stem: _imports(p) & mods for p in pkg.glob("*.py")}
    cycles = []
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            if n == m or n == "__init__":
                continue
            if state.get(n) == 1:
                cycles.append(path[path.index(n):] + [n])
            elif n not in state:
                visit(n, path + [n])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not cycles, cycles

