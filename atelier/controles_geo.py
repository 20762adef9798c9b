"""Checks of geographic answers, shared by the exercises of modules 05 and 06.

Exercise test cells call these on the learner's answers (plain GeoDataFrames and folium maps
rebuilt in the verdict process): geometries are compared with a tolerance in metres, CRS by
their EPSG code, maps by their objects (layers, features, tooltip fields), never by HTML text.
They only measure; the test cell decides and words the French hint.
"""

from __future__ import annotations


def code_epsg(couche) -> int | None:
    """The EPSG code a layer declares, or None (no CRS, or one without an EPSG code)."""
    crs = getattr(couche, "crs", None)
    return None if crs is None else crs.to_epsg()


def ecarts_en_metres(geometries, references):
    """Distance in metres between each geometry and its reference (same order, same length).

    Both sides are projected to the UTM zone of the references, so the tolerance means metres
    anywhere; for points this is their distance, for other shapes the Hausdorff distance (the
    largest gap between the two outlines).
    """
    import geopandas as gpd
    import numpy as np

    geometries = gpd.GeoSeries(geometries).reset_index(drop=True)
    references = gpd.GeoSeries(references).reset_index(drop=True)
    if geometries.crs is None or references.crs is None:
        raise ValueError("both sides need a CRS to be compared in metres")
    if len(geometries) != len(references):
        raise ValueError(f"{len(geometries)} geometries for {len(references)} references")
    locale = references.to_crs("EPSG:4326").estimate_utm_crs()
    a, b = geometries.to_crs(locale), references.to_crs(locale)
    return np.array([g.hausdorff_distance(r) if g is not None and r is not None else np.inf for g, r in zip(a, b)])


def dans_la_zone(couche, zone, tolerance_m: float = 1.0):
    """For each object of `couche`, whether it lies in the union of `zone` (within `tolerance_m` metres)."""
    locale = zone.to_crs("EPSG:4326").estimate_utm_crs()
    enveloppe = zone.to_crs(locale).union_all().buffer(tolerance_m)
    return couche.to_crs(locale).geometry.within(enveloppe).to_numpy()


# --------------------------------------------------------------------------- folium maps

GENRES_MARQUEURS = {"Marker", "CircleMarker", "Circle", "RegularPolygonMarker"}
GENRES_DONNEES = {"GeoJson", "TopoJson"}
GENRES_IMAGES = {"ImageOverlay", "WmsTileLayer", "VideoOverlay"}
GENRES_GROUPES = {"FeatureGroup", "Choropleth", "MarkerCluster"}


def decrire_carte(carte) -> dict:
    """A folium map as plain data: its layers, markers, legends and controls.

    Maps are checked through this description, never through their HTML: the grading kit hands a
    learner's map to the tests as this same dict (atelier/correction/donnees.py), so a check reads
    ``decrire_carte(carte)`` and works in both places. A description passes through unchanged.

    - ``calques``: one dict per layer — ``genre`` (GeoJson, Choropleth, FeatureGroup, ImageOverlay,
      WmsTileLayer…), ``nom`` (None when folium named it itself), ``affiche`` (shown at opening),
      ``groupe`` (the FeatureGroup holding it); for GeoJson: ``objets`` (number of features),
      ``geometries`` (their types), ``proprietes`` (property names), ``infobulle`` and ``alias`` (the
      tooltip's fields and labels), ``popup`` (the popup's fields), ``couleurs`` (distinct fill
      colours given by its style function); for FeatureGroup, Choropleth and MarkerCluster:
      ``marqueurs`` inside it (layers inside it name it as their ``groupe``).
    - ``marqueurs``: ``genre``, ``position`` [lat, lon], ``infobulle`` (text or None), ``popup`` (bool), ``groupe``.
    - ``legendes``: captions of colour scales (branca) and titles of elements carrying ``titre_legende``.
    - ``fonds`` (tile layers), ``controle_des_calques`` (bool), ``centre``, ``zoom``.
    """
    if isinstance(carte, dict) and carte.get("type") == "carte folium":
        return carte
    description = {
        "type": "carte folium",
        "centre": [float(x) for x in carte.location] if getattr(carte, "location", None) else None,
        "zoom": getattr(carte, "options", {}).get("zoom"),
        "fonds": [], "calques": [], "marqueurs": [], "legendes": [], "controle_des_calques": False,
    }
    _parcourir(carte, description, groupe=None)
    racine = carte.get_root()
    for partie in (getattr(racine, "html", None), getattr(racine, "header", None)):
        if partie is not None:
            _parcourir(partie, description, groupe=None)
    return description


