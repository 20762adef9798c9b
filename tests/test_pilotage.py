"""Module 07-pilotage: the lessons' frame, the links to the exercises, the module page (templates,
credit, session plans, rubrics), the templates' vocabularies as the lessons use them, and the
workbook recipe on a real spreadsheet template (tests/real/xlsx/)."""

from __future__ import annotations

import re
import shutil

import nbformat
import openpyxl
import pandas as pd
import pytest

from tests.conftest import ROOT
from tests.recettes import lesson_calls, recette

MODULE = "07-pilotage"
LESSONS = sorted((ROOT / "notebooks" / MODULE).glob("*.ipynb"))
NUMBERED = [p for p in LESSONS if p.name[:2].isdigit()]
SOLUTIONS = sorted((ROOT / "solutions" / MODULE).glob("*.ipynb"))
RELEASES = sorted((ROOT / "exercises" / MODULE).glob("*.ipynb"))
PAGE = ROOT / "book" / "modules" / f"{MODULE}.md"
DATA = ROOT / "data"
TEMPLATE = DATA / "modeles" / "wanted-data-list.xlsx"
GABARIT = ROOT / "tests" / "real" / "xlsx" / "futurocite_circuits-touristiques_gabarit.xlsx"
HEADER_PARTS = ("Durée estimée", "Objectifs d'apprentissage", "Prérequis", "Données utilisées")
# The sessions the module serves; their plans are in book/seances/ (tests/test_seances.py checks them).
SESSIONS = ("projets-pour-la-commune", "besoins-en-donnees", "piloter-un-projet", "hackathon", "gouvernance-avant-apres")


def _cells(path):
    return nbformat.read(path, as_version=4).cells


def _lists() -> dict[str, list[str]]:
    lists = pd.read_excel(TEMPLATE, sheet_name="Listes")
    return {name: group["valeur"].tolist() for name, group in lists.groupby("liste")}


# --------------------------------------------------------------------------------------------
# Lessons
# --------------------------------------------------------------------------------------------

def test_the_module_has_seven_lessons_a_worked_example_and_a_template():
    assert len(NUMBERED) == 8, [p.name for p in NUMBERED]
    assert (ROOT / "notebooks" / MODULE / "modele-du-defi-au-prototype.ipynb") in LESSONS


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.name)
def test_lesson_has_header_summary_and_explains_offline_mode(lesson):
    cells = _cells(lesson)
    header = cells[0]
    assert header.cell_type == "markdown" and header.source.startswith("# ")
    for part in HEADER_PARTS:
        assert f"**{part}**" in header.source, part
    last = cells[-1]
    assert last.cell_type == "markdown" and last.source.startswith("## À retenir")
    points = [line for line in last.source.splitlines() if line.startswith("- ")]
    assert 3 <= len(points) <= 5, f"{len(points)} key points"
    code = [c for c in cells if c.cell_type == "code"]
    if any("requests." in c.source for c in code):
        first = next(c for c in code if "mode_hors_ligne(" in c.source)
        explained = cells[cells.index(first) - 1]
        assert "hors ligne" in explained.source and "atelier.mode_direct()" in explained.source


@pytest.mark.parametrize("lesson", NUMBERED, ids=lambda p: p.name)
def test_lesson_has_trainer_cells(lesson):
    tags = {tag for cell in _cells(lesson) for tag in cell.metadata.get("tags", [])}
    assert {"pause", "formateur"} <= tags


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.name)
def test_every_relative_link_of_a_lesson_leads_to_a_file(lesson):
    for cell in _cells(lesson):
        if cell.cell_type != "markdown":
            continue
        for target in re.findall(r"\]\((?!https?:)([^)#]+)\)", cell.source):
            assert (lesson.parent / target).resolve().exists(), f"{lesson.name}: broken link {target}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.name)
def test_every_figure_has_a_title_and_a_text_alternative(lesson):
    """A cell that draws a figure is followed, within three cells, by its « Alternative textuelle »."""
    cells = _cells(lesson)
    for index, cell in enumerate(cells):
        if cell.cell_type == "code" and re.search(r"\b(px\.\w+|go\.Figure)\(", cell.source) and ".show()" in cell.source:
            assert "title=" in cell.source, f"{lesson.name}, cell {index}: a figure without a title"
            around = cell.source + "".join(c.source for c in cells[index + 1:index + 4])
            assert "Alternative textuelle" in around, f"{lesson.name}, cell {index}: no text alternative"


