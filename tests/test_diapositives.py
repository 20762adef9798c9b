"""Slide decks and handouts: slide metadata in the notebooks, one offline deck per lesson with the
trainer's notes in the speaker view, one printed PDF per module; opened in chromium offline."""

from __future__ import annotations

import re

import nbformat
import pytest

from atelier import evaluation
from atelier.livre import diapositives, polycopies
from tests.conftest import ROOT, folium_maps, lesson_notebooks

LESSON_WITH_FIGURE_AND_MAP = "00-prise-en-main/03-premier-graphique-et-premiere-carte"


@pytest.mark.parametrize("path", lesson_notebooks(), ids=lambda p: p.stem)
def test_slide_metadata_in_the_notebook_follows_the_rule(path):
    """RISE and the decks read it from the notebook; `python -m atelier.livre.diapositives --marquer` writes it."""
    cells = nbformat.read(path, as_version=4).cells
    wrong = [i for i, cell in enumerate(cells)
             if cell.metadata.get("slideshow") != {"slide_type": diapositives.type_de_diapositive(cell)}]
    assert not wrong, f"cells {wrong}: run python -m atelier.livre.diapositives --marquer"
    assert cells[0].metadata["slideshow"]["slide_type"] == "slide", "a deck must open on a slide"


def _cell(source: str, tags=(), cell_type="markdown"):
    maker = nbformat.v4.new_markdown_cell if cell_type == "markdown" else nbformat.v4.new_code_cell
    cell = maker(source)
    cell.metadata["tags"] = list(tags)
    return cell


@pytest.mark.parametrize(("cell", "expected"), [
    (_cell("# Titre de la leçon\n\n**Durée estimée** : 30 min"), "slide"),
    (_cell("## Une section"), "slide"),
    (_cell("### Un détail"), "subslide"),
    (_cell("**Question au groupe** : ...", ["pause"]), "subslide"),
    (_cell("Note pour vous : insistez sur la licence.", ["formateur", "remove-cell"]), "notes"),
    (_cell("mode_hors_ligne()", ["remove-cell"], "code"), "skip"),
    (_cell("df.head()", [], "code"), "-"),
    (_cell("Un paragraphe qui cite # sans être un titre."), "-"),
])
def test_slide_type_rule(cell, expected):
    assert diapositives.type_de_diapositive(cell) == expected


def test_deck_links_point_at_the_book_and_boxes_become_quotes():
    source = ("Voir [la leçon 1](01-donnee-geographique.ipynb#titre), [le guide](../../book/glossaire.md) "
              "et [le portail](https://www.odwb.be/explore/).\n\n```{admonition} Attention\n:class: warning\n"
              "Une ligne.\n```")
    converted = diapositives._markdown_pour_diaporama(source, "05-geoportail")
    assert "](../../notebooks/05-geoportail/01-donnee-geographique.html#titre)" in converted
    assert "](../../notebooks/05-geoportail/../../book/glossaire.html)" in converted
    assert "](https://www.odwb.be/explore/)" in converted
    assert "> **Attention**" in converted and "> Une ligne." in converted and "{admonition}" not in converted


# The rest needs the built site (decks and handouts are written at the end of the book build).


def _lessons():
    return [p.relative_to(ROOT / "notebooks").with_suffix("").as_posix() for p in lesson_notebooks()]