def _nom(element) -> str | None:
    nom = getattr(element, "layer_name", None)
    return None if nom is None or str(nom).startswith("macro_element_") else str(nom)


def _parcourir(element, description: dict, groupe: str | None) -> None:
    for enfant in list(getattr(element, "_children", {}).values()):
        genre = type(enfant).__name__
        if hasattr(enfant, "titre_legende"):
            description["legendes"].append(str(enfant.titre_legende))
        elif type(enfant).__module__.startswith("branca.colormap"):
            description["legendes"].append(str(getattr(enfant, "caption", "") or ""))
        if genre == "TileLayer":
            description["fonds"].append(_nom(enfant))
        elif genre == "LayerControl":
            description["controle_des_calques"] = True
        elif genre in GENRES_MARQUEURS:
            description["marqueurs"].append(_marqueur(enfant, genre, groupe))
        elif genre in GENRES_DONNEES:
            description["calques"].append(_donnees(enfant, genre, groupe))
        elif genre in GENRES_IMAGES or genre in GENRES_GROUPES:
            calque = {"genre": genre, "nom": _nom(enfant), "affiche": bool(getattr(enfant, "show", True)),
                      "groupe": groupe}
            description["calques"].append(calque)
            if genre in GENRES_GROUPES:
                avant = len(description["marqueurs"])
                _parcourir(enfant, description, groupe=calque["nom"])
                calque["marqueurs"] = len(description["marqueurs"]) - avant
                continue
        if genre not in GENRES_MARQUEURS and genre not in GENRES_DONNEES:
            _parcourir(enfant, description, groupe)


def _marqueur(marqueur, genre: str, groupe: str | None) -> dict:
    enfants = {type(e).__name__: e for e in marqueur._children.values()}
    infobulle = enfants.get("Tooltip")
    return {
        "genre": genre, "groupe": groupe,
        "position": [float(x) for x in marqueur.location] if getattr(marqueur, "location", None) else None,
        "infobulle": None if infobulle is None else str(infobulle.text),
        "popup": "Popup" in enfants,
    }


def _donnees(couche, genre: str, groupe: str | None) -> dict:
    objets = (couche.data or {}).get("features", []) if isinstance(getattr(couche, "data", None), dict) else []
    enfants = {type(e).__name__: e for e in couche._children.values()}
    infobulle = enfants.get("GeoJsonTooltip")
    popup = enfants.get("GeoJsonPopup")
    style = getattr(couche, "style_function", None)
    couleurs = set()
    if style is not None:
        for objet in objets:
            try:
                couleurs.add(str(style(objet).get("fillColor")))
            except Exception:  # a style function that fails on a feature is the learner's to fix
                couleurs.add("?")
    return {
        "genre": genre, "nom": _nom(couche), "affiche": bool(getattr(couche, "show", True)), "groupe": groupe,
        "objets": len(objets),
        "geometries": sorted({str((o.get("geometry") or {}).get("type")) for o in objets}),
        "proprietes": sorted({str(k) for o in objets for k in (o.get("properties") or {})}),
        "infobulle": None if infobulle is None else [str(f) for f in infobulle.fields],
        "alias": None if infobulle is None or not infobulle.aliases else [str(a) for a in infobulle.aliases],
        "popup": None if popup is None else [str(f) for f in popup.fields],
        "couleurs": len(couleurs),
    }


def calques_avec_objets(carte) -> list[dict]:
    """The GeoJson layers of a map that hold at least one feature (Choropleth layers included)."""
    return [c for c in decrire_carte(carte)["calques"] if c.get("objets")]
