"""The built site handed out as a folder (book/preparer-une-session.md): opened from file://, it still works."""

import shutil

import pytest

# Its own module: the browser tests of test_book.py keep one Playwright session open for their module.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("book")]


def test_search_works_from_the_folder_without_console_errors(built_book):
    """A trainer hands the site out as a folder: search.html opened from file:// lists results, quietly."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page()
        errors = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto((built_book.html / "search.html").as_uri() + "?q=licence")
        page.wait_for_selector("#search-results li", timeout=30000)
        page.wait_for_timeout(1000)
        results = page.locator("#search-results li").count()
        browser.close()
    assert results > 0
    assert not errors, errors


def test_a_form_downloads_its_csv_from_the_folder(built_book, tmp_path):
    """Opened from file://, the feedback form still turns its answers into a file (no server involved)."""
    from playwright.sync_api import sync_playwright

    from atelier.evaluation import lire_avis

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page()
        errors = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto((built_book.html / "book" / "seances" / "donner-votre-avis.html").as_uri() + "?seance=premiers-pas-jupyter")
        for name, value in (("utilite", "5"), ("rythme", "adapté"), ("clarte", "4"), ("application", "oui")):
            page.check(f"input[name={name}][value='{value}']")
        with page.expect_download() as attente:
            page.click("form.atelier-formulaire button[type=submit]")
        target = tmp_path / attente.value.suggested_filename
        attente.value.save_as(target)
        browser.close()
    assert not errors, errors
    avis, problems = lire_avis(target)
    assert problems == [] and avis[["seance", "utilite", "rythme"]].values.tolist() == [["premiers-pas-jupyter", 5, "adapté"]]
