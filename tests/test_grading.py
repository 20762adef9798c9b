"""The grading command (atelier/correction/), end to end, on a fixture course and the real exercise.

Grading costs seconds per notebook, so each batch is run once (module-scoped fixtures) and
shared by several assertions:

* ``lot_adverse``: honest copies (solution, blank release, a partial one) graded in one
  batch with every bad input and every adversarial submission of the corpus, all generated
  here from the fixture's release so they stay in sync with it;
* ``lot_moodle`` / ``lot_dossier``: the same honest cohort as a Moodle zip graded with
  ``--jobs 1`` and as the extracted folder graded with ``--jobs 2`` (same CSV expected);
* ``lot_eleve``: a copy of ``lot_dossier`` where one learner is graded again (``--eleve``);
* ``lot_reel``: every exercise of solutions/ (solution, half-right and blank copies) in one batch;
* ``lot_minimal``: the weakest isolation level (no namespaces, no dedicated user): the
  Python audit hook alone must still stop the network and the writes.

Expected scores are computed from the question points of the fixture's source notebook,
never copied from a previous run.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import pytest

from atelier.correction.bac_a_sable import sonder_isolation
from tests.conftest import ROOT, tool_env

FIXTURES = ROOT / "tests" / "fixtures" / "grading" / "solutions"
MODULE, NOTEBOOK = "99-essai", "exercice-essai"
SOURCE = FIXTURES / MODULE / f"{NOTEBOOK}.ipynb"
AUTRE = FIXTURES / "98-autre" / "exercice-autre.ipynb"
MARQUEURS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$\n?", re.MULTILINE)
TIMEOUT_CELLULE = 4
COMPLETE = sonder_isolation().niveau == "complete"

pytestmark = pytest.mark.xdist_group("grading")  # one xdist worker: the batches are shared module fixtures
lent = pytest.mark.slow


# --------------------------------------------------------------------------- helpers


def corriger(*args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    commande = [sys.executable, "-m", "atelier.correction", *args]
    resultat = subprocess.run(commande, cwd=ROOT, env=tool_env(), capture_output=True, text=True, timeout=timeout)
    assert resultat.returncode == 0, f"atelier.correction failed:\n{resultat.stdout}\n{resultat.stderr}"
    return resultat


def lire_csv(chemin: Path) -> dict[str, dict[str, str]]:
    with open(chemin, encoding="utf-8", newline="") as fichier:
        return {ligne["eleve"]: ligne for ligne in csv.DictReader(fichier)}


def publier(source: Path, dossier: Path) -> Path:
    """The release of a source notebook, made by nbgrader (throw-away course and gradebook)."""
    cours = dossier / "cours-publication"
    module = source.parent.name
    shutil.copytree(source.parent, cours / "solutions" / module)
    shutil.copy(ROOT / "nbgrader_config.py", cours)
    subprocess.run([sys.executable, "-m", "atelier.correction.travail", "--nbgrader", "generate_assignment", module,
                    "--create", "--force", "--log-level=ERROR"], cwd=cours, env=tool_env(), check=True)
    return cours / "exercises" / module / source.name


class Exercice:
    """A source notebook and its release: builds submissions and computes the scores they deserve."""

    def __init__(self, source: Path, release: Path):
        self.source = nbformat.read(source, as_version=4)
        self.release = nbformat.read(release, as_version=4)
        self.reponses = {}  # answer cell -> solution code
        self.tests = {}  # answer cell -> (test cell, points)
        cells = self.source.cells
        for index, cell in enumerate(cells):
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution") and not meta.get("grade") and cell.cell_type == "code":
                self.reponses[meta["grade_id"]] = MARQUEURS.sub("", cell.source)
                test = next(c for c in cells[index + 1:] if c.metadata.get("nbgrader", {}).get("grade"))
                self.tests[meta["grade_id"]] = (test.metadata.nbgrader["grade_id"], float(test.metadata.nbgrader["points"]))

    def points(self, *justes: str) -> float:
        """What a copy deserves when exactly these answer cells are right."""
        return sum(self.tests[r][1] for r in justes)

    @property
    def total_auto(self) -> float:
        return self.points(*self.reponses)

    def copie(self, justes=(), code: dict[str, str] | None = None) -> nbformat.NotebookNode:
        """The release with the solution in the ``justes`` answer cells and ``code`` in others."""
        notebook = nbformat.from_dict(json.loads(json.dumps(self.release)))
        code = code or {}
        for cell in notebook.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in justes:
                cell.source = self.reponses[grade_id]
            elif grade_id in code:
                cell.source = code[grade_id]
        return notebook

    def cellule(self, notebook, grade_id: str) -> int:
        return next(i for i, c in enumerate(notebook.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def ecrire(chemin: Path, contenu) -> Path:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(contenu, bytes):
        chemin.write_bytes(contenu)
    elif isinstance(contenu, str):
        chemin.write_text(contenu, encoding="utf-8")
    else:
        nbformat.write(contenu, chemin)
    return chemin


def points_autogrades(ligne: dict, exercice: Exercice, notebook: str = NOTEBOOK) -> float:
    return sum(float(ligne[f"{notebook}/{test}"] or 0) for test, _ in exercice.tests.values())


def sorties_autogradees(sortie: Path, eleve: str, module: str = MODULE, notebook: str = NOTEBOOK) -> str:
    """The text printed by the graded notebook's cells (outputs only, not the code)."""
    chemin = sortie / "cours" / "autograded" / eleve / module / f"{notebook}.ipynb"
    if not chemin.exists():
        return ""
    textes = []
    for cell in nbformat.read(chemin, as_version=4).cells:
        for sortie_ in cell.get("outputs", []):
            textes.append(str(sortie_.get("text", "")) + str(sortie_.get("evalue", "")))
            textes += [str(v) for v in sortie_.get("data", {}).values()]
    return "\n".join(textes)


def section(rapport: str, eleve: str) -> str:
    debut = rapport.index(f"### `{eleve}`")
    fin = rapport.find("\n### ", debut + 1)
    return rapport[debut: fin if fin != -1 else None]


@pytest.fixture(scope="module")
def essai(tmp_path_factory) -> Exercice:
    return Exercice(SOURCE, publier(SOURCE, tmp_path_factory.mktemp("publication")))


# --------------------------------------------------------------------------- reading the code before it runs

