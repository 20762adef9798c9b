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
    for lesson in LESSONS:
        assert f"notebooks/{MODULE}/{lesson.stem}" in text, lesson.name
    for source in SOLUTIONS:
        assert f"exercises/{MODULE}/{source.stem}" in text, source.name


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


@pytest.mark.parametrize("source", SOLUTIONS, ids=lambda p: p.stem)
def test_module_page_has_the_rubric_of_each_manual_question(source):
    text = PAGE.read_text(encoding="utf-8")
    letter = re.search(r"exercice-04([a-z])", source.stem).group(1)
    for cell in nbformat.read(source, as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and meta.get("solution"):
            number = re.match(r"q(\d+)-", meta["grade_id"]).group(1)
            title = f"Exercice 4{letter}, question {number}"
            assert title in text, f"no rubric « {title} » on the module page"
            rubric = text[text.index(title):].split("\n**Exercice", 1)[0]
            assert f"({meta['points']} points)" in rubric.splitlines()[0]


def test_lessons_link_the_exercise_they_prepare():
    text = "".join(lesson.read_text(encoding="utf-8") for lesson in LESSONS)
    for source in SOLUTIONS:
        assert f"../../exercises/{MODULE}/{source.name}" in text, source.name
