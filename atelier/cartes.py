"""Folium maps without the Internet.

folium's HTML loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs, so a
map stays blank offline. Copies of those files are committed in
book/_static/vendor/ (scripts/vendor_assets.py). The book extension
(atelier/livre/extension.py) rewrites the addresses in the built pages; in JupyterLab,
``make lab`` sets ATELIER_CARTES_LOCALES=/files/book/_static so that importing
atelier points folium at the copies served by the Jupyter server itself.
"""

from __future__ import annotations

import os
import posixpath

VARIABLE_CARTES_LOCALES = "ATELIER_CARTES_LOCALES"

# folium's CDN address -> file under _static/ (None: a local empty stylesheet).
FOLIUM_ASSETS = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": "vendor/leaflet@1.9.3/leaflet.js",
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": "vendor/leaflet@1.9.3/leaflet.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "vendor/jquery@3.7.1/jquery.min.js",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": (
        "vendor/bootstrap@5.2.2/js/bootstrap.bundle.min.js"
    ),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": (
        "vendor/bootstrap@5.2.2/css/bootstrap.min.css"
    ),
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": (
        "vendor/fontawesome-free@6.2.0/css/all.min.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js": (
        "vendor/drmonty-leaflet-awesome-markers@2.0.2/leaflet.awesome-markers.js"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css": (
        "vendor/drmonty-leaflet-awesome-markers@2.0.2/leaflet.awesome-markers.css"
    ),
    # branca adds d3 while rendering a colour legend (folium.Choropleth, branca.colormap).
    "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js": "vendor/d3@3.5.5/d3.min.js",
    # Glyphicons (Bootstrap 3) and folium's marker-rotation CSS are not vendored:
    # the lessons use Font Awesome icons, and an empty local sheet avoids a failed request.
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": "vendor/atelier/non-inclus.css",
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css": (
        "vendor/atelier/non-inclus.css"
    ),
}


def adresse_locale(url: str, prefixe: str) -> str:
    """The copy of a folium asset under ``prefixe`` (a URL path leading to book/_static)."""
    local = FOLIUM_ASSETS.get(url)
    return posixpath.join(prefixe, local) if local else url


def cartes_locales(prefixe: str | None = None) -> None:
    """Make every folium map created from now on load its scripts from ``prefixe``."""
    prefixe = prefixe or os.environ[VARIABLE_CARTES_LOCALES]
    import folium

    from branca.element import Figure

    for attribut in ("default_js", "default_css"):
        liens = getattr(folium.Map, attribut)
        setattr(folium.Map, attribut, [(nom, adresse_locale(url, prefixe)) for nom, url in liens])
    # Links added while rendering (branca's d3 for colour legends) are rewritten in the page itself.
    rendu_cdn = getattr(Figure.render, "rendu_cdn", Figure.render)

    def rendu_local(self, **kwargs):
        page = rendu_cdn(self, **kwargs)
        for url in FOLIUM_ASSETS:
            page = page.replace(url, adresse_locale(url, prefixe))
        return page

    rendu_local.rendu_cdn = rendu_cdn
    Figure.render = rendu_local


def ajouter_legende(carte, titre: str, couleurs: dict[str, str]):
    """Add a legend of categories (label -> colour) to a folium map, drawn without any script.

    folium's own legends are colour scales for numbers (folium.Choropleth); categories such as
    flood hazard levels need this box. The element carries ``titre_legende``, so that
    ``atelier.controles_geo.decrire_carte`` lists it among the map's legends.
    """
    from html import escape

    from branca.element import Element

    cases = "".join(
        f'<div><span style="display:inline-block;width:14px;height:14px;margin-right:6px;'
        f'border:1px solid #555;vertical-align:middle;background:{escape(couleur)}"></span>{escape(libelle)}</div>'
        for libelle, couleur in couleurs.items()
    )
    element = Element(
        f'<div class="atelier-legende" style="position:absolute;bottom:24px;left:12px;z-index:1000;'
        f'background:#fff;padding:6px 10px;border:1px solid #999;border-radius:4px;font:13px sans-serif">'
        f"<strong>{escape(titre)}</strong>{cases}</div>"
    )
    element.titre_legende = titre
    carte.get_root().html.add_child(element)
    return carte
