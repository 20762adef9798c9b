"""The workshop hub (atelier/hub/), end to end: a real JupyterHub on loopback, three learners, the exchange, the kit.

One module-scoped hub serves every test of the hub itself: it is started from the command line
(``python -m atelier.hub demarrer``) on 127.0.0.1 and free ports, with its state in a temporary
folder, three accounts made from a CSV of participants. One learner logs in through the real
login page in headless Chromium; all three fetch module 00's exercise and submit it through
their own JupyterLab's nbgrader endpoints (what « Assignments » calls), one right, one half right,
one blank (copies built by tests/test_grading.py's ``Exercice`` from the nbgrader source); the
grader collects, grades with the kit and returns the feedback through the exchange. When the
hub is stopped, nothing it started may be left running.

Expected scores come from the points of the source notebook, never from a previous run.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import time

import nbformat
import psutil
import pytest

from atelier.hub import comptes
from atelier.hub.authentification import AuthentificateurAtelier
from atelier.hub.etat import COURS, Etat
from atelier.hub.pilote import Pilote, processus
from tests.conftest import ROOT, launch_chromium, tool_env
from tests.test_grading import Exercice, lire_csv, points_autogrades

pytestmark = pytest.mark.xdist_group("hub")  # one hub for the module: its tests share one worker

MODULE, NOTEBOOK = "00-prise-en-main", "exercice-00-premiers-pas"
SOURCE = ROOT / "solutions" / MODULE / f"{NOTEBOOK}.ipynb"
RELEASE = ROOT / "exercises" / MODULE / f"{NOTEBOOK}.ipynb"
PARTICIPANTS = "prenom;nom\nZoé;Dubois\nMarc;Lambert\nAïcha;Benali\n"
PROXY = Etat.par_defaut().proxy


# --------------------------------------------------------------------------- accounts, without a hub


def test_accounts_from_a_spreadsheet_csv_keep_their_passwords_when_the_list_grows(tmp_path):
    liste = tmp_path / "participants.csv"
    liste.write_bytes("Prénom;Nom\nZoé;Dubois\nZoe;Dubois\nMarc;Lambert\n".encode("cp1252"))
    fichier = tmp_path / "comptes.json"
    premiers = comptes.creer_comptes(fichier, comptes.lire_participants(liste))
    ids = {p.nom_complet: p.identifiant for p in premiers}
    assert ids["Marc Lambert"] == "marc-lambert" and ids["Formateur ou formatrice"] == comptes.FORMATEUR
    assert len({ids["Zoé Dubois"], ids["Zoe Dubois"]}) == 2, "two people must never share a login"
    enregistres = comptes.lire(fichier)
    for p in premiers:
        assert p.mot_de_passe not in fichier.read_text(), "only hashes are kept"
        assert comptes.verifier(p.mot_de_passe, enregistres[p.identifiant])
        assert not comptes.verifier(p.mot_de_passe + "x", enregistres[p.identifiant])
    assert oct(fichier.stat().st_mode & 0o777) == "0o600"

    liste.write_text("nom\nMarc Lambert\nNadia Haddad\n", encoding="utf-8")
    suivants = comptes.creer_comptes(fichier, comptes.lire_participants(liste))
    assert [p.identifiant for p in suivants] == ["nadia-haddad"]
    assert comptes.lire(fichier)["marc-lambert"] == enregistres["marc-lambert"]
    renouveles = comptes.creer_comptes(fichier, [], renouveler={"marc-lambert"}, formateur=None)
    assert comptes.verifier(renouveles[0].mot_de_passe, comptes.lire(fichier)["marc-lambert"])


def test_a_csv_without_a_name_column_is_explained_in_french(tmp_path):
    liste = tmp_path / "participants.csv"
    liste.write_text("courriel\nzoe@example.org\n", encoding="utf-8")
    with pytest.raises(comptes.ErreurComptes, match="colonne « nom »"):
        comptes.lire_participants(liste)


def test_the_authenticator_accepts_the_slip_password_only(tmp_path):
    fichier = tmp_path / "comptes.json"
    (zoe, formateur) = comptes.creer_comptes(fichier, ["Zoé Dubois"])
    auth = AuthentificateurAtelier(fichier_comptes=str(fichier))

    def essayer(nom, mot):
        return asyncio.run(auth.authenticate(None, {"username": nom, "password": mot}))

    assert essayer("zoe-dubois", zoe.mot_de_passe) == {"name": "zoe-dubois", "admin": False}
    assert essayer("Zoe-Dubois", zoe.mot_de_passe)["name"] == "zoe-dubois"
    assert essayer("formateur", formateur.mot_de_passe) == {"name": "formateur", "admin": True}
    assert essayer("zoe-dubois", formateur.mot_de_passe) is None
    assert essayer("zoe-dubois", "") is None
    assert essayer("inconnu", zoe.mot_de_passe) is None
    assert auth.check_allowed("zoe-dubois") and not auth.check_allowed("inconnu")


def test_the_hub_listens_on_loopback_unless_the_room_is_asked_for(tmp_path):
    from traitlets.config import Config

    from atelier.hub import configuration

    for reglages, attendu in ((configuration.Reglages(), "127.0.0.1"),
                              (configuration.Reglages(ip=configuration.SALLE), "0.0.0.0")):
        fichier = configuration.ecrire(Etat(tmp_path / "etat"), reglages)
        c = Config()
        exec(compile(fichier.read_text(encoding="utf-8"), str(fichier), "exec"), {"c": c})
        assert c.JupyterHub.ip == attendu
        assert c.JupyterHub.hub_ip == "127.0.0.1" and c.ConfigurableHTTPProxy.api_url.startswith("http://127.0.0.1:")
        assert c.JupyterHub.services[0]["command"][1:3] == ["-m", "atelier.hub.inactifs"]


# --------------------------------------------------------------------------- the hub


class Hub(Pilote):
    """The module's hub, with the passwords printed for its accounts."""

    mots: dict[str, str] = {}

    def action(self, eleve: str, action: str) -> list[dict]:
        """What « Assignments » does: the nbgrader server extension's fetch, submit, fetch_feedback."""
        reponse = self.serveur(eleve, "POST", f"assignments/{action}",
                               data={"assignment_id": MODULE, "course_id": COURS}).json()
        assert reponse["success"], f"{action} for {eleve}: {reponse}"
        return reponse["value"]


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    assert PROXY.exists(), f"configurable-http-proxy is missing ({PROXY}): `make test` installs it (make hub-proxy)"
    dossier = tmp_path_factory.mktemp("hub")
    liste = dossier / "participants.csv"
    liste.write_text(PARTICIPANTS, encoding="utf-8")
    instance = Hub(dossier / "etat")
    sortie = instance.commande("comptes", str(liste), "--port", str(instance.port))
    instance.mots = dict(re.findall(r"^(\S+)\s+(\w{5}-\w{5})\s", sortie, re.MULTILINE))
    assert set(instance.mots) == {"zoe-dubois", "marc-lambert", "aicha-benali", "formateur"}, sortie
    try:
        # A hub started by a trainer who was recording: the learners must still be offline.
        instance.demarrer("--memoire", "2048", env={"ATELIER_EN_DIRECT": "1"})
        yield instance
    finally:
        instance.arreter()
        for reste in processus(instance.etat.racine):  # never leave anything behind, even when a test failed
            reste.kill()


