"""The repository's own rules: pinned dependencies agree, notebooks are clean, numbering is consistent."""

from __future__ import annotations

import re
import tomllib

import nbformat
import pytest
import yaml

from tests.conftest import ROOT, lesson_notebooks, release_notebooks, solution_notebooks

ALLOWED_NOTEBOOK_METADATA = {"kernelspec", "language_info", "jupytext"}


def _pins(lines) -> dict[str, str]:
    pins = {}
    for line in lines:
        line = line.split("#")[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def test_direct_dependencies_are_pinned_identically_everywhere():
    project = _pins(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"])
    lock = _pins((ROOT / "requirements.txt").read_text().splitlines())
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in conda["dependencies"] if isinstance(d, dict))
    conda_pins = _pins(pip_section)
    assert project, "pyproject.toml lists no pinned dependency"
    assert conda_pins == project, "environment.yml and pyproject.toml disagree"
    mismatched = {name: (version, lock.get(name)) for name, version in project.items() if lock.get(name) != version}
    assert not mismatched, f"requirements.txt disagrees with pyproject.toml: {mismatched}"
    unpinned = [l for l in (ROOT / "requirements.txt").read_text().splitlines() if l.strip() and "==" not in l]
    assert not unpinned, f"requirements.txt must pin every package: {unpinned}"


@pytest.mark.parametrize(
    "path", lesson_notebooks() + solution_notebooks() + release_notebooks(), ids=lambda p: str(p.relative_to(ROOT))
)
def test_committed_notebooks_are_clean(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {index} has outputs"
            assert cell.execution_count is None, f"cell {index} has an execution count"
        stray = set(cell.metadata) - {"tags", "nbgrader", "deletable", "editable", "jupyter", "slideshow"}
        assert not stray, f"cell {index} has stray metadata {stray}"
    assert set(notebook.metadata) <= ALLOWED_NOTEBOOK_METADATA, f"stray notebook metadata {set(notebook.metadata)}"


def _toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


def test_every_lesson_and_exercise_is_in_the_table_of_contents():
    listed = {f.removesuffix(".ipynb").removesuffix(".md") for f in _toc_files()}
    for path in lesson_notebooks() + release_notebooks():
        relative = path.relative_to(ROOT).with_suffix("").as_posix()
        assert relative in listed, f"{relative} is missing from _toc.yml"


def test_module_numbers_mean_the_same_thing_everywhere():
    modules = {p.stem for p in (ROOT / "book" / "modules").glob("*.md")}
    assert modules, "book/modules/ has no module page"
    for folder in ("notebooks", "solutions", "exercises"):
        for module in (ROOT / folder).iterdir():
            if module.is_dir():
                assert module.name in modules, f"{folder}/{module.name} has no page book/modules/{module.name}.md"
    numbers = [m.split("-")[0] for m in modules]
    assert len(numbers) == len(set(numbers)), "two modules share a number"
    listed = _toc_files()
    for module in modules:
        assert f"book/modules/{module}" in listed, f"module {module} is not in _toc.yml"


def test_solution_and_exercise_folders_match():
    solutions = {p.relative_to(ROOT / "solutions") for p in solution_notebooks()}
    releases = {p.relative_to(ROOT / "exercises") for p in release_notebooks()}
    assert solutions == releases, "run `make exercises`"


def test_xdist_groups_keep_shared_fixtures_on_one_worker(tmp_path):
    """`make test` relies on xdist_group to run each expensive shared batch once (pytest 9.2 broke it)."""
    import subprocess
    import sys

    (tmp_path / "test_groupe.py").write_text(
        "import os, pytest\npytestmark = pytest.mark.xdist_group('lot')\n"
        "@pytest.mark.parametrize('i', range(6))\ndef test_un(i):\n"
        "    print('WORKER', os.environ['PYTEST_XDIST_WORKER'])\n", encoding="utf-8")
    resultat = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", "-p", "no:cacheprovider",
                               "-o", "addopts=", "test_groupe.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    workers = set(re.findall(r"^\[(gw\d+)\]", resultat.stdout, re.MULTILINE))
    assert len(workers) == 1, f"the group was split over {sorted(workers)}"
