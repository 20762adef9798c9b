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
    return {p.relative_to(REAL).as_posix() for folder in ("api", "csv", "geo", "xlsx")
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


# --------------------------------------------------------------------------------------------
# Module 03: every real CSV the reading recipe is meant for reads as it is written
# --------------------------------------------------------------------------------------------

LESSON_READ = "03-fichiers/02-lire-ce-que-vous-avez-vraiment"
LESSON_CLEAN = "03-fichiers/03-nettoyer-avec-pandas"
LESSON_PERSONAL = "03-fichiers/04-donnees-personnelles"

# How each file is really written (tests/real/README.md): bytes to skip, encoding, separator.
REAL_CSV = {
    "subventions/lot_departement_subventions_2017.csv": (0, "cp1252", ";"),
    "subventions/nievre_departement_subventions_2016.csv": (0, "latin-1", ","),
    "subventions/poitiers_ville_subventions_associations_2017.csv": (0, "utf-8", ";"),
    "subventions/somme_departement_conventions_20180302.csv": (3, "cp1252", ";"),
    "stationnement/etalab-stationnement-0.1.5_exemple-valide.csv": (0, "utf-8", ","),
    "belgique/statbel_refnis_2019.csv": (0, "utf-8", ";"),
}


def _as_written(name: str) -> list[list[str]]:
    """The file's rows read by the csv module with its known encoding: header first, rows that
    hold at least one character, every cell as written."""
    import csv

    skip, encoding, separator = REAL_CSV[name]
    text = (REAL / "csv" / name).read_bytes()[skip:].decode(encoding)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    return [rows[0]] + [row for row in rows[1:] if any(cell for cell in row)]


@pytest.fixture(scope="module")
def lire_csv_brut():
    return recette(LESSON_READ, "lire_csv_brut")["lire_csv_brut"]


@pytest.mark.parametrize("name", sorted(REAL_CSV))
def test_the_reading_recipe_reads_every_real_csv_as_it_is_written(name, lire_csv_brut):
    table = lire_csv_brut(REAL / "csv" / name)
    header, *rows = _as_written(name)
    assert [c for c in table.columns if not c.startswith("Unnamed")] == [c for c in header if c]
    assert table.fillna("").values.tolist() == rows


def test_the_real_csvs_hold_the_traps_the_reading_lesson_names(lire_csv_brut):
    lot = lire_csv_brut(REAL / "csv" / "subventions/lot_departement_subventions_2017.csv")
    blank = pd.read_csv(REAL / "csv" / "subventions/lot_departement_subventions_2017.csv",
                        encoding="cp1252", sep=";", dtype=str).isna().all(axis=1).sum()
    assert blank == 21 and len(lot) == 13
    somme = lire_csv_brut(REAL / "csv" / "subventions/somme_departement_conventions_20180302.csv")
    assert somme.columns[0] == "nomAttribuant" and somme.iloc[0, 0] == "Département de la Somme"
    parking = lire_csv_brut(REAL / "csv" / "stationnement/etalab-stationnement-0.1.5_exemple-valide.csv")
    assert "N/A" in set(parking["hauteur_max"])
    refnis = lire_csv_brut(REAL / "csv" / "belgique/statbel_refnis_2019.csv")
    assert refnis["Code INS"].iloc[0] == "01000"


def test_the_reading_lesson_shows_the_options_that_keep_na_text():
    """The read the lesson demonstrates on Vireloux's file uses the same options as its recipe."""
    import nbformat

    notebook = nbformat.read(ROOT / "notebooks" / f"{LESSON_READ}.ipynb", as_version=4)
    reads = [c.source for c in notebook.cells if c.cell_type == "code" and "pd.read_csv(" in c.source
             and "dtype=str" in c.source]
    assert reads and all("keep_default_na=False" in source for source in reads)


NIEVRE = "subventions/nievre_departement_subventions_2016.csv"
POITIERS = "subventions/poitiers_ville_subventions_associations_2017.csv"


def test_the_amount_recipe_reads_real_amounts_and_lists_what_it_cannot(lire_csv_brut, capsys):
    namespace = recette(LESSON_CLEAN, "lire_montants", "convertir_montants")
    nievre = lire_csv_brut(REAL / "csv" / NIEVRE)
    amounts = namespace["lire_montants"](nievre["SUB_MONTANT"])
    written = nievre["SUB_MONTANT"].dropna()
    unread = sorted(written[amounts[written.index].isna()])
    assert unread == ["NC", "ODHLM", "SEM", "SEM", "SEM", "SEM"]
    digits = [int(re.sub(r"\D", "", text)) for text in written if re.fullmatch(r"[\d\s\xa0]+", text)]
    assert amounts.sum() == sum(digits) and amounts.notna().sum() == len(digits) == 90
    capsys.readouterr()
    converted = namespace["convertir_montants"](nievre.rename(columns={"SUB_MONTANT": "Montant (€)"}))
    shown = capsys.readouterr().out
    assert converted["Montant (€)"].isna().sum() == 7 and "6 montant(s) non lu(s)" in shown and "ODHLM" in shown
    for name in ("subventions/lot_departement_subventions_2017.csv", "subventions/somme_departement_conventions_20180302.csv"):
        montants = namespace["lire_montants"](lire_csv_brut(REAL / "csv" / name)["montant"])
        assert montants.notna().all() and (montants > 0).all(), name


def test_float_mangled_real_identifiers_keep_their_length(lire_csv_brut):
    normaliser_identifiants = recette(LESSON_CLEAN, "normaliser_identifiants")["normaliser_identifiants"]
    poitiers = lire_csv_brut(REAL / "csv" / POITIERS)
    written = poitiers["ATTRIB_SIRET"].dropna()
    assert written.str.fullmatch(r"\d{14}\.0").all(), "the corpus lost its float-written SIRETs"
    siret = normaliser_identifiants(written, chiffres=14)
    assert siret.str.fullmatch(r"\d{14}").all()
    assert (siret == written.str[:14]).all()
    belgian = normaliser_identifiants(pd.Series(["0457.235.444", "457235444", None]))
    assert belgian.iloc[:2].tolist() == ["0457235444", "0457235444"] and pd.isna(belgian.iloc[2])


def test_the_personal_data_rule_does_not_turn_real_organisations_into_private_persons(lire_csv_brut):
    classer_beneficiaires = recette(LESSON_PERSONAL, "classer_beneficiaires")["classer_beneficiaires"]
    nievre = lire_csv_brut(REAL / "csv" / NIEVRE)
    assert nievre["ATTRIB_SIRET"].isna().all() and len(nievre) == 97
    classes = classer_beneficiaires(nievre["ATTRIB_SIRET"], nievre["SUB_OBJET"])
    assert classes.value_counts().to_dict() == {"à vérifier": 97}
    assert lesson_calls(LESSON_PERSONAL, "classer_beneficiaires")


def test_the_personal_data_rule_still_finds_vireloux_private_persons():
    """On the invented file the rule agrees with the commune's published version."""
    classer_beneficiaires = recette(LESSON_PERSONAL, "classer_beneficiaires")["classer_beneficiaires"]
    raw = pd.read_csv(ROOT / "data" / "brutes" / "subventions-2024.csv", encoding="cp1252", sep=";",
                      skiprows=4, dtype=str)
    grants = raw[raw["Date décision"].notna()]
    classes = classer_beneficiaires(grants["N° entreprise"], grants["Objet"])
    clean = pd.read_csv(ROOT / "data" / "propres" / "subventions.csv", dtype=str)
    assert (classes == "particulier").sum() == (clean["typeBeneficiaire"] == "Personne physique").sum()
    assert (classes == "à vérifier").sum() == 0


# --------------------------------------------------------------------------------------------
# Exercise 02c: its own checks hold on a real CKAN answer
# --------------------------------------------------------------------------------------------

EXERCISE_PORTALS = ROOT / "solutions" / "02-portails" / "exercice-02c-deux-portails.ipynb"


def test_the_ckan_question_and_its_checks_run_on_a_real_answer_with_null_organizations():
    """The solution, then the visible and hidden tests of question 2, with demo.ckan.org answering."""
    imports, formats, solution, checks = cellules_nbgrader(
        EXERCISE_PORTALS, "imports", "q1-reponse", "q2-reponse", "q2-verification")
    namespace = definitions(EXERCISE_PORTALS, [imports, formats, solution])
    real = _json("api/ckan/ckan_package_search_demo-ckan-org_rows3.json")
    empty = {"help": real["help"], "success": True, "result": {"count": 0, "results": []}}

    def get(url, params=None, **_):
        answer = real if params and params.get("q") == "vireloux" else empty
        return types.SimpleNamespace(status_code=200, json=lambda: answer)

    namespace["requests"] = types.SimpleNamespace(get=get, exceptions=requests.exceptions)
    exec(compile(checks, "q2-verification", "exec"), namespace)
    assert namespace["_tableau"]["producteur"].isna().sum() == 2


# --------------------------------------------------------------------------------------------
# The trainers' page
# --------------------------------------------------------------------------------------------

def test_the_trainers_page_tells_ten_traps_each_with_its_real_source():
    page = (ROOT / "book" / "pieges-des-vrais-fichiers.md").read_text(encoding="utf-8")
    traps = re.findall(r"^## (\d+)\. ", page, flags=re.M)
    assert traps == [str(n) for n in range(1, 11)]
    for row in _readme_rows().values():
        repository = re.search(r"\[([^\]]+)\]", row["source"]).group(1)
        assert repository in page, f"the page does not name the source {repository}"
    assert "pieges-des-vrais-fichiers.md" in (ROOT / "book" / "guide-formateur.md").read_text(encoding="utf-8")
    assert "book/pieges-des-vrais-fichiers" in (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for module in ("00-prise-en-main", "02-portails", "03-fichiers"):
        text = (ROOT / "book" / "modules" / f"{module}.md").read_text(encoding="utf-8")
        assert "pieges-des-vrais-fichiers.md" in text, module


# --------------------------------------------------------------------------- module 04: the record

LESSON_RECORD = "04-publier/01-la-fiche-d-un-jeu-de-donnees"
LESSON_DCAT = "04-publier/02-une-fiche-dcat-ap-verifiable"


def test_the_record_recipe_reads_real_opendatasoft_metadata_with_nulls():
    namespace = recette(LESSON_RECORD, "fiche_commune", "manques")
    fiches = [namespace["fiche_commune"](dataset, "opendatasoft") for dataset in ODS_DATASETS]
    missing = [set(namespace["manques"](fiche)) for fiche in fiches]
    # the first real entry has theme, keyword and territory set to null
    assert {"dcat:theme", "dcat:keyword", "dct:spatial"} <= missing[0]
    assert "dcat:theme" not in missing[2] and fiches[2]["dcat:theme"] == ["ECONOMIE"]
    assert all(f["dct:license"].endswith("ETALAB-Licence-Ouverte-v2.0.pdf") for f in fiches)
    assert lesson_calls(LESSON_RECORD, "fiche_commune") and lesson_calls(LESSON_RECORD, "manques")


def test_the_record_recipe_reads_a_real_datagouv_dataset_without_keywords_nor_coverage():
    namespace = recette(LESSON_RECORD, "fiche_commune", "manques")
    fiche = namespace["fiche_commune"](DATAGOUV, "datagouv")
    assert (fiche["dct:publisher"], fiche["dct:license"], fiche["dct:accrualPeriodicity"]) == ("data.gouv.fr", "lov2", "weekly")
    # tags [], contact_points [], temporal_coverage null, spatial null: all reported, none raises
    assert set(namespace["manques"](fiche)) == {"dcat:keyword", "dcat:theme", "dcat:contactPoint", "dct:spatial", "dct:temporal"}
    assert namespace["manques"](namespace["fiche_commune"](dict(DATAGOUV, organization=None), "datagouv"))[-1] == "dct:temporal"


def _real_metadata(title: str, description: str, keywords: list, licence: str) -> dict:
    return {
        "adresse": "https://www.data.gouv.fr/datasets/reel", "titre": title, "description": description,
        "mots_cles": keywords, "theme": "GOVE", "frequence": "WEEKLY",
        "editeur": {"adresse": "https://www.data.gouv.fr/organizations/reel", "nom": "Éditeur réel"},
        "contact": {"nom": "Contact", "courriel": "contact@example.org"},
        "territoire": {"adresse": "https://www.data.gouv.fr/zones/fr", "rectangle": "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))",
                       "centre": "POINT(0.5 0.5)"},
        "debut": "2020-01-01", "fin": "2025-04-01", "licence": licence,
        "fichier": {"adresse": "https://www.data.gouv.fr/fichier.csv", "format": "CSV", "taille": 1024,
                    "description": "Fichier."},
    }


def test_the_dcat_recipe_writes_valid_records_from_real_descriptions_and_licence_addresses():
    from atelier.dcat import valider
    from rdflib import Graph

    fiche_rdf = recette(LESSON_DCAT, "fiche_rdf")["fiche_rdf"]
    # data.gouv.fr's own catalogue: a 3 000-character description with quotes, apostrophes and line breaks
    record = fiche_rdf(_real_metadata(DATAGOUV["title"], DATAGOUV["description"], DATAGOUV["tags"],
                                      "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"))
    turtle = record.serialize(format="turtle")
    assert len(Graph().parse(data=turtle, format="turtle")) == len(record)
    results = valider(turtle)
    assert [r["propriete"] for r in results] == ["dcat:keyword"], results  # its tags are []
    # the licence address Opendatasoft portals give for the Licence Ouverte is a licence document too
    ods = ODS_DATASETS[2]["metas"]["default"]
    record = fiche_rdf(_real_metadata(ods["title"], ods["description"], ods["keyword"], ods["license_url"]))
    assert valider(record) == []
    assert lesson_calls(LESSON_DCAT, "fiche_rdf")


LESSON_QUALITY = "04-publier/04-mesurer-la-qualite"


def test_the_quality_score_of_the_real_datagouv_answer_is_its_criteria_met_over_nine():
    from datetime import date

    from atelier.qualite import CRITERES, criteres_datagouv, score_datagouv

    shown = dict(DATAGOUV["quality"])
    assert round(score_datagouv(shown), 9) == round(shown["score"], 9) and sum(shown[c] for c in CRITERES) == 6
    recomputed = criteres_datagouv(DATAGOUV, le=date(2025, 4, 8))
    # measured: the 8th resource is typed « documentation », which udata's rule counts, yet the stored block says False
    assert {c for c in CRITERES if recomputed[c] != shown[c]} == {"resources_documentation"}
    assert DATAGOUV["resources"][7]["type"] == "documentation" and recomputed["has_resources"] is True


def test_the_bulletin_recipe_runs_on_the_real_record_with_real_files_and_schemas():
    from datetime import date

    bulletin = recette(LESSON_QUALITY, "bulletin")["bulletin"]
    schemas = REAL / "schemas"
    valid = bulletin(DATAGOUV, REAL / "csv" / "stationnement" / "etalab-stationnement-0.1.5_exemple-valide.csv",
                     json.loads((schemas / "etalab-stationnement-0.1.5" / "schema.json").read_text(encoding="utf-8")),
                     date(2025, 4, 8))
    assert {k for k, v in valid.items() if v is True} == {"licence ouverte", "format ouvert", "conforme au schéma",
                                                          "à jour", "colonnes documentées"}
    assert valid["manques"] == ["mots-clés", "contact", "couverture temporelle", "couverture spatiale"]
    # a cp1252, « ; »-separated export with old column names against the SCDL schema, two months later
    lot = bulletin(DATAGOUV, REAL / "csv" / "subventions" / "lot_departement_subventions_2017.csv",
                   json.loads((schemas / "scdl-subventions-2.1.1" / "schema.json").read_text(encoding="utf-8")),
                   date(2025, 6, 8))
    assert not lot["conforme au schéma"] and not lot["colonnes documentées"] and not lot["à jour"]
    assert lot["manques"][-1] == "fichier non conforme au schéma"
    assert lesson_calls(LESSON_QUALITY, "bulletin")


LESSON_UPDATE = "04-publier/05-faire-vivre-le-jeu"


def test_the_monthly_update_refuses_real_csvs_that_are_not_the_month_and_publishes_nothing(tmp_path, capsys):
    namespace = recette(LESSON_UPDATE, "verifier_mois", "mettre_a_jour")
    verifier_mois, mettre_a_jour = namespace["verifier_mois"], namespace["mettre_a_jour"]
    folder = REAL / "schemas" / "scdl-subventions-2.1.1"
    schema = json.loads((folder / "schema.json").read_text(encoding="utf-8"))
    valid = folder / "exemple_valide.csv"
    header, *rows = valid.read_text(encoding="utf-8").splitlines(keepends=True)
    october = [row for row in rows if row.split(",")[2].startswith("2013-10")]
    assert 1 < len(october) < len(rows)
    # the official valid example spans 2011-2018: as « the October 2013 file » it is refused on its dates
    problems = verifier_mois(valid, "2013-10", schema, colonne_date="dateConvention")
    assert len(problems) == 1 and problems[0].startswith(f"{len(rows) - len(october)} ligne(s) ne sont pas du mois 2013-10")
    # its October 2013 rows alone pass, frictionless included
    month = tmp_path / "depot" / "subventions-2013-10.csv"
    month.parent.mkdir()
    month.write_text(header + "".join(october), encoding="utf-8")
    assert verifier_mois(month, "2013-10", schema, colonne_date="dateConvention") == []
    # the official example with two columns swapped and one misnamed: refused on its columns
    columns = verifier_mois(folder / "exemple_invalide_erreurs_colonnes.csv", "2013-10", schema, colonne_date="dateConvention")
    # (NOM_Beneficiaire misnamed; dispositifAide came with a later version of the schema)
    assert columns[0].startswith("Les colonnes ne sont pas celles du schéma : manquent ['nomBeneficiaire', 'dispositifAide']")
    # a refused month leaves the published file alone and writes nothing next to it
    published = tmp_path / "publie" / "subventions.csv"
    published.parent.mkdir()
    published.write_text(header, encoding="utf-8")
    lot = REAL / "csv" / "subventions" / "lot_departement_subventions_2017.csv"
    assert mettre_a_jour(lot, "2017-01", published, schema, "essai", "dateConvention") is None
    assert published.read_text(encoding="utf-8") == header and [p.name for p in published.parent.iterdir()] == ["subventions.csv"]
    assert "refusée, rien n'est publié" in capsys.readouterr().out
    assert mettre_a_jour(valid, "2013-10", published, schema, "essai", "dateConvention") is None
    # a date column that is not there is a refusal, not a check silently skipped
    assert mettre_a_jour(month, "2013-10", published, schema, "essai") is None
    # an accepted month is appended, the previous version kept, one line in the log
    assert mettre_a_jour(month, "2013-10", published, schema, "octobre 2013", "dateConvention") == published
    assert published.read_text(encoding="utf-8") == header + "".join(october)
    assert (published.parent / "subventions-avant-2013-10.csv").read_text(encoding="utf-8") == header
    assert (published.parent / "journal-des-modifications.md").read_text(encoding="utf-8").count("\n") == 1
    assert lesson_calls(LESSON_UPDATE, "verifier_mois") and lesson_calls(LESSON_UPDATE, "mettre_a_jour")


# --------------------------------------------------------------------------------------------
# Module 06: the French number recipe on real populations (Statbel 2020, the 581 communes)
# --------------------------------------------------------------------------------------------

LESSON_READABLE = "06-dataviz/02-lisible-par-tous"


def _relire_nombre_fr(texte: str) -> float:
    return float(texte.replace("\u202f", "").replace(",", "."))


def test_the_french_number_recipe_writes_every_real_population_back_to_its_value():
    """numpy int32 populations from 79 to 529 247: spaces between thousands, a comma for decimals."""
    nombre_fr = recette(LESSON_READABLE, "nombre_fr", "mois_fr")["nombre_fr"]
    populations = REAL_LAYERS["belgique-topojson:municipalities"]["population"]
    for population in populations:
        ecrit = nombre_fr(population)
        assert _relire_nombre_fr(ecrit) == int(population), ecrit
        assert ("\u202f" in ecrit) == (population >= 1000), ecrit
        assert "." not in ecrit and "," not in ecrit, ecrit
    moyenne = populations.mean()
    assert "," in nombre_fr(moyenne, 1) and abs(_relire_nombre_fr(nombre_fr(moyenne, 1)) - moyenne) <= 0.05
    assert nombre_fr(1234.5, 1) == "1\u202f234,5"


LESSON_MAPS = "06-dataviz/03-des-cartes-qui-parlent"


def _densites_wallonnes() -> pd.Series:
    communes = REAL_LAYERS["belgique-topojson:municipalities"].set_crs("EPSG:4326")
    wallonie = communes[communes["reg_nis"] == "03000"]
    km2 = wallonie.to_crs("EPSG:31370").area / 1e6
    return pd.Series(wallonie["population"].to_numpy() / km2.to_numpy(), index=wallonie["nis"].to_numpy())


def test_quantile_classes_stay_balanced_on_real_walloon_densities_where_equal_intervals_do_not():
    """The map lesson's trap, on the 263 Walloon communes of the Statbel 2020 file, with the lesson's recipe."""
    outils = recette(LESSON_MAPS, "taux_pour_1000", "seuils_quantiles", "seuils_egaux", "classe")
    densites = _densites_wallonnes()
    assert len(densites) == 263
    par_quantiles = densites.map(lambda d: outils["classe"](d, outils["seuils_quantiles"](densites, 5))).value_counts()
    par_intervalles = densites.map(lambda d: outils["classe"](d, outils["seuils_egaux"](densites, 5))).value_counts()
    assert sorted(par_quantiles.index) == [0, 1, 2, 3, 4] and par_quantiles.max() - par_quantiles.min() <= 1
    assert par_intervalles[0] == 221, "the lesson states 221 communes in the first equal-interval class"
    texte = (ROOT / "notebooks" / f"{LESSON_MAPS}.ipynb").read_text(encoding="utf-8")
    assert "221 de ces 263 communes" in texte and "52 ou 53" in texte
    assert sorted(set(par_quantiles)) == [52, 53]


def test_the_rate_recipe_leaves_unknown_or_zero_populations_empty_on_real_communes():
    taux_pour_1000 = recette(LESSON_MAPS, "taux_pour_1000")["taux_pour_1000"]
    communes = REAL_LAYERS["belgique-topojson:municipalities"]
    population = communes["population"].astype("int32")
    taux = taux_pour_1000(pd.Series(1000, index=communes.index), population)
    assert taux.notna().all() and (taux == (1e6 / population).round(1)).all()
    trou = population.astype("float").copy()
    trou.iloc[:3] = [0, float("nan"), -1]
    assert taux_pour_1000(pd.Series(5, index=communes.index), trou).iloc[:3].isna().all()


LESSON_DASHBOARD = "06-dataviz/05-un-tableau-de-bord"


def test_the_standalone_page_recipe_embeds_a_real_provinces_map_with_nothing_from_the_internet():
    """Belgium's provinces (no CRS declared in the real file) mapped with folium, then made standalone."""
    import html as _html

    outils = recette(LESSON_DASHBOARD, "carte_autonome", "morceau_de_carte", "page_autonome", "adresses_externes")
    provinces = REAL_LAYERS["belgique-topojson:provinces"].set_crs("EPSG:4326")
    carte = folium.Map(location=[50.5, 4.5], zoom_start=8, tiles=None)
    folium.GeoJson(provinces, tooltip=folium.GeoJsonTooltip(fields=["name_fr"] if "name_fr" in provinces else [])).add_to(carte)
    assert outils["adresses_externes"](carte.get_root().render()), "folium's own page does load CDNs (so the test proves something)"
    page = outils["page_autonome"]("Provinces", [outils["morceau_de_carte"](carte, "Provinces", "Carte des provinces.")])
    assert outils["adresses_externes"](page) == []
    lue = _html.unescape(page)
    assert lue.count("Leaflet 1.9.3") == 1 and page.count("plotly.js v") == 1
    assert '"type": "FeatureCollection"' in lue or '"FeatureCollection"' in lue


LESSON_STORY = "06-dataviz/06-raconter-avec-les-donnees"


def test_the_citation_recipe_cites_real_portal_metadata_and_says_when_a_licence_is_missing():
    """Three real data.economie.gouv.fr datasets (ODS v2.0 answer), then the same metadata with its nulls."""
    citation = recette(LESSON_STORY, "citation")["citation"]
    for item in _json("api/ods/ods_v2.0_catalog_datasets_data-economie-gouv.json")["datasets"]:
        fiche = item["dataset"]["metas"]["default"]
        texte = citation(fiche, f"https://data.economie.gouv.fr/explore/dataset/{item['dataset']['dataset_id']}/")
        for partie in (fiche["publisher"], fiche["title"], fiche["license"], fiche["license_url"], fiche["modified"][:10]):
            assert partie in texte, (partie, texte)
        sans = citation({**fiche, "license": None, "license_url": None, "publisher": None}, "https://example.org/")
        assert "licence non précisée" in sans and "producteur non précisé" in sans and "None" not in sans