@pytest.mark.parametrize("lesson", _lessons())
@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_every_lesson_has_a_deck_linked_from_its_page(built_book, lesson):
    page = (built_book.html / "notebooks" / f"{lesson}.html").read_text(encoding="utf-8")
    link = re.search(r'<p class="atelier-diaporama"><a href="([^"]+)"', page)
    assert link, "the lesson page does not link its deck"
    deck = (built_book.html / "notebooks" / lesson).parent / link.group(1)
    assert deck.resolve() == (built_book.html / "diapositives" / f"{lesson}.html").resolve()
    text = deck.read_text(encoding="utf-8")
    assert "Reveal.initialize" in text and "require(" not in text and "MathJax" not in text


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_trainer_notes_are_in_the_speaker_view_only(built_book):
    checked = 0
    for path in lesson_notebooks():
        notes = [c for c in nbformat.read(path, as_version=4).cells if "formateur" in c.metadata.get("tags", [])]
        if not notes:
            continue
        lesson = path.relative_to(ROOT / "notebooks").with_suffix("").as_posix()
        deck = (built_book.html / "diapositives" / f"{lesson}.html").read_text(encoding="utf-8")
        page = (built_book.html / "notebooks" / f"{lesson}.html").read_text(encoding="utf-8")
        asides = " ".join(re.findall(r'<aside class="notes">(.*?)</aside>', deck, re.DOTALL))
        # five plain words of the note, as they read once rendered
        probe = re.search(r"(?:[A-Za-zÀ-ÿ]+ ){4}[A-Za-zÀ-ÿ]+", re.sub(r"[*`]", "", notes[0].source)).group(0)
        assert probe in re.sub(r"<[^>]+>", "", asides), f"{lesson}: « {probe} » not in the speaker notes"
        assert probe not in re.sub(r"<[^>]+>", "", page), f"{lesson}: a trainer note shows in the book"
        checked += 1
    assert checked >= 10


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_a_deck_opens_offline_with_its_figure_its_map_and_the_speaker_view(browser_pages):
    page, blocked, errors = browser_pages(f"diapositives/{LESSON_WITH_FIGURE_AND_MAP}.html")
    assert page.evaluate("Reveal.isReady()")
    indices = page.evaluate("""() => Reveal.getSlides().map(s => [Reveal.getIndices(s),
        s.querySelectorAll('.atelier-plotly').length, s.querySelectorAll('iframe').length])""")
    figure_slide = next(i for i, figures, _ in indices if figures)
    map_slide = next(i for i, _, frames in indices if frames)
    page.evaluate(f"Reveal.slide({figure_slide['h']}, {figure_slide['v']})")
    page.wait_for_timeout(300)
    svg = page.locator("section.present .atelier-plotly .main-svg").first
    assert svg.count() and svg.bounding_box()["width"] > 400, "the figure is not drawn on its slide"
    page.evaluate(f"Reveal.slide({map_slide['h']}, {map_slide['v']})")
    page.wait_for_timeout(500)
    assert folium_maps(page, LESSON_WITH_FIGURE_AND_MAP), "the map is not drawn in the deck"
    with page.context.expect_page() as speaker:
        page.keyboard.press("s")
    view = speaker.value
    view.wait_for_load_state()
    view.wait_for_timeout(500)
    assert view.locator(".speaker-controls-notes").count(), "the speaker view did not open"
    assert not blocked, f"the deck tried to reach {blocked}"
    assert not errors, errors


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_every_module_has_a_printed_handout_linked_from_its_page(built_book):
    for module in polycopies.modules():
        pdf = built_book.html / "polycopies" / f"{module}.pdf"
        assert pdf.exists(), f"no handout for {module}"
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-")
        pages = len(re.findall(rb"/Type\s*/Page\b", data))
        assert pages >= 1 + len(polycopies.lecons_du_module(module)), f"{module}: {pages} pages"
        module_page = (built_book.html / "book" / "modules" / f"{module}.html").read_text(encoding="utf-8")
        assert f'href="../../polycopies/{module}.pdf"' in module_page, f"{module}: the page does not link its handout"


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_the_handout_page_holds_every_lesson_and_its_summary(browser_pages, built_book):
    module = LESSON_WITH_FIGURE_AND_MAP.split("/")[0]
    page, blocked, errors = browser_pages(f"polycopies/{module}/index.html")
    lessons = polycopies.lecons_du_module(module)
    assert page.locator("section.atelier-lecon").count() == len(lessons)
    assert page.locator("section.atelier-lecon h2", has_text="À retenir").count() == len(lessons)
    page.emulate_media(media="print")
    assert not page.locator(".bd-sidebar-primary").first.is_visible(), "the sidebar would be printed"
    assert page.locator(".atelier-plotly").count() and page.evaluate(polycopies.FIGURES_DRAWN)
    assert folium_maps(page, module)
    assert not blocked and not errors, (blocked, errors)


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_every_participant_sheet_is_printed_on_one_page_and_linked(built_book):
    for session in evaluation.seances():
        pdf = built_book.html / "polycopies" / "fiches" / f"{session['slug']}.pdf"
        assert pdf.exists(), f"no printed sheet for {session['slug']}"
        pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
        assert pages == 1, f"the sheet of {session['slug']} prints on {pages} pages"
        sheet = (built_book.html / "book" / "seances" / "fiches" / f"{session['slug']}.html").read_text(encoding="utf-8")
        assert f'href="../../../polycopies/fiches/{session["slug"]}.pdf"' in sheet
