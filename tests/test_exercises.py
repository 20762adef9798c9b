"""Exercises, proven both ways: the solution scores full marks, the blank release scores 0,
and typical wrong answers are caught by the visible tests with the intended French hint."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from atelier.aide import DEBUT_AUTO_VERIFICATION
from atelier.livre.exercices import generer, modules
from tests.conftest import ROOT, release_notebooks, solution_notebooks, tool_env
from tests.offline import offline_command, offline_env

WRONG_ANSWERS = ROOT / "tests" / "mauvaises_reponses"
SOLUTION_MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$\n?", re.MULTILINE)
HIDDEN_TESTS = re.compile(r"^\s*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\s*$\n?", re.MULTILINE | re.DOTALL)


def _normalised(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_exercises_are_in_sync_with_solutions(tmp_path):
    generated = generer(destination=tmp_path)
    assert generated, "solutions/ holds no exercise"
    for path in generated:
        relative = path.relative_to(tmp_path)
        committed = ROOT / "exercises" / relative
        assert committed.exists(), f"exercises/{relative} is missing: run `make exercises`"
        assert _normalised(committed) == _normalised(path), f"exercises/{relative} is stale: run `make exercises`"
    committed = {p.relative_to(ROOT / "exercises") for p in release_notebooks()}
    assert committed == {p.relative_to(tmp_path) for p in generated}, "exercises/ holds extra notebooks"


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={course}", "--log-level=WARN"]
    return subprocess.run(
        offline_command(command), cwd=course, env=offline_env(tool_env()), capture_output=True, text=True, timeout=1800
    )


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    """A throw-away course where each exercise's solution and blank release are submitted and autograded."""
    course = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions", course / "solutions")
    for module in modules():
        result = _nbgrader(course, "generate_assignment", module, "--create", "--force")
        assert result.returncode == 0, result.stderr
        for student, folder in (("solution", course / "solutions" / module), ("blank", course / "exercises" / module)):
            target = course / "submitted" / student / module
            target.mkdir(parents=True)
            for notebook in folder.glob("*.ipynb"):
                shutil.copy(notebook, target / notebook.name)
        result = _nbgrader(course, "autograde", module, "--create", "--force")
        assert result.returncode == 0, result.stderr
    from nbgrader.api import Gradebook

    gradebook = Gradebook(f"sqlite:///{course / 'gradebook.db'}")
    yield gradebook
    gradebook.close()


def _autograded_grades(gradebook, module: str, notebook: str, student: str):
    submission = gradebook.find_submission_notebook(notebook, module, student)
    return [g for g in submission.grades if g.cell.cell_type == "code" and g.auto_score is not None]


@pytest.mark.slow
@pytest.mark.xdist_group("autograde")
@pytest.mark.parametrize("source", solution_notebooks(), ids=lambda p: str(p.relative_to(ROOT / "solutions")))
def test_solution_scores_full_marks(graded_course, source):
    module, notebook = source.parent.name, source.stem
    grades = _autograded_grades(graded_course, module, notebook, "solution")
    assert grades, f"{notebook} has no autograded question"
    lost = {g.cell.name: (g.auto_score, g.max_score) for g in grades if g.auto_score != g.max_score}
    assert not lost, f"the solution loses points on {lost}"


@pytest.mark.slow
@pytest.mark.xdist_group("autograde")
@pytest.mark.parametrize("source", solution_notebooks(), ids=lambda p: str(p.relative_to(ROOT / "solutions")))
def test_blank_release_scores_zero_on_every_autograded_cell(graded_course, source):
    module, notebook = source.parent.name, source.stem
    grades = _autograded_grades(graded_course, module, notebook, "blank")
    assert grades
    scored = {g.cell.name: g.auto_score for g in grades if g.auto_score != 0}
    assert not scored, f"the blank release earns points on {scored}"


@pytest.mark.parametrize("source", solution_notebooks(), ids=lambda p: str(p.relative_to(ROOT / "solutions")))
def test_exercise_has_structure_a_learner_expects(source):
    """Questions with points, visible tests with hints, hidden tests, one manual question, a round total."""
    notebook = nbformat.read(source, as_version=4)
    graded = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    tests = [c for c in graded if not c.metadata["nbgrader"].get("solution")]
    manual = [c for c in graded if c.metadata["nbgrader"].get("solution")]
    assert 3 <= len(tests), "at least three autograded questions"
    assert manual, "at least one manually graded question"
    for cell in tests:
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        assert "assert" in cell.source and "BEGIN HIDDEN TESTS" in cell.source, grade_id
        assert "Indice" in cell.source, f"{grade_id}: visible tests need a French hint"
        # atelier/aide.py recognises a self-check by its first line, to show its hint as one line
        assert cell.source.startswith(DEBUT_AUTO_VERIFICATION), f"{grade_id}: starts otherwise than « # Auto-vérification »"
        assert "Auto-vérification réussie" in cell.source, f"{grade_id}: says nothing when the check passes"
    assert notebook.cells[-1].source.startswith("## Bravo, exercice terminé"), "the exercise ends without its « Bravo » cell"
    total = sum(c.metadata["nbgrader"]["points"] for c in graded)
    assert total % 5 == 0, f"total {total} is not a round number"


