"""Every lesson notebook runs top to bottom with the network unavailable.

The cold book build of tests/conftest.py (``built_book``) executes every lesson offline, as
`make book` does; its jupyter-cache keeps an executed copy only of a notebook whose cells all ran.
So each lesson is checked against that cache instead of being executed a second time.
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, lesson_notebooks


@pytest.mark.slow
@pytest.mark.xdist_group("book")
@pytest.mark.parametrize("notebook", lesson_notebooks(), ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_lesson_runs_offline(built_book, notebook):
    import nbformat
    from jupyter_cache import get_cache

    cache = get_cache(str(built_book.html.parent / ".jupyter_cache"))
    try:
        record = cache.match_cache_notebook(nbformat.read(notebook, as_version=4))
    except KeyError:
        try:
            traceback = cache.get_project_record(str(notebook)).traceback or "no traceback recorded"
        except KeyError:
            traceback = "the build never staged it (is it in _toc.yml?)"
        pytest.fail(f"the offline book build did not run this lesson to the end:\n{traceback[-5000:]}")
    executed = cache.get_cache_bundle(record.pk).nb
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors


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
