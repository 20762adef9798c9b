"""The figure checks measure right and wrong plotly figures the same way wherever the figure comes from:
the learner's kernel, go.Figure(fig.to_dict()), or the grading kit's hand-over (exporter/importer)."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from atelier import controles_figures as cf
from atelier.correction import donnees

MOIS = pd.DataFrame({
    "mois": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]),
    "velos": [812.5, 901.0, 1203.25, 1480.0],
})
SITES = pd.DataFrame({"site": ["Gare", "Centre", "Namur"], "velos": [1200, 3400, 560]})


def _par_le_kit(fig, tmp_path):
    donnees.exporter({"fig": fig}, ["fig"], str(tmp_path / "valeurs.json"))
    return donnees.importer(tmp_path / "valeurs.json", lambda nom: None)["fig"]


@pytest.fixture(params=["noyau", "dict", "kit"])
def forme(request, tmp_path):
    """The same figure as the test cell receives it in each of the three places."""
    def convertir(fig):
        if request.param == "noyau":
            return fig
        if request.param == "dict":
            return go.Figure(fig.to_dict())
        return _par_le_kit(fig, tmp_path)
    return convertir


def _bonne_figure():
    fig = px.bar(SITES, x="site", y="velos", title="<b>Le Centre</b> compte le plus de vélos",
                 labels={"site": "Site de comptage", "velos": "Vélos par jour"})
    fig.add_annotation(text="Source : Commune de Vireloux, licence CC BY 4.0", xref="paper", yref="paper",
                       x=0, y=-0.2, showarrow=False)
    return fig


def test_a_right_bar_chart_is_described_fully(forme):
    description = cf.decrire_figure(forme(_bonne_figure()))
    assert description["titre"] == "Le Centre compte le plus de vélos"
    assert [t["genre"] for t in description["traces"]] == ["barres"]
    assert description["traces"][0]["x"] == ["Gare", "Centre", "Namur"]
    assert description["traces"][0]["y"] == [1200, 3400, 560]
    assert cf.titres_des_axes(forme(_bonne_figure())) == {"x": "Site de comptage", "y": "Vélos par jour"}
    assert cf.mention_de_source(forme(_bonne_figure())).startswith("Source : Commune de Vireloux")
    assert cf.axes_des_valeurs_commencent_a_zero(forme(_bonne_figure())) is True
    assert cf.valeurs_par_categorie(forme(_bonne_figure())) == {"Gare": 1200, "Centre": 3400, "Namur": 560}
    assert cf.nombre_de_categories(forme(_bonne_figure())) == 3
    assert not cf.a_un_double_axe(forme(_bonne_figure()))
    assert cf.est_une_figure(forme(_bonne_figure()))


def test_untitled_unlabelled_unsourced_figure_is_seen_as_such(forme):
    fig = forme(px.bar(SITES, x="site", y="velos"))
    assert cf.titre(fig) is None
    assert cf.titres_des_axes(fig) == {"x": "site", "y": "velos"}, "plotly express writes the column names"
    assert cf.mention_de_source(fig) is None


def test_a_truncated_bar_axis_is_caught(forme):
    fig = _bonne_figure()
    fig.update_yaxes(range=[500, 3500])
    assert cf.axes_des_valeurs_commencent_a_zero(forme(fig)) is False
    assert cf.decrire_figure(forme(fig))["axes"]["y"]["plage"] == [500, 3500]


def test_a_truncated_horizontal_bar_axis_is_caught_on_x(forme):
    fig = px.bar(SITES, x="velos", y="site", orientation="h")
    assert cf.axes_des_valeurs_commencent_a_zero(forme(fig)) is True
    assert cf.valeurs_par_categorie(forme(fig)) == {"Gare": 1200, "Centre": 3400, "Namur": 560}
    fig.update_xaxes(range=[400, 3600])
    assert cf.axes_des_valeurs_commencent_a_zero(forme(fig)) is False


def test_bars_on_a_raised_base_or_a_log_axis_do_not_start_at_zero(forme):
    fig = go.Figure(go.Bar(x=["a", "b"], y=[3, 4], base=[100, 100]))
    assert cf.axes_des_valeurs_commencent_a_zero(forme(fig)) is False
    fig = _bonne_figure()
    fig.update_yaxes(type="log")
    assert cf.axes_des_valeurs_commencent_a_zero(forme(fig)) is False


def test_a_line_starts_at_zero_only_when_asked(forme):
    fig = px.line(MOIS, x="mois", y="velos", markers=True)
    assert cf.genres(forme(fig)) == ["courbe"]
    assert cf.decrire_figure(forme(fig))["axes"]["x"]["commence_a_zero"] is None, "dates carry no value scale"
    assert cf.axes_des_valeurs_commencent_a_zero(forme(fig)) is False
    fig.update_yaxes(rangemode="tozero")
    assert cf.axes_des_valeurs_commencent_a_zero(forme(fig)) is True


def test_dates_and_decimals_are_read_back_as_plotted(forme):
    description = cf.decrire_figure(forme(px.line(MOIS, x="mois", y="velos")))
    assert description["traces"][0]["x"][0].startswith("2024-01-01")
    assert description["traces"][0]["y"] == [812.5, 901.0, 1203.25, 1480.0]


def test_points_pie_and_3d_are_named(forme):
    assert cf.genres(forme(px.scatter(SITES, x="site", y="velos"))) == ["points"]
    camembert = forme(px.pie(SITES, names="site", values="velos"))
    assert cf.genres(camembert) == ["secteurs"]
    assert cf.valeurs_par_categorie(camembert) == {"Gare": 1200, "Centre": 3400, "Namur": 560}
    assert cf.decrire_figure(camembert)["axes"] == {}
    en_3d = go.Figure(go.Scatter3d(x=[1, 2], y=[1, 2], z=[1, 2]))
    assert cf.decrire_figure(forme(en_3d))["en_3d"] is True
    assert cf.decrire_figure(forme(_bonne_figure()))["en_3d"] is False


def test_a_dual_axis_chart_is_caught(forme):
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=SITES["site"], y=SITES["velos"], name="vélos"), secondary_y=False)
    fig.add_trace(go.Scatter(x=SITES["site"], y=[3, 5, 1], name="accidents"), secondary_y=True)
    assert cf.a_un_double_axe(forme(fig)) is True
    assert set(cf.decrire_figure(forme(fig))["axes"]) == {"x", "y", "y2"}


def test_coloured_groups_add_up_per_category_or_per_trace(forme):
    longues = pd.DataFrame({"site": ["Gare", "Gare", "Centre", "Centre"], "mode": ["vélo", "voiture"] * 2,
                            "n": [10, 90, 30, 70]})
    fig = forme(px.bar(longues, x="site", y="n", color="mode"))
    assert cf.valeurs_par_categorie(fig) == {"Gare": 100, "Centre": 100}
    assert cf.valeurs_par_categorie(fig, trace=0) == {"Gare": 10, "Centre": 30}
    assert [t["nom"] for t in cf.decrire_figure(fig)["traces"]] == ["vélo", "voiture"]
    assert cf.decrire_figure(fig)["legende"] is True


def test_source_is_found_in_subtitle_and_french_separators_are_read(forme):
    fig = px.bar(SITES, x="site", y="velos")
    fig.update_layout(title={"text": "Vélos", "subtitle": {"text": "Sources : comptages communaux"}},
                      separators=", ")
    assert cf.mention_de_source(forme(fig)) == "Sources : comptages communaux"
    assert cf.decrire_figure(forme(fig))["separateurs"] == ", "
    fig.update_layout(title={"subtitle": {"text": "Les données de 2024"}})
    assert cf.mention_de_source(forme(fig)) is None, "a subtitle that names no source is no source"


def test_hover_text_and_labels_on_bars(forme):
    fig = px.bar(SITES, x="site", y="velos", text_auto=True)
    fig.update_traces(hovertemplate="%{x} : %{y:,} vélos<extra></extra>")
    trace = cf.decrire_figure(forme(fig))["traces"][0]
    assert trace["infobulle"] == "%{x} : %{y:,} vélos<extra></extra>"


def test_what_is_not_a_figure():
    assert not cf.est_une_figure({"data": []})
    assert not cf.est_une_figure(SITES)
    with pytest.raises(TypeError):
        cf.decrire_figure(SITES)
    assert cf.titre(_bonne_figure().to_dict()) == "Le Centre compte le plus de vélos", "a figure's dict is read too"