@pytest.fixture(scope="module")
def exercice():
    return Exercice(SOURCE, RELEASE)


@pytest.fixture(scope="module")
def copies(exercice):
    """The three learners' answers: right, half right (the first half of the questions), blank."""
    questions = list(exercice.reponses)
    moitie = tuple(questions[: len(questions) // 2])
    return {
        "zoe-dubois": (exercice.copie(justes=questions), exercice.total_auto),
        "marc-lambert": (exercice.copie(justes=moitie), exercice.points(*moitie)),
        "aicha-benali": (exercice.copie(), 0.0),
    }


@pytest.fixture(scope="module")
def connexion(hub):
    """The trainer publishes module 00; Zoé logs in through the login page in headless Chromium (after one
    wrong password) and sees it in her JupyterLab's « Assignment List »."""
    from playwright.sync_api import sync_playwright

    publie = hub.commande("publier", MODULE)
    for eleve in ("marc-lambert", "aicha-benali"):  # the others start meanwhile, through the REST API
        hub.demarrer_serveur(eleve)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            page.goto(f"{hub.url}/hub/login")
            annonce = page.inner_text("body")
            page.fill("#username_input", "zoe-dubois")
            page.fill("#password_input", hub.mots["formateur"])
            page.click("#login_submit")
            page.wait_for_load_state()
            refus = (page.url, page.inner_text("body"))
            page.fill("#username_input", "zoe-dubois")
            page.fill("#password_input", hub.mots["zoe-dubois"])
            page.click("#login_submit")
            try:
                page.wait_for_url(re.compile(r"/user/zoe-dubois/lab"), timeout=90_000)
                page.wait_for_selector("text=Nbgrader", timeout=60_000)
            except Exception as erreur:
                raise AssertionError(f"{page.url}\n{page.inner_text('body')[:1000]}\n{hub.journal()}") from erreur
            page.click("text=Nbgrader")
            menu = page.inner_text(".lm-Menu")
            page.click("text=Assignment List")
            page.wait_for_selector(f"text={MODULE}", timeout=60_000)
            panneau = page.inner_text("#released_assignments_list")
            yield {"annonce": annonce, "refus": refus, "url": page.url, "menu": menu, "panneau": panneau,
                   "publier": publie}
        finally:
            browser.close()


@pytest.fixture(scope="module")
def session(hub, connexion, copies, exercice, tmp_path_factory):
    """The whole session: publish, three servers, fetch, answer, submit, collect, grade, return the feedback."""
    resultat = {}
    eleves = list(copies)
    for eleve in eleves:
        hub.demarrer_serveur(eleve)
    for eleve in eleves:
        hub.attendre_serveur(eleve)
    resultat["liste"] = {e: hub.serveur(e, "GET", "assignments", params={"course_id": COURS}).json() for e in eleves}
    resultat["fetch"] = {e: hub.action(e, "fetch") for e in eleves}
    chemin = f"api/contents/{MODULE}/{NOTEBOOK}.ipynb"
    resultat["recupere"] = {e: hub.serveur(e, "GET", chemin).json()["content"] for e in eleves}
    for eleve, (copie, _) in copies.items():
        hub.serveur(eleve, "PUT", chemin, json={"type": "notebook", "format": "json", "content": copie})
    resultat["submit"] = {e: hub.action(e, "submit") for e in eleves}
    resultat["collecter"] = hub.commande("collecter", MODULE)
    sortie = tmp_path_factory.mktemp("correction")
    subprocess.run([sys.executable, "-m", "atelier.correction", str(hub.etat.soumissions), "--sortie", str(sortie)],
                   cwd=ROOT, env=tool_env(), check=True, capture_output=True, timeout=600)
    resultat["notes"] = lire_csv(sortie / "notes.csv")
    resultat["retourner"] = hub.commande("retourner", MODULE, "--sortie", str(sortie))
    resultat["feedback"] = {e: hub.action(e, "fetch_feedback") for e in eleves}
    resultat["dossiers"] = {e: hub.serveur(e, "GET", f"api/contents/{MODULE}/feedback").json() for e in eleves}
    resultat["retours"] = {e: hub.serveur(e, "GET", f"files/{resultat['dossiers'][e]['content'][0]['path']}/{NOTEBOOK}.html")
                           .content for e in eleves}
    resultat["sortie"] = sortie
    resultat["processus"] = processus(hub.etat.racine)
    return resultat


def test_the_login_page_refuses_a_wrong_password_and_opens_jupyterlab_with_assignments(connexion):
    assert "identifiant et le mot de passe de votre fiche" in connexion["annonce"]
    url, texte = connexion["refus"]
    assert "/hub/login" in url and "Invalid username or password" in texte
    assert connexion["url"].startswith("http://127.0.0.1:") and "/user/zoe-dubois/lab" in connexion["url"]
    assert "Assignment List" in connexion["menu"]
    assert "Formgrader" not in connexion["menu"], "the grader's tools are hidden from learners"
    assert "est publié" in connexion["publier"]
    assert MODULE in connexion["panneau"]


def test_each_learner_fetches_the_released_exercise(session):
    for eleve, valeur in session["fetch"].items():
        assert session["liste"][eleve]["success"]
        (publie,) = [a for a in session["liste"][eleve]["value"] if a["assignment_id"] == MODULE]
        assert publie["status"] == "released", eleve
        (recupere,) = [a for a in valeur if a["assignment_id"] == MODULE and a["status"] == "fetched"]
        assert [n["notebook_id"] for n in recupere["notebooks"]] == [NOTEBOOK]
        assert nbformat.from_dict(session["recupere"][eleve]).cells[0].source == \
            nbformat.read(RELEASE, as_version=4).cells[0].source


def test_submissions_are_collected_under_each_login_and_graded_by_the_kit(session, copies, exercice):
    for eleve, valeur in session["submit"].items():
        assert any(a["status"] == "submitted" and a["student_id"] == eleve for a in valeur), valeur
    assert "3 copie(s) collectée(s)" in session["collecter"]
    notes = session["notes"]
    assert set(notes) == set(copies)
    for eleve, (_, attendu) in copies.items():
        assert notes[eleve]["statut"] == "corrigée", notes[eleve]
        assert points_autogrades(notes[eleve], exercice, NOTEBOOK) == pytest.approx(attendu), eleve
    assert 0 < copies["marc-lambert"][1] < copies["zoe-dubois"][1]


def test_feedback_comes_back_to_each_learner_through_the_exchange(session):
    assert "3 retour(s) publié(s)" in session["retourner"]
    for eleve, dossier in session["dossiers"].items():
        soumis = [s for a in session["feedback"][eleve] if a["status"] == "submitted" for s in a["submissions"]]
        assert soumis and all(s["has_local_feedback"] for s in soumis), (eleve, soumis)
        (horodatage,) = dossier["content"]
        assert horodatage["type"] == "directory", eleve
        assert session["retours"][eleve] == (session["sortie"] / "retours" / eleve / MODULE / f"{NOTEBOOK}.html").read_bytes()


def test_learner_servers_are_offline_limited_and_in_their_own_folder(hub, session):
    serveurs = [p for p in session["processus"] if "jupyterhub-singleuser" in " ".join(p.cmdline())]
    par_eleve = {p.environ().get("JUPYTERHUB_USER"): p for p in serveurs}
    assert set(par_eleve) >= {"zoe-dubois", "marc-lambert", "aicha-benali"}
    for eleve, processus in par_eleve.items():
        env = processus.environ()
        assert "ATELIER_EN_DIRECT" not in env, "learners' servers must stay offline"
        assert env["HOME"] == str(hub.etat.eleves / eleve) == processus.cwd()
        assert env["ATELIER_CARTES_LOCALES"] == f"/user/{eleve}/static"
        assert processus.rlimit(psutil.RLIMIT_AS) == (2048 * 1024**2,) * 2
        assert processus.nice() >= 5
        lecons = hub.etat.eleves / eleve / "lecons" / MODULE
        assert sorted(p.name for p in lecons.glob("*.ipynb")) == \
            sorted(p.name for p in (ROOT / "notebooks" / MODULE).glob("*.ipynb"))


def test_a_folium_asset_is_served_by_the_learner_server(hub, session):
    reponse = hub.serveur("zoe-dubois", "GET", "static/vendor/leaflet@1.9.3/leaflet.js")
    assert reponse.content == (ROOT / "book" / "_static" / "vendor" / "leaflet@1.9.3" / "leaflet.js").read_bytes()


def test_the_idle_culler_runs_as_a_hub_service(hub, session):
    services = hub.hub_api("GET", "/services").json()
    assert "arret-inactifs" in services
    assert any("atelier.hub.inactifs" in " ".join(p.cmdline()) for p in session["processus"])


def test_stopping_the_hub_leaves_nothing_running(hub, session):
    assert len(session["processus"]) >= 6, "hub, proxy, culler and three servers were expected"
    debut = time.monotonic()
    hub.arreter()
    # JupyterHub waits 10 s after SIGINT, then 5 s after SIGTERM, for each process that ignores them:
    # the stock culler did, and the hub took 30 s to stop (atelier/hub/inactifs.py).
    assert time.monotonic() - debut < 25, f"the hub took {time.monotonic() - debut:.0f} s to stop"
    fin = time.monotonic() + 20
    while (restes := processus(hub.etat.racine)) and time.monotonic() < fin:
        time.sleep(0.5)
    assert not restes, [" ".join(p.cmdline()) for p in restes]
