"""The recorded portal and geoportal answers replay offline, exactly as the lessons call them:
with requests (every URL of the generator's list), with OWSLib (WMS 1.3.0 and WFS 2.0.0), and an
unrecorded request fails at once with a French message."""

from __future__ import annotations

import io
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
import yaml

import atelier

from tests.scripts import load_generator

ROOT = Path(__file__).resolve().parent.parent
RECORDINGS = ROOT / "data" / "enregistrements"
SERVICES = {"odwb", "datagouv", "ckan-recife", "geoportail-wallonie", "publication-module-04"}


generator = load_generator("generer")
geoportal = load_generator("geoportail")


def _recorded() -> list[tuple[str, dict]]:
    """(service, interaction) for every interaction of the generated cassettes (cheap: no regeneration)."""
    return [(service, interaction) for service in sorted(SERVICES)
            for interaction in yaml.safe_load((RECORDINGS / f"{service}.yaml").read_text(encoding="utf-8"))["interactions"]]


RECORDED = _recorded()


@pytest.fixture(scope="module")
def answers():
    """The generator's list of recorded answers (service, URL, French description, status, body)."""
    return generator.reponses_enregistrees()


def _body(answer) -> bytes:
    body = answer.octets()
    return body if isinstance(body, bytes) else body.encode("utf-8")


def _key(method: str, url: str, body) -> tuple:
    """What the offline mode matches: method, address, parameters in any order, and the body sent."""
    return method, _query(url), body.encode("utf-8") if isinstance(body, str) else body


def _query(url: str) -> tuple:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc, parts.path, tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))


def test_one_cassette_per_service_in_vcrpy_format(answers):
    from vcr.serializers import yamlserializer
    from vcr.serialize import deserialize

    # a maintainer may add real recordings in other files (see data/README.md); these are generated
    assert {p.stem for p in RECORDINGS.glob("*.yaml")} >= SERVICES
    recorded = []
    for path in sorted(RECORDINGS / f"{service}.yaml" for service in SERVICES):
        text = path.read_text(encoding="utf-8")
        assert yaml.safe_load(text)["version"] == 1
        requests_, responses = deserialize(text, yamlserializer)
        # GET requests carry no body; the catalogue's searches are POSTs told apart by their XML body;
        # only module 04's publication writes (POST, PUT), whatever file it sends
        allowed = {("GET", True), ("POST", False)} | ({("POST", True), ("PUT", True)} if path.stem == "publication-module-04" else set())
        assert all((r.method, r.body is None) in allowed for r in requests_)
        assert all(isinstance(r["body"]["string"], bytes) for r in responses)
        recorded += [_key(r.method, r.uri, r.body) for r in requests_]
    listed = [_key(a.methode, a.url, a.corps_requete) for a in answers]
    assert sorted(recorded) == sorted(listed), "the cassettes hold exactly the generator's list"
    for a in answers:
        interaction = next(i for s, i in RECORDED if _key(i["request"]["method"], i["request"]["uri"], i["request"]["body"])
                           == _key(a.methode, a.url, a.corps_requete))
        body = interaction["response"]["body"]["string"]
        assert (body if isinstance(body, bytes) else body.encode()) == _body(a)
        assert interaction["response"]["status"]["code"] == a.statut
    assert len(set(listed)) == len(listed), "no request recorded twice"


def test_the_list_covers_what_the_lessons_need(answers):
    urls = [a.url for a in answers]
    by_service = {s: [a for a in answers if a.service == s] for s in SERVICES}
    odwb = [urlsplit(a.url) for a in by_service["odwb"]]
    assert any("where=search" in p.query and "refine=" in p.query for p in odwb)
    assert any(p.path.endswith("/exports/csv") for p in odwb) and any(p.path.endswith("/exports/geojson") for p in odwb)
    assert any(p.path.endswith("/catalog/facets") for p in odwb)
    paged = {p.path for p in odwb if "offset=" in p.query}
    assert len([d for d in paged if sum(p.path == d and "offset=" in p.query for p in odwb) >= 3]) >= 2
    statuses = {(a.service, a.statut) for a in answers}
    assert ("odwb", 400) in statuses and ("ckan-recife", 404) in statuses
    assert any(a.service == "odwb" and a.statut == 200 and b'"total_count": 0' in _body(a) for a in answers)
    assert any(a.service == "ckan-recife" and b'"success": false' in _body(a) for a in answers)
    assert sum("page=" in u and "data.gouv.fr/api/1/datasets/" in u and "q=vireloux" in u for u in urls) >= 2
    assert any(a.service == "datagouv" and a.type_contenu.startswith("text/csv") for a in answers)
    assert sum("package_search" in u and "q=vireloux" in u and "rows=10" in u for u in urls) >= 2
    assert any("package_show" in u for u in urls)
    assert all(a.description.strip() for a in answers)


