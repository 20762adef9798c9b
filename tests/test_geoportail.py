"""Module 05 (géoportail): the lessons' coordinate recipe holds on real public files and on Vireloux.

The recipe is the lesson's own cell tagged `recette` (tests.recettes); the real files are those of
tests/real/ (see its README), where each trap was measured.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from tests.conftest import ROOT
from tests.recettes import lesson_calls, recette

REAL = ROOT / "tests" / "real"
DATA = ROOT / "data"
LESSON_CRS = "05-geoportail/02-systemes-de-coordonnees"
TOPOJSON = REAL / "geo" / "belgique_communes_581_nis_pop2020.topojson"


@pytest.fixture(scope="module")
def diagnostic():
    namespace = recette(LESSON_CRS, "diagnostiquer_coordonnees", "EMPRISES")
    return namespace["diagnostiquer_coordonnees"], namespace["EMPRISES"]


def _points(table: pd.DataFrame, x: str, y: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table[x], table[y]), crs="EPSG:4326")


def test_swapped_coordinates_of_the_official_carpooling_examples_are_found(diagnostic):
    diagnostiquer, emprises = diagnostic
    folder = REAL / "schemas" / "etalab-lieux-covoiturage-0.3.0"
    invalid = _points(pd.read_csv(folder / "exemple-invalide.csv"), "Xlong", "Ylat")
    problems = diagnostiquer(invalid, emprises["France métropolitaine"])
    assert len(problems) == 1 and problems[0].startswith("1 objet(s) sur 2") and "inversées" in problems[0]
    valid = _points(pd.read_csv(folder / "exemple-valide.csv"), "Xlong", "Ylat")
    assert diagnostiquer(valid, emprises["France métropolitaine"]) == []


def test_every_tree_of_the_official_valid_example_is_swapped_and_the_swap_fixes_it(diagnostic):
    diagnostiquer, emprises = diagnostic
    trees = pd.read_csv(REAL / "schemas" / "arbres-urbains-0.3.1" / "exemple-valide.csv", sep=";")
    problems = diagnostiquer(_points(trees, "longitude", "latitude"), emprises["France métropolitaine"])
    assert len(problems) == 1 and problems[0].startswith("4 objet(s) sur 4")
    assert diagnostiquer(_points(trees, "latitude", "longitude"), emprises["France métropolitaine"]) == []


@pytest.mark.parametrize("layer", ["municipalities", "arrondissements", "provinces"])
def test_a_topojson_layer_has_no_crs_and_the_recipe_says_so(diagnostic, layer):
    diagnostiquer, emprises = diagnostic
    belgium = gpd.read_file(TOPOJSON, layer=layer)
    assert belgium.crs is None
    problems = diagnostiquer(belgium, emprises["Belgique"])
    assert len(problems) == 1 and "aucun système" in problems[0] and "set_crs" in problems[0]
    assert diagnostiquer(belgium.set_crs("EPSG:4326"), emprises["Belgique"]) == []


def test_metres_labelled_as_degrees_and_degrees_labelled_as_metres_are_found(diagnostic):
    diagnostiquer, emprises = diagnostic
    stops = gpd.read_file(DATA / "geo" / "vireloux.gpkg", layer="arrets_bus")
    assert stops.crs.to_epsg() == 31370
    metres = diagnostiquer(stops.set_crs("EPSG:4326", allow_override=True), emprises["Belgique"])
    assert len(metres) == 1 and "mètres" in metres[0]
    unlabelled = diagnostiquer(stops.set_crs(None, allow_override=True), emprises["Belgique"])
    assert len(unlabelled) == 1 and "EPSG" in unlabelled[0] and "ce ne sont pas des degrés" in unlabelled[0]
    degrees = gpd.read_file(DATA / "geo" / "quartiers.geojson").set_crs("EPSG:31370", allow_override=True)
    problems = diagnostiquer(degrees, emprises["Belgique"])
    assert len(problems) == 1 and "sans doute fausse" in problems[0]


def test_a_swapped_point_in_brazil_is_found(diagnostic):
    diagnostiquer, emprises = diagnostic
    recife = pd.DataFrame({"lon": [-34.88], "lat": [-8.05]})
    assert diagnostiquer(_points(recife, "lon", "lat"), emprises["Brésil"]) == []
    assert "inversées" in diagnostiquer(_points(recife, "lat", "lon"), emprises["Brésil"])[0]


@pytest.mark.parametrize("layer", sorted(pyogrio.list_layers(DATA / "geo" / "vireloux.gpkg")[:, 0]))
def test_no_vireloux_layer_is_flagged(diagnostic, layer):
    diagnostiquer, emprises = diagnostic
    assert diagnostiquer(gpd.read_file(DATA / "geo" / "vireloux.gpkg", layer=layer), emprises["Belgique"]) == []


def test_the_lesson_runs_its_recipe_on_its_own_cases():
    assert lesson_calls(LESSON_CRS, "diagnostiquer_coordonnees")


# --------------------------------------------------------------------------------------------
# atelier.controles_geo: the geographic checks the exercises' test cells use
# --------------------------------------------------------------------------------------------

def test_distances_are_metres_whatever_the_crs_of_each_side():
    from atelier.controles_geo import ecarts_en_metres

    quartiers = gpd.read_file(DATA / "geo" / "quartiers.geojson")
    centres = quartiers.to_crs("EPSG:31370").centroid
    moved = centres.translate(xoff=30.0)
    gaps = ecarts_en_metres(moved.to_crs("EPSG:4326"), centres.to_crs("EPSG:3812"))
    assert gaps == pytest.approx([30.0] * len(centres), abs=0.1)
    outlines = ecarts_en_metres(quartiers.geometry, quartiers.to_crs("EPSG:31370").geometry)
    assert (outlines < 0.01).all()
    with pytest.raises(ValueError):
        ecarts_en_metres(centres.set_crs(None, allow_override=True), centres)
    with pytest.raises(ValueError):
        ecarts_en_metres(centres.iloc[:2], centres)


def test_the_delivered_defibrillators_are_outside_until_both_defects_are_fixed():
    from atelier.controles_geo import code_epsg, dans_la_zone

    quartiers = gpd.read_file(DATA / "geo" / "quartiers.geojson")
    delivered = gpd.read_file(DATA / "brutes" / "defibrillateurs-livraison.geojson")
    assert code_epsg(delivered) == 31370 and code_epsg(delivered.set_crs(None, allow_override=True)) is None
    labelled = delivered.set_crs("EPSG:4326", allow_override=True)
    assert not dans_la_zone(labelled, quartiers).any()
    fixed = labelled.set_geometry(gpd.points_from_xy(labelled.geometry.y, labelled.geometry.x, crs="EPSG:4326"))
    assert dans_la_zone(fixed, quartiers).all()
    assert not dans_la_zone(fixed.to_crs("EPSG:31370").translate(xoff=20000), quartiers).any()


# --------------------------------------------------------------------------------------------
# Lesson 3: reading the real Metawal records
# --------------------------------------------------------------------------------------------

LESSON_CATALOGUE = "05-geoportail/03-catalogue-du-geoportail"
OGC = REAL / "api" / "ogc"
NS = {"mdb": "http://standards.iso.org/iso/19115/-3/mdb/2.0", "cit": "http://standards.iso.org/iso/19115/-3/cit/2.0",
      "mri": "http://standards.iso.org/iso/19115/-3/mri/1.0", "gco": "http://standards.iso.org/iso/19115/-3/gco/1.0",
      "mcc": "http://standards.iso.org/iso/19115/-3/mcc/1.0"}


@pytest.fixture(scope="module")
def lire_fiche():
    return recette(LESSON_CATALOGUE, "lire_fiche")["lire_fiche"]


def _xpath(path, expression):
    from lxml import etree

    return etree.parse(str(path)).getroot().xpath(expression, namespaces=NS)


def test_the_iso19139_reader_finds_nothing_in_the_metawal_records_the_trap_the_lesson_shows():
    from lxml import etree
    from owslib.iso import MD_Metadata

    for name in ("iso19139_metawal_wallonie_dataset.xml", "iso19139_metawal_wallonie_service.xml"):
        record = MD_Metadata(etree.parse(str(OGC / name)).getroot())
        assert record.identifier is None and record.identification == []


@pytest.mark.parametrize("name, kind", [("iso19139_metawal_wallonie_dataset.xml", "series"),
                                        ("iso19139_metawal_wallonie_service.xml", "service")])
def test_the_lesson_recipe_reads_each_metawal_record(lire_fiche, name, kind):
    path = OGC / name
    fiche = lire_fiche(path)
    assert fiche["type"] == kind
    assert fiche["identifiant"] == _xpath(path, "string(/mdb:MD_Metadata/mdb:metadataIdentifier//mcc:code/gco:CharacterString)")
    title = _xpath(path, "string(//mdb:identificationInfo/*/mri:citation/cit:CI_Citation/cit:title/gco:CharacterString)")
    assert fiche["titre"] == title and title
    assert fiche["système"] == "EPSG:31370"
    west, south, east, north = fiche["emprise"]
    assert 2.5 <= west < east <= 6.6 and 49.4 <= south < north <= 51
    linkages = _xpath(path, "//cit:CI_OnlineResource/cit:linkage/gco:CharacterString/text()")
    assert [url for _, url in fiche["services"]] == [u for u in linkages if u in {url for _, url in fiche["services"]}]
    assert any(protocol == "OGC:WMS" for protocol, _ in fiche["services"])
    assert fiche["mots-clés"] and fiche["conditions"]


def test_the_series_record_names_no_licence_and_the_service_record_points_to_a_test_server(lire_fiche):
    serie = lire_fiche(OGC / "iso19139_metawal_wallonie_dataset.xml")
    assert not any("licen" in c.lower() or "cc by" in c.lower() for c in serie["conditions"])
    service = lire_fiche(OGC / "iso19139_metawal_wallonie_service.xml")
    assert [url.split("/")[2] for _, url in service["services"]] == ["geoservices.test.wallonie.be"]


def test_the_recipe_refuses_a_file_that_is_not_an_iso_record_in_french(lire_fiche, tmp_path):
    other = tmp_path / "capacites.xml"
    other.write_text('<WMS_Capabilities xmlns="http://www.opengis.net/wms" version="1.3.0"/>', encoding="utf-8")
    with pytest.raises(ValueError, match="n'est pas une fiche ISO"):
        lire_fiche(other)


# --------------------------------------------------------------------------------------------
# Lesson 4: the WMS layer table on a real service and on the recorded fictional one
# --------------------------------------------------------------------------------------------

LESSON_WMS = "05-geoportail/04-voir-une-couche-avec-wms"


@pytest.fixture(scope="module")
def couches_wms():
    return recette(LESSON_WMS, "couches_wms")["couches_wms"]


def test_the_real_dov_capabilities_give_crs_legend_and_a_numeric_scale_limit(couches_wms):
    from owslib.wms import WebMapService

    xml = (OGC / "wms130_getcapabilities_dov_vlaanderen.xml").read_bytes()
    wms = WebMapService("https://www.dov.vlaanderen.be/geoserver/wms", version="1.3.0", xml=xml)
    assert not isinstance(wms.contents["meetnetten"].max_scale_denominator, (int, float, str)), (
        "OWSLib now gives a number: the lesson's sentence about the XML element is stale")
    table = couches_wms(wms)
    assert list(table["nom"]) == ["meetnetten"]
    row = table.iloc[0]
    assert bool(row["Lambert 72"]) and bool(row["Lambert 2008"])
    assert row["visible jusqu'au 1/…"] == 50001.0
    assert "GetLegendGraphic" in row["légende"]


def test_the_recorded_fictional_wms_is_read_by_the_lesson_recipe(couches_wms, offline):
    from owslib.wms import WebMapService

    wms = WebMapService("https://geoservices.wallonie.be/arcgis/services/FORMATION/VIRELOUX/MapServer/WMSServer",
                        version="1.3.0")
    table = couches_wms(wms)
    assert list(table["titre"]) == ["Limite communale", "Quartiers", "Zones inondables", "Rues"]
    assert table["Lambert 72"].all() and not table["Lambert 2008"].any()
    assert table["visible jusqu'au 1/…"].isna().all()


# --------------------------------------------------------------------------------------------
# Lesson 5: the WFS type table, including the IGN capabilities OWSLib cannot read
# --------------------------------------------------------------------------------------------

LESSON_WFS = "05-geoportail/05-recuperer-des-objets-avec-wfs"


@pytest.fixture(scope="module")
def types_wfs():
    return recette(LESSON_WFS, "types_wfs")["types_wfs"]


def test_owslib_still_raises_typeerror_on_the_ign_capabilities():
    from owslib.wfs import WebFeatureService

    with pytest.raises(TypeError):
        WebFeatureService("https://data.geopf.fr/wfs/ows", version="2.0.0",
                          xml=(OGC / "wfs200_getcapabilities_ign_geoplateforme.xml").read_bytes())


def test_the_lesson_recipe_lists_the_ign_types_with_a_french_message(types_wfs, capsys):
    xml = (OGC / "wfs200_getcapabilities_ign_geoplateforme.xml").read_bytes()
    table = types_wfs("https://data.geopf.fr/wfs/ows", xml=xml)
    assert "OWSLib ne sait pas lire" in capsys.readouterr().out
    assert len(table) == xml.count(b"<FeatureType ") == 436
    assert "ADMINEXPRESS-COG.LATEST:commune" in set(table["nom"])
    assert table["titre"].notna().all()


def test_the_lesson_recipe_reads_the_real_koeln_and_the_recorded_fictional_capabilities(types_wfs, offline, capsys):
    koeln = types_wfs("https://geoportal.stadt-koeln.de/arcgis/services/basiskarten/adressen_stadtteil/MapServer/WFSServer",
                      xml=(OGC / "wfs200_getcapabilities_koeln_arcgis.xml").read_bytes())
    assert len(koeln) == 86 and koeln["emprise (degrés)"].notna().all()
    vireloux = types_wfs("https://geoservices.wallonie.be/arcgis/services/WFS/VIRELOUX/MapServer/WFSServer")
    assert list(vireloux["nom"]) == ["VIRELOUX:Limite_communale", "VIRELOUX:Quartiers", "VIRELOUX:Zones_inondables",
                                     "VIRELOUX:Rues", "VIRELOUX:Defibrillateurs", "VIRELOUX:Equipements"]
    assert "OWSLib ne sait pas" not in capsys.readouterr().out


def test_the_lesson_explains_a_server_exception_in_french(offline):
    from owslib.util import ServiceException
    from owslib.wfs import WebFeatureService

    expliquer = recette(LESSON_WFS, "expliquer_exception")["expliquer_exception"]
    wfs = WebFeatureService("https://geoservices.wallonie.be/arcgis/services/WFS/VIRELOUX/MapServer/WFSServer",
                            version="2.0.0")
    with pytest.raises(ServiceException) as raised:
        wfs.getfeature(typename="VIRELOUX:Defibrillateur", outputFormat="application/json")
    phrase = expliquer(raised.value)
    assert phrase.startswith("Le serveur a refusé la demande : une valeur de paramètre est refusée")
    assert "« typenames »" in phrase and "VIRELOUX:Defibrillateur unknown" in phrase
    wms = ('<ServiceExceptionReport xmlns="http://www.opengis.net/ogc"><ServiceException code="LayerNotDefined">'
           "Parameter 'layers' contains unacceptable layer names.</ServiceException></ServiceExceptionReport>")
    assert "LayerNotDefined" in expliquer(ServiceException(wms)) and "unacceptable layer" in expliquer(wms)
    assert expliquer("Internal error") == "Le serveur a refusé la demande. Son message, en anglais : Internal error"
