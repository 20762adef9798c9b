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
WEBINARS = [
    "Formation sur le portail ODWB : découverte de la partie d'administration du portail et "
    "accompagnement à la publication d'un premier jeu de données",
    "Documenter et améliorer la qualité des données",
]


def test_module_page_links_every_lesson_and_exercise():
    text = PAGE.read_text(encoding="utf-8")
    assert "{admonition} À venir" not in text, "the page still only announces the module"
    assert LESSONS and SOLUTIONS
    expected = {f"notebooks/{MODULE}/{p.stem}" for p in LESSONS} | {f"exercises/{MODULE}/{p.stem}" for p in SOLUTIONS}
    assert not {path for path in expected if path not in text}, "lessons or exercises missing from the module page"


def test_module_page_has_a_full_session_plan_for_each_webinar():
    text = PAGE.read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.MULTILINE)
    for webinar in WEBINARS:
        plan = next((s for s in sections if s.startswith(f"Webinaire « {webinar} »")), None)
        assert plan is not None, f"no session plan for « {webinar} »"
        for part in ("Objectifs de la séance", "| Horaire |", "Questions à poser à la salle",
                     "Ce qui peut mal tourner, et le secours"):
            assert part in plan, f"« {webinar} »: no « {part} »"
        times = re.findall(r"^\| (\d:\d\d) – (\d:\d\d) \|", plan, flags=re.MULTILINE)
        assert times[0][0] == "0:00" and times[-1][1] == "2:00", times
        assert all(end == nxt for (_, end), (nxt, _) in zip(times, times[1:])), f"« {webinar} »: blocks do not follow"


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
