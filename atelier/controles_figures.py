"""Checks of plotly figures, for the exercises of every module (what matplotcheck does for matplotlib).

Exercise test cells call these on a learner's figure. The grading kit hands a figure over as a
real ``go.Figure`` rebuilt from its dict (atelier/correction/donnees.py), so every function here
reads the figure's data model, never its HTML or an image, and works the same on ``fig`` and on
``go.Figure(fig.to_dict())``. They only measure; the test cell decides and words the French hint.

The main entry is ``decrire_figure(fig)``, a plain dict; the other functions are short readings of
it that test cells use most often. See the book page « Écrire un exercice sur un graphique ou une
carte » (book/ecrire-un-exercice-graphique.md) for examples.
"""

from __future__ import annotations

import datetime as dt
import re

TYPES_EN_3D = {"scatter3d", "surface", "mesh3d", "cone", "streamtube", "volume", "isosurface"}
MOT_SOURCE = re.compile(r"\bsources?\b", re.IGNORECASE)
BALISES = re.compile(r"<[^>]+>")


def est_une_figure(objet) -> bool:
    """Whether `objet` is a plotly figure (a go.Figure, as plotly express returns)."""
    try:
        import plotly.graph_objects as go
    except ImportError:  # pragma: no cover - plotly is in the pinned stack
        return False
    return isinstance(objet, go.Figure)


def _figure(fig):
    import plotly.graph_objects as go

    if isinstance(fig, go.Figure):
        return fig
    if isinstance(fig, dict):
        return go.Figure(fig)
    raise TypeError(f"a plotly figure was expected, not {type(fig).__name__}")


def _texte(valeur) -> str | None:
    """Plotly text without its HTML tags (<b>, <br>), stripped; None when empty."""
    if valeur is None:
        return None
    texte = BALISES.sub(" ", str(valeur))
    texte = re.sub(r"\s+", " ", texte).strip()
    return texte or None


def _valeurs(valeurs) -> list:
    """A trace's x, y, values… as a list of plain Python values (dates as ISO text)."""
    if valeurs is None:
        return []
    import numpy as np
    import pandas as pd

    if isinstance(valeurs, dict) and "bdata" in valeurs:
        valeurs = _tableau_encode(valeurs)
    tableau = np.asarray(valeurs)
    if tableau.ndim == 0:
        return [tableau.item()]
    if tableau.dtype.kind == "M":
        return [pd.Timestamp(v).isoformat() for v in tableau]
    resultat = []
    for valeur in tableau.tolist():
        if isinstance(valeur, (dt.datetime, dt.date, pd.Timestamp)):
            valeur = valeur.isoformat()
        resultat.append(valeur)
    return resultat


def _tableau_encode(valeurs: dict):
    """plotly's dicts keep numeric arrays as {"dtype", "bdata"[, "shape"]} (base64): back to numpy."""
    import base64

    import numpy as np

    tableau = np.frombuffer(base64.b64decode(valeurs["bdata"]), dtype=np.dtype(valeurs["dtype"]))
    if valeurs.get("shape"):
        tableau = tableau.reshape([int(n) for n in str(valeurs["shape"]).split(",")])
    return tableau


def _genre(trace) -> str:
    """The chart a trace draws, in French: barres, courbe, points, secteurs, histogramme, carte…"""
    kind = trace.type
    if kind in ("scatter", "scattergl"):
        mode = trace.mode or ("lines" if len(_valeurs(trace.x)) > 20 else "lines+markers")
        return "courbe" if "lines" in mode else "points"
    if kind in ("scattermap", "scattermapbox", "choroplethmap", "choroplethmapbox", "choropleth", "scattergeo",
                "densitymap", "densitymapbox"):
        return "carte"
    return {"bar": "barres", "pie": "secteurs", "histogram": "histogramme", "box": "boîte",
            "violin": "violon", "heatmap": "carte de chaleur", "treemap": "arbre", "sunburst": "soleil",
            "funnel": "entonnoir", "waterfall": "cascade"}.get(kind, kind)


