"""Module 02-portails: its extra recordings are current, coherent with the generator's and shaped
like the real APIs' answers (errors included); every request its lessons and exercises make is
recorded; its lessons have the expected frame."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import nbformat
import pytest
import yaml

from tests.conftest import ROOT
from tests.offline import run_offline
from tests.scripts import load_script

RECORDINGS = ROOT / "data" / "enregistrements"
LESSONS = sorted((ROOT / "notebooks" / "02-portails").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions" / "02-portails").glob("*.ipynb"))
RELEASES = ROOT / "exercises" / "02-portails"


recordings = load_script("recordings_portails")


def _interactions(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]


def _key(method: str, uri: str, body=None) -> tuple:
    """What the offline replay matches on: method, scheme, host, port, path, the set of parameters, and the
    body when one is recorded (the catalogue's searches are POSTs to one address, told apart by their XML)."""
    parts = urlsplit(uri)
    return method, parts.scheme, parts.hostname, parts.port, parts.path, tuple(sorted(parse_qsl(parts.query))), body


def _body(interaction: dict) -> str:
    body = interaction["response"]["body"]["string"]
    return body.decode("utf-8") if isinstance(body, bytes) else body


ALL = [(path.stem, i) for path in sorted(RECORDINGS.glob("*.yaml")) for i in _interactions(path)]
# The public APIs' answers (module 04's publication through the automation API is built for training
# and labelled so: it is not compared with the public shapes)
PORTALS = [(stem, i) for stem, i in ALL if urlsplit(i["request"]["uri"]).hostname in
           {"www.odwb.be", "www.data.gouv.fr", "dados.recife.pe.gov.br"} and "/api/" in i["request"]["uri"]
           and stem != "publication-module-04"]


# --------------------------------------------------------------------------------------------
# The extra recordings
# --------------------------------------------------------------------------------------------

def test_module_cassette_is_current_and_deterministic():
    committed = (RECORDINGS / recordings.FICHIER).read_text(encoding="utf-8")
    assert recordings.cassette() == committed, "run `python scripts/recordings_portails.py` (make data)"
    assert recordings.cassette() == recordings.cassette()
    assert recordings.interactions() == yaml.safe_load(committed)["interactions"]


def test_no_request_is_recorded_twice_across_cassettes():
    keys = [_key(i["request"]["method"], i["request"]["uri"], i["request"]["body"]) for _, i in ALL]
    duplicates = {k for k in keys if keys.count(k) > 1}
    assert not duplicates, f"recorded twice (the replay would pick one silently): {sorted(duplicates)}"


def test_module_recordings_are_described():
    for answer in recordings.reponses():
        assert answer.description.strip() and answer.statut in recordings.MESSAGES_HTTP


def test_shapes_agree_with_the_generator_where_they_overlap():
    """The module's own conversion of the clean files gives the generator's recorded bytes."""
    sources = recordings.Sources()
    base = recordings.CATALOGUE + "/vireloux-arbres-remarquables/records"
    arbres = recordings.enregistrements(sources, "vireloux-arbres-remarquables")
    for offset in (0, 20, 40, 60):
        url = recordings.adresse(base, [("limit", 20), ("offset", offset)])
        assert sources.json(url)["results"] == arbres[offset:offset + 20]
    export = recordings.CATALOGUE + "/vireloux-equipements-collectifs/exports/csv"
    assert sources._reponses[export] == recordings.export_csv(sources, "vireloux-equipements-collectifs")
    velo = recordings.adresse(recordings.CATALOGUE, [("where", 'search("vélo")')])
    assert [j["dataset_id"] for j in sources.json(velo)["results"]] == [
        j["dataset_id"] for j in sources.jeux_odwb() if recordings.cherche_odwb(j, "vélo")]


def test_accident_pages_add_up_to_the_clean_file():
    import csv

    with open(ROOT / "data" / "propres" / "accidents.csv", encoding="utf-8", newline="") as handle:
        clean = [row["id"] for row in csv.DictReader(handle)]
    module = {i["request"]["uri"]: json.loads(_body(i)) for i in _interactions(RECORDINGS / recordings.FICHIER)
              if i["response"]["status"]["code"] == 200 and "vireloux-accidents/records?limit=" in i["request"]["uri"]}
    for size in (100, 50, 20):
        ids = []
        for offset in range(0, len(clean), size):
            page = module[recordings.adresse(recordings.CATALOGUE + "/vireloux-accidents/records",
                                             [("limit", size), ("offset", offset)])]
            assert page["total_count"] == len(clean)
            ids += [r["id"] for r in page["results"]]
        assert ids == clean


# --------------------------------------------------------------------------------------------
# Shapes of the real APIs, errors included
# --------------------------------------------------------------------------------------------

def _family(uri: str) -> str:
    return {"www.odwb.be": "opendatasoft", "www.data.gouv.fr": "udata",
            "dados.recife.pe.gov.br": "ckan"}[urlsplit(uri).hostname]


@pytest.mark.parametrize("stem, interaction", PORTALS,
                         ids=[f"{s}:{urlsplit(i['request']['uri']).path[-40:]}" for s, i in PORTALS])
def test_portal_answers_have_the_real_shapes(stem, interaction):
    uri, status = interaction["request"]["uri"], interaction["response"]["status"]["code"]
    content_type = interaction["response"]["headers"]["Content-Type"][0]
    if not content_type.startswith("application/json"):
        return  # exports and resources: files, not API envelopes
    body = json.loads(_body(interaction))
    family = _family(uri)
    if family == "opendatasoft":
        if status == 200:
            path = urlsplit(uri).path
            if path.endswith("/catalog/facets"):
                assert set(body) == {"links", "facets"}
            elif path.endswith(("/catalog/datasets", "/records")):
                grouped = "group_by" in dict(parse_qsl(urlsplit(uri).query))
                assert set(body) == ({"results"} if grouped else {"total_count", "results"})
                assert grouped or len(body["results"]) <= body["total_count"]
            else:
                assert {"dataset_id", "fields", "metas", "features"} <= set(body)
        else:
            assert status == 400 and set(body) == {"error_code", "message"}
            assert body["error_code"] in {"ODSQLError", "InvalidRESTParameterError"}
    elif family == "udata":
        if status == 200 and urlsplit(uri).path == "/api/1/datasets/":
            assert set(body) == {"data", "page", "page_size", "total", "next_page", "previous_page"}
            assert len(body["data"]) <= body["page_size"] and (body["next_page"] is None) == (
                body["page"] * body["page_size"] >= body["total"])
        elif status == 200:
            assert {"id", "title", "slug", "organization", "license", "resources", "last_modified"} <= set(body)
        else:
            assert status == 400 and set(body) == {"errors", "message"}
            assert body["message"] == "Input payload validation failed" and isinstance(body["errors"], dict)
    else:
        assert set(body) in ({"help", "success", "result"}, {"help", "success", "error"})
        assert body["help"].startswith("https://dados.recife.pe.gov.br/api/3/action/help_show?name=")
        if status == 200:
            assert body["success"] is True
        else:
            assert body["success"] is False and "__type" in body["error"] and status in {400, 404, 409}


def test_the_error_cases_the_module_teaches_are_recorded():
    seen = set()
    for _, interaction in PORTALS:
        status = interaction["response"]["status"]["code"]
        if not interaction["response"]["headers"]["Content-Type"][0].startswith("application/json"):
            continue
        body = json.loads(_body(interaction))
        family = _family(interaction["request"]["uri"])
        if status == 400 and body.get("error_code") == "ODSQLError":
            seen.add("opendatasoft: ODSQL error")
        if status == 400 and body.get("error_code") == "InvalidRESTParameterError":
            seen.add("opendatasoft: limit above 100")
        if status == 200 and body.get("total_count") == 0:
            seen.add("opendatasoft: empty")
        if family == "udata" and status == 400:
            seen.add("udata: 400")
        if family == "udata" and status == 200 and body.get("total") == 0:
            seen.add("udata: empty")
        if family == "ckan" and body.get("success") is False:
            seen.add(f"ckan: success false {status}")
        if family == "ckan" and body.get("success") is True and body["result"].get("count") == 0:
            seen.add("ckan: empty")
    assert seen >= {"opendatasoft: ODSQL error", "opendatasoft: limit above 100", "opendatasoft: empty",
                    "udata: 400", "udata: empty", "ckan: success false 404", "ckan: success false 409",
                    "ckan: empty"}


# --------------------------------------------------------------------------------------------
# Every request of the module's notebooks is recorded
# --------------------------------------------------------------------------------------------

HOOK = '''
import json as _json_journal
import os as _os_journal

import atelier.hors_ligne as _hl_journal


def _noter_journal(genre, methode, adresse):
    with open(_os_journal.environ["PORTAILS_JOURNAL"], "a", encoding="utf-8") as _f:
        _f.write(_json_journal.dumps({"genre": genre, "methode": methode, "url": adresse}) + "\\n")


_jouer_journal = _hl_journal._CassetteAtelier.play_response


def _play_response_journal(self, request):
    _noter_journal("rejouee", request.method, request.uri)
    return _jouer_journal(self, request)


_hl_journal._CassetteAtelier.play_response = _play_response_journal
_introuvable_journal = _hl_journal.EnregistrementIntrouvable.__init__


def _init_journal(self, methode, adresse, *args, **kwargs):
    _noter_journal("introuvable", methode, adresse)
    _introuvable_journal(self, methode, adresse, *args, **kwargs)


_hl_journal.EnregistrementIntrouvable.__init__ = _init_journal
'''


@pytest.fixture(scope="module")
def requested(tmp_path_factory) -> dict[str, list[dict]]:
    """Run each lesson and each solution (hidden tests included), offline, logging every request."""
    folder = tmp_path_factory.mktemp("journal")
    logs = {}
    for source in LESSONS + SOLUTIONS:
        notebook = nbformat.read(source, as_version=4)
        notebook.cells.insert(0, nbformat.v4.new_code_cell(HOOK))
        target = folder / source.parent.parent.name / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)
        journal = folder / f"{source.parent.parent.name}-{source.stem}.jsonl"
        journal.touch()
        result = run_offline([sys.executable, str(ROOT / "tests" / "run_notebook.py"), str(target)],
                             env={**__import__("os").environ, "PORTAILS_JOURNAL": str(journal)}, timeout=600)
        assert result.returncode == 0, f"{source.relative_to(ROOT)} failed:\n{result.stderr[-3000:]}"
        logs[str(source.relative_to(ROOT))] = [json.loads(l) for l in journal.read_text().splitlines() if l]
    return logs