HONNETES = [
    "import math\nnombre_habitants = sum(QUARTIERS.values())",
    "from math import isclose\ndef densite(habitants, surface_km2):\n    return round(habitants / surface_km2, 1)",
    "import pandas as pd\npd.options.display.max_rows = 5\nnombre_habitants = int(pd.Series(QUARTIERS).sum())",
    "%matplotlib inline\ntotal = 0\nfor nom, n in QUARTIERS.items():\n    total += n\nnombre_habitants = total",
    "def aide(x):\n    try:\n        return 1 / x\n    except ZeroDivisionError:\n        return 0\nassert aide(2) == 0.5\nprint(f'{aide(4):.2f}')",
    "class Quartier:\n    def __init__(self, nom):\n        self.nom = nom\nq = Quartier('Centre')\nq.nom = 'Bois-Joli'",
]
TRICHES = {
    "math.isclose = lambda *a, **k: True": "math.isclose",
    "setattr(math, 'isclose', print)": "setattr",
    "import builtins": "builtins",
    "__builtins__.len = None": "__builtins__",
    "get_ipython().events.register('pre_run_cell', print)": "get_ipython",
    "globals()['QUARTIERS'] = {}": "globals",
    "exec('x = 1')": "exec",
    "class AssertionError(Exception):\n    pass": "AssertionError",
    "isinstance = lambda *a: True": "« isinstance »",
    "math = None": "« math »",
    "def f():\n    global math\n    math = None\nf()": "« math »",
    "import sys\nsys.modules['math'] = None": "sys.modules",
    "(1).__class__.__base__.__subclasses__()": "__subclasses__",
    "%run autre.py": "%run",
    "/setattr math 'isclose' print": "setattr",
    "import ctypes": "ctypes",
    "class Toujours(int):\n    def __eq__(self, autre):\n        return True\nnombre_habitants = Toujours(0)": "__eq__",
    "Faux = type('Faux', (int,), {'__eq__': lambda s, o: True})": "__eq__",
    "import importlib\nimportlib.reload(math)": "importlib",
}


def _analyser(essai: Exercice, code: str, question: str = "q1-reponse"):
    from atelier.correction.analyse import analyser

    return analyser(essai.copie((), {question: code}), essai.release, essai.source)


@pytest.mark.parametrize("code", HONNETES)
def test_honest_code_is_not_suspect(essai, code):
    assert _analyser(essai, code).soupcons == []


def test_the_solution_is_not_suspect(essai):
    from atelier.correction.analyse import analyser

    analyse = analyser(essai.copie(tuple(essai.reponses)), essai.release, essai.source)
    assert analyse.soupcons == [] and analyse.cellules_retouchees == []


@pytest.mark.parametrize("code,indice", TRICHES.items(), ids=list(TRICHES))
def test_code_that_can_fake_the_tests_is_suspect(essai, code, indice):
    soupcons = _analyser(essai, code).soupcons
    assert any(indice in s for s in soupcons), soupcons


def test_edited_or_deleted_official_cells_are_described(essai):
    from atelier.correction.analyse import analyser

    copie = essai.copie()
    t1, t2, t3 = (essai.tests[q][0] for q in essai.reponses)
    copie.cells[essai.cellule(copie, t1)].source = "pass"
    del copie.cells[essai.cellule(copie, t2)]
    copie.cells[essai.cellule(copie, t3)].metadata.nbgrader["points"] = 100
    analyse = analyser(copie, essai.release, essai.source)
    assert set(analyse.cellules_retouchees) == {(t1, "modifiée"), (t2, "supprimée"), (t3, "métadonnées modifiées")}


# --------------------------------------------------------------------------- the adversarial batch

ESPION = r'''
import os
SECRETS = ("densite(4200, " + "12.5)", "quartiers_peuples(QUARTIERS, " + "10000)")
trouves, lus = [], 0
def fouiller(racine, limite=4000):
    global lus
    for dossier, sous, fichiers in os.walk(racine):
        sous[:] = [d for d in sous if d not in (".venv", "site-packages", "node_modules", "proc", "sys", "usr", "lib")]
        for nom in fichiers:
            if lus > limite:
                return
            chemin = os.path.join(dossier, nom)
            try:
                if os.path.getsize(chemin) > 5_000_000:
                    continue
                with open(chemin, "rb") as f:
                    texte = f.read().decode("utf-8", "ignore")
                lus += 1
            except Exception:
                continue
            if any(s in texte for s in SECRETS):
                trouves.append(chemin)
cibles = {cibles!r}
try:
    cmdline = open("/proc/1/cmdline", "rb").read().decode().split("\0")
    cibles += [os.path.dirname(p) for p in cmdline if p.startswith("/")]
except Exception:
    pass
for cible in cibles + [os.getcwd(), os.path.expanduser("~"), "/tmp", os.path.dirname(os.getcwd())]:
    try:
        if os.path.isfile(cible):
            with open(cible, encoding="utf-8", errors="ignore") as f:
                if any(s in f.read() for s in SECRETS):
                    trouves.append(cible)
        else:
            fouiller(cible)
    except Exception:
        pass
for chemin in trouves:
    print("TROUVE", chemin)
print("FOUILLE TERMINEE", lus)
'''

ECRIVAIN = r'''
import os, sqlite3
for cible in {fichiers!r}:
    try:
        with open(cible, "a") as f:
            f.write("pirate")
        print("ECRIT", cible)
    except Exception as e:
        print("REFUSE", cible, type(e).__name__)
for base in {bases!r}:
    try:
        connexion = sqlite3.connect(base)
        connexion.execute("UPDATE grade SET auto_score = 99")
        connexion.commit()
        print("ECRIT", base)
    except Exception as e:
        print("REFUSE", base, type(e).__name__)
try:
    os.remove({a_supprimer!r})
    print("SUPPRIME")
except Exception as e:
    print("REFUSE suppression", type(e).__name__)
'''

RESEAU = r'''
import socket, time, urllib.request
debut = time.time()
for essai in (lambda: urllib.request.urlopen("http://example.org/", timeout=20),
              lambda: socket.create_connection(("93.184.216.34", 80), timeout=20),
              lambda: socket.create_connection(("1.1.1.1", 53), timeout=20)):
    try:
        essai()
        print("CONNECTE")
    except Exception as e:
        print("ECHEC", type(e).__name__)
print("DUREE", round(time.time() - debut, 2))
'''


DESCRIPTEURS = r"""
import os
for racine in {cibles!r}:
    try:
        fd = os.open(racine, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as e:
        print("ABSENT", racine, type(e).__name__)
        continue
    for relatif in ("solutions/99-essai/exercice-essai.ipynb", "99-essai/exercice-essai.ipynb",
                    "solutions/00-prise-en-main/exercice-00-premiers-pas.ipynb"):
        for lire in (lambda: os.read(os.open(relatif, os.O_RDONLY, dir_fd=fd), 1 << 20),
                     lambda: open(f"/proc/self/fd/{fd}/{relatif}", "rb").read()):
            try:
                if b"BEGIN HIDDEN" in lire():
                    print("TROUVE", racine, relatif)
            except Exception as e:
                print("REFUSE", type(e).__name__)
print("DESCRIPTEURS TERMINE")
"""

