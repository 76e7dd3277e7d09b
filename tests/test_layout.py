"""The layer rule of docs/architecture.md, checked: imports point down and never go round.

``lint-imports`` checks the layers declared in ``[tool.importlinter]`` and
cycles between siblings.  What it cannot see is checked here on the syntax tree
of every file: ``tasks.py`` (a file beside the package, not in it) and modules
imported by name through ``importlib`` (invisible to any import graph).  The
cycles are checked here a second time, independently of import-linter's graph,
so that a failure names the chain of modules and the lines that make it; a
cycle inside one layer is no layer violation, but it makes the order of imports
matter and the modules inseparable.  Imports inside functions and
``if TYPE_CHECKING:`` blocks count everywhere.
"""

from __future__ import annotations

import ast
import functools
import itertools
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO

SRC = REPO / "src"
TOP = "pliego"
#: What tasks.py may import at its top level: parse options, make one call, hand it to the CLI.
TASKS_PLIEGO = frozenset({"pliego.cli", "pliego.project"})
TASKS_OTHERS = frozenset({"invoke"})


@dataclass(frozen=True)
class Import:
    """One module importing another, with the line that says so."""

    importer: str
    target: str
    path: Path
    line: int

    def where(self) -> str:
        return f"{shown(self.path)}:{self.line}"


def shown(path: Path) -> str:
    """A file as its import name suggests: from the folder that holds its top package."""
    root = next(p for p in path.parents if not (p / "__init__.py").is_file())
    return str(path.relative_to(root))


def module_name(src: Path, path: Path) -> str:
    parts = path.relative_to(src).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(src: Path, top: str = TOP) -> dict[str, Path]:
    """Every module of the package under ``src``, by dotted name."""
    return {module_name(src, p): p for p in sorted((src / top).rglob("*.py"))}