@pytest.mark.parametrize("source", LESSONS + SOLUTIONS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_request_is_answered_from_the_recordings(requested, source):
    log = requested[str(source.relative_to(ROOT))]
    missing = [entry["url"] for entry in log if entry["genre"] == "introuvable"]
    assert not missing, f"unrecorded requests (even if the notebook caught the error): {missing}"
    assert any(entry["genre"] == "rejouee" for entry in log), "the notebook asked no portal anything"


def test_every_module_recording_serves_a_notebook_or_a_learners_variant(requested):
    played = {_key(e["methode"], e["url"]) for log in requested.values() for e in log if e["genre"] == "rejouee"}
    unused = [r.url for r in recordings.reponses() if not r.variante and _key("GET", r.url) not in played]
    assert not unused, f"recordings no notebook uses (mark them as variants or remove them): {unused}"


# --------------------------------------------------------------------------------------------
# The lessons' frame
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.name)
def test_lesson_has_header_offline_cell_and_summary(lesson):
    notebook = nbformat.read(lesson, as_version=4)
    header = notebook.cells[0]
    assert header.cell_type == "markdown" and header.source.startswith("# ")
    for part in ("Durée estimée", "Objectifs d'apprentissage", "Prérequis", "Données utilisées"):
        assert f"**{part}**" in header.source, part
    first_code = next(c for c in notebook.cells if c.cell_type == "code")
    assert "atelier.mode_hors_ligne()" in first_code.source
    explained = notebook.cells[notebook.cells.index(first_code) - 1]
    assert "hors ligne" in explained.source and "atelier.mode_direct()" in explained.source
    last = notebook.cells[-1]
    assert last.cell_type == "markdown" and last.source.startswith("## À retenir")
    points = [line for line in last.source.splitlines() if line.startswith("- ")]
    assert 3 <= len(points) <= 5, f"{len(points)} key points"
    links = re.findall(r"\]\((\.\./\.\./exercises/02-portails/[^)]+\.ipynb)\)", last.source)
    assert links, "the summary links to the exercises"
    for link in links:
        assert (lesson.parent / link).resolve().exists(), link
    tags = {tag for c in notebook.cells for tag in c.metadata.get("tags", [])}
    assert {"pause", "formateur"} <= tags
    assert set(notebook.metadata) == {"kernelspec", "language_info"}


def test_every_exercise_is_linked_from_a_lesson():
    text = "".join(lesson.read_text(encoding="utf-8") for lesson in LESSONS)
    for release in sorted(RELEASES.glob("*.ipynb")):
        assert f"../../exercises/02-portails/{release.name}" in text, release.name
