"""The house's rules, read off the source with ``ast``: no import circles between modules (imports inside
functions count: a circle they hide is still a circle), no private name imported from another module, the
runtime never imports the tools (``kg.tools``; the command line's ``kg eval`` alone reaches the scorer), and
every import inside a function says why on its line."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "kg"
TOOLS = "kg.tools"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def _in_function(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return True
    return False


def imports(name: str, path: Path, known: set[str]) -> list[dict]:
    """Every import of a ``kg`` module in ``path``: target module, names, line, whether inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)) or _type_checking_only(node, parents):
            continue
        local = _in_function(node, parents)
        if isinstance(node, ast.Import):
            targets = [(alias.name, []) for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = []
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                targets.append((sub, []) if sub in known else (base, [alias.name]))
        for target, names in targets:
            if target.startswith("kg.") and target != name:
                found.append({"target": target, "names": names, "line": node.lineno, "local": local})
    return found


def import_graph() -> tuple[nx.DiGraph, dict[str, list[dict]]]:
    known = modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(known)
    table = {}
    for name, path in known.items():
        table[name] = imports(name, path, set(known))
        for record in table[name]:
            graph.add_edge(name, record["target"])
    return graph, table


def import_circles() -> list[list[str]]:
    graph, _table = import_graph()
    return sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)


def test_no_import_circle_between_modules():
    assert import_circles() == []


def test_no_private_name_is_imported_from_another_module():
    _graph, table = import_graph()
    private = [f"{name}:{r['line']} imports {r['target']}.{n}" for name, records in table.items()
               for r in records for n in r["names"] if n.startswith("_")]
    assert private == []


def test_the_runtime_never_imports_the_tools():
    """Only the command line reaches the tools, inside its ``kg eval`` command (the scorer and the corpora)."""
    _graph, table = import_graph()
    assert (PACKAGE / "tools" / "__init__.py").is_file()
    crossing = [f"{name}:{r['line']} imports {r['target']}" for name, records in table.items()
                if not name.startswith(TOOLS) for r in records if r["target"].startswith(TOOLS)]
    assert {c.split(":")[0] for c in crossing} <= {"kg.cli"}
    assert {c.rsplit(" ", 1)[1] for c in crossing} <= {"kg.tools.evaluate", "kg.tools.corpora"}
    assert all(r["local"] for r in table["kg.cli"] if r["target"].startswith(TOOLS))


def test_an_import_inside_a_function_says_why():
    """Lazy imports stay only for start-up time or an optional dependency, with a comment saying which."""
    _graph, table = import_graph()
    unexplained = []
    for name, path in modules().items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for record in table[name]:
            if record["local"]:
                here, above = lines[record["line"] - 1], lines[record["line"] - 2]
                if "#" not in here and not above.strip().startswith("#"):
                    unexplained.append(f"{name}:{record['line']} {here.strip()}")
    assert unexplained == []


def test_every_path_a_module_builds_from_its_own_file_exists():
    """A path written relative to a module's own file (``Path(__file__).parents[1] / "models"``) breaks
    silently when the module moves: each such path, evaluated where the module now lives, must exist."""
    missing = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and "__file__" in ast.unparse(node.value) and ".resolve()" in ast.unparse(node.value)):
                continue
            where = eval(ast.unparse(node.value), {"Path": Path, "__file__": str(path)})  # noqa: S307 (our source)
            if not where.exists():
                missing.append(f"{name}:{node.lineno} {node.targets[0].id} = {where}")
    assert missing == []
