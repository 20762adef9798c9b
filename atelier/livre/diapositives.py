"""Slide decks from the lesson notebooks: reveal.js, served by the site itself, no CDN.

Each notebook of notebooks/ becomes ``diapositives/<module>/<lesson>.html`` in the built site.
Slide boundaries are set in the notebooks' own metadata (``slideshow.slide_type``, which
JupyterLab's RISE also reads for the live mode), from one rule kept here: a ``#`` or ``##``
heading opens a slide, a ``###`` heading or a ``pause`` question opens a sub-slide, a cell for
the trainer (``formateur``) goes to the speaker view (key S), other cells hidden from the book
(``remove-cell``) are skipped. ``python -m atelier.livre.diapositives --marquer`` writes that
metadata again after a lesson changes; tests/test_diapositives.py checks it is in sync.

The decks reuse the book's executed notebooks (jupyter-cache) when they are there, and execute
the others offline. nbconvert's reveal template loads jQuery, require.js, mermaid and MathJax
from CDNs: atelier/livre/modeles/diaporama/ replaces those parts. Plotly figures get the same
markup as in the book (one shared plotly.min.js); folium maps point at the site's copies.

    python -m atelier.livre.diapositives [--site _build/html]   build every deck (make slides)
    python -m atelier.livre.diapositives --marquer                 rewrite the slide metadata
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
from jupyter_core.paths import jupyter_path
from nbclient import NotebookClient
from nbconvert import SlidesExporter

from atelier.chemins import RACINE
from atelier.livre.extension import (
    PLOTLY_JS, PLOTLY_MIME, STATIC, copier_plotly_js, plotly_html, rewrite_folium_assets,
)

DOSSIER = "diapositives"
REVEAL = "vendor/reveal.js@5.2.1"
MODELES = Path(__file__).parent / "modeles"  # modeles/diaporama/: our reveal template
SITE = RACINE / "_build" / "html"
CACHE = RACINE / "_build" / ".jupyter_cache"  # jupyter-book's default nb_execution_cache_path


# The notebook styles nbconvert's reveal template inlines in each deck; the decks link one copy.
NBCONVERT_CSS = {"index.css": "lab", "theme-light.css": "lab", "custom_reveal.css": "reveal"}


def _nbconvert_template_file(template: str, name: str) -> Path:
    for root in jupyter_path("nbconvert", "templates"):
        candidate = Path(root) / template / "static" / name
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"{template}/static/{name} not found among nbconvert's templates")


def lecons() -> list[Path]:
    return sorted(RACINE.glob("notebooks/*/*.ipynb"))


def type_de_diapositive(cell) -> str:
    """The reveal.js slide type of a cell, by the rule in the module docstring."""
    tags = set(cell.metadata.get("tags", []))
    if "formateur" in tags:
        return "notes"
    if "remove-cell" in tags:
        return "skip"
    if cell.cell_type == "markdown":
        first = cell.source.lstrip().split("\n", 1)[0]
        if re.match(r"#{1,2} ", first):
            return "slide"
        if first.startswith("### ") or "pause" in tags:
            return "subslide"
    return "-"


def marquer(path: Path) -> bool:
    """Write the slide type of every cell into the notebook; True if the file changed."""
    notebook = nbformat.read(path, as_version=4)
    changed = False
    for cell in notebook.cells:
        wanted = {"slide_type": type_de_diapositive(cell)}
        if cell.metadata.get("slideshow") != wanted:
            cell.metadata["slideshow"] = wanted
            changed = True
    if changed:
        nbformat.write(notebook, path)
    return changed


def lecon_executee(path: Path, cache: Path | None = CACHE):
    """The lesson with its outputs: from the book's cache if it holds this version, else executed now."""
    notebook = nbformat.read(path, as_version=4)
    if cache is not None and cache.exists():
        from jupyter_cache import get_cache

        try:
            # cell_meta=(): keep the committed slide metadata, take only the outputs from the cache
            return get_cache(str(cache)).merge_match_into_notebook(notebook, cell_meta=())[1]
        except KeyError:
            pass
    os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")  # as in `make book`
    NotebookClient(notebook, timeout=300, resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


# A relative link to another notebook or page of the book, as the lessons write them.
LIEN_RELATIF = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s]+?)\.(?:ipynb|md)(#[^)\s]*)?\)")
ENCADRE = re.compile(r"^```\{admonition\} *([^\n]*)\n(?::class:[^\n]*\n)?(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def _markdown_pour_diaporama(source: str, module: str) -> str:
    """Links point at the book's pages from diapositives/<module>/; a MyST box becomes a quote."""
    source = LIEN_RELATIF.sub(lambda m: f"](../../notebooks/{module}/{m[1]}.html{m[2] or ''})", source)
    return ENCADRE.sub(
        lambda m: "\n".join([f"> **{m[1]}**", ">"] + [f"> {line}" for line in m[2].rstrip().split("\n")]), source
    )


def _pour_diaporama(notebook, module: str):
    """Drop skipped cells and outputs hidden from the book; plotly figures become the book's markup."""
    cells = []
    for cell in notebook.cells:
        kind = type_de_diapositive(cell)
        if kind == "skip":
            continue
        cell.metadata["slideshow"] = {"slide_type": kind}
        if cell.cell_type == "markdown":
            cell.source = _markdown_pour_diaporama(cell.source, module)
        tags = set(cell.metadata.get("tags", []))
        if cell.cell_type == "code":
            if "remove-output" in tags:
                cell.outputs = []
            for output in cell.outputs:
                data = output.get("data", {})
                if PLOTLY_MIME in data:
                    output["data"] = {"text/html": plotly_html(data[PLOTLY_MIME])}
            if "remove-input" in tags:
                cell.transient = {"remove_source": True}
        cells.append(cell)
    notebook.cells = cells
    return notebook


TO_STATIC = "../../_static"  # from diapositives/<module>/


def _exporteur() -> SlidesExporter:
    exporter = SlidesExporter(extra_template_basedirs=[str(MODELES)], template_name="diaporama")
    exporter.reveal_url_prefix = f"{TO_STATIC}/{REVEAL}"
    exporter.reveal_theme = "white"  # the theme vendored with reveal.js
    return exporter


def diaporama(path: Path, cache: Path | None = CACHE, exporter: SlidesExporter | None = None) -> str:
    """The HTML of one lesson's deck, meant for ``diapositives/<module>/<lesson>.html``."""
    exporter = exporter or _exporteur()
    notebook = _pour_diaporama(lecon_executee(path, cache), path.parent.name)
    has_plotly = any("atelier-plotly" in o.get("data", {}).get("text/html", "")
                     for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    resources = {
        "metadata": {"name": notebook.cells[0].source.lstrip("# ").split("\n", 1)[0] if notebook.cells else path.stem},
        "atelier_plotly_js": f"{TO_STATIC}/{PLOTLY_JS}" if has_plotly else "",
        "atelier_css_prefix": f"{TO_STATIC}/{DOSSIER}",
        "atelier_lesson_url": f"../../notebooks/{path.parent.name}/{path.stem}.html",
    }
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    return rewrite_folium_assets(body, TO_STATIC)


def adresse(path: Path) -> str:
    """Where a lesson's deck lives, relative to the site's root."""
    return f"{DOSSIER}/{path.parent.name}/{path.stem}.html"


def construire(site: Path = SITE, cache: Path | None = CACHE, notebooks: list[Path] | None = None) -> list[Path]:
    """Write every deck into the built site; the assets they load are copied if the book is not built."""
    vendor = site / "_static" / "vendor"
    if not (vendor / REVEAL).exists():
        shutil.copytree(STATIC / "vendor", vendor, dirs_exist_ok=True)
    if not (site / "_static" / PLOTLY_JS).exists():
        copier_plotly_js(site)
    css = site / "_static" / DOSSIER
    css.mkdir(parents=True, exist_ok=True)
    for name, template in NBCONVERT_CSS.items():
        shutil.copyfile(_nbconvert_template_file(template, name), css / name)
    written, exporter = [], _exporteur()
    for path in notebooks or lecons():
        target = site / adresse(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(diaporama(path, cache, exporter), encoding="utf-8")
        written.append(target)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Diaporamas reveal.js des leçons (hors ligne).")
    parser.add_argument("--site", type=Path, default=SITE, help="dossier du site construit (_build/html)")
    parser.add_argument("--marquer", action="store_true", help="réécrire les types de diapositives des notebooks")
    args = parser.parse_args(argv)
    if args.marquer:
        changed = [p for p in lecons() if marquer(p)]
        print(f"{len(changed)} notebook(s) mis à jour sur {len(lecons())}.")
        return 0
    start = time.perf_counter()
    decks = construire(args.site)
    weight = sum(p.stat().st_size for p in decks)
    print(f"{len(decks)} diaporamas écrits dans {args.site / DOSSIER} "
          f"({weight / 1e6:.1f} Mo, {time.perf_counter() - start:.0f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