def test_every_exercise_is_linked_from_a_lesson():
    text = "".join(lesson.read_text(encoding="utf-8") for lesson in LESSONS)
    assert RELEASES
    for release in RELEASES:
        assert f"../../exercises/{MODULE}/{release.name}" in text, release.name


# --------------------------------------------------------------------------------------------
# The module page
# --------------------------------------------------------------------------------------------

def test_module_page_documents_every_template_and_credits_the_method():
    text = PAGE.read_text(encoding="utf-8")
    assert "Datactivist" in text and "gisements de données" in text
    assert "{admonition} À venir" not in text, "the page still only announces the module"
    for path in sorted((DATA / "modeles").iterdir()):
        assert f"modeles/{path.name}" in text, f"{path.name} is not documented on the module page"
    for lesson in LESSONS:
        assert f"notebooks/{MODULE}/{lesson.stem}" in text, lesson.name
    for release in RELEASES:
        assert f"exercises/{MODULE}/{release.stem}" in text, release.name


def test_module_page_links_the_plan_of_each_session_it_serves():
    text = PAGE.read_text(encoding="utf-8")
    for slug in SESSIONS:
        assert f"{{doc}}`../seances/{slug}`" in text, f"no link to the plan of « {slug} »"
        assert (ROOT / "book" / "seances" / f"{slug}.md").exists(), slug


@pytest.mark.parametrize("source", SOLUTIONS, ids=lambda p: p.stem)
def test_module_page_has_the_rubric_of_each_manual_question(source):
    text = PAGE.read_text(encoding="utf-8")
    letter = re.search(r"exercice-07([a-z])", source.stem).group(1)
    for cell in _cells(source):
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and meta.get("solution"):
            number = re.match(r"q(\d+)-", meta["grade_id"]).group(1)
            title = f"Exercice 7{letter}, question {number}"
            assert title in text, f"no rubric « {title} » on the module page"
            rubric = text[text.index(title):].split("\n**Exercice", 1)[0]
            assert f"({meta['points']} points)" in rubric.splitlines()[0]


# --------------------------------------------------------------------------------------------
# The templates and the commune's files speak the same vocabulary as the lessons
# --------------------------------------------------------------------------------------------

def test_the_thread_workbook_uses_only_the_template_values():
    lists = _lists()
    wdl = pd.read_excel(DATA / "pilotage" / "wanted-data-list-ecole-a-velo.xlsx", sheet_name="Wanted Data List")
    assert set(wdl["statut"]) <= set(lists["statut"])
    assert set(wdl["importance"]) <= set(lists["importance"])
    needs_motive = wdl["statut"].isin(["non ouvrable", "autre"])
    assert wdl.loc[needs_motive, "motif"].isin(lists["motif"]).all()
    assert wdl.loc[~needs_motive, "motif"].isna().all()


def test_the_thread_potentials_follow_the_template_grid():
    workbook = DATA / "pilotage" / "wanted-data-list-ecole-a-velo.xlsx"
    weights = pd.read_excel(workbook, sheet_name="Grille").set_index("critere")["poids"]
    evaluation = pd.read_excel(workbook, sheet_name="Évaluation").set_index("id")
    notes = evaluation[list(weights.index)]
    assert notes.isin([0, 1, 2]).all().all()
    expected = (notes * weights).sum(axis=1) / (2 * weights.sum()) * 100
    assert (expected - evaluation["potentiel"]).abs().max() < 1e-9


