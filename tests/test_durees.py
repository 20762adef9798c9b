"""Self-study durations come from one source, the notebooks (atelier/livre/durees.py)."""

import re

import pytest

from atelier.livre.durees import duree_annoncee, durees_des_modules, en_francais, substitutions
from tests.conftest import ROOT, lesson_notebooks, release_notebooks

# the capstone template (a day to some weeks) and module 06's dashboard (served by Voilà, not a lesson)
NOT_A_LENGTH = {"modele-du-defi-au-prototype", "tableau-de-bord-qualite-air"}


@pytest.mark.parametrize("notebook", lesson_notebooks() + release_notebooks(), ids=lambda p: p.stem)
def test_every_lesson_and_exercise_announces_its_duration(notebook):
    minutes = duree_annoncee(notebook)
    if notebook.stem in NOT_A_LENGTH:
        assert minutes is None
    else:
        assert minutes and 10 <= minutes <= 180, f"{notebook.name}: no « **Durée estimée** : … » line it can read"


def test_durations_are_read_and_written_the_french_way(tmp_path):
    assert [en_francais(m) for m in (45, 60, 75, 600)] == ["45 min", "1 h", "1 h 15", "10 h"]
    lesson = ROOT / "notebooks" / "03-fichiers" / "03-nettoyer-avec-pandas.ipynb"
    assert "Durée estimée** : 1 heure 30" in lesson.read_text(encoding="utf-8") and duree_annoncee(lesson) == 90


def test_module_totals_add_up_the_notebooks():
    modules = durees_des_modules()
    valeurs = substitutions()
    for numero, module in modules.items():
        lecons = sum(duree_annoncee(p) or 0 for p in (ROOT / "notebooks").glob(f"{numero}-*/*.ipynb"))
        assert module["lecons"] == lecons
        assert valeurs[f"duree_{numero}"] == en_francais(module["lecons"] + module["exercices"])
    assert valeurs["duree_totale"] == en_francais(sum(m["lecons"] + m["exercices"] for m in modules.values()))


def test_pages_take_durations_from_the_notebooks_not_by_hand():
    """The programme's self-study column and each module page's total use the substitutions."""
    programme = (ROOT / "book" / "programme.md").read_text(encoding="utf-8")
    for numero in durees_des_modules():
        assert f"{{{{ duree_{numero} }}}}" in programme, f"programme: module {numero} duration typed by hand"
        page = next((ROOT / "book" / "modules").glob(f"{numero}-*.md")).read_text(encoding="utf-8")
        assert f"{{{{ duree_{numero}_lecons }}}}" in page, f"module {numero}: lessons' duration typed by hand"
        assert not re.search(r"\*\*Autoformation\*\* : environ \d", page), f"module {numero}: total typed by hand"
    assert "{{ duree_totale }}" in programme


ROW = re.compile(r"^\|.*?\{doc\}`\.\./\.\./((?:notebooks|exercises)/[^`]+)`[^|]*\|\s*([^|]*?)\s*\|", re.MULTILINE)
LENGTH = re.compile(r"^(?:(\d+) h(?: (\d+))?|(\d+) min)$")


def test_the_durations_module_pages_list_are_the_notebooks_own():
    checked = 0
    for page in (ROOT / "book" / "modules").glob("*.md"):
        for target, cell in ROW.findall(page.read_text(encoding="utf-8")):
            length = LENGTH.match(cell)
            if length is None:
                continue  # a table whose second column is not a duration
            hours, after, minutes = length.groups()
            listed = int(minutes) if minutes else int(hours) * 60 + int(after or 0)
            announced = duree_annoncee(ROOT / f"{target}.ipynb")
            assert listed == announced, f"{page.name}: {target} listed {cell}, the notebook says {announced} min"
            checked += 1
    assert checked >= 20, "the module pages' duration tables are no longer found"
