"""Sphinx extension that makes the book's figures and maps work with no network.

Two problems measured with jupyter-book 1.0.4 as it comes:

* a plotly figure's output (``application/vnd.plotly.v1+json``) is dropped;
* a folium map's HTML loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs.

This extension renders the plotly mime bundle into a ``<div>`` drawn by one
plotly.min.js served from ``_static/`` (copied from the installed plotly
package, so its version always matches) and added only to the pages that hold
a figure; and it rewrites folium's CDN addresses to the copies in
``book/_static/vendor/`` (see scripts/vendor_assets.py).

It also registers the directives of the book's two forms (atelier/livre/formulaires.py) and adds
their script, book/_static/vendor/atelier/formulaires.js, to the pages that hold one.

Enabled in _config.yml (``sphinx.extra_extensions``); the plotly renderer is
registered with myst-nb through the ``myst_nb.mime_renderers`` entry point in
pyproject.toml.
"""

from __future__ import annotations

import html
import json
import posixpath
import shutil
import uuid
from pathlib import Path

import plotly
from docutils import nodes

from atelier.cartes import FOLIUM_ASSETS, adresse_locale
from atelier.chemins import RACINE
from atelier.livre import formulaires
from atelier.livre.durees import substitutions

PLOTLY_MIME = "application/vnd.plotly.v1+json"
PLOTLY_JS = f"vendor/plotly-{plotly.__version__}/plotly.min.js"
STATIC = RACINE / "book" / "_static"


def copier_plotly_js(site: Path) -> None:
    """Put the installed plotly's own plotly.min.js where the pages and decks load it."""
    target = site / "_static" / PLOTLY_JS
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", target)


def plotly_html(figure: dict) -> str:
    """A plotly figure as a div, its JSON, and the call that draws it with the shared plotly.js."""
    layout = figure.get("layout", {})
    title = layout.get("title", {})
    title = title.get("text", "") if isinstance(title, dict) else str(title)
    div_id = f"plotly-{uuid.uuid5(uuid.NAMESPACE_URL, json.dumps(figure, sort_keys=True))}"
    height = layout.get("height") or 450
    spec = json.dumps(
        {"data": figure.get("data", []), "layout": layout, "config": {"responsive": True, **figure.get("config", {})}}
    ).replace("</", "<\\/")
    label = html.escape(title or "Graphique interactif", quote=True)
    return (
        f'<div id="{div_id}" class="plotly-graph-div atelier-plotly" role="img" '
        f'aria-label="{label}" style="width:100%;height:{int(height)}px;"></div>\n'
        f'<script type="application/json" id="{div_id}-spec">{spec}</script>\n'
        "<script>document.addEventListener('DOMContentLoaded', function () {"
        f"var spec = JSON.parse(document.getElementById('{div_id}-spec').textContent);"
        f"Plotly.newPlot('{div_id}', spec.data, spec.layout, spec.config);"
        "});</script>"
    )


class PlotlyMimeRenderer:
    """myst-nb renderer for plotly figures: a div plus a call to the shared plotly.js."""

    mime_priority_overrides = [("html", PLOTLY_MIME, 5)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != PLOTLY_MIME or inline:
            return None
        figure = data.content if isinstance(data.content, dict) else json.loads(data.content)
        return [nodes.raw("", plotly_html(figure), format="html")]


def _lien_sous_le_titre(pagename: str) -> str:
    """The link a page shows under its title to what is built from it at the end of the build:
    a lesson's slide deck (diapositives.py), a module's handout, a session's sheet as a PDF (polycopies.py)."""
    parts = pagename.split("/")
    if len(parts) == 3 and parts[0] == "notebooks":
        return ('<p class="atelier-diaporama"><a href="../../diapositives/'
                f'{parts[1]}/{parts[2]}.html">Projeter cette leçon en diaporama</a></p>')
    if len(parts) == 3 and parts[:2] == ["book", "modules"]:
        return (f'<p class="atelier-polycopie"><a href="../../polycopies/{parts[2]}.pdf">'
                "Polycopié du module à imprimer (PDF)</a></p>")
    if len(parts) == 4 and parts[:3] == ["book", "seances", "fiches"]:
        return (f'<p class="atelier-polycopie"><a href="../../../polycopies/fiches/{parts[3]}.pdf">'
                "La fiche en PDF, prête à imprimer</a></p>")
    return ""


def _page_context(app, pagename, templatename, context, doctree):
    link = _lien_sous_le_titre(pagename)
    if link and "</h1>" in context.get("body", ""):
        context["body"] = context["body"].replace("</h1>", "</h1>\n" + link, 1)
    if "atelier-plotly" in context.get("body", ""):
        app.add_js_file(PLOTLY_JS, loading_method="defer")
    if formulaires.MARQUE in context.get("body", ""):
        app.add_js_file(formulaires.JS, loading_method="defer")
    # jupyter-book 1.0.4 registers sphinx-thebe's inline configuration twice, and the
    # second copy raises "Identifier 'THEBE_JS_URL' has already been declared".
    seen, scripts = set(), []
    for script in context.get("script_files", []):
        key = (getattr(script, "filename", str(script)) or "", getattr(script, "attributes", {}).get("body", ""))
        if key not in seen:
            seen.add(key)
            scripts.append(script)
    context["script_files"] = scripts
    # An empty default mode makes pydata-sphinx-theme log a console error on every page.
    if not context.get("default_mode"):
        context["default_mode"] = "light"


def _config_inited(app, config):
    config.html_static_path = list(config.html_static_path) + [str(STATIC)]
    # {{ duree_03 }} & co: module durations added up from the notebooks' own « Durée estimée »
    config.myst_substitutions = {**substitutions(), **(getattr(config, "myst_substitutions", None) or {})}


def rewrite_folium_assets(page_html: str, prefix: str) -> str:
    """Point folium's CDN addresses at the site's own copies; ``prefix`` leads to _static/."""
    for url in FOLIUM_ASSETS:
        page_html = page_html.replace(url, adresse_locale(url, prefix))
    return page_html


def _build_finished(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    copier_plotly_js(outdir)
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "leaflet" not in text:
            continue
        depth = len(page.relative_to(outdir).parts) - 1
        prefix = posixpath.join(*([".."] * depth), "_static") if depth else "_static"
        rewritten = rewrite_folium_assets(text, prefix)
        if rewritten != text:
            page.write_text(rewritten, encoding="utf-8")
    from atelier.livre import diapositives, polycopies  # they import this module

    diapositives.construire(outdir, cache=Path(app.env.mystnb_config.execution_cache_path))
    polycopies.construire(outdir)


# Opened from the folder (file://), a browser refuses the page fetches that give search excerpts:
# ask for none there, instead of a console error per result. Served sites keep their excerpts.
SEARCH_FROM_FOLDER = (
    "if (location.protocol === 'file:' && typeof DOCUMENTATION_OPTIONS !== 'undefined') "  # a const, not on window
    "{ DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false; }"
)


def setup(app):
    app.add_css_file("vendor/atelier/atelier.css")
    app.add_css_file("vendor/atelier/fiche-participant.css")  # printing a participant sheet on one A4 page
    app.add_js_file(None, body=SEARCH_FROM_FOLDER, priority=250)  # right after documentation_options.js
    formulaires.setup(app)  # {formulaire} and {colonnes-du-formulaire}, the pages of book/seances/
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _build_finished)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
