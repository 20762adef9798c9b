"""Every lesson notebook runs top to bottom with the network unavailable."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT, lesson_notebooks
from tests.offline import run_offline


@pytest.mark.parametrize("notebook", lesson_notebooks(), ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_lesson_runs_offline(notebook):
    result = run_offline([sys.executable, str(ROOT / "tests" / "run_notebook.py"), str(notebook)], timeout=900)
    assert result.returncode == 0, result.stderr[-5000:]


def test_there_are_lessons():
    assert lesson_notebooks(), "notebooks/ holds no lesson"


def test_lessons_switch_offline_mode_on_before_any_request():
    """A lesson that touches the web must call atelier.mode_hors_ligne() before it does."""
    import nbformat

    web = ("requests.", "WebMapService", "WebFeatureService", "read_csv(\"http", "read_csv('http")
    for notebook in lesson_notebooks():
        offline_seen = False
        for cell in nbformat.read(notebook, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            offline_seen = offline_seen or "mode_hors_ligne(" in cell.source
            if any(marker in cell.source for marker in web):
                assert offline_seen, f"{notebook.name}: a web request comes before atelier.mode_hors_ligne()"


def test_trainer_notes_stay_out_of_the_learners_book():
    """Cells tagged « formateur » (« Pour le formateur ») are shown in JupyterLab, removed from the book."""
    import nbformat

    shown = []
    for notebook in lesson_notebooks():
        for index, cell in enumerate(nbformat.read(notebook, as_version=4).cells):
            tags = cell.metadata.get("tags", [])
            if "formateur" in tags and "remove-cell" not in tags:
                shown.append(f"{notebook.name} cell {index}")
    assert not shown, "trainer notes the book would show to learners: " + ", ".join(shown)
