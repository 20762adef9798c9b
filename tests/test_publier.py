"""Module 04 (publier): its page serves both webinars, links every lesson and exercise, grades manual answers."""

from __future__ import annotations

import re

import nbformat
import pytest

from tests.conftest import ROOT

MODULE = "04-publier"
PAGE = ROOT / "book" / "modules" / f"{MODULE}.md"
LESSONS = sorted((ROOT / "notebooks" / MODULE).glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions" / MODULE).glob("*.ipynb"))
# The sessions the module serves; their plans are in book/seances/.
SESSIONS = ["publier-sur-le-portail", "documenter-et-qualite"]
SEANCES = ROOT / "book" / "seances"


def test_module_page_links_every_lesson_and_exercise():
    text = PAGE.read_text(encoding="utf-8")
    assert "{admonition} À venir" not in text, "the page still only announces the module"
    assert LESSONS and SOLUTIONS
    expected = {f"notebooks/{MODULE}/{p.stem}" for p in LESSONS} | {f"exercises/{MODULE}/{p.stem}" for p in SOLUTIONS}
    assert not {path for path in expected if path not in text}, "lessons or exercises missing from the module page"


def test_module_page_links_each_webinar_plan_which_uses_the_modules_lessons():
    text = PAGE.read_text(encoding="utf-8")
    for slug in SESSIONS:
        assert f"{{doc}}`../seances/{slug}`" in text, f"no link to the plan of « {slug} »"
        plan = (SEANCES / f"{slug}.md").read_text(encoding="utf-8")
        assert f"notebooks/{MODULE}/" in plan and f"exercises/{MODULE}/" in plan, f"{slug} does not use module {MODULE}"


def _manual_questions(source) -> list[tuple[str, int]]:
    """(question number, points) of each manually graded cell of an exercise source."""
    metas = [c.metadata.get("nbgrader", {}) for c in nbformat.read(source, as_version=4).cells]
    return [(re.match(r"q(\d+)-", m["grade_id"]).group(1), m["points"]) for m in metas if m.get("grade") and m.get("solution")]


@pytest.mark.parametrize("source", SOLUTIONS, ids=lambda p: p.stem)
def test_module_page_has_the_rubric_of_each_manual_question(source):
    text = PAGE.read_text(encoding="utf-8")
    exercise = "4" + re.search(r"exercice-04([a-z])", source.stem).group(1)
    questions = _manual_questions(source)
    assert questions, f"{source.name} has no manually graded question"
    for number, points in questions:
        heading = re.search(rf"^\*\*Exercice {exercise}, question {number} — [^\n]*\((\d+) points\)\.\*\*$", text, re.MULTILINE)
        assert heading, f"no rubric « Exercice {exercise}, question {number} » on the module page"
        assert int(heading.group(1)) == points, f"the rubric gives {heading.group(1)} points, the exercise {points}"
        following = text[heading.end():].split("\n**", 1)[0]
        assert "| Critère | Points |" in following, "the rubric has no table of criteria"


def test_lessons_link_the_exercise_they_prepare():
    text = "".join(lesson.read_text(encoding="utf-8") for lesson in LESSONS)
    for source in SOLUTIONS:
        assert f"../../exercises/{MODULE}/{source.name}" in text, source.name


def test_the_publication_recordings_say_they_are_built_for_training():
    from tests.scripts import load_generator

    answers = [a for a in load_generator("generer").reponses_enregistrees() if a.service == "publication-module-04"]
    assert {a.methode for a in answers} == {"GET", "POST", "PUT"}
    assert all("construite pour la formation" in a.description for a in answers)
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "enregistrements/publication-module-04.yaml" in readme and "construite pour la formation" in readme
