"""The lessons' recipes hold on real public files (tests/real/, see its README).

Each test takes a lesson's own code through tests.recettes (the cells the lesson tags `recette`)
and runs it on real portal answers, CSV exports and geographic layers that nobody on this project
wrote. Every defect listed in issue 12 has a test here that fails on the code the lessons taught
before.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import types

import folium
import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import requests

from tests.conftest import ROOT
from tests.recettes import cellules_nbgrader, definitions, lesson_calls, recette

REAL = ROOT / "tests" / "real"


def _json(relative: str):
    return json.loads((REAL / relative).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------
# The corpus itself: every copied file is listed with its source, licence and checksum
# --------------------------------------------------------------------------------------------

def _readme_rows() -> dict[str, dict]:
    rows = {}
    for line in (REAL / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 6 and cells[0].startswith("`") and re.fullmatch(r"`[0-9a-f]{64}`", cells[5]):
            rows[cells[0].strip("`")] = {"source": cells[1], "licence": cells[3], "sha256": cells[5].strip("`")}
    return rows


def _corpus_files() -> set[str]:
    return {p.relative_to(REAL).as_posix() for folder in ("api", "csv", "geo")
            for p in (REAL / folder).rglob("*") if p.is_file() and p.name != ".gitattributes"}


def test_every_real_file_is_listed_with_source_licence_and_unedited_bytes():
    rows = _readme_rows()
    assert rows, "tests/real/README.md lists no file"
    assert _corpus_files() == set(rows), "tests/real/README.md and the files under api/, csv/, geo/ disagree"
    for name, row in rows.items():
        assert row["source"].startswith("[") and "github.com" in row["source"], f"{name}: no source repository"
        assert row["licence"] and "not stated" not in row["licence"].lower(), f"{name}: no open licence"
        digest = hashlib.sha256((REAL / name).read_bytes()).hexdigest()
        assert digest == row["sha256"], f"{name}: its bytes differ from the copied original"


# --------------------------------------------------------------------------------------------
# Lesson 00-03: every real layer maps
# --------------------------------------------------------------------------------------------

LESSON_MAP = "00-prise-en-main/03-premier-graphique-et-premiere-carte"


def _ods_geojson_export() -> bytes:
    """The real records of data.economie.gouv.fr, written as an Opendatasoft GeoJSON export writes
    them: one Point feature per record, its fields as properties, `geo_point_2d` as [lat, lon]."""
    features = []
    for item in _json("api/ods/ods_v2.0_records_controle_techn.json")["records"]:
        fields = dict(item["record"]["fields"])
        point = fields["latitude"]
        fields["geo_point_2d"] = [point["lat"], point["lon"]]
        features.append({"type": "Feature", "properties": fields,
                         "geometry": {"type": "Point", "coordinates": [point["lon"], point["lat"]]}})
    return json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")


def _real_layers() -> dict[str, gpd.GeoDataFrame]:
    layers = {}
    topojson = REAL / "geo" / "belgique_communes_581_nis_pop2020.topojson"
    for name, _ in pyogrio.list_layers(topojson):
        layers[f"belgique-topojson:{name}"] = gpd.read_file(topojson, layer=name)
    layers["ods-geojson-export:controle_techn"] = gpd.read_file(io.BytesIO(_ods_geojson_export()))
    return layers


REAL_LAYERS = _real_layers()


def _map(layer: gpd.GeoDataFrame) -> str:
    """What the lesson does with a layer: a GeoJson with a tooltip on its columns, then the page."""
    columns = [c for c in layer.columns if c != layer.geometry.name]
    carte = folium.Map(location=[50.5, 4.5], zoom_start=8, tiles=None)
    folium.GeoJson(layer, tooltip=folium.GeoJsonTooltip(fields=columns)).add_to(carte)
    return carte.get_root().render()


def test_the_real_layers_show_the_three_traps():
    """The corpus really holds what the lesson warns about (so the next test proves something)."""
    belgium = [layer for name, layer in REAL_LAYERS.items() if name.startswith("belgique")]
    assert len(belgium) == 3 and all(layer.crs is None for layer in belgium)
    ods = REAL_LAYERS["ods-geojson-export:controle_techn"]
    assert pd.api.types.is_datetime64_any_dtype(ods["date_application_visite"])
    assert ods["geo_point_2d"].map(lambda v: len(v) == 2 and not isinstance(v, str)).all()
    for layer in REAL_LAYERS.values():
        with pytest.raises((TypeError, ValueError)):
            _map(layer)


@pytest.mark.parametrize("name", sorted(REAL_LAYERS))
def test_every_real_layer_maps_after_the_lesson_recipe(name):
    preparer_pour_carte = recette(LESSON_MAP, "preparer_pour_carte")["preparer_pour_carte"]
    layer = REAL_LAYERS[name]
    before = (layer.crs, layer.dtypes.astype(str).to_dict())
    ready = preparer_pour_carte(layer)
    assert ready.crs.to_epsg() == 4326
    assert '"FeatureCollection"' in _map(ready)
    assert len(ready) == len(layer)
    kept = [c for c in layer.columns if c not in ("geo_point_2d", layer.geometry.name)]
    assert [c for c in ready.columns if c != ready.geometry.name] == kept, "the recipe dropped a column it could keep"
    assert (layer.crs, layer.dtypes.astype(str).to_dict()) == before, "the recipe changed the layer it was given"


def test_the_map_recipe_refuses_to_guess_degrees_for_metres():
    preparer_pour_carte = recette(LESSON_MAP, "preparer_pour_carte")["preparer_pour_carte"]
    lambert = REAL_LAYERS["belgique-topojson:provinces"].set_crs("EPSG:4326").to_crs("EPSG:31370")
    with pytest.raises(ValueError, match="EPSG"):
        preparer_pour_carte(lambert.set_crs(None, allow_override=True))


def test_the_map_lesson_uses_its_recipe_before_folium():
    assert lesson_calls(LESSON_MAP, "preparer_pour_carte")


# --------------------------------------------------------------------------------------------
# Module 02: every real portal answer parses or gets a clear French hint
# --------------------------------------------------------------------------------------------

LESSON_CATALOGUE = "02-portails/02-chercher-dans-le-catalogue"
LESSON_RECORDS = "02-portails/03-recuperer-les-enregistrements"
LESSON_CKAN = "02-portails/04-data-gouv-et-ckan"
LESSON_GRID = "02-portails/05-juger-un-jeu-de-donnees"

ODS_V20 = ["api/ods/ods_v2.0_catalog_datasets_data-economie-gouv.json", "api/ods/ods_v2.0_records_controle_techn.json"]
ODS_DATASETS = [item["dataset"] for item in _json(ODS_V20[0])["datasets"]]


@pytest.mark.parametrize("answer", ODS_V20)
def test_an_explore_v20_answer_gets_a_french_hint_about_the_version(answer):
    resultats_explore = recette(LESSON_CATALOGUE, "resultats_explore")["resultats_explore"]
    with pytest.raises(ValueError, match=r"v2\.1 \?"):
        resultats_explore(_json(answer))


def test_the_catalogue_line_reads_real_metadata_with_nulls():
    ligne_catalogue = recette(LESSON_CATALOGUE, "ligne_catalogue")["ligne_catalogue"]
    assert any(d["metas"]["default"]["theme"] is None for d in ODS_DATASETS), "the corpus lost its null theme"
    table = pd.DataFrame([ligne_catalogue(dataset) for dataset in ODS_DATASETS])
    assert list(table["dataset_id"]) == [d["dataset_id"] for d in ODS_DATASETS]
    assert list(table["themes"]) == ["", "", "ECONOMIE"]
    assert table["mise_a_jour"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def test_the_catalogue_lesson_reads_every_answer_through_its_recipe():
    assert lesson_calls(LESSON_CATALOGUE, "resultats_explore")
    assert lesson_calls(LESSON_CATALOGUE, "ligne_catalogue")


def test_records_helper_hints_at_the_version_on_a_real_v20_answer(capsys):
    namespace = recette(LESSON_RECORDS, "demander")
    answer = _json(ODS_V20[1])
    reply = types.SimpleNamespace(status_code=200, text=json.dumps(answer), json=lambda: answer)
    namespace["requests"] = types.SimpleNamespace(get=lambda *a, **k: reply, exceptions=requests.exceptions)
    assert namespace["demander"]("https://data.economie.gouv.fr/api/v2/catalog/datasets/controle_techn/records") is None
    assert "v2.1 ?" in capsys.readouterr().out


CKAN_SEARCH = _json("api/ckan/ckan_package_search_demo-ckan-org_rows3.json")["result"]["results"]
CKAN_SHOW = _json("api/ckan/ckan_package_show_demo-ckan-org.json")["result"]
DATAGOUV = _json("api/datagouv/datagouv_api1_dataset_catalogue-des-donnees.json")


def test_the_ckan_line_reads_real_packages_without_organization():
    ligne_ckan = recette(LESSON_CKAN, "ligne_ckan")["ligne_ckan"]
    packages = CKAN_SEARCH + [CKAN_SHOW]
    assert sum(p["organization"] is None for p in packages) == 3, "the corpus lost its null organizations"
    lines = [ligne_ckan(p) for p in packages]
    assert [line["producteur"] for line in lines] == [None, None, "SDB", None]
    assert [line["formats"] for line in lines] == ["CSV", "PDF", "CSV", "CSV"]
    assert lesson_calls(LESSON_CKAN, "ligne_ckan")


def test_the_datagouv_line_reads_a_real_dataset_with_and_without_organization():
    ligne_datagouv = recette(LESSON_CKAN, "ligne_datagouv")["ligne_datagouv"]
    line = ligne_datagouv(DATAGOUV)
    assert (line["producteur"], line["licence"], line["mise_a_jour"]) == (
        DATAGOUV["organization"]["name"], "lov2", DATAGOUV["last_modified"][:10])
    assert ligne_datagouv(dict(DATAGOUV, organization=None))["producteur"] is None
    assert lesson_calls(LESSON_CKAN, "ligne_datagouv")


def test_the_grid_summarises_real_metadata_with_nulls_and_empty_fields():
    resume_fiche = recette(LESSON_GRID, "resume_fiche")["resume_fiche"]
    summaries = [resume_fiche(dataset) for dataset in ODS_DATASETS]
    assert [s["territoire"] for s in summaries] == ["", "France", "France"]
    assert [(s["champs"], s["geo"]) for s in summaries][0] == (0, False)
    assert lesson_calls(LESSON_GRID, "resume_fiche")


REAL_LICENCES = sorted({d["metas"]["default"]["license"] for d in ODS_DATASETS} | {DATAGOUV["license"]}
                       | {p["license_id"] for p in CKAN_SEARCH} | {p["license_title"] for p in CKAN_SEARCH})


@pytest.mark.parametrize("licence", REAL_LICENCES)
def test_the_grid_grades_every_real_licence_label(licence):
    """Open licences as the real portals write them get 2; « Other (Open) » must be read first (1)."""
    note_licence = recette(LESSON_GRID, "note_licence")["note_licence"]
    expected = 1 if licence.lower().startswith("other") else 2
    assert note_licence(licence) == expected


def test_the_grid_keeps_restricted_and_missing_licences_below_open_ones():
    note_licence = recette(LESSON_GRID, "note_licence")["note_licence"]
    assert [note_licence(x) for x in ("CC BY-NC 4.0", "cc-nc", "CC BY-ND 4.0", "", None)] == [1, 1, 1, 0, 0]
    assert [note_licence(x) for x in ("CC BY 4.0", "CC0 1.0", "ODbL", "Licence Ouverte v2.0")] == [2, 2, 2, 2]