@pytest.mark.parametrize("service, interaction", RECORDED, ids=[f"{s}-{i}" for i, (s, _) in enumerate(RECORDED)])
def test_every_recorded_url_replays_with_requests(offline, service, interaction):
    """requests.get(url) (or a POST of its body) on each URL of the list gives the recorded status, body and type."""
    sent = interaction["request"]
    response = requests.request(sent["method"], sent["uri"], data=sent["body"] and sent["body"].encode("utf-8"), timeout=5)
    recorded = interaction["response"]
    body = recorded["body"]["string"]
    assert response.status_code == recorded["status"]["code"]
    assert response.content == (body if isinstance(body, bytes) else body.encode("utf-8"))
    assert response.headers["Content-Type"] == recorded["headers"]["Content-Type"][0]


def test_requests_with_params_in_another_order_is_replayed(offline):
    response = requests.get("https://www.odwb.be/api/explore/v2.1/catalog/datasets/vireloux-equipements-collectifs/records",
                            params={"offset": 20, "limit": 20})
    assert response.status_code == 200
    assert response.json()["results"][0]["id"] == "92999-021"


def test_odwb_pages_add_up_to_the_clean_file(offline):
    import csv

    base = "https://www.odwb.be/api/explore/v2.1/catalog/datasets/vireloux-arbres-remarquables/records"
    records, offset = [], 0
    while True:
        page = requests.get(base, params={"limit": 20, "offset": offset}).json()
        records += page["results"]
        offset += 20
        if offset >= page["total_count"]:
            break
    with open(ROOT / "data" / "propres" / "arbres-remarquables.csv", encoding="utf-8") as handle:
        clean = list(csv.DictReader(handle))
    assert [r["id"] for r in records] == [r["id"] for r in clean]
    assert records[0]["coordinates"] == {"lon": float(clean[0]["longitude"]), "lat": float(clean[0]["latitude"])}


def test_odwb_error_and_export_shapes(offline):
    import pandas as pd

    base = "https://www.odwb.be/api/explore/v2.1/catalog/datasets/vireloux-equipements-collectifs"
    error = requests.get(base + "/records", params={"where": "zone_address = Centre"})
    assert error.status_code == 400 and set(error.json()) == {"error_code", "message"}
    with pytest.raises(requests.HTTPError):
        error.raise_for_status()
    export = pd.read_csv(base + "/exports/csv", sep=";", dtype=str)
    clean = pd.read_csv(ROOT / "data" / "propres" / "equipements-collectifs.csv", dtype=str)
    assert list(export["id"]) == list(clean["id"])
    assert export.loc[0, "coordinates"] == f"{clean.loc[0, 'latitude'].rstrip('0')}, {clean.loc[0, 'longitude'].rstrip('0')}"
    geojson = requests.get(base + "/exports/geojson").json()
    assert len(geojson["features"]) == len(clean)


def test_datagouv_search_pages_and_resource_download(offline):
    import pandas as pd

    base = "https://www.data.gouv.fr/api/1/datasets/"
    first = requests.get(base, params={"q": "vireloux", "page": 1, "page_size": 10}).json()
    second = requests.get(first["next_page"]).json()
    assert second["next_page"] is None and len(first["data"]) + len(second["data"]) == first["total"]
    dataset = next(d for d in first["data"] + second["data"] if "subventions" in d["slug"])
    detail = requests.get(dataset["uri"]).json()
    resource = detail["resources"][0]
    table = pd.read_csv(resource["url"])
    clean = pd.read_csv(ROOT / "data" / "propres" / "subventions.csv")
    assert table.equals(clean) and resource["filesize"] == (ROOT / "data" / "propres" / "subventions.csv").stat().st_size


def test_ckan_search_show_and_errors(offline):
    base = "https://dados.recife.pe.gov.br/api/3/action/"
    pages = [requests.get(base + "package_search", params={"q": "vireloux", "rows": 10, "start": s}).json()
             for s in (0, 10)]
    assert all(p["success"] for p in pages)
    names = [r["name"] for p in pages for r in p["result"]["results"]]
    assert len(names) == pages[0]["result"]["count"] == len(set(names))
    shown = requests.get(base + "package_show", params={"id": "vireloux-arbres-remarquables"}).json()["result"]
    assert requests.get(shown["resources"][0]["url"]).text.startswith("id,type,category,name")
    missing = requests.get(base + "package_show", params={"id": "vireloux-inexistant"})
    assert missing.status_code == 404 and missing.json()["success"] is False and "error" in missing.json()


def test_owslib_wms_offline(offline):
    from owslib.wms import WebMapService
    from PIL import Image

    wms = WebMapService(geoportal.WMS, version="1.3.0")
    assert list(wms.contents) == ["0", "1", "2", "3"]
    assert wms["1"].title == "Quartiers" and "EPSG:31370" in wms["1"].crsOptions
    bbox = wms["1"].boundingBox[:4]
    size = (600, round(600 * (bbox[3] - bbox[1]) / (bbox[2] - bbox[0])))
    image = wms.getmap(layers=["1"], styles=[""], srs="EPSG:31370", bbox=tuple(int(v) for v in bbox), size=size,
                       format="image/png", transparent=True)
    picture = Image.open(io.BytesIO(image.read()))
    assert picture.format == "PNG" and picture.size == size
    from owslib.util import ServiceException

    with pytest.raises(ServiceException):
        wms.getmap(layers=["99"], styles=[""], srs="EPSG:31370", bbox=tuple(int(v) for v in bbox), size=size,
                   format="image/png", transparent=True)