def test_the_roadmap_rule_gives_a_template_action_to_every_status_and_motive():
    lists = _lists()
    action = recette(f"{MODULE}/05-feuille-de-route", "action")["action"]
    motives = pd.read_excel(TEMPLATE, sheet_name="Listes").query("liste == 'motif'")
    cases = [("ouverte", None), ("candidate", None), ("non accessible", None)]
    cases += [(re.search(r"statut « (.+) »", d).group(1), v) for v, d in zip(motives["valeur"], motives["definition"])]
    assert {s for s, _ in cases} == set(lists["statut"])
    for producer in ("Commune (Travaux)", "Zone de police"):
        for status, motive in cases:
            chosen = action(pd.Series({"statut": status, "motif": motive, "producteur": producer}))
            assert chosen in lists["action"], (status, motive, chosen)


# --------------------------------------------------------------------------------------------
# The workbook recipe, on a real spreadsheet template
# --------------------------------------------------------------------------------------------

WRITERS = [f"{MODULE}/02-wanted-data-list", f"{MODULE}/modele-du-defi-au-prototype"]


def _validations(path, sheet) -> list[str]:
    return sorted(str(rule.sqref) for rule in openpyxl.load_workbook(path)[sheet].data_validations.dataValidation)


@pytest.mark.parametrize("lesson", WRITERS)
def test_the_workbook_recipe_keeps_a_real_gabarit_its_sheets_and_its_validations(lesson, tmp_path):
    ecrire_feuille = recette(lesson, "ecrire_feuille")["ecrire_feuille"]
    copy = tmp_path / "gabarit.xlsx"
    shutil.copy(GABARIT, copy)
    columns = list(pd.read_excel(GABARIT, sheet_name="gabarit").columns)
    table = pd.DataFrame([[f"{c}-{i}" for c in columns] for i in range(3)], columns=columns)
    ecrire_feuille(copy, "gabarit", table)
    assert openpyxl.load_workbook(copy).sheetnames == openpyxl.load_workbook(GABARIT).sheetnames
    assert _validations(copy, "gabarit") == _validations(GABARIT, "gabarit") == ["B2", "E2:F2"]
    assert pd.read_excel(copy, sheet_name="gabarit", dtype=str).equals(table)
    ecrire_feuille(copy, "gabarit", table.head(1))
    assert len(pd.read_excel(copy, sheet_name="gabarit")) == 1, "rows of the previous version stay below"


@pytest.mark.parametrize("lesson", WRITERS)
def test_the_workbook_recipe_keeps_the_module_template_lists(lesson, tmp_path):
    ecrire_feuille = recette(lesson, "ecrire_feuille")["ecrire_feuille"]
    copy = tmp_path / "wdl.xlsx"
    shutil.copy(TEMPLATE, copy)
    wdl = pd.read_excel(DATA / "pilotage" / "wanted-data-list-ecole-a-velo.xlsx", sheet_name="Wanted Data List")
    ecrire_feuille(copy, "Wanted Data List", wdl)
    assert _validations(copy, "Wanted Data List") == _validations(TEMPLATE, "Wanted Data List") == [
        "D2:D500", "F2:F500", "G2:G500"]
    assert openpyxl.load_workbook(copy)["Wanted Data List"].freeze_panes == "A2"
    assert len(pd.read_excel(copy, sheet_name="Wanted Data List")) == len(wdl)


def test_the_lesson_uses_its_workbook_recipe():
    assert lesson_calls(f"{MODULE}/02-wanted-data-list", "ecrire_feuille")
    assert lesson_calls(f"{MODULE}/modele-du-defi-au-prototype", "ecrire_feuille")


def test_replacing_the_sheet_loses_the_real_gabarit_validations_as_the_lesson_says(tmp_path):
    """Lesson 2 warns that if_sheet_exists="replace" drops the drop-down lists: true of pandas today."""
    copy = tmp_path / "gabarit.xlsx"
    shutil.copy(GABARIT, copy)
    table = pd.read_excel(GABARIT, sheet_name="gabarit")
    with pd.ExcelWriter(copy, engine="openpyxl", mode="a", if_sheet_exists="replace") as writer:
        table.to_excel(writer, sheet_name="gabarit", index=False)
    assert _validations(copy, "gabarit") == []
    lesson = (ROOT / "notebooks" / MODULE / "02-wanted-data-list.ipynb").read_text(encoding="utf-8")
    assert 'if_sheet_exists=\\"replace\\"' in lesson and "sans** ses listes déroulantes" in lesson
