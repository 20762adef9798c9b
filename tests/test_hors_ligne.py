"""The offline replay: recorded answers come back, unrecorded requests fail fast in French,
live mode is one call away, and a maintainer can record new answers."""

from __future__ import annotations

import http.server
import threading
import time

import pandas as pd
import pytest
import requests
import yaml

import atelier
from atelier import hors_ligne

CATALOG = "https://www.odwb.be/api/explore/v2.1/catalog/datasets"


def _cassette(folder, interactions):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "test.yaml").write_text(yaml.safe_dump({"version": 1, "interactions": interactions}), encoding="utf-8")


def _interaction(uri, body, content_type="application/json", status=200):
    return {
        "request": {"method": "GET", "uri": uri, "body": None, "headers": {}},
        "response": {
            "status": {"code": status, "message": "OK" if status == 200 else "Bad Request"},
            "headers": {"Content-Type": [content_type]},
            "body": {"string": body},
        },
    }


@pytest.fixture
def recordings(tmp_path, monkeypatch):
    monkeypatch.delenv(hors_ligne.VARIABLE_DIRECT, raising=False)
    monkeypatch.delenv(hors_ligne.VARIABLE_ENREGISTRER, raising=False)
    folder = tmp_path / "enregistrements"
    _cassette(folder, [
        _interaction(CATALOG + "?where=search(%22v%C3%A9lo%22)&limit=2", '{"total_count": 1, "results": []}'),
        _interaction("https://example.org/vireloux.csv", "nom;valeur\nÉcole;3\n", "text/csv; charset=utf-8"),
    ])
    yield folder
    hors_ligne._arreter()


def test_recorded_answer_is_replayed_whatever_the_parameter_order(recordings):
    atelier.mode_hors_ligne(recordings, silencieux=True)
    answer = requests.get(CATALOG, params={"limit": 2, "where": 'search("vélo")'})
    assert answer.status_code == 200
    assert answer.json() == {"total_count": 1, "results": []}
    assert atelier.mode_actuel() == "hors ligne"


def test_pandas_reading_a_url_is_replayed(recordings):
    atelier.mode_hors_ligne(recordings, silencieux=True)
    frame = pd.read_csv("https://example.org/vireloux.csv", sep=";")
    assert frame.to_dict("records") == [{"nom": "École", "valeur": 3}]


def test_unrecorded_request_fails_at_once_in_french(recordings):
    atelier.mode_hors_ligne(recordings, silencieux=True)
    started = time.monotonic()
    with pytest.raises(atelier.EnregistrementIntrouvable) as raised:
        requests.get(CATALOG, params={"limit": 3}, timeout=30)
    assert time.monotonic() - started < 5
    message = str(raised.value)
    assert f"{CATALOG}?limit=3" in message
    assert "Aucune réponse enregistrée" in message
    assert "atelier.mode_direct()" in message and "ATELIER_EN_DIRECT=1" in message
    assert "limit=2" in message, "the nearest recording should be suggested"


def test_unrecorded_request_from_pandas_fails_in_french(recordings):
    atelier.mode_hors_ligne(recordings, silencieux=True)
    with pytest.raises(atelier.EnregistrementIntrouvable, match="https://example.org/autre.csv"):
        pd.read_csv("https://example.org/autre.csv")


def test_live_mode_stops_the_replay(recordings, monkeypatch):
    atelier.mode_hors_ligne(recordings, silencieux=True)
    atelier.mode_direct()
    assert atelier.mode_actuel() == "direct"
    monkeypatch.setenv(hors_ligne.VARIABLE_DIRECT, "1")
    atelier.mode_hors_ligne(recordings, silencieux=True)
    assert atelier.mode_actuel() == "direct"


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = f'{{"chemin": "{self.path}"}}'.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_recording_mode_appends_new_answers_to_one_file(recordings, tmp_path, monkeypatch):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    target = recordings / "nouveau.yaml"
    monkeypatch.setenv(hors_ligne.VARIABLE_ENREGISTRER, str(target))
    try:
        atelier.mode_hors_ligne(recordings, silencieux=True)
        assert atelier.mode_actuel() == "enregistrement"
        url = f"http://127.0.0.1:{server.server_port}/api/test?x=1"
        assert requests.get(url).json() == {"chemin": "/api/test?x=1"}
        # already recorded answers are replayed, not fetched
        assert requests.get(CATALOG, params={"limit": 2, "where": 'search("vélo")'}).status_code == 200
        # saved at once, without waiting for the replay to stop
        saved = yaml.safe_load(target.read_text())
        assert [i["request"]["uri"] for i in saved["interactions"]] == [url]
    finally:
        server.shutdown()
    monkeypatch.delenv(hors_ligne.VARIABLE_ENREGISTRER)
    atelier.mode_hors_ligne(recordings, silencieux=True)
    assert requests.get(url).json() == {"chemin": "/api/test?x=1"}


def test_missing_data_file_gets_a_french_message():
    with pytest.raises(FileNotFoundError, match="introuvable dans les données d'exemple"):
        atelier.donnees("propres/n-existe-pas.csv")


def test_folium_maps_can_load_their_scripts_from_the_repository(monkeypatch):
    """`make lab` serves book/_static through Jupyter: maps then need no CDN."""
    import folium
    import geopandas as gpd
    from branca.element import Figure

    from atelier.cartes import FOLIUM_ASSETS, cartes_locales
    from atelier.chemins import RACINE

    monkeypatch.setattr(folium.Map, "default_js", list(folium.Map.default_js))
    monkeypatch.setattr(folium.Map, "default_css", list(folium.Map.default_css))
    monkeypatch.setattr(Figure, "render", Figure.render)
    cdn = [url for _, url in folium.Map.default_js + folium.Map.default_css]
    assert set(cdn) <= set(FOLIUM_ASSETS), f"folium asks for assets that are not vendored: {set(cdn) - set(FOLIUM_ASSETS)}"
    cartes_locales("/files/book/_static")
    # A choropleth's colour legend makes branca add d3 while the page renders.
    quartiers = gpd.read_file(atelier.donnees("geo/quartiers.geojson"))
    carte = folium.Map(location=[50.37, 4.77], tiles=None)
    folium.Choropleth(quartiers, data=quartiers, columns=["nom_quartier", "population"],
                      key_on="feature.properties.nom_quartier", legend_name="Habitants").add_to(carte)
    page = carte.get_root().render()
    assert "https://" not in page.split("<body>")[0]
    assert "https://" not in carte._repr_html_()
    for local in set(FOLIUM_ASSETS.values()):
        assert (RACINE / "book" / "_static" / local).is_file(), f"{local} is not vendored"
        if f"/files/book/_static/{local}" not in page:
            assert local.endswith("non-inclus.css")