@functools.cache
def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def resolve(node: ast.ImportFrom, importer: str, path: Path) -> str:
    """The absolute module a ``from … import`` names, relative levels resolved."""
    if not node.level:
        return node.module or ""
    package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
    parts = package.split(".")
    base = parts[: len(parts) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_in(
    nodes: Iterator[ast.AST], importer: str, path: Path, known: Mapping[str, Path]
) -> Iterator[Import]:
    """The modules the statements import: ``from a import b`` is ``a.b`` when that is a module."""
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(importer, alias.name, path, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = resolve(node, importer, path)
            for alias in node.names:
                child = f"{base}.{alias.name}"
                yield Import(importer, child if child in known else base, path, node.lineno)


def all_imports(path: Path, importer: str, known: Mapping[str, Path]) -> list[Import]:
    """Every import in the file, wherever it sits: functions, TYPE_CHECKING blocks, try."""
    return list(imports_in(ast.walk(parse(path)), importer, path, known))


def top_level_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """The statements run when the module is imported: everything outside function bodies."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        yield node
        yield from top_level_nodes(node)


def import_graph(src: Path, top: str = TOP) -> list[Import]:
    """Every import from one module of the package to another."""
    known = modules(src, top)
    return [
        i
        for name, path in known.items()
        for i in all_imports(path, name, known)
        if i.target in known
    ]


def node_in(package: str, module: str) -> str | None:
    """The child of ``package`` that holds ``module`` (its ``__init__`` for the package itself)."""
    if module == package:
        return f"{package}.__init__"
    if module.startswith(package + "."):
        return package + "." + module[len(package) + 1 :].split(".")[0]
    return None


def sibling_edges(package: str, graph: list[Import]) -> dict[str, dict[str, Import]]:
    """The imports between the children of ``package``, each subpackage collapsed to one node.

    The first import seen stands for each edge, so a failure can name its line.
    """
    edges: dict[str, dict[str, Import]] = {}
    for i in graph:
        a, b = node_in(package, i.importer), node_in(package, i.target)
        if a is not None and b is not None and a != b:
            edges.setdefault(a, {}).setdefault(b, i)
    return edges


def strongly_connected(edges: Mapping[str, Mapping[str, object]]) -> list[list[str]]:
    """Tarjan's strongly connected components, sorted; only those that hold a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, {})):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    nodes = set(edges) | {w for targets in edges.values() for w in targets}
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return sorted(found)


def cycle_through(
    start: str, component: list[str], edges: Mapping[str, Mapping[str, Import]]
) -> list[str]:
    """A shortest chain start -> … -> start inside one component (breadth first)."""
    inside = set(component)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for v in frontier:
            for w in sorted(edges.get(v, {})):
                if w == start:
                    back = [v]
                    while back[-1] != start:
                        back.append(previous[back[-1]])
                    return [*reversed(back), start]
                if w in inside and w not in previous:
                    previous[w] = v
                    following.append(w)
        frontier = following
    raise AssertionError(f"{start} is in a component without a cycle")  # Tarjan says otherwise


def cycles(src: Path, top: str = TOP) -> list[str]:
    """Every import cycle among siblings at every level of the package, as a chain of modules."""
    graph = import_graph(src, top)
    packages = [name for name, path in modules(src, top).items() if path.name == "__init__.py"]
    found = []
    for package in sorted(packages):
        edges = sibling_edges(package, graph)
        for component in strongly_connected(edges):
            chain = cycle_through(component[0], component, edges)
            steps = [edges[a][b] for a, b in itertools.pairwise(chain)]
            found.append(
                " -> ".join(chain)
                + " ("
                + "; ".join(f"{s.where()} imports {s.target}" for s in steps)
                + ")"
            )
    return found


@dataclass(frozen=True)
class ByName:
    """A module imported through importlib or ``__import__``; ``name`` is None when computed."""

    path: Path
    line: int
    name: str | None


def imports_by_name(path: Path) -> list[ByName]:
    """Calls of ``importlib.import_module``, ``importlib.__import__`` and ``__import__``.

    Aliases (``import importlib as il``, ``from importlib import import_module``)
    count too.
    """
    tree = parse(path)
    owners = {"importlib", "builtins"}
    functions = {"__import__"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            owners |= {a.asname for a in node.names if a.name == "importlib" and a.asname}
        elif isinstance(node, ast.ImportFrom) and node.module in ("importlib", "builtins"):
            functions |= {
                a.asname or a.name for a in node.names if a.name in ("import_module", "__import__")
            }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        by_name = (isinstance(f, ast.Name) and f.id in functions) or (
            isinstance(f, ast.Attribute)
            and f.attr in ("import_module", "__import__")
            and isinstance(f.value, ast.Name)
            and f.value.id in owners
        )
        if not by_name:
            continue
        args = [*node.args, *(k.value for k in node.keywords if k.arg == "name")]
        first = args[0] if args else None
        literal = first.value if isinstance(first, ast.Constant) else None
        found.append(ByName(path, node.lineno, literal if isinstance(literal, str) else None))
    return found


def reaches(name: str | None, top: str) -> bool:
    """Whether a by-name import may reach ``top``: a computed or relative name might."""
    return name is None or name.startswith(".") or name == top or name.startswith(top + ".")


def src_files(src: Path) -> list[Path]:
    return sorted(src.rglob("*.py"))


def test_lint_imports_keeps_the_layer_contract() -> None:
    """``lint-imports`` run over this checkout's sources, as a developer runs it."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    r = subprocess.run(
        # what the lint-imports script runs, with this interpreter
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-cache",
            "--no-logo",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout, r.stdout


def test_no_import_cycles_between_siblings() -> None:
    found = cycles(SRC)
    assert found == [], "\n".join(found)


def test_the_graph_sees_imports_inside_functions() -> None:
    """The walk above is only as good as what it sees: build imports editions lazily."""
    graph = {(i.importer, i.target) for i in import_graph(SRC)}
    assert ("pliego.pamphlet.build", "pliego.pamphlet.editions") in graph


def test_cycles_are_found_and_named(tmp_path: Path) -> None:
    """A cycle made of a relative import, a function-level one and a TYPE_CHECKING one."""
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from .sub import c\n")
    (package / "b.py").write_text("from pkg import a\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .. import b\n"
    )
    assert cycles(tmp_path, "pkg") == [
        "pkg.a -> pkg.sub -> pkg.b -> pkg.a "
        "(pkg/a.py:2 imports pkg.sub.c; pkg/sub/c.py:3 imports pkg.b; pkg/b.py:1 imports pkg.a)"
    ]


#: The root package's lazy API (PEP 562) imports its names by module name: it sits
#: above every layer (no stage imports it), and its table is a literal checked by
#: tests/test_api.py, so it hides no edge between stages.
FACADE = SRC / TOP / "__init__.py"


def test_no_pliego_module_is_imported_by_name() -> None:
    """An import by name hides an edge from every import graph, the layer check's included."""
    found = [
        f"{shown(b.path)}:{b.line}: {b.name or 'a computed name'}"
        for path in src_files(SRC)
        if path != FACADE
        for b in imports_by_name(path)
        if reaches(b.name, TOP)
    ]
    assert found == [], "import these plainly:\n" + "\n".join(found)


def test_imports_by_name_are_found(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "import importlib as il\nfrom importlib import import_module as im\n"
        "il.import_module('pliego.x')\nim('pypdfium2')\n__import__(name)\n"
    )
    assert [(b.line, b.name) for b in imports_by_name(module)] == [
        (3, "pliego.x"),
        (4, "pypdfium2"),
        (5, None),
    ]
    assert [reaches(b.name, TOP) for b in imports_by_name(module)] == [True, False, True]


def test_nothing_in_src_imports_tasks() -> None:
    """tasks.py is the top of the stack: the package must work without it."""
    known = modules(SRC)
    found = [
        f"{i.where()} imports {i.target}"
        for name, path in known.items()
        for i in all_imports(path, name, known)
        if i.target == "tasks" or i.target.startswith("tasks.")
    ]
    found += [
        f"{shown(b.path)}:{b.line} imports {b.name} by name"
        for path in src_files(SRC)
        for b in imports_by_name(path)
        if b.name is not None and reaches(b.name, "tasks")
    ]
    assert found == [], "\n".join(found)


def test_tasks_imports_only_the_cli_and_the_settings() -> None:
    """tasks.py: options -> one call -> cli.  At import time it needs only those two modules."""
    path = REPO / "tasks.py"
    top = list(imports_in(top_level_nodes(parse(path)), "tasks", path, modules(SRC)))
    pliego = {i.target for i in top if i.target.split(".")[0] == TOP}
    others = {
        f"{i.target} (line {i.line})"
        for i in top
        if i.target.split(".")[0] != TOP
        and i.target.split(".")[0] not in TASKS_OTHERS | sys.stdlib_module_names
    }
    assert pliego <= TASKS_PLIEGO, sorted(pliego - TASKS_PLIEGO)
    assert pliego, "tasks.py no longer imports the CLI at all: is this the right file?"
    assert others == set()
