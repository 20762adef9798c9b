"""Plotly figures in French, with nothing that sends a chart to the cloud.

One place sets it for the whole curriculum: ``import atelier`` gives every plotly renderer this
configuration, so figures shown in JupyterLab, in the book and in its slides have French modebar
texts and number formats (« 1 234,5 »), no plotly logo and no button that would upload a chart to
Chart Studio (a privacy trap for a town hall). Pages exported with ``fig.write_html`` take it with
``config=atelier.graphiques.CONFIG``.

The French texts come from plotly.js's own locale file (npm package plotly.js-locales, MIT
licence), vendored in atelier/vendor/ by scripts/vendor_assets.py (inside the package: the grading
sandbox, where ``import atelier`` also runs, sees the package but not book/); the locale travels inside
each figure's configuration, so no extra script is needed anywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

LOCALE_FR = Path(__file__).resolve().parent / "vendor" / "plotly.js-locales@3.7.0" / "fr.js"
_CHAINE = r"'((?:[^'\\]|\\.)*)'"


def _texte(chaine: str) -> str:
    return re.sub(r"\\(.)", r"\1", chaine)


def lire_locale(chemin=LOCALE_FR) -> dict:
    """plotly.js's locale module (``module.exports = {…}``) as the dict plotly's config.locales takes."""
    source = chemin.read_text(encoding="utf-8")
    dictionnaire, format_ = source.split("dictionary:", 1)[1].split("format:", 1)
    traductions = {_texte(a): _texte(b) for a, b in re.findall(_CHAINE + r"\s*:\s*" + _CHAINE, dictionnaire)}
    formats = {}
    for cle, liste in re.findall(r"(\w+):\s*\[([^\]]*)\]", format_):
        formats[cle] = [_texte(v) for v in re.findall(_CHAINE, liste)]
    for cle, valeur in re.findall(r"(\w+):\s*" + _CHAINE, format_):
        formats[cle] = _texte(valeur)
    return {"dictionary": traductions, "format": formats}


CONFIG = {
    "locale": "fr",
    "locales": {"fr": lire_locale()},
    "displaylogo": False,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "editInChartStudio", "lasso2d", "select2d"],
}


def configurer_plotly() -> None:
    """Give every plotly renderer (JupyterLab, book, browser…) the French configuration."""
    import plotly.io as pio

    for nom in list(pio.renderers):
        rendu = pio.renderers[nom]
        if hasattr(rendu, "config"):
            rendu.config = dict(CONFIG, **(rendu.config or {}))
