"""The shared checks of geographic answers (atelier/controles_geo.py), on right and wrong answers."""

import json

import folium
import geopandas as gpd
import pytest
from shapely.geometry import Point

import atelier
from atelier.controles_geo import calques_avec_objets, code_epsg, dans_la_zone, decrire_carte, ecarts_en_metres
from atelier.correction import donnees


@pytest.fixture(scope="module")
def quartiers():
    return gpd.read_file(atelier.donnees("geo/quartiers.geojson"))


def carte_du_conseil(quartiers):
    carte = folium.Map(location=[50.5, 4.8], zoom_start=13, tiles=None)
    groupe = folium.FeatureGroup(name="Équipements").add_to(carte)
    folium.Marker([50.51, 4.81], tooltip="Piscine", popup="Piscine communale").add_to(groupe)
    folium.CircleMarker([50.52, 4.82], radius=4).add_to(groupe)
    folium.GeoJson(
        quartiers, name="Quartiers",
        tooltip=folium.GeoJsonTooltip(fields=["nom_quartier", "population"], aliases=["Quartier", "Habitants"]),
        style_function=lambda f: {"fillColor": "#d7301f" if f["properties"]["population"] > 2500 else "#fdcc8a"},
    ).add_to(carte)
    folium.Choropleth(quartiers, data=quartiers, columns=["nom_quartier", "population"],
                      key_on="feature.properties.nom_quartier", legend_name="Habitants par quartier").add_to(carte)
    folium.LayerControl().add_to(carte)
    return carte


def test_a_map_is_described_by_its_layers_markers_and_legend(quartiers):
    description = decrire_carte(carte_du_conseil(quartiers))
    assert description["centre"] == [50.5, 4.8] and description["zoom"] == 13
    assert description["controle_des_calques"] is True
    assert description["legendes"] == ["Habitants par quartier"]
    groupe = next(c for c in description["calques"] if c["genre"] == "FeatureGroup")
    assert groupe == {"genre": "FeatureGroup", "nom": "Équipements", "affiche": True, "groupe": None, "marqueurs": 2}
    assert [(m["genre"], m["infobulle"], m["popup"]) for m in description["marqueurs"]] == [
        ("Marker", "Piscine", True), ("CircleMarker", None, False)]
    nommee = next(c for c in description["calques"] if c["nom"] == "Quartiers")
    assert nommee["objets"] == len(quartiers) and nommee["geometries"] == ["Polygon"]
    assert nommee["infobulle"] == ["nom_quartier", "population"] and nommee["alias"] == ["Quartier", "Habitants"]
    assert nommee["couleurs"] == 2 and nommee["popup"] is None
    # an unnamed choropleth and its GeoJson: folium's generated ids are not shown as names
    sans_nom = [c["genre"] for c in description["calques"] if c["groupe"] is None and c["nom"] is None]
    assert sans_nom == ["Choropleth", "GeoJson"]
    assert len(calques_avec_objets(description)) == 2


def test_a_bare_map_has_nothing_to_show():
    description = decrire_carte(folium.Map(location=[50.5, 4.8]))
    assert description["calques"] == [] and description["marqueurs"] == [] and description["legendes"] == []
    assert description["controle_des_calques"] is False and description["fonds"] == ["openstreetmap"]


def test_a_home_made_legend_is_found_anywhere_in_the_page(quartiers):
    class Legende(folium.Element):
        titre_legende = "Zones inondables"

    carte = folium.Map()
    carte.get_root().html.add_child(Legende("<div>…</div>"))
    assert decrire_carte(carte)["legendes"] == ["Zones inondables"]


def test_the_grading_kit_hands_a_map_over_as_its_description(quartiers, tmp_path):
    carte = carte_du_conseil(quartiers)
    donnees.exporter({"carte": carte}, ["carte"], str(tmp_path / "valeurs.json"))
    recue = donnees.importer(tmp_path / "valeurs.json", lambda nom: None)["carte"]
    assert recue == json.loads(json.dumps(decrire_carte(carte)))
    assert decrire_carte(recue) is recue


def test_a_forged_map_description_is_refused():
    with pytest.raises(donnees.ErreurDecodage):
        donnees.decoder({"$": "carte", "v": {"$": "dict", "paires": [["type", "autre chose"]]}})


def test_distances_are_metres_whatever_the_crs(quartiers):
    centres = quartiers.to_crs(31370).geometry.centroid
    decales = centres.translate(xoff=30)  # 30 m east, in Lambert 72
    assert ecarts_en_metres(decales.to_crs(4326), centres) == pytest.approx([30] * len(centres), abs=0.5)
    assert code_epsg(quartiers) == 4326 and code_epsg(gpd.GeoDataFrame(geometry=[Point(0, 0)])) is None
    with pytest.raises(ValueError):
        ecarts_en_metres(gpd.GeoSeries([Point(0, 0)]), centres[:1])


def test_points_are_in_the_commune_or_not(quartiers):
    dedans = gpd.GeoDataFrame(geometry=quartiers.to_crs(31370).representative_point(), crs=31370)
    loin = gpd.GeoDataFrame(geometry=[Point(4.3517, 50.8466)], crs=4326)  # Brussels, far from Vireloux
    assert dans_la_zone(dedans, quartiers).all()
    assert not dans_la_zone(loin, quartiers).any()


def test_the_category_legend_of_the_lessons_is_listed_and_drawn():
    from atelier.cartes import ajouter_legende

    carte = folium.Map(tiles=None)
    assert ajouter_legende(carte, "Aléa d'inondation", {"élevé": "#08519c", "faible <3": "#bdd7e7"}) is carte
    assert decrire_carte(carte)["legendes"] == ["Aléa d'inondation"]
    page = carte.get_root().render()
    assert "Aléa d&#x27;inondation" in page and "faible &lt;3" in page and "#08519c" in page