def _answer_cells(notebook) -> dict[str, int]:
    return {
        c.metadata["nbgrader"]["grade_id"]: i
        for i, c in enumerate(notebook.cells)
        if c.metadata.get("nbgrader", {}).get("solution") and not c.metadata["nbgrader"].get("grade")
    }


def _wrong_answer_cases():
    cases = []
    for source in solution_notebooks():
        spec = WRONG_ANSWERS / source.parent.name / f"{source.stem}.yaml"
        for index, case in enumerate(yaml.safe_load(spec.read_text()) if spec.exists() else []):
            cases.append(pytest.param(source, case, id=f"{source.stem}:{case['question']}:{index}"))
    return cases


@pytest.mark.parametrize("source", solution_notebooks(), ids=lambda p: str(p.relative_to(ROOT / "solutions")))
def test_every_autograded_question_has_a_wrong_answer_case(source):
    spec = WRONG_ANSWERS / source.parent.name / f"{source.stem}.yaml"
    assert spec.exists(), f"missing {spec.relative_to(ROOT)}"
    covered = {case["question"] for case in yaml.safe_load(spec.read_text())}
    notebook = nbformat.read(source, as_version=4)
    answers = _answer_cells(notebook)
    tested = set()
    for name, index in answers.items():
        following = notebook.cells[index + 1 :]
        nxt = next((c for c in following if c.metadata.get("nbgrader", {}).get("grade")), None)
        if nxt is not None and not nxt.metadata["nbgrader"].get("solution"):
            tested.add(name)
    assert tested <= covered, f"questions without a wrong-answer case: {sorted(tested - covered)}"


@pytest.fixture(scope="module")
def exercise_kernels():
    """One kernel per exercise, shared by its wrong-answer cases: each case starts from an empty namespace
    (``%reset -f``) but the libraries stay imported, which makes a case several times faster."""
    from jupyter_client import KernelManager

    kernels = {}

    def kernel_for(source: Path):
        manager = kernels.get(source)
        if manager is None or not manager.is_alive():  # first case, or a case that killed its kernel
            manager = kernels[source] = KernelManager(kernel_name="python3")
            manager.start_kernel(cwd=str(source.parent))
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=120)
        client.execute_interactive("%reset -f", timeout=60)
        client.stop_channels()
        return manager

    yield kernel_for
    for manager in kernels.values():
        manager.shutdown_kernel(now=True)


@pytest.mark.parametrize("source,case", _wrong_answer_cases())
def test_wrong_answer_is_caught_with_its_hint(source, case, exercise_kernels):
    """Fill the release with the solution, put one plausible mistake in, run the visible tests."""
    solution = nbformat.read(source, as_version=4)
    release = nbformat.read(ROOT / "exercises" / source.parent.name / source.name, as_version=4)
    answers_solution, answers_release = _answer_cells(solution), _answer_cells(release)
    assert case["question"] in answers_release, f"no answer cell {case['question']}"
    for name, index in answers_release.items():
        release.cells[index].source = SOLUTION_MARKERS.sub("", solution.cells[answers_solution[name]].source)
    target = answers_release[case["question"]]
    release.cells[target].source = case["code"]
    test_index = next(
        i for i in range(target + 1, len(release.cells)) if release.cells[i].metadata.get("nbgrader", {}).get("grade")
    )
    assert HIDDEN_TESTS.search(release.cells[test_index].source) is None, "the release still holds hidden tests"
    release.cells = release.cells[: test_index + 1]
    NotebookClient(release, km=exercise_kernels(source), timeout=120, allow_errors=True).execute()
    for index, cell in enumerate(release.cells[:test_index]):
        if cell.cell_type == "code" and index != target:
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert not errors, f"cell {index} failed before the question under test: {errors[0].evalue if errors else ''}"
    errors = [o for o in release.cells[test_index].outputs if o.output_type == "error"]
    assert errors, f"the visible test of {case['question']} accepts the wrong answer:\n{case['code']}"
    assert errors[0].ename == "AssertionError", f"{errors[0].ename}: {errors[0].evalue}"
    assert case["indice"] in errors[0].evalue, f"expected hint « {case['indice']} », got « {errors[0].evalue} »"