def _trace(trace) -> dict:
    orientation = getattr(trace, "orientation", None)
    description = {
        "type": trace.type,
        "genre": _genre(trace),
        "nom": trace.name if trace.name else None,
        "x": _valeurs(getattr(trace, "x", None)),
        "y": _valeurs(getattr(trace, "y", None)),
        "orientation": orientation or ("v" if trace.type in ("bar", "histogram", "box") else None),
        "axe_x": getattr(trace, "xaxis", None) or "x",
        "axe_y": getattr(trace, "yaxis", None) or "y",
        "infobulle": getattr(trace, "hovertemplate", None),
        "texte": _valeurs(getattr(trace, "text", None)) if getattr(trace, "text", None) is not None else [],
        "base": _valeurs(getattr(trace, "base", None)),
    }
    if trace.type in ("pie", "funnelarea"):
        description["etiquettes"] = _valeurs(trace.labels)
        description["valeurs"] = _valeurs(trace.values)
    return description


def _axe(fig, nom: str, traces: list[dict]) -> dict:
    """One axis: its title, type, explicit range, and whether its scale starts at zero."""
    layout_nom = nom[0] + "axis" + nom[1:]
    axe = fig.layout[layout_nom] if layout_nom in fig.layout else None
    titre = _texte(axe.title.text) if axe is not None and axe.title is not None else None
    plage = list(axe.range) if axe is not None and axe.range is not None else None
    genre_axe = axe.type if axe is not None and axe.type else None
    mode = axe.rangemode if axe is not None and axe.rangemode else "normal"
    sur_cet_axe = [t for t in traces if t["axe_" + nom[0]] == nom]
    return {"titre": titre, "type": genre_axe, "plage": plage, "rangemode": mode,
            "commence_a_zero": _commence_a_zero(nom[0], plage, genre_axe, mode, sur_cet_axe),
            "secondaire": bool(axe is not None and axe.overlaying)}