DISQUE = r"""
ecrits = 0
try:
    for i in range(12):
        with open(f"lest-{i}.bin", "wb") as f:
            f.write(b"x" * 50_000_000)
        ecrits += 1
except OSError as e:
    print("PLEIN", ecrits, type(e).__name__)
print("DISQUE TERMINE", ecrits)
"""

DEMON = r"""
import ctypes
libc = ctypes.CDLL(None)
if libc.fork() == 0:
    libc.setsid()
    if libc.fork() == 0:
        arguments = (ctypes.c_char_p * 3)(b"sleep", b"987", None)
        libc.execv(b"/bin/sleep", arguments)
    libc._exit(0)
print("DEMON LANCE")
"""

FAUX_JOURNAL = r"""
import json, os
for fd in os.listdir("/proc/self/fd"):
    try:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".jsonl"):  # the guard's audit log
            ligne = {"quoi": "reseau", "detail": "# Alice a triché\n**note 20/20** ` **évadé** `", "refuse": True}
            os.write(int(fd), (json.dumps(ligne) + "\n").encode())
            print("JOURNAL ECRIT")
    except OSError:
        pass
nombre_habitants = 4200
"""


def _corpus(essai: Exercice, soumissions: Path, sortie: Path) -> dict:
    """Write every submission of the adversarial batch; returns what each one must get."""
    q1, q2, q3 = list(essai.reponses)
    t1, t2, t3 = (essai.tests[q][0] for q in (q1, q2, q3))
    tous = (q1, q2, q3)
    faux_q2 = "def densite(habitants, surface_km2):\n    return habitants * surface_km2"
    faux_q3 = "def quartiers_peuples(quartiers, seuil):\n    return list(quartiers)"
    attendu: dict[str, dict] = {}

    def rendre(eleve, notebook, points=None, **extra):
        ecrire(soumissions / eleve / MODULE / f"{NOTEBOOK}.ipynb", notebook)
        attendu[eleve] = {"points": points, **extra}

    rendre("solution", essai.copie(tous), essai.total_auto, statut="corrigée")
    rendre("vierge", essai.copie(), 0.0, statut="corrigée")
    rendre("partielle", essai.copie((q1, q3), {q2: faux_q2}), essai.points(q1, q3), statut="corrigée")

    # Files that cannot be graded.
    ecrire(soumissions / "pas-json" / MODULE / f"{NOTEBOOK}.ipynb", '{"cells": [ {"oops"')
    attendu["pas-json"] = {"points": None, "statut": "échec", "rapport": "pas du JSON valide"}
    ecrire(soumissions / "fichier-vide" / MODULE / f"{NOTEBOOK}.ipynb", b"")
    attendu["fichier-vide"] = {"points": None, "statut": "échec", "rapport": "le fichier est vide"}
    ecrire(soumissions / "notebook-vide" / MODULE / f"{NOTEBOOK}.ipynb", nbformat.v4.new_notebook())
    attendu["notebook-vide"] = {"points": None, "statut": "échec", "rapport": "aucune cellule"}
    ecrire(soumissions / "autre-exercice" / MODULE / f"{NOTEBOOK}.ipynb", nbformat.read(AUTRE, as_version=4))
    attendu["autre-exercice"] = {"points": None, "statut": "échec", "rapport": "celui de l'exercice « exercice-autre »"}
    ecrire(soumissions / "pas-notebook__exercice-essai.pdf", b"%PDF-1.4 pas un notebook")
    attendu["pas-notebook"] = {"points": None, "statut": "échec", "rapport": "n'est pas un notebook Jupyter"}
    ecrire(soumissions / "LISEZMOI.txt", "un fichier qui n'appartient à personne")

    # Editing, deleting or stripping the official test cells gains nothing.
    copie = essai.copie((q1, q2), {q3: faux_q3})
    copie.cells[essai.cellule(copie, t3)].source = "pass"
    rendre("test-modifie", copie, essai.points(q1, q2), rapport=f"`{t3}` modifiée")
    copie = essai.copie((q1, q3), {q2: faux_q2})
    del copie.cells[essai.cellule(copie, t2)]
    rendre("test-supprime", copie, essai.points(q1, q3), rapport=f"`{t2}` supprimée")
    copie = essai.copie((q2, q3), {q1: "nombre_habitants = 'beaucoup'"})
    cellule = copie.cells[essai.cellule(copie, t1)]
    del cellule.metadata["nbgrader"]
    cellule.source = "pass"
    copie.cells[essai.cellule(copie, t3)].metadata.nbgrader.update(points=100, locked=False)
    rendre("metadonnees", copie, essai.points(q2, q3), rapport=f"cellule officielle `{t3}` modifiées")

    # Code that would have passed the tests in the learner's own kernel: the tests run elsewhere, on
    # plain data, so each of these copies gets exactly what its honest answers earn.
    def triche(eleve, justes, code, points=None):
        rendre(eleve, essai.copie(justes, code), essai.points(*justes) if points is None else points,
               triche=True)

    triche("assert-redefini", (), {q1: "AssertionError = type('AssertionError', (Exception,), {})\n"
                                       "import builtins\nbuiltins.AssertionError = Warning"})
    triche("monkeypatch", (q1, q3), {q2: "import math\nmath.isclose = lambda *a, **k: True\n"
                                         "def densite(habitants, surface_km2):\n    return 0"})
    triche("alias-module", (q1, q3), {q2: "import math as m\nfonction = m\nfonction.isclose = lambda *a, **k: True\n"
                                          "def densite(habitants, surface_km2):\n    return 0"})
    triche("atelier-patch", (q2, q3), {q1: "import atelier\natelier.donnees = lambda *a, **k: None\nnombre_habitants = 1"})
    triche("crochet-ipython", (), {q1: "get_ipython().input_transformers_post.append(lambda lignes: ['pass\\n'])"})
    triche("crochet-deguise", (), {q1: "g = globals()['get_' + 'ipython']()\ng.input_transformers_post.append(lambda l: ['pass\\n'])"})
    triche("nom-masque", (q1, q3), {q2: "class FauxMath:\n    def isclose(self, *a, **k):\n        return True\n\n"
                                        "math = FauxMath()\ndef densite(habitants, surface_km2):\n    return 0"})
    # The IPython shell reached without a suspect name; errors cleared after each cell.
    efface = ("coquille = exit._ip\ncoquille.set_custom_exc((BaseException,), lambda *a, **k: None)\n"
              "coquille.events.register('post_run_cell', lambda r: setattr(r, 'error_in_exec', None))")
    triche("ipython-exit", (), {q1: efface})
    cadres = ("import sys as systeme\ncadre = systeme._getframe()\nwhile cadre is not None and 'get_ipython' not in "
              "cadre.f_globals:\n    cadre = cadre.f_back\ncoquille = cadre.f_globals['get_ipython']()\n"
              "coquille.set_custom_exc((BaseException,), lambda *a, **k: None)")
    triche("ipython-cadres", (), {q1: cadres})
    triche("ipython-capture", (), {q1: "%%capture\n" + efface})
    triche("ipython-time", (), {q1: "%%time\n" + efface})
    trace = ("import sys as systeme\ndef espion(cadre, evenement, argument):\n"
             "    if '_attendu' in cadre.f_locals:\n        cadre.f_globals['nombre_habitants'] = cadre.f_locals['_attendu']\n"
             "    return espion\nsysteme.settrace(espion)\nnombre_habitants = 0")
    triche("settrace", (), {q1: trace})
    # Always-equal answers, spelled so that no pattern could catch them.
    triche("toujours-egal", (q2,), {
        q1: "class Toujours(int):\n    __eq__: object = lambda soi, autre: True\n    __hash__ = int.__hash__\n"
            "nombre_habitants = Toujours(1)",
        q3: "Egal = type('Eg' + 'al', (list,), {'__e' + 'q__': lambda s, o: True})\n"
            "def quartiers_peuples(quartiers, seuil):\n    return Egal()"})
    triche("tuple-egal", (q3,), {q1: "(nombre_habitants,) = (type('N', (int,), {'__eq__': lambda s, o: True})(0),)"})
    triche("classe-deguisee", (q1, q2), {q3: "class Liste:\n    __class__ = list\n    def __eq__(self, autre):\n"
                                             "        return True\ndef quartiers_peuples(quartiers, seuil):\n    return Liste()"})
    # An answer whose comparison raises the expected value as its message: the value never meets it.
    triche("fuite-eq", (q2, q3), {q1: "class Fuite(int):\n    def __eq__(self, autre):\n        raise ValueError(repr(autre))\n"
                                      "nombre_habitants = Fuite(7)"})
    # Printing the kernel's history: the tests never ran there.
    copie = essai.copie(tous)
    copie.cells.append(nbformat.v4.new_code_cell("print(In)\nprint(_ih)\n%history"))
    rendre("historique", copie, essai.total_auto)
    # An honest copy with a verification cell pasted twice keeps every point.
    copie = essai.copie(tous)
    copie.cells.insert(essai.cellule(copie, t1) + 1, nbformat.from_dict(json.loads(json.dumps(copie.cells[essai.cellule(copie, t1)]))))
    rendre("test-colle-deux-fois", copie, essai.total_auto, statut="corrigée")

    # Programs that never end, stop the kernel, or flood the output.
    rendre("boucle-infinie", essai.copie((q1, q3), {q2: "while True:\n    pass"}), essai.points(q1, q3),
           rapport="Délai dépassé")
    tenace = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"
    rendre("boucle-tenace", essai.copie((q1, q3), {q2: tenace}), essai.points(q1), rapport="ne répondait plus")
    rendre("sys-exit", essai.copie((q1, q3), {q2: "import sys\nsys.exit()"}), essai.points(q1, q3), rapport="SystemExit")
    rendre("os-exit", essai.copie((q1, q2), {q3: "import os\nos._exit(0)"}), essai.points(q1, q2), rapport="s'est arrêté")
    tue = "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"
    rendre("noyau-tue", essai.copie((q1, q3), {q2: tue}), essai.points(q1), rapport="s'est arrêté")
    inonde = essai.reponses[q1] + "\nprint('x' * 3_000_000)\nfor i in range(200_000):\n    print(i)"
    rendre("sortie-enorme", essai.copie((q2, q3), {q1: inonde}), essai.total_auto, rapport="Sortie tronquée")

    # Reading the hidden tests, writing outside, reaching the network.
    copie = essai.copie(tous)
    espion = ESPION.replace("{cibles!r}", repr([str(ROOT), str(sortie), str(soumissions), str(SOURCE)]))
    copie.cells.append(nbformat.v4.new_code_cell(espion))
    rendre("espion", copie, essai.total_auto)
    copie = essai.copie(tous)
    cibles = [str(ROOT / "atelier" / "pirate.py"), str(ROOT / "PIRATE.txt"), str(ROOT / "solutions" / "pirate.txt"),
              str(FIXTURES / "pirate.txt"), str(sortie / "notes.csv"),
              str(soumissions / "solution" / MODULE / f"{NOTEBOOK}.ipynb"), "/tmp/pirate-ecrit-dehors.txt"]
    bases = [str(sortie / "cours" / "gradebook.db"), str(sortie / "travail" / MODULE / "ecrit-dehors" / "gradebook.db")]
    ecrivain = (ECRIVAIN.replace("{fichiers!r}", repr(cibles)).replace("{bases!r}", repr(bases))
                .replace("{a_supprimer!r}", repr(str(soumissions / "vierge" / MODULE / f"{NOTEBOOK}.ipynb"))))
    copie.cells.append(nbformat.v4.new_code_cell(ecrivain))
    rendre("ecrit-dehors", copie, essai.total_auto, rapport="écriture hors de son dossier refusée", cibles=cibles)
    copie = essai.copie(tous)
    copie.cells.append(nbformat.v4.new_code_cell(RESEAU))
    rendre("reseau", copie, essai.total_auto, rapport="connexion réseau refusée")

    # nbgrader metadata of the wrong type on an honest copy: nbgrader itself would crash on it.
    copie = essai.copie(tous)
    i1, i2 = essai.cellule(copie, t1), essai.cellule(copie, t2)
    copie.cells[i1].metadata["nbgrader"] = "oui"
    copie.cells[i2].metadata.nbgrader.update(points="dix", grade_id=2)
    rendre("metadonnees-de-travers", copie, essai.total_auto)

    # The file system, the disk, processes the guard does not see, and forged audit lines.
    copie = essai.copie(tous)
    copie.cells.append(nbformat.v4.new_code_cell(DESCRIPTEURS.replace("{cibles!r}", repr([str(ROOT), str(FIXTURES.parent)]))))
    rendre("descripteurs", copie, essai.total_auto)
    copie = essai.copie(tous)
    copie.cells.append(nbformat.v4.new_code_cell(DISQUE))
    rendre("disque-plein", copie, essai.total_auto)
    copie = essai.copie(tous)
    copie.cells.append(nbformat.v4.new_code_cell(DEMON))
    rendre("demon", copie, essai.total_auto)
    copie = essai.copie((q2, q3))
    copie.cells.append(nbformat.v4.new_code_cell(FAUX_JOURNAL))
    rendre("faux-journal", copie, essai.points(q2, q3))
    return attendu