def test_owslib_wfs_offline(offline, tmp_path):
    import geopandas as gpd
    from owslib.wfs import WebFeatureService

    wfs = WebFeatureService(geoportal.WFS, version="2.0.0")
    assert "VIRELOUX:Quartiers" in wfs.contents and "VIRELOUX:Zones_inondables" in wfs.contents
    assert [op.name for op in wfs.operations][:3] == ["GetCapabilities", "DescribeFeatureType", "GetFeature"]
    geojson = wfs.getfeature(typename=["VIRELOUX:Quartiers"], outputFormat="application/json").read()
    quartiers = gpd.read_file(io.BytesIO(geojson))
    assert quartiers.crs.to_epsg() == 31370 and len(quartiers) == 8
    gml = wfs.getfeature(typename=["VIRELOUX:Quartiers"]).read()
    (tmp_path / "quartiers.gml").write_bytes(gml if isinstance(gml, bytes) else gml.encode())
    from_gml = gpd.read_file(tmp_path / "quartiers.gml")
    assert from_gml.crs.to_epsg() == 31370
    assert sorted(from_gml["code_quartier"]) == sorted(quartiers["code_quartier"])
    assert abs(from_gml.area.sum() - quartiers.area.sum()) < 1
    zones = wfs.getfeature(typename=["VIRELOUX:Zones_inondables"], srsname="urn:ogc:def:crs:EPSG::4326",
                           outputFormat="application/json").read()
    zones = gpd.read_file(io.BytesIO(zones))
    assert zones.crs.to_epsg() == 4326 and 4.6 < zones.total_bounds[0] < 4.9 and 50.3 < zones.total_bounds[1] < 50.4


def test_unrecorded_request_fails_fast_in_french(offline):
    url = "https://www.odwb.be/api/explore/v2.1/catalog/datasets/vireloux-equipements-collectifs/records"
    started = time.monotonic()
    with pytest.raises(atelier.EnregistrementIntrouvable) as raised:
        requests.get(url, params={"limit": 7}, timeout=30)
    assert time.monotonic() - started < 2
    message = str(raised.value)
    assert f"{url}?limit=7" in message
    assert "Aucune réponse enregistrée" in message and "Vérifiez l'adresse" in message
    assert "limit=20" in message, "the nearest recordings are suggested"


def test_readme_lists_every_recorded_url(answers):
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8").replace("\\|", "|")
    for answer in answers:
        assert f"`{answer.url}`" in readme
    assert "ATELIER_ENREGISTRER" in readme and "inventé" in readme


def test_a_catalogue_search_is_replayed_only_for_its_own_query(offline):
    """The CSW searches are POSTs to one address: the offline mode tells them apart by their body."""
    from owslib.catalogue.csw2 import CatalogueServiceWeb
    from owslib.fes import PropertyIsLike

    csw = CatalogueServiceWeb(geoportal.CSW)
    assert "fictif" in csw.identification.title
    csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%inondable%")], esn="full")
    assert [r.identifier for r in csw.records.values()] == ["vireloux-zones-inondables"]
    assert {u["protocol"]: u["name"] for u in csw.records["vireloux-zones-inondables"].uris} == {
        "OGC:WMS": "2", "OGC:WFS": "VIRELOUX:Zones_inondables"}
    csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%Vireloux%")])
    assert csw.results["matches"] == len(geoportal.FICHES)
    with pytest.raises(atelier.EnregistrementIntrouvable):
        csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%piscine%")], esn="full")


def test_wfs_pages_bbox_and_exception_replay_through_owslib(offline):
    import json

    from owslib.util import ServiceException
    from owslib.wfs import WebFeatureService

    wfs = WebFeatureService(geoportal.WFS, version="2.0.0")
    pages = [json.load(wfs.getfeature(typename="VIRELOUX:Defibrillateurs", maxfeatures=10, startindex=debut,
                                      outputFormat="application/json")) for debut in (0, 10)]
    ids = [f["properties"]["id"] for page in pages for f in page["features"]]
    assert [len(p["features"]) for p in pages] == [10, 6] and len(set(ids)) == 16
    assert pages[0]["numberMatched"] == 16
    dedans = json.load(wfs.getfeature(typename="VIRELOUX:Equipements", bbox=(174400, 115900, 183100, 118700),
                                      outputFormat="application/json"))
    assert dedans["features"] and all(174400 <= f["geometry"]["coordinates"][0] <= 183100 for f in dedans["features"])
    with pytest.raises(ServiceException, match="InvalidParameterValue"):
        wfs.getfeature(typename="VIRELOUX:Defibrillateur", outputFormat="application/json")
