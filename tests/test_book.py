"""The book builds offline with no Sphinx warning, and its pages render with every
non-local request blocked (headless Debian chromium driven by Playwright)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, folium_maps as _folium_maps

SPHINX_WARNING = re.compile(r"(^|: )(WARNING|ERROR|CRITICAL): ", re.MULTILINE)
MODULE0 = "notebooks/00-prise-en-main"
# One worker builds the book once for every test of this file.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("book")]


def test_book_builds_without_warning(built_book):
    assert built_book.returncode == 0, built_book.log[-5000:]
    warnings = [line for line in built_book.log.splitlines() if SPHINX_WARNING.search(line)]
    assert not warnings, "\n".join(warnings)
    assert (built_book.html / "index.html").exists()


def test_every_lesson_and_exercise_page_is_built(built_book):
    for notebook in list((ROOT / "notebooks").rglob("*.ipynb")) + list((ROOT / "exercises").rglob("*.ipynb")):
        page = built_book.html / notebook.relative_to(ROOT).with_suffix(".html")
        assert page.exists(), f"{page.name} missing from the site"


def test_site_loads_nothing_from_the_internet(built_book):
    external = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["'](https?:)?//""", re.IGNORECASE)
    escaped = re.compile(r"""&lt;(?:script|link)\b[^&]*(?:&(?!gt;)[^&]*)*?(?:src|href)=&quot;https?://""", re.IGNORECASE)
    for page in built_book.html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not external.search(text), f"{page.relative_to(built_book.html)} loads an external resource"
        assert not escaped.search(text), f"{page.relative_to(built_book.html)} embeds a map that loads a CDN"


def test_no_apostrophe_is_turned_into_a_quote(built_book):
    mangled = re.compile(r"\b(?:[lLdDjJnNsS]|qu)[”“]")
    for page in built_book.html.rglob("*.html"):
        found = mangled.search(page.read_text(encoding="utf-8"))
        assert not found, f"{page.relative_to(built_book.html)}: « {found.group(0)} » where an apostrophe belongs"


def test_plotly_js_is_served_once_not_inlined(built_book):
    bundles = list(built_book.html.glob("_static/vendor/plotly-*/plotly.min.js"))
    assert len(bundles) == 1
    size = bundles[0].stat().st_size
    for page in built_book.html.rglob("*.html"):
        assert page.stat().st_size < size, f"{page.name} seems to inline plotly.js"


def _module0_pages(built_book) -> list[str]:
    return sorted(p.relative_to(built_book.html).as_posix() for p in (built_book.html / MODULE0).glob("*.html"))


def _assert_french_modebar_without_cloud(figure, where: str) -> None:
    """atelier/graphiques.py: French buttons, no plotly logo, nothing that uploads a chart to the cloud."""
    titles = [figure.locator(".modebar-btn").nth(i).get_attribute("data-title") or ""
              for i in range(figure.locator(".modebar-btn").count())]
    assert "Télécharger le graphique en fichier PNG" in titles, f"{where}: modebar not in French ({titles})"
    assert not [t for t in titles if "Chart Studio" in t or "cloud" in t.lower()], f"{where}: a cloud button ({titles})"
    assert figure.locator(".modebar-btn--logo").count() == 0, f"{where}: shows the plotly logo"


def _rendered(browser_pages, path: str) -> tuple[int, int, str]:
    """Open a page offline: nothing blocked, no console error, no output cut off, every plotly figure drawn
    with its French modebar, every folium map drawn."""
    page, blocked, errors = browser_pages(path)
    assert not blocked, f"{path} tried to reach {blocked}"
    assert not errors, f"{path}: console errors {errors}"
    cut = page.evaluate("Array.from(document.querySelectorAll('div.cell_output pre'))"
                        ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.slice(0, 80))")
    assert not cut, f"{path}: outputs cut off at the right: {cut}"
    plotly_divs = page.locator(".atelier-plotly")
    for index in range(plotly_divs.count()):
        figure = plotly_divs.nth(index)
        assert figure.locator(".main-svg").count() > 0, f"{path}: plotly figure {index} is empty"
        _assert_french_modebar_without_cloud(figure, f"{path}: plotly figure {index}")
    shown = (plotly_divs.count(), len(_folium_maps(page, path)), page.content())
    page.context.close()
    return shown


def test_module0_pages_render_offline_without_console_error(built_book, browser_pages):
    pages = _module0_pages(built_book)
    assert pages, "module 0 has no page"
    figures = maps = 0
    for path in pages:
        page_figures, page_maps, _ = _rendered(browser_pages, path)
        figures += page_figures
        maps += page_maps
    assert figures >= 1, "module 0 shows no plotly figure"
    assert maps >= 1, "module 0 shows no folium map"


# A PDF page object, not the /Pages tree that lists them.
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def _pdf_pages(pdf: bytes) -> int:
    return len(PDF_PAGE.findall(pdf))