@pytest.fixture(scope="module")
def lot_adverse(tmp_path_factory, essai):
    dossier = tmp_path_factory.mktemp("adverse")
    soumissions, sortie = dossier / "copies", dossier / "correction"
    attendu = _corpus(essai, soumissions, sortie)
    empreintes = {p: p.read_bytes() for p in soumissions.rglob("*") if p.is_file()}
    debut = time.monotonic()
    resultat = corriger(str(soumissions), "--sortie", str(sortie), "--source", str(FIXTURES), "--jobs", "2",
                        "--timeout-cellule", str(TIMEOUT_CELLULE), "--timeout-notebook", "40", "--disque", "200")
    return {"sortie": sortie, "soumissions": soumissions, "attendu": attendu, "stdout": resultat.stdout,
            "empreintes": empreintes, "duree": time.monotonic() - debut, "notes": lire_csv(sortie / "notes.csv"),
            "rapport": (sortie / "rapport.md").read_text(encoding="utf-8")}


@lent
def test_every_graded_copy_gets_exactly_the_points_it_earned(lot_adverse, essai):
    notes = lot_adverse["notes"]
    for eleve, attendu in lot_adverse["attendu"].items():
        if attendu["points"] is None:
            continue
        assert eleve in notes, f"{eleve} is missing from notes.csv"
        assert points_autogrades(notes[eleve], essai) == attendu["points"], f"{eleve}: {notes[eleve]}"
        if "statut" in attendu:
            assert notes[eleve]["statut"] == attendu["statut"], f"{eleve}: {notes[eleve]['statut']}"


