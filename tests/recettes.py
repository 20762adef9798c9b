"""Run the code a notebook teaches, as written in the notebook, on other inputs (the real files).

One mechanism for every test that needs a lesson's or an exercise's own code:

- a lesson marks the code cells that hold a reusable recipe with the cell tag ``recette``;
- ``recette("02-portails/02-chercher-dans-le-catalogue", "ligne_catalogue")`` reads the notebook,
  runs in a fresh namespace every import statement of its code cells, then, from each cell tagged
  ``recette``, its imports, its function definitions and its assignments to UPPER_CASE names (the
  demonstration lines that use the lesson's own data are left out), and returns that namespace;
- ``cellules_nbgrader(path, ...)`` returns the source of exercise cells by their nbgrader grade id,
  for the tests that run an exercise's own checks on a real answer.

So a test breaks when the lesson's code regresses, and no test carries a copy of a recipe.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat

from tests.conftest import ROOT

TAG = "recette"


def _code_cells(path: Path) -> list:
    return [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]


def _kept(source: str, *, imports_only: bool) -> str:
    """The statements of a cell that define something: imports, and unless imports_only, defs and constants."""
    kept = []
    for node in ast.parse(source).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            kept.append(node)
        elif imports_only:
            continue
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            kept.append(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if all(isinstance(t, ast.Name) and t.id.isupper() for t in targets):
                kept.append(node)
    return ast.unparse(ast.Module(body=kept, type_ignores=[]))


def definitions(path: Path, cells: list[str], namespace: dict | None = None) -> dict:
    """Run the notebook's imports, then the definitions found in `cells` (sources), in one namespace."""
    namespace = {} if namespace is None else namespace
    namespace.setdefault("__name__", f"recette:{path.stem}")
    imports = "\n".join(_kept(cell.source, imports_only=True) for cell in _code_cells(path))
    exec(compile(imports, f"{path}:imports", "exec"), namespace)
    for index, source in enumerate(cells):
        exec(compile(_kept(source, imports_only=False), f"{path}:recipe-{index}", "exec"), namespace)
    return namespace


def recette(lesson: str, *names: str) -> dict:
    """The namespace of a lesson's recipe cells; fails when one of `names` is not defined there."""
    path = ROOT / "notebooks" / f"{lesson}.ipynb"
    tagged = [cell.source for cell in _code_cells(path) if TAG in cell.metadata.get("tags", [])]
    assert tagged, f"{lesson}: no code cell is tagged `{TAG}`"
    namespace = definitions(path, tagged)
    missing = [name for name in names if name not in namespace]
    assert not missing, f"{lesson}: the cells tagged `{TAG}` no longer define {missing}"
    return namespace


def cellules_nbgrader(path: Path, *grade_ids: str) -> list[str]:
    """The sources of an nbgrader notebook's cells, in the order of `grade_ids`."""
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell.source
             for cell in nbformat.read(path, as_version=4).cells}
    missing = [grade_id for grade_id in grade_ids if grade_id not in by_id]
    assert not missing, f"{path.name}: no cell with grade id {missing}"
    return [by_id[grade_id] for grade_id in grade_ids]


def lesson_calls(lesson: str, name: str) -> bool:
    """Whether a cell that is not a recipe calls `name`: the lesson uses its recipe, not only shows it."""
    path = ROOT / "notebooks" / f"{lesson}.ipynb"
    for cell in _code_cells(path):
        if TAG in cell.metadata.get("tags", []):
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                return True
    return False
