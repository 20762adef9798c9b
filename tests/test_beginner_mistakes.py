"""Each exercise's release run the way a beginner runs it: every self-check says one French line,
and blames the answer cell only when that cell stopped on an error (atelier/aide.py)."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest
from nbclient import NotebookClient

from atelier.aide import CELLULE_EN_ERREUR
from tests.conftest import ROOT, release_notebooks
from tests.test_exercises import SOLUTION_MARKERS, _answer_cells

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _assigned_names(code: str) -> list[str]:
    """Top-level names an answer cell defines (assignments and functions)."""
    names = []
    for node in ast.parse(SOLUTION_MARKERS.sub("", code)).body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.append(node.name)
        for target in targets:
            for element in ast.walk(target) if target is not None else []:
                if isinstance(element, ast.Name) and element.id not in names:
                    names.append(element.id)
    return names


def _mistakes(names: list[str]) -> dict[str, tuple[str, bool]]:
    """Beginner answers: (code, whether the cell stops on an error)."""
    first = names[0] if names else "reponse"
    return {
        "blank": ("# VOTRE CODE ICI\nraise NotImplementedError()", True),
        "text instead of number": ("\n".join(f'{n} = "14015"' for n in names or [first]), False),
        "typo in a name": (f"{first} = tablaeu_inconnu", True),
        "wrong column": (f'import pandas as pd\n{first} = pd.DataFrame({{"annee": [2024]}})["année"]', True),
    }


@pytest.mark.xdist_group("beginner_mistakes")
@pytest.mark.parametrize("release", release_notebooks(), ids=lambda p: p.stem)
def test_every_self_check_says_one_french_line_and_blames_only_a_failed_cell(release):
    solution = nbformat.read(ROOT / "solutions" / release.parent.name / release.name, as_version=4)
    notebook = nbformat.read(release, as_version=4)
    answers, solution_answers = _answer_cells(notebook), _answer_cells(solution)
    kinds = list(_mistakes([]))
    expected = {}  # index of a self-check cell -> (mistake, did its answer cell fail?)
    for number, (grade_id, index) in enumerate(sorted(answers.items(), key=lambda item: item[1])):
        following = next((i for i in range(index + 1, len(notebook.cells))
                          if notebook.cells[i].metadata.get("nbgrader", {}).get("grade")), None)
        if following is None or notebook.cells[following].metadata["nbgrader"].get("solution"):
            continue  # a manually graded answer: no self-check follows it
        kind = kinds[number % len(kinds)]
        code, fails = _mistakes(_assigned_names(solution.cells[solution_answers[grade_id]].source))[kind]
        notebook.cells[index].source = code
        expected[following] = (kind, fails)
    assert expected, "no autograded question found"
    NotebookClient(notebook, timeout=120, allow_errors=True, kernel_name="python3",
                   resources={"metadata": {"path": str(release.parent)}}).execute()
    for index, (kind, fails) in expected.items():
        errors = [o for o in notebook.cells[index].outputs if o.output_type == "error"]
        where = f"{release.stem}, self-check after « {kind} » (cell {index})"
        if not errors:
            assert not fails, f"{where}: passed although its answer cell failed"
            continue
        lines = [ANSI.sub("", line) for text in errors[0].traceback for line in text.splitlines()]
        assert len(lines) == 1 and lines[0].startswith("✗ Indice : "), f"{where}: not one French hint line: {lines}"
        if fails:
            assert lines[0] == f"✗ {CELLULE_EN_ERREUR}", f"{where}: does not say the answer cell stopped: {lines}"
        else:
            assert CELLULE_EN_ERREUR not in lines[0], f"{where}: blames an answer cell that ran"
        answer_index = max(i for i in range(index) if notebook.cells[i].metadata.get("nbgrader", {}).get("solution"))
        answer_errors = [o for o in notebook.cells[answer_index].outputs if o.output_type == "error"]
        if fails:
            explanation = ANSI.sub("", answer_errors[0].traceback[0]) if answer_errors else ""
            assert explanation.startswith("✗ ") and "Traceback" not in "".join(answer_errors[0].traceback), (
                f"{where}: the answer cell's error has no French explanation: {explanation}")