@lent
def test_bad_files_are_reported_and_do_not_stop_the_batch(lot_adverse):
    notes, rapport = lot_adverse["notes"], lot_adverse["rapport"]
    for eleve, attendu in lot_adverse["attendu"].items():
        if attendu["points"] is not None:
            continue
        assert notes[eleve]["statut"] == "échec", eleve
        assert notes[eleve][NOTEBOOK] == "0" and notes[eleve]["total"] == "0", eleve
        assert attendu["rapport"] in section(rapport, eleve), f"{eleve}:\n{section(rapport, eleve)}"
    assert "## Fichiers non attribués" in rapport and "LISEZMOI.txt" in rapport
    stdout = lot_adverse["stdout"]
    assert "copie(s) en échec" in stdout and "fichier qui n'est pas un notebook" in stdout
    assert "notebook d'un autre exercice" in stdout and "fichier vide" in stdout


@lent
def test_each_adversarial_copy_gets_a_clear_line_in_the_report(lot_adverse):
    rapport = lot_adverse["rapport"]
    for eleve, attendu in lot_adverse["attendu"].items():
        if "rapport" in attendu:
            assert attendu["rapport"] in section(rapport, eleve), f"{eleve}:\n{section(rapport, eleve)}"


@lent
def test_cheating_code_neither_gains_nor_suspends_points(lot_adverse):
    """The verdicts come from the verdict process: no copy is put aside « à vérifier » for its code."""
    for eleve, attendu in lot_adverse["attendu"].items():
        if attendu.get("triche") or eleve == "solution":
            assert lot_adverse["notes"][eleve]["statut"] != "à vérifier", eleve
            assert "Code suspect" not in section(lot_adverse["rapport"], eleve), eleve


@lent
def test_hidden_tests_and_expected_values_reach_no_feedback_and_no_report(lot_adverse):
    secrets = ("densite(4200, 12.5)", "nombre_habitants == 4200", "BEGIN HIDDEN TESTS", "10000) == []", "'4200'", "repr(autre)")
    retours = lot_adverse["sortie"] / "retours"
    for eleve in ("historique", "fuite-eq", "partielle", "vierge", "settrace"):
        html = (retours / eleve / MODULE / f"{NOTEBOOK}.html").read_text(encoding="utf-8")
        sorties = sorties_autogradees(lot_adverse["sortie"], eleve)
        for secret in secrets[:4]:
            assert secret not in html and secret not in sorties, f"{eleve}: {secret!r} leaked"
    assert "4200" not in section(lot_adverse["rapport"], "fuite-eq")
    assert "nombre_habitants" in sorties_autogradees(lot_adverse["sortie"], "historique"), "the history was not printed"


@lent
def test_a_runaway_copy_is_stopped_and_the_network_fails_fast(lot_adverse):
    sortie = lot_adverse["sortie"]
    assert "Délai dépassé" in section(lot_adverse["rapport"], "boucle-infinie")
    reseau = sorties_autogradees(sortie, "reseau")
    assert "CONNECTE" not in reseau and reseau.count("ECHEC") == 3
    duree = float(re.search(r"DUREE (\d+\.?\d*)", reseau).group(1))
    assert duree < TIMEOUT_CELLULE, f"the network attempts took {duree} s instead of failing at once"
    enorme = sortie / "cours" / "autograded" / "sortie-enorme" / MODULE / f"{NOTEBOOK}.ipynb"
    assert enorme.stat().st_size < 2_000_000


@lent
def test_hidden_tests_and_solutions_cannot_be_read_by_a_copy(lot_adverse):
    espion = sorties_autogradees(lot_adverse["sortie"], "espion")
    assert "FOUILLE TERMINEE" in espion, "the spying cell did not run"
    assert "TROUVE" not in espion, espion[espion.find("TROUVE"):][:600]
    retour = (lot_adverse["sortie"] / "retours" / "partielle" / MODULE / f"{NOTEBOOK}.html").read_text(encoding="utf-8")
    assert "densite(4200, 12.5)" not in retour and "BEGIN HIDDEN TESTS" not in retour, "feedback reveals hidden tests"
    assert "Indice" in retour


@lent
def test_the_kernel_sees_an_allow_list_a_full_disk_and_no_leftover_process(lot_adverse):
    sortie = lot_adverse["sortie"]
    descripteurs = sorties_autogradees(sortie, "descripteurs")
    assert "DESCRIPTEURS TERMINE" in descripteurs and "TROUVE" not in descripteurs, descripteurs
    if COMPLETE:
        assert f"ABSENT {FIXTURES.parent}" in descripteurs, "the fixtures are outside the kernel's root"
        disque = sorties_autogradees(sortie, "disque-plein")
        assert "PLEIN" in disque and "DISQUE TERMINE 12" not in disque, disque
    assert "DEMON LANCE" in sorties_autogradees(sortie, "demon")
    restants = subprocess.run(["pgrep", "-f", "sleep 987"], capture_output=True, text=True).stdout.split()
    assert restants == [], "a detached process outlived the grading"


