"""Driving a hub from a script (tests/test_hub.py, benchmarks/hub.py): start it, call its REST API, stop it.

:class:`Pilote` starts ``python -m atelier.hub demarrer`` on 127.0.0.1 with an API token of its
own (``ATELIER_HUB_JETON``), and talks to the hub's REST API and, with a token made for each
learner, to each learner's own JupyterLab server through the hub's proxy. :func:`processus`
finds every process the hub started (they all name its state folder), so a script can prove it
left nothing running.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psutil
import requests

from atelier.chemins import RACINE
from atelier.hub.configuration import VARIABLE_JETON
from atelier.hub.etat import Etat


def ports_libres() -> int:
    """A port P such that P, P+1 and P+2 (proxy, hub, proxy API) are free on 127.0.0.1."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        try:
            for autre in (port, port + 1, port + 2):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", autre))
        except OSError:
            continue
        return port
    raise RuntimeError("no three consecutive free ports")


def processus(racine: Path) -> list[psutil.Process]:
    """Every process whose command line or environment names the state folder (hub, proxy, culler, servers, kernels)."""
    trouves = []
    for candidat in psutil.process_iter():
        try:
            texte = " ".join(candidat.cmdline()) + " " + " ".join(candidat.environ().values())
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
        if str(racine) in texte and candidat.pid != os.getpid():
            trouves.append(candidat)
    return trouves


def _env() -> dict:
    return {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}


class Pilote:
    """A hub started by this script, in the state folder ``racine``."""

    def __init__(self, racine: Path, port: int | None = None):
        self.etat = Etat(Path(racine))
        self.port = port or ports_libres()
        self.url = f"http://127.0.0.1:{self.port}"
        self.jeton = secrets.token_hex(16)
        self.process: subprocess.Popen | None = None
        self.api = requests.Session()
        self.api.headers["Authorization"] = f"token {self.jeton}"
        self.jetons: dict[str, str] = {}

    def commande(self, *args: str, timeout: int = 300) -> str:
        """``python -m atelier.hub --etat ... ARGS``; its standard output (AssertionError if it failed)."""
        resultat = subprocess.run([sys.executable, "-m", "atelier.hub", "--etat", str(self.etat.racine), *args],
                                  cwd=RACINE, env=_env(), capture_output=True, text=True, timeout=timeout)
        assert resultat.returncode == 0, f"atelier.hub {args}:\n{resultat.stdout}\n{resultat.stderr}"
        return resultat.stdout

    def demarrer(self, *options: str, env: dict | None = None, delai: float = 60) -> None:
        self.etat.creer()
        env = {**_env(), **(env or {}), VARIABLE_JETON: self.jeton}
        with open(self.etat.racine / "hub.log", "wb") as journal:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "atelier.hub", "--etat", str(self.etat.racine), "demarrer",
                 "--port", str(self.port), *options],
                cwd=RACINE, env=env, stdout=journal, stderr=subprocess.STDOUT, start_new_session=True)
        fin = time.monotonic() + delai
        while True:
            assert self.process.poll() is None, f"the hub stopped:\n{self.journal()}"
            assert time.monotonic() < fin, f"the hub did not answer in {delai} s:\n{self.journal()}"
            try:
                if requests.get(f"{self.url}/hub/api", timeout=2).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.3)

    def arreter(self, delai: float = 60) -> None:
        """Stop the hub as Ctrl+C would; whatever is still running after ``delai`` is killed."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=delai)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def journal(self) -> str:
        return (self.etat.racine / "hub.log").read_text(errors="replace")[-6000:]

    def hub_api(self, methode: str, chemin: str, **kwargs) -> requests.Response:
        reponse = self.api.request(methode, f"{self.url}/hub/api{chemin}", timeout=60, **kwargs)
        assert reponse.status_code < 400, f"{methode} {chemin}: {reponse.status_code} {reponse.text}"
        return reponse

    def demarrer_serveur(self, eleve: str) -> None:
        if not self.hub_api("GET", f"/users/{eleve}").json()["servers"]:
            self.hub_api("POST", f"/users/{eleve}/server")

    def attendre_serveur(self, eleve: str, delai: float = 120) -> None:
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            if self.hub_api("GET", f"/users/{eleve}").json()["servers"].get("", {}).get("ready"):
                return
            time.sleep(0.2)
        raise AssertionError(f"the server of {eleve} did not start in {delai} s:\n{self.journal()}")

    def jeton_eleve(self, eleve: str) -> str:
        if eleve not in self.jetons:
            self.jetons[eleve] = self.hub_api("POST", f"/users/{eleve}/tokens",
                                              json={"expires_in": 3600, "note": "script"}).json()["token"]
        return self.jetons[eleve]

    def serveur(self, eleve: str, methode: str, chemin: str, **kwargs) -> requests.Response:
        """A request to the learner's own JupyterLab server, through the hub's proxy, with the learner's token."""
        reponse = requests.request(methode, f"{self.url}/user/{eleve}/{chemin}", timeout=120,
                                   headers={"Authorization": f"token {self.jeton_eleve(eleve)}"}, **kwargs)
        assert reponse.status_code < 400, f"{methode} {chemin}: {reponse.status_code} {reponse.text[:2000]}"
        return reponse

    def executer(self, eleve: str, cellules: list[str], delai: float = 600, avant_arret=None) -> float:
        """Run code cells in a new kernel of the learner's server (Jupyter's messaging over its websocket); seconds taken.

        Stops at the first cell that fails (AssertionError with its error). ``avant_arret`` is called once the
        cells have run, while the kernel still lives (to measure it); the kernel is then shut down.
        """
        import websocket  # websocket-client, a dependency of jupyter_server

        noyau = self.serveur(eleve, "POST", "api/kernels", json={"name": "python3"}).json()["id"]
        adresse = f"ws://127.0.0.1:{self.port}/user/{eleve}/api/kernels/{noyau}/channels"
        connexion = websocket.create_connection(adresse, timeout=delai,
                                                header=[f"Authorization: token {self.jeton_eleve(eleve)}"])
        session, debut = uuid.uuid4().hex, time.monotonic()
        try:
            for code in cellules:
                identifiant = uuid.uuid4().hex
                connexion.send(json.dumps({
                    "header": {"msg_id": identifiant, "msg_type": "execute_request", "username": eleve,
                               "session": session, "version": "5.3"},
                    "parent_header": {}, "metadata": {}, "channel": "shell",
                    "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                                "allow_stdin": False, "stop_on_error": True}}))
                while True:
                    message = json.loads(connexion.recv())
                    if message.get("parent_header", {}).get("msg_id") != identifiant:
                        continue
                    if message["msg_type"] == "execute_reply":
                        contenu = message["content"]
                        assert contenu["status"] == "ok", f"{eleve}: {contenu.get('ename')}: {contenu.get('evalue')}"
                        break
            duree = time.monotonic() - debut
            if avant_arret:
                avant_arret()
            return duree
        finally:
            connexion.close()
            requests.delete(f"{self.url}/user/{eleve}/api/kernels/{noyau}", timeout=60,
                            headers={"Authorization": f"token {self.jeton_eleve(eleve)}"})  # gone already: fine
