"""Printable handouts: one PDF per module, its lessons as the book shows them, printed by chromium;
and the participant sheet of each session as a one-page PDF.

For each module, the lesson pages of the built site are put one after the other in a single page,
``polycopies/<module>/index.html`` (as deep as the lesson pages, so their relative addresses stay
right), with a cover that lists the lessons. Debian's chromium, driven by Playwright as in the
browser tests, opens it with every outside request blocked, waits for the plotly figures, and
prints ``polycopies/<module>.pdf`` in A4. The trainer's cells are not in the book, so not in the
handout either; each lesson starts on a new page and ends with its « À retenir ». The sheets
(book/seances/fiches/, atelier/livre/fiches.py) print alone on one A4 page by their own style:
``polycopies/fiches/<session>.pdf``.

Called at the end of the book build (atelier/livre/extension.py); on its own:

    python -m atelier.livre.polycopies [--site _build/html]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup

from atelier.chemins import RACINE

DOSSIER = "polycopies"
SITE = RACINE / "_build" / "html"

PRINT_CSS = """
@page { size: A4; margin: 15mm 14mm; }
@media print {
  .bd-header, .bd-header-announcement, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer,
  .bd-footer-article, .bd-footer-content, .prev-next-area, .header-article, .atelier-diaporama,
  .headerlink, #pst-back-to-top, .skip-link { display: none !important; }
  .bd-main .bd-content .bd-article-container { max-width: 100% !important; }
  /* the theme prints its own title and contents of the first page: the handout has a cover */
  #jb-print-docs-body { display: none !important; }
  .bd-main .bd-content .bd-article h1:first-of-type { display: block !important; }
  .atelier-lecon { break-before: page; }
  .cell_input, .output, figure, .admonition, table { break-inside: avoid; }
  a { color: inherit; }
}
.atelier-couverture h1 { margin-top: 30mm; }
"""


PLOTLY_ID = re.compile(r"plotly-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
FIGURES_DRAWN = "Array.from(document.querySelectorAll('.atelier-plotly')).every(div => div.querySelector('.main-svg'))"


def lecons_du_module(module: str) -> list[Path]:
    """The module's lessons in the order of the table of contents."""
    import yaml

    toc = yaml.safe_load((RACINE / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"]:
        for chapter in part.get("chapters", []):
            if chapter["file"] == f"book/modules/{module}":
                files = [s["file"] for s in chapter.get("sections", []) if s["file"].startswith("notebooks/")]
                return [RACINE / f"{f}.ipynb" for f in files]
    return []


def modules() -> list[str]:
    return sorted(p.stem for p in (RACINE / "book" / "modules").glob("*.md") if lecons_du_module(p.stem))


def _article(page: Path) -> tuple[BeautifulSoup, BeautifulSoup]:
    """A built page and its article (the lesson itself, without the theme around it)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article", class_="bd-article")
    if article is None:
        raise ValueError(f"{page}: no <article class=\"bd-article\"> (has the theme changed?)")
    return soup, article


def _ajouter_ressources(shell: BeautifulSoup, page: BeautifulSoup) -> None:
    """Give the handout the scripts and styles a lesson page loads (plotly.js is only on pages with a figure)."""
    present = {tag.get("src") or tag.get("href") for tag in shell.head.find_all(["script", "link"])}
    for tag in page.head.find_all(["script", "link"]):
        address = tag.get("src") or tag.get("href")
        if address and address not in present:
            shell.head.append(tag)
            present.add(address)


def _titre(article) -> str:
    """A page's title, without the « # » of its permalink."""
    return article.find("h1").get_text(" ", strip=True).rstrip("#").strip()


def page_du_polycopie(site: Path, module: str) -> str:
    """The HTML of a module's handout, meant for ``polycopies/<module>/index.html``."""
    lessons = [site / "notebooks" / module / f"{p.stem}.html" for p in lecons_du_module(module)]
    missing = [p for p in lessons if not p.exists()]
    if missing:
        raise FileNotFoundError(f"pages absentes du site : {', '.join(p.name for p in missing)}")
    pages = [_article(page) for page in lessons]
    shell, body = _article(lessons[0])  # the first lesson's page, emptied, holds the handout
    title = _titre(_article(site / "book" / "modules" / f"{module}.html")[1])
    body.clear()
    cover = shell.new_tag("section", attrs={"class": "atelier-couverture"})
    heading = shell.new_tag("h1")
    heading.string = title
    cover.append(heading)
    intro = shell.new_tag("p")
    intro.string = "Polycopié du module : les leçons telles que le livre les montre, avec leurs « À retenir »."
    cover.append(intro)
    listing = shell.new_tag("ol")
    for _, article in pages:
        item = shell.new_tag("li")
        item.string = _titre(article)
        listing.append(item)
    cover.append(listing)
    body.append(cover)
    for number, (soup, article) in enumerate(pages, 1):
        _ajouter_ressources(shell, soup)
        # two lessons may show the same figure: its element ids get the lesson's number
        content = PLOTLY_ID.sub(rf"\g<0>-lecon{number}", article.decode_contents())
        section = shell.new_tag("section", attrs={"class": "atelier-lecon"})
        section.append(BeautifulSoup(content, "html.parser"))
        body.append(section)
    style = shell.new_tag("style")
    style.string = PRINT_CSS
    shell.head.append(style)
    shell.title.string = title
    return str(shell)


def imprimer(pages: dict[Path, Path], timeout: float = 60_000) -> None:
    """Print each HTML file to its PDF with Debian's chromium, nothing but local files allowed."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise RuntimeError("Chromium est absent : installez-le (make chromium) pour imprimer les polycopiés.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            for source, pdf in pages.items():
                context = browser.new_context()
                context.route("**/*", lambda route: route.continue_()
                              if route.request.url.startswith(("file:", "data:", "about:", "blob:")) else route.abort())
                page = context.new_page()
                page.goto(source.resolve().as_uri(), timeout=timeout)
                page.wait_for_load_state("networkidle", timeout=timeout)
                # every plotly figure drawn before printing
                page.wait_for_function(FIGURES_DRAWN, timeout=timeout)
                page.emulate_media(media="print")
                page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
                context.close()
        finally:
            browser.close()


def fiches(site: Path) -> list[Path]:
    """The built participant sheets (book/seances/fiches/, one A4 page each by their print style)."""
    return sorted((site / "book" / "seances" / "fiches").glob("*.html"))


def construire(site: Path = SITE) -> list[Path]:
    """Write every module's handout page, then print it and every participant sheet; returns the PDFs."""
    pages = {}
    for module in modules():
        source = site / DOSSIER / module / "index.html"
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(page_du_polycopie(site, module), encoding="utf-8")
        pages[source] = site / DOSSIER / f"{module}.pdf"
    (site / DOSSIER / "fiches").mkdir(parents=True, exist_ok=True)
    for sheet in fiches(site):
        pages[sheet] = site / DOSSIER / "fiches" / f"{sheet.stem}.pdf"
    imprimer(pages)
    return list(pages.values())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Polycopiés PDF des modules, imprimés par chromium.")
    parser.add_argument("--site", type=Path, default=SITE, help="dossier du site construit (_build/html)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    pdfs = construire(args.site)
    weight = sum(p.stat().st_size for p in pdfs)
    print(f"{len(pdfs)} PDF (polycopiés et fiches participant) écrits dans {args.site / DOSSIER} "
          f"({weight / 1e6:.1f} Mo, {time.perf_counter() - start:.0f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