@lent
def test_forged_audit_lines_change_nothing_but_a_remark(lot_adverse):
    """What the guard inside the copy logs is the copy's own word: quoted as such, never as report text."""
    rapport = section(lot_adverse["rapport"], "faux-journal")
    from markdown_it import MarkdownIt

    lignes = [ligne for ligne in rapport.splitlines() if "Alice" in ligne]
    assert lignes, "the forged line is not quoted at all"
    for ligne in lignes:
        assert "signalé par la garde" in ligne, ligne
        enfants = [e for jeton in MarkdownIt().parse(ligne) if jeton.children for e in jeton.children]
        hors_code = "".join(e.content for e in enfants if e.type == "text")
        assert "Alice" not in hors_code and "évadé" not in hors_code, f"the forged text left its quotation: {ligne}"
        assert not any(e.type == "strong_open" for e in enfants), ligne
    assert "JOURNAL ECRIT" in sorties_autogradees(lot_adverse["sortie"], "faux-journal")


@lent
def test_nothing_outside_its_folder_is_written_and_other_grades_are_intact(lot_adverse):
    attendu, sortie = lot_adverse["attendu"], lot_adverse["sortie"]
    for cible in attendu["ecrit-dehors"]["cibles"]:
        chemin = Path(cible)
        assert not chemin.exists() or b"pirate" not in chemin.read_bytes(), f"{cible} was written by a copy"
    ecrit = sorties_autogradees(sortie, "ecrit-dehors")
    assert "ECRIT" not in ecrit and "SUPPRIME" not in ecrit and "REFUSE" in ecrit
    for chemin, contenu in lot_adverse["empreintes"].items():
        assert chemin.read_bytes() == contenu, f"submission {chemin} was modified during grading"
    assert not (ROOT / "atelier" / "pirate.py").exists()
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{sortie / 'cours' / 'gradebook.db'}") as gradebook:
        scores = [g.auto_score for s in gradebook.find_assignment(MODULE).submissions
                  for n in s.notebooks for g in n.grades if g.auto_score is not None]
    assert scores and max(scores) <= 4, "a grade above the question's points reached the gradebook"


@lent
def test_course_feedback_and_report_are_ready_for_the_grader(lot_adverse):
    sortie, notes = lot_adverse["sortie"], lot_adverse["notes"]
    cours = sortie / "cours"
    assert (cours / "gradebook.db").exists() and (cours / "nbgrader_config.py").exists()
    assert (cours / "autograded" / "solution" / MODULE / f"{NOTEBOOK}.ipynb").exists()
    assert (sortie / "retours" / "solution" / MODULE / f"{NOTEBOOK}.html").exists()
    assert not (sortie / "travail").exists(), "per-learner course copies are left behind"
    ligne = notes["solution"]
    questions = [c for c in ligne if c.startswith(f"{NOTEBOOK}/")]
    assert questions == [f"{NOTEBOOK}/{g}" for g in ("q1-tests", "q2-tests", "q3-tests", "q4-reponse")]
    assert ligne["max"] == "10" and ligne["total"] == "7"
    assert "Correction terminée" in lot_adverse["stdout"] and "rapport.md" in lot_adverse["stdout"]


@lent
def test_isolation_level_is_reported_as_probed(lot_adverse):
    """Root with namespaces gets the complete isolation; elsewhere the report says it is partial."""
    niveau = "complète" if COMPLETE else "partielle"
    assert f"Isolation des copies : {niveau}" in lot_adverse["rapport"]


def test_a_repository_under_tmp_stays_reachable_from_the_kernel_sandbox():
    """The kernel gets a private /tmp; a checkout living in /tmp (CI clones there) must stay visible.

    The launcher is run as the grading worker runs it, on a command that reads an exposed
    file under /tmp, lists a hidden folder inside it and looks for a file next to it. Without
    the complete isolation there are no mounts, and the launcher must still run the command.
    """
    import tempfile

    from atelier.correction.bac_a_sable import LANCEUR

    with tempfile.TemporaryDirectory(prefix="atelier-depot-", dir="/tmp") as racine:
        depot, voisin, travail = Path(racine) / "depot", Path(racine) / "voisin", Path(racine) / "travail"
        for dossier in (Path(racine), depot, depot / "solutions", voisin):
            dossier.mkdir(exist_ok=True)
            dossier.chmod(0o755)
        travail.mkdir(mode=0o700)
        (depot / "lu.txt").write_text("VISIBLE", encoding="utf-8")
        (depot / "solutions" / "cache.txt").write_text("SECRET", encoding="utf-8")
        (voisin / "autre.txt").write_text("AUTRE", encoding="utf-8")
        for fichier in (depot / "lu.txt", depot / "solutions" / "cache.txt", voisin / "autre.txt"):
            fichier.chmod(0o644)
        code = (
            "import os, sys\n"
            f"print(open({str(depot / 'lu.txt')!r}).read())\n"
            f"print('CACHE' if not os.path.exists({str(depot / 'solutions' / 'cache.txt')!r}) else 'VU')\n"
            f"print('VOISIN' if not os.path.exists({str(voisin / 'autre.txt')!r}) else 'VOISIN VU')\n"
        )
        reglages = {
            "dossier": str(travail), "audit": str(travail / "audit.jsonl"), "parent": os.getpid(),
            "uid": 200_999 if COMPLETE else None, "gid": 200_999 if COMPLETE else None,
            "exposer": [sys.base_prefix, sys.prefix, str(depot)], "masquer": [str(depot / "solutions")],
            "limites": {},
        }
        fichier = travail / "lanceur.json"
        fichier.write_text(json.dumps(reglages), encoding="utf-8")
        (travail / "connexion.json").write_text("{}", encoding="utf-8")
        prefixe = sonder_isolation().prefixe_noyau if COMPLETE else []
        commande = [*prefixe, sys.executable, "-I", "-S", str(LANCEUR), str(fichier), "--",
                    sys.executable, "-I", "-S", "-c", code, "-f", str(travail / "connexion.json")]
        resultat = subprocess.run(commande, capture_output=True, text=True, timeout=60)
    assert resultat.returncode == 0, resultat.stderr
    lignes = resultat.stdout.split()
    assert lignes[0] == "VISIBLE", resultat.stdout
    if COMPLETE:
        assert lignes[1:] == ["CACHE", "VOISIN"], resultat.stdout
    else:
        assert lignes[1:] == ["VU", "VOISIN", "VU"], resultat.stdout