@pytest.mark.parametrize("slug", ["hackathon", "documenter-et-qualite"])  # the two longest sheets
def test_a_participant_sheet_prints_alone_on_one_a4_page(built_book, browser_pages, slug):
    """book/_static/vendor/atelier/fiche-participant.css: the sheet without the site's frame, on one A4 page."""
    page, blocked, errors = browser_pages(f"book/seances/fiches/{slug}.html")
    assert not blocked and not errors, (blocked, errors)
    assert page.locator(".fiche-participant").count() == 1
    assert page.locator("a.lien-avis").count() == 1
    page.emulate_media(media="print")
    for frame in (".bd-sidebar-primary", ".bd-header", ".bd-footer", ".prev-next-area"):
        shown = page.locator(frame).evaluate_all("els => els.filter(e => e.offsetParent !== null).length")
        assert shown == 0, f"{frame} is printed"
    pdf = page.pdf(prefer_css_page_size=True)
    assert _pdf_pages(pdf) == 1, f"the sheet prints on {_pdf_pages(pdf)} pages"
    page.context.close()


def test_a_long_page_prints_on_several_pages(built_book, browser_pages):
    """The page count of the test above can see more than one page."""
    page, _, _ = browser_pages("book/seances/montrer-aux-habitants.html")
    page.emulate_media(media="print")
    assert _pdf_pages(page.pdf(format="A4")) > 1
    page.context.close()


MODULE5 = "notebooks/05-geoportail"


def test_module5_pages_show_wms_images_maps_and_legends_offline(built_book, browser_pages):
    pages = sorted(p.relative_to(built_book.html).as_posix() for p in (built_book.html / MODULE5).glob("*.html"))
    assert len(pages) >= 7, "module 5 lessons are missing from the site"
    maps = images = overlays = colour_scales = category_legends = 0
    for path in pages:
        page, blocked, errors = browser_pages(path)
        assert not blocked, f"{path} tried to reach {blocked}"
        assert not errors, f"{path}: console errors {errors}"
        shown = "img => img.complete && img.naturalWidth > 0"
        images += sum(page.locator("img[src^='data:image/png'], img[src*='_images/']").evaluate_all(
            f"imgs => imgs.map({shown})"))
        for frame in _folium_maps(page, path):
            maps += 1
            overlays += sum(frame.locator("img.leaflet-image-layer").evaluate_all(f"imgs => imgs.map({shown})"))
            colour_scales += frame.locator(".legend svg rect").count() > 0  # branca's legend, drawn by d3
            category_legends += frame.locator(".atelier-legende").count()
        page.context.close()
    assert images >= 1, "no WMS image is visible in module 5"
    assert overlays >= 1, "the WMS image overlaid on a folium map is not visible"
    assert maps >= 2, f"module 5 shows {maps} folium maps (lessons 4 and 7 show one each)"
    assert colour_scales >= 1, "no choropleth legend is drawn (d3 not served?)"
    assert category_legends >= 1, "no category legend is shown"


MODULE6 = "notebooks/06-dataviz"


def test_module6_pages_render_offline_with_figures_maps_and_widget_fallbacks(built_book, browser_pages):
    shown = {}
    for path in sorted(p.relative_to(built_book.html).as_posix() for p in (built_book.html / MODULE6).glob("*.html")):
        shown[path.rsplit("/", 1)[-1]] = _rendered(browser_pages, path)
    assert shown["01-une-question-un-graphique.html"][0] >= 6
    assert shown["03-des-cartes-qui-parlent.html"][1] >= 2, "lesson 3 shows its choropleth and its point map"
    figures, _, lesson4 = shown["04-l-interactivite-utile.html"]
    assert figures >= 4 and "ce widget ne s’affiche pas" in lesson4.replace("'", "’")
    assert "widget-view+json" not in lesson4 and "html-manager" not in lesson4, "the static page has no live widget"
    assert shown["tableau-de-bord-qualite-air.html"][0] == 1