def _commence_a_zero(lettre: str, plage, genre_axe, mode: str, traces: list[dict]) -> bool | None:
    """Whether the scale of a value axis includes zero, as plotly will draw it. None: not a value axis."""
    valeur = [t for t in traces if _axe_des_valeurs(t) == lettre]
    if not valeur:
        return None
    if genre_axe == "log":
        return False
    if plage is not None:
        bas, haut = sorted(float(v) for v in plage)
        return bas <= 0 <= haut or haut == 0
    if mode in ("tozero", "nonnegative"):
        return True
    if all(t["type"] in ("bar", "histogram", "funnel", "waterfall") for t in valeur):
        # plotly's autorange always reaches the bars' base, which is 0 unless `base` says otherwise
        return all(not t["base"] or all(b == 0 for b in t["base"]) for t in valeur)
    nombres = [v for t in valeur for v in t[lettre] if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return bool(nombres) and min(nombres) <= 0


def _axe_des_valeurs(trace: dict) -> str | None:
    """Which letter holds the values of a trace: y for vertical bars and curves, x for horizontal bars."""
    if trace["type"] in ("pie", "funnelarea", "treemap", "sunburst") or trace["genre"] == "carte":
        return None
    return "x" if trace["orientation"] == "h" else "y"


def decrire_figure(fig) -> dict:
    """A plotly figure as plain data.

    - ``titre`` (text without HTML tags, or None), ``sous_titre`` (plotly's title.subtitle);
    - ``traces``: one dict per trace — ``type`` (plotly's: bar, scatter, pie…), ``genre`` (barres,
      courbe, points, secteurs, histogramme, carte…), ``nom``, ``x`` and ``y`` (the values actually
      plotted, as lists; dates as ISO text), ``orientation`` ("v"/"h" for bars), ``axe_x`` and ``axe_y``
      (which axes it is drawn on), ``infobulle`` (hover template), ``texte`` (labels written on
      the marks), ``base``; pies also have ``etiquettes`` and ``valeurs``;
    - ``axes``: for each cartesian axis in use ("x", "y", "y2"…): ``titre``, ``type`` (None, linear,
      log, date, category), ``plage`` (explicit range or None), ``rangemode``, ``commence_a_zero``
      (True/False for an axis carrying values, None for a category axis), ``secondaire`` (overlays
      another axis: a dual-axis chart);
    - ``annotations`` (their texts), ``source`` (the first annotation, subtitle or title part that
      names a source, or None), ``separateurs`` (layout.separators: ", " gives French numbers),
      ``legende`` (shown or not), ``en_3d`` (a 3D trace or scene).
    """
    fig = _figure(fig)
    traces = [_trace(t) for t in fig.data]
    noms_axes = sorted({t["axe_x"] for t in traces if t["genre"] != "carte" and t["type"] != "pie"}
                       | {t["axe_y"] for t in traces if t["genre"] != "carte" and t["type"] != "pie"})
    titre = _texte(fig.layout.title.text) if fig.layout.title is not None else None
    sous_titre = None
    if fig.layout.title is not None and getattr(fig.layout.title, "subtitle", None) is not None:
        sous_titre = _texte(fig.layout.title.subtitle.text)
    annotations = [_texte(a.text) for a in (fig.layout.annotations or ()) if _texte(a.text)]
    candidats = annotations + [sous_titre, titre]
    source = next((texte for texte in candidats if texte and MOT_SOURCE.search(texte)), None)
    legende = fig.layout.showlegend
    return {
        "type": "figure plotly",
        "titre": titre,
        "sous_titre": sous_titre,
        "traces": traces,
        "axes": {nom: _axe(fig, nom, traces) for nom in noms_axes},
        "annotations": annotations,
        "source": source,
        "separateurs": fig.layout.separators,
        "legende": (len(traces) > 1) if legende is None else bool(legende),
        "en_3d": any(t["type"] in TYPES_EN_3D for t in traces) or bool(fig.layout.scene and fig.layout.scene.to_plotly_json()),
    }


# --------------------------------------------------------------------------- short readings


def genres(fig) -> list[str]:
    """The chart kind of each trace, in order (barres, courbe, points, secteurs…)."""
    return [t["genre"] for t in decrire_figure(fig)["traces"]]


def titre(fig) -> str | None:
    """The figure's title text, without HTML tags."""
    return decrire_figure(fig)["titre"]


def titres_des_axes(fig) -> dict[str, str | None]:
    """The title of each cartesian axis in use: {"x": "Mois", "y": "Nombre de vélos par jour"}."""
    return {nom: axe["titre"] for nom, axe in decrire_figure(fig)["axes"].items()}


def valeurs_par_categorie(fig, trace: int | None = None) -> dict:
    """What the bars (or points) say: {category: value}, read on the axes plotly draws.

    Vertical traces map x to y, horizontal bars map y to x. With several traces (a colour per
    group), values of the same category are added unless `trace` picks one trace by its index.
    Pies map their labels to their values.
    """
    description = decrire_figure(fig)["traces"]
    choisies = description if trace is None else [description[trace]]
    resultat: dict = {}
    for t in choisies:
        if "etiquettes" in t:
            paires = zip(t["etiquettes"], t["valeurs"])
        elif t["orientation"] == "h":
            paires = zip(t["y"], t["x"])
        else:
            paires = zip(t["x"], t["y"])
        for categorie, valeur in paires:
            if valeur is None:
                continue
            resultat[categorie] = resultat.get(categorie, 0) + valeur
    return resultat


def axes_des_valeurs_commencent_a_zero(fig) -> bool:
    """Whether every axis that carries values (not categories, not dates) starts at zero."""
    axes = decrire_figure(fig)["axes"].values()
    return all(axe["commence_a_zero"] is not False for axe in axes)


def a_un_double_axe(fig) -> bool:
    """Whether two value scales share the plot (a secondary y axis): a common way to mislead."""
    return any(axe["secondaire"] for axe in decrire_figure(fig)["axes"].values())


def mention_de_source(fig) -> str | None:
    """The text that names the source (an annotation, the subtitle or the title), or None."""
    return decrire_figure(fig)["source"]


def nombre_de_categories(fig) -> int:
    """How many distinct categories the figure shows (bars, slices, or points on the category axis)."""
    return len(valeurs_par_categorie(fig))