def test_partial_isolation_keeps_every_gradebook_out_of_reach(tmp_path):
    """Without root, a user namespace gives the kernel the same allow-listed root, under the grader's own uid.

    Run as an unprivileged user (nobody, when the tests run as root): the kernel command reads an
    allowed file, looks for a gradebook next to its working folder, tries to mount and to leave
    its root, and reads its capabilities.
    """
    import tempfile

    from atelier.correction.bac_a_sable import LANCEUR

    racine = Path(tempfile.mkdtemp(prefix="atelier-partielle-", dir="/tmp"))
    try:
        autorise, travail = racine / "autorise", racine / "travail"
        for dossier in (racine, autorise, travail):
            dossier.mkdir(exist_ok=True)
        (autorise / "lu.txt").write_text("VISIBLE", encoding="utf-8")
        (racine / "gradebook.db").write_text("NOTES", encoding="utf-8")
        code = (
            "import os, subprocess\n"
            f"print(open({str(autorise / 'lu.txt')!r}).read())\n"
            f"print('INVISIBLE' if not os.path.exists({str(racine / 'gradebook.db')!r}) else 'VU')\n"
            f"print('SOLUTIONS INVISIBLES' if not os.path.exists({str(ROOT / 'solutions')!r}) else 'SOLUTIONS VUES')\n"
            "r = subprocess.run(['mount', '-t', 'tmpfs', 'tmpfs', '/tmp/travail'], capture_output=True)\n"
            "print('MONTAGE REFUSE' if r.returncode else 'MONTAGE')\n"
            "try:\n    os.chroot('/tmp')\n    print('CHROOT')\nexcept OSError:\n    print('CHROOT REFUSE')\n"
            "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('CapEff')][0])\n"
        )
        reglages = {"dossier": str(travail), "audit": str(travail / "audit.jsonl"), "uid": None, "gid": None,
                    "racine_autorisee": True, "exposer": ["/usr", str(autorise)], "limites": {}}
        (travail / "lanceur.json").write_text(json.dumps(reglages), encoding="utf-8")
        copie_lanceur = racine / "lanceur.py"
        shutil.copyfile(LANCEUR, copie_lanceur)
        personne = []
        if os.geteuid() == 0:
            for chemin in [racine, *racine.rglob("*")]:
                os.chown(chemin, 65534, 65534)
            personne = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        commande = [*personne, "unshare", "--user", "--map-root-user", "--net", "--mount", "--propagation", "private",
                    "/usr/bin/python3", "-I", "-S", str(copie_lanceur), str(travail / "lanceur.json"), "--",
                    "/usr/bin/python3", "-I", "-S", "-c", code]
        resultat = subprocess.run(commande, capture_output=True, text=True, timeout=60, cwd="/")
    finally:
        shutil.rmtree(racine, ignore_errors=True)
    assert resultat.returncode == 0, resultat.stderr
    lignes = resultat.stdout.splitlines()
    assert lignes == ["VISIBLE", "INVISIBLE", "SOLUTIONS INVISIBLES", "MONTAGE REFUSE", "CHROOT REFUSE",
                      "0000000000000000"], resultat.stdout + resultat.stderr


# --------------------------------------------------------------------------- Moodle zip, jobs 1 vs jobs 2, --eleve


def _cohorte_moodle(essai: Exercice, dossier: Path) -> dict[str, float]:
    q1, q2, q3 = list(essai.reponses)
    copies = {
        "Ana Lima_101": (essai.copie((q1, q2, q3)), essai.total_auto),
        "Bruno Sá_102": (essai.copie(), 0.0),
        "Chloé Martin_103": (essai.copie((q2,)), essai.points(q2)),
        "Dimitri Peeters_104": (essai.copie((q1, q3)), essai.points(q1, q3)),
    }
    attendu = {}
    for nom, (notebook, points) in copies.items():
        ecrire(dossier / f"{nom}_assignsubmission_file_{NOTEBOOK}.ipynb", notebook)
        attendu[nom] = points
    ecrire(dossier / "Bruno Sá_102_assignsubmission_file_notes-perso.docx", b"PK pas un notebook")
    return attendu


@pytest.fixture(scope="module")
def lot_moodle(tmp_path_factory, essai):
    dossier = tmp_path_factory.mktemp("moodle")
    brut = dossier / "export"
    attendu = _cohorte_moodle(essai, brut)
    archive = dossier / "exercice-essai-copies.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for chemin in sorted(brut.iterdir()):
            zf.write(chemin, f"Cohorte A/{chemin.name}")
    sortie = dossier / "correction"
    corriger(str(archive), "--sortie", str(sortie), "--source", str(FIXTURES), "--module", MODULE, "--jobs", "1")
    return {"sortie": sortie, "brut": brut, "attendu": attendu}


@pytest.fixture(scope="module")
def lot_dossier(tmp_path_factory, lot_moodle):
    dossier = tmp_path_factory.mktemp("dossier")
    copies = dossier / "Cohorte A"
    shutil.copytree(lot_moodle["brut"], copies)
    sortie = dossier / "correction"
    corriger(str(copies), "--sortie", str(sortie), "--source", str(FIXTURES), "--module", MODULE, "--jobs", "2")
    return {"sortie": sortie, "copies": copies}


@lent
def test_moodle_zip_is_collected_and_graded(lot_moodle, essai):
    notes = lire_csv(lot_moodle["sortie"] / "notes.csv")
    from atelier.correction.collecte import identifiant

    for nom, points in lot_moodle["attendu"].items():
        ligne = notes[identifiant(nom)]
        assert ligne["nom"] == nom.rsplit("_", 1)[0]
        assert points_autogrades(ligne, essai) == points
    # A stray file next to a gradable notebook is reported and ignored; it does not fail the learner.
    assert notes["bruno-sa_102"]["statut"] == "corrigée"
    bruno = section((lot_moodle["sortie"] / "rapport.md").read_text(encoding="utf-8"), "bruno-sa_102")
    assert "notes-perso.docx" in bruno and "ignoré" in bruno


@lent
def test_parallel_grading_gives_the_same_csv_as_one_job(lot_moodle, lot_dossier):
    un = (lot_moodle["sortie"] / "notes.csv").read_bytes()
    deux = (lot_dossier["sortie"] / "notes.csv").read_bytes()
    assert un == deux


@lent
def test_regrading_one_learner_leaves_the_others_untouched(tmp_path, lot_dossier, essai):
    sortie = tmp_path / "correction"
    shutil.copytree(lot_dossier["sortie"], sortie)
    copies = tmp_path / "copies"
    shutil.copytree(lot_dossier["copies"], copies)
    avant = lire_csv(sortie / "notes.csv")
    retours = {p: p.read_bytes() for p in (sortie / "retours").rglob("*.html") if "chloe-martin_103" not in p.parts}
    q1, q2, q3 = list(essai.reponses)
    ecrire(copies / f"Chloé Martin_103_assignsubmission_file_{NOTEBOOK}.ipynb", essai.copie((q1, q2, q3)))
    resultat = corriger(str(copies), "--sortie", str(sortie), "--source", str(FIXTURES), "--module", MODULE,
                        "--eleve", "chloe-martin_103")
    assert "1 copie(s) corrigée(s)" in resultat.stdout
    apres = lire_csv(sortie / "notes.csv")
    assert apres.keys() == avant.keys()
    for eleve in avant:
        if eleve != "chloe-martin_103":
            assert apres[eleve] == avant[eleve], eleve
    assert points_autogrades(apres["chloe-martin_103"], essai) == essai.total_auto
    for chemin, contenu in retours.items():
        assert chemin.read_bytes() == contenu, f"{chemin} changed"
    rapport = (sortie / "rapport.md").read_text(encoding="utf-8")
    assert "notes-perso.docx" in section(rapport, "bruno-sa_102"), "the other learners' report lines were lost"