@pytest.fixture
def voila_server(tmp_path):
    """The module 6 dashboard served by Voilà on loopback, as a trainer runs it."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "voila", f"{MODULE6}/tableau-de-bord-qualite-air.ipynb", "--no-browser",
               f"--port={port}", "--Voila.ip=127.0.0.1"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=tmp_path.joinpath("voila.log").open("w"),
                              stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "api", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_the_dashboard_is_served_by_voila_on_loopback_and_draws_its_figure(offline_chromium, voila_server):
    # Voilà streams the page while its kernel runs the notebook: the page loads when the run ends.
    page, blocked, errors = offline_chromium(voila_server, timeout=240_000)
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120_000)
    text = page.inner_text("body")
    assert "La qualité de l’air à Vireloux en 2024".replace("’", "'") in text.replace("’", "'")
    assert "directive 2008/50/CE" in text and "import pandas" not in text, "Voilà shows results, not code"
    # Voilà's own "lab" template asks a CDN for the Font Awesome icon sheet (voila 0.5.13,
    # templates/lab/index.html.j2); nothing else may leave the machine, and the dashboard draws without it.
    assert all("/@fortawesome/fontawesome-free@" in url for url in blocked), f"the dashboard tried to reach {blocked}"
    page.context.close()


# The forms of book/seances/: answers become a downloaded CSV that atelier.evaluation reads back.
AVIS = "book/seances/donner-votre-avis.html"
AUTO_EVALUATION = "book/seances/auto-evaluation.html"


def _form_page(browser_pages, path: str):
    page, blocked, errors = browser_pages(path)
    assert not blocked, f"{path} tried to reach {blocked}"
    assert not errors, f"{path}: console errors {errors}"
    return page


def _download(page, tmp_path) -> Path:
    with page.expect_download() as attente:
        page.click("form.atelier-formulaire button[type=submit]")
    download = attente.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    message = page.inner_text(".formulaire-message")
    assert download.suggested_filename in message and "formateur" in message, message
    return target


def test_the_feedback_form_of_a_session_downloads_a_csv_that_round_trips(built_book, browser_pages, tmp_path):
    from datetime import datetime, timezone

    from atelier.evaluation import lire_avis

    page = _form_page(browser_pages, AVIS + "?seance=explorer-le-portail")
    assert page.locator("select[name=seance]").is_hidden(), "a known session needs no choice"
    assert "Explorer le portail régional" in page.inner_text(".seance-choisie")
    garder = "Les « exercices » ; très clairs\nDeuxième ligne, avec \"guillemets\""
    page.check("input[name=utilite][value='4']")
    page.check("input[name=rythme][value='trop rapide']")
    page.check("input[name=clarte][value='5']")
    page.check("input[name=application][value='en partie']")
    page.fill("textarea[name=a_garder]", garder)
    page.fill("textarea[name=a_changer]", "=Plus de pauses, s'il vous plaît")  # a spreadsheet would run it
    page.fill("input[name=nom]", "Élodie Crémer")
    before = datetime.now(timezone.utc).replace(microsecond=0)
    csv_file = _download(page, tmp_path)
    page.context.close()
    assert re.fullmatch(r"avis-explorer-le-portail-\d{8}-\d{6}\.csv", csv_file.name), csv_file.name
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbfseance;horodatage;utilite;")
    assert ";'=Plus de pauses" in csv_file.read_text(encoding="utf-8-sig"), "a formula-like answer is not quoted"
    avis, problems = lire_avis(csv_file)
    assert problems == []
    row = avis.iloc[0]
    assert (row["seance"], row["utilite"], row["rythme"], row["clarte"], row["application"]) == (
        "explorer-le-portail", 4, "trop rapide", 5, "en partie")
    assert (row["a_garder"], row["a_changer"], row["nom"]) == (garder, "=Plus de pauses, s'il vous plaît", "Élodie Crémer")
    assert 0 <= (row["horodatage"] - before).total_seconds() < 120


def test_without_a_known_session_the_feedback_form_asks_for_it(built_book, browser_pages, tmp_path):
    from atelier.evaluation import lire_avis, seances

    page = _form_page(browser_pages, AVIS + "?seance=seance-inventee")
    assert "seance-inventee" in page.inner_text(".seance-inconnue")
    page.context.close()
    page = _form_page(browser_pages, AVIS)
    select = page.locator("select[name=seance]")
    assert select.is_visible() and page.locator(".seance-choisie").is_hidden()
    assert select.locator("option").all_inner_texts()[1:] == [f"{s['etape']} — {s['titre']}" for s in seances()]
    for name, value in (("utilite", "2"), ("rythme", "trop lent"), ("clarte", "3"), ("application", "non")):
        page.check(f"input[name={name}][value='{value}']")
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.click("form.atelier-formulaire button[type=submit]")
    page.wait_for_timeout(500)
    assert downloads == [], "a form with no session chosen must not download"
    select.select_option("construire-un-fichier")
    avis, problems = lire_avis(_download(page, tmp_path))
    page.context.close()
    assert problems == [] and avis["seance"].tolist() == ["construire-un-fichier"] and avis["nom"].isna().all()


def test_the_self_assessment_downloads_a_csv_that_round_trips(built_book, browser_pages, tmp_path):
    from atelier.evaluation import ENONCES_AUTO_EVALUATION, lire_auto_evaluations

    page = _form_page(browser_pages, AUTO_EVALUATION + "?moment=apres")
    assert page.locator("input[name=moment][value='après']").is_checked(), "?moment=apres ticks « après »"
    levels = {e.colonne: 1 + i % 4 for i, e in enumerate(ENONCES_AUTO_EVALUATION)}
    for column, level in levels.items():
        page.check(f"input[name={column}][value='{level}']")
    page.fill("input[name=commune]", "Vireloux-lès-Bains")
    page.fill("input[name=fonction]", "agente du service Mobilité")
    csv_file = _download(page, tmp_path)
    page.context.close()
    assert re.fullmatch(r"auto-evaluation-apres-\d{8}-\d{6}\.csv", csv_file.name), csv_file.name
    answers, problems = lire_auto_evaluations(csv_file)
    assert problems == []
    row = answers.iloc[0]
    assert (row["moment"], row["commune"], row["fonction"]) == ("après", "Vireloux-lès-Bains", "agente du service Mobilité")
    assert {column: int(row[column]) for column in levels} == levels