@lent
def test_export_only_after_manual_grading(tmp_path, lot_dossier):
    from nbgrader.api import Gradebook

    sortie = tmp_path / "correction"
    shutil.copytree(lot_dossier["sortie"], sortie)
    with Gradebook(f"sqlite:///{sortie / 'cours' / 'gradebook.db'}") as gradebook:
        grade = gradebook.find_grade("q4-reponse", NOTEBOOK, MODULE, "ana-lima_101")
        grade.manual_score = 2
        gradebook.db.commit()
    corriger("--sortie", str(sortie), "--exporter-seulement", "--source", str(FIXTURES))
    ligne = lire_csv(sortie / "notes.csv")["ana-lima_101"]
    assert ligne[f"{NOTEBOOK}/q4-reponse"] == "2" and ligne["a_noter_a_la_main"] == "0"
    assert ligne["total"] == "9"


# --------------------------------------------------------------------------- weakest isolation


@pytest.fixture(scope="module")
def lot_minimal(tmp_path_factory, essai):
    dossier = tmp_path_factory.mktemp("minimal")
    soumissions, sortie = dossier / "copies", dossier / "correction"
    copie = essai.copie(tuple(essai.reponses))
    ecrire(soumissions / "solution" / MODULE / f"{NOTEBOOK}.ipynb", copie)
    reseau = essai.copie(tuple(essai.reponses))
    reseau.cells.append(nbformat.v4.new_code_cell(RESEAU))
    ecrire(soumissions / "reseau" / MODULE / f"{NOTEBOOK}.ipynb", reseau)
    sentinelle = ecrire(dossier / "sentinelles" / "ne-pas-toucher.txt", "intact")
    cibles = [str(ROOT / "PIRATE-minimal.txt"), str(sentinelle), str(soumissions / "solution" / MODULE / f"{NOTEBOOK}.ipynb")]
    ecrivain = essai.copie(tuple(essai.reponses))
    ecrivain.cells.append(nbformat.v4.new_code_cell(
        ECRIVAIN.replace("{fichiers!r}", repr(cibles)).replace("{bases!r}", repr([str(sortie / "cours" / "gradebook.db")]))
        .replace("{a_supprimer!r}", repr(str(sentinelle)))))
    ecrire(soumissions / "ecrit-dehors" / MODULE / f"{NOTEBOOK}.ipynb", ecrivain)
    corriger(str(soumissions), "--sortie", str(sortie), "--source", str(FIXTURES), "--jobs", "2", "--isolation", "minimale")
    return {"sortie": sortie, "cibles": cibles, "sentinelle": sentinelle}


@lent
def test_without_namespaces_the_audit_hook_still_protects(lot_minimal, essai):
    sortie = lot_minimal["sortie"]
    notes = lire_csv(sortie / "notes.csv")
    for eleve in ("solution", "reseau", "ecrit-dehors"):
        assert points_autogrades(notes[eleve], essai) == essai.total_auto, eleve
    assert lot_minimal["sentinelle"].read_text() == "intact"
    assert not Path(lot_minimal["cibles"][0]).exists()
    ecrit = sorties_autogradees(sortie, "ecrit-dehors")
    assert "ECRIT" not in ecrit and "SUPPRIME" not in ecrit
    reseau = sorties_autogradees(sortie, "reseau")
    assert "CONNECTE" not in reseau and float(re.search(r"DUREE (\d+\.?\d*)", reseau).group(1)) < TIMEOUT_CELLULE
    rapport = (sortie / "rapport.md").read_text(encoding="utf-8")
    assert "Isolation des copies : minimale (demandée)" in rapport and "bases de notes comprises" in rapport


# --------------------------------------------------------------------------- the real exercise


EXERCICES_REELS = sorted((ROOT / "solutions").glob("*/*.ipynb"))


@pytest.fixture(scope="module")
def lot_reel(tmp_path_factory):
    """Every exercise of the course, graded in one batch: its solution, a half-right copy, its blank release."""
    assert EXERCICES_REELS, "solutions/ holds no exercise"
    dossier = tmp_path_factory.mktemp("reel")
    soumissions, sortie = dossier / "copies", dossier / "correction"
    exercices = {}
    for source in EXERCICES_REELS:
        module = source.parent.name
        exercice = Exercice(source, ROOT / "exercises" / module / source.name)
        moitie = tuple(exercice.reponses)[: len(exercice.reponses) // 2]  # later answers build on earlier ones
        exercices[source.stem] = (module, exercice, moitie)
        for eleve, justes in (("solution", tuple(exercice.reponses)), ("moitie", moitie), ("vierge", ())):
            ecrire(soumissions / eleve / module / source.name, exercice.copie(justes))
    corriger(str(soumissions), "--sortie", str(sortie), "--jobs", "2", timeout=1800)
    return {"sortie": sortie, "exercices": exercices, "notes": lire_csv(sortie / "notes.csv")}


@lent
def test_every_exercise_honest_copies_get_exactly_their_points(lot_reel):
    """Solution: every automatic point; the first half of the answers: their points; blank release: 0."""
    notes, rapport = lot_reel["notes"], (lot_reel["sortie"] / "rapport.md").read_text(encoding="utf-8")
    for notebook, (module, exercice, moitie) in lot_reel["exercices"].items():
        assert exercice.total_auto > 0, notebook
        for eleve, attendu in (("solution", exercice.total_auto), ("moitie", exercice.points(*moitie)), ("vierge", 0.0)):
            obtenu = points_autogrades(notes[eleve], exercice, notebook)
            assert obtenu == attendu, f"{eleve} / {notebook}: {obtenu} instead of {attendu}\n{section(rapport, eleve)}"
    for eleve in ("solution", "moitie", "vierge"):
        assert notes[eleve]["statut"] in ("corrigée", "corrigée, avec remarques"), section(rapport, eleve)


@lent
def test_the_collection_folder_is_removed_unless_asked_to_keep_it(lot_moodle):
    sortie = lot_moodle["sortie"]
    assert (sortie / "notes.csv").exists() and not (sortie / "collecte").exists()
