"""Grading worker: autograde one learner's module in a private course copy, then write its feedback.

    python -m atelier.correction.travail --serveur          # started by atelier.correction, one per job slot
    python -m atelier.correction.travail SPEC.json          # one job, in this process (debugging)
    python -m atelier.correction.travail --nbgrader ARGS... # nbgrader itself, started faster

The orchestrator (atelier/correction/) prepares, for each learner and module, a course
folder of its own (nbgrader_config.py, a gradebook copied from a template that holds only
the assignment, the release, the exercise's supporting files but **no source notebook**,
and the submitted notebooks), then starts this module in it, inside the sandbox described
in atelier/correction/bac_a_sable.py (see :func:`servir`: one server per parallel slot, one forked
child per job). For each job the worker:

1. runs nbgrader's autograde on each notebook separately (one failure never hides the
   others), with the preprocessors of atelier/correction/pretraitements.py;
2. runs nbgrader's generate_feedback;
3. writes resultat.json: per notebook, the grades, the failed tests with their message,
   the errors raised by the learner's cells, the events of the sandbox (timeouts, kernel
   death, truncated output) and the attempts refused by the audit hook.

The orchestrator then merges the copy's gradebook into the cohort's gradebook, alone, in
its own thread: workers never write to a shared database.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import time
import traceback
from pathlib import Path


def accelerer_nbgrader() -> None:
    """Let nbgrader read the gradebook schema version in-process.

    When it creates a gradebook, nbgrader runs ``alembic heads`` in a subprocess (about 3.5 s
    here, and it needs ``alembic`` on PATH). The same answer comes from alembic's API.
    """
    import nbgrader
    import nbgrader.api

    def version() -> str:
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(Path(nbgrader.__file__).parent / "alembic"))
        return ScriptDirectory.from_config(config).get_current_head()

    nbgrader.api.get_alembic_version = version


class _Erreurs(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _nbgrader(app_class, argv: list[str]) -> tuple[bool, list[str]]:
    """Run one nbgrader app in this process; True when it succeeded, with its error messages."""
    app_class.clear_instance()
    app = app_class.instance()
    erreurs = _Erreurs()
    try:
        app.initialize(argv)
        app.log.addHandler(erreurs)
        app.start()
        return True, erreurs.messages
    except SystemExit as sortie:
        return sortie.code in (0, None), erreurs.messages
    except Exception:
        return False, erreurs.messages + [traceback.format_exc(limit=3)]
    finally:
        app.log.removeHandler(erreurs)
        app_class.clear_instance()


def _premiere_ligne(texte: str, longueur: int = 240) -> str:
    import re

    texte = re.sub(r"\x1b\[[0-9;]*m", "", str(texte)).strip()
    ligne = texte.splitlines()[0] if texte else ""
    return ligne if len(ligne) <= longueur else ligne[: longueur - 1] + "…"


def _lire_notebook(chemin: Path) -> dict:
    details = {"tests": {}, "erreurs": []}
    if not chemin.exists():
        return details
    notebook = json.loads(chemin.read_text(encoding="utf-8"))
    for index, cell in enumerate(notebook.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        erreurs = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        stderr = [o for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
        if meta.get("grade") and not meta.get("solution"):
            if erreurs:
                message = f"{erreurs[0].get('ename', '')}: {_premiere_ligne(erreurs[0].get('evalue', ''))}".rstrip(": ")
            elif stderr:
                message = "la cellule de test a écrit sur la sortie d'erreur : " + _premiere_ligne("".join(stderr[0].get("text", "")))
            else:
                message = None
            details["tests"][meta.get("grade_id")] = message
        elif erreurs:
            details["erreurs"].append({
                "cellule": index + 1,
                "grade_id": meta.get("grade_id"),
                "ename": erreurs[0].get("ename", ""),
                "evalue": _premiere_ligne(erreurs[0].get("evalue", "")),
            })
    return details


def _audit(chemin: Path) -> list[dict]:
    lignes = []
    if chemin.exists():
        for ligne in chemin.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                entree = json.loads(ligne)
            except ValueError:
                continue
            if isinstance(entree, dict) and entree not in lignes:
                lignes.append({k: str(entree.get(k, "")) for k in ("quoi", "detail")} | {"refuse": bool(entree.get("refuse"))})
    return lignes[:30]


def travailler(spec: dict) -> dict:
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.apps.autogradeapp import AutogradeApp
    from nbgrader.apps.generatefeedbackapp import GenerateFeedbackApp

    from atelier.correction import bac_a_sable

    racine = Path(spec["racine_bac"])
    if spec.get("racine_autorisee") and spec.get("limites", {}).get("disque"):
        # Complete or partial isolation: this worker has its own mount namespace. Everything a copy can write
        # (working folders, exchange files, audit logs) lives in this size-limited tmpfs.
        import subprocess

        taille = int(spec["limites"]["disque"])
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"nosuid,nodev,size={taille},mode=700", "tmpfs", str(racine)],
                       check=True, capture_output=True)
    os.environ["JUPYTER_RUNTIME_DIR"] = str(racine / "runtime")
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    (racine / "runtime").mkdir(mode=0o700, exist_ok=True)
    site = bac_a_sable.ecrire_sitecustomize(racine / "site")
    bac_a_sable.REGLAGES.update(
        racine=str(racine), site=str(site), uid=spec.get("uid"), gid=spec.get("gid"),
        racine_autorisee=bool(spec.get("racine_autorisee")),
        masquer=spec.get("masquer", []), limites=spec.get("limites", {}), prefixe_noyau=spec.get("prefixe_noyau", []),
    )
    cours = Path(spec["cours"])
    os.chdir(cours)
    module, eleve = spec["module"], spec["eleve"]
    db_url = f"sqlite:///{cours / 'gradebook.db'}"
    resultat: dict = {"notebooks": {}}
    for notebook in spec["notebooks"]:
        ok, erreurs = _nbgrader(AutogradeApp, [module, f"--student={eleve}", f"--notebook={notebook}",
                                               "--force", "--log-level=WARN"])
        resultat["notebooks"][notebook] = {
            "corrige": ok and (cours / "autograded" / eleve / module / f"{notebook}.ipynb").exists(),
            "erreurs_nbgrader": [_premiere_ligne(e, 400) for e in erreurs][-5:],
            "evenements": bac_a_sable.EVENEMENTS.get(notebook, []),
            "audit": _audit(racine / f"audit-{notebook}.jsonl"),
        }
    with Gradebook(db_url) as gradebook:
        try:
            assignment = gradebook.find_assignment(module)
        except MissingEntry:
            assignment = None
        for notebook in (assignment.notebooks if assignment else []):
            infos = resultat["notebooks"].setdefault(notebook.name, {"corrige": False, "manquant": True})
            solutions = {c.name for c in notebook.solution_cells}
            try:
                soumis = gradebook.find_submission_notebook(notebook.name, module, eleve)
            except MissingEntry:
                continue
            infos["notes"] = {
                g.name: {"auto": g.auto_score, "max": g.max_score, "manuelle": g.name in solutions}
                for g in soumis.grades
            }
            infos.update(_lire_notebook(cours / "autograded" / eleve / module / f"{notebook.name}.ipynb"))
    if any(n.get("corrige") for n in resultat["notebooks"].values()):
        ok, erreurs = _nbgrader(GenerateFeedbackApp, [module, f"--student={eleve}", "--force", "--log-level=ERROR"])
        resultat["retours"] = ok
        if not ok:
            resultat["erreurs_retours"] = [_premiere_ligne(e, 400) for e in erreurs][-3:]
    return resultat


def _un_travail(spec: dict) -> None:
    """Grade one spec in this process; the result goes to spec["resultat"]."""
    try:
        resultat = travailler(spec)
    except Exception:
        resultat = {"erreur": traceback.format_exc(limit=5)}
    Path(spec["resultat"]).write_text(json.dumps(resultat, ensure_ascii=False, indent=1), encoding="utf-8")


def _preparer_matplotlib() -> str | None:
    """Build matplotlib's font cache once per server, to be copied into each kernel's config folder.

    Each kernel starts with an empty home: without this, the first ``import matplotlib`` of
    every notebook scans the system fonts again (a second or two) and runs ``fc-list``, which
    the sandbox refuses.
    """
    import tempfile

    dossier = tempfile.mkdtemp(prefix="atelier-matplotlib-")
    os.environ["MPLCONFIGDIR"] = dossier
    try:
        import matplotlib.font_manager  # noqa: F401  (writes fontlist-*.json into MPLCONFIGDIR)
    except Exception:
        return None
    os.chmod(dossier, 0o755)
    return dossier


def _adopter_les_orphelins() -> None:
    """Become the parent of every process a job leaves behind, even one that detached itself (setsid)."""
    import ctypes

    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def _enfants() -> list[int]:
    enfants = []
    for entree in os.listdir("/proc"):
        if entree.isdigit():
            try:
                with open(f"/proc/{entree}/stat", encoding="ascii", errors="replace") as fichier:
                    if int(fichier.read().rsplit(")", 1)[1].split()[1]) == os.getpid():
                        enfants.append(int(entree))
            except (OSError, ValueError, IndexError):
                continue
    return enfants


def _tuer_les_descendants() -> None:
    """Kill what the job left running: orphans come back to this subreaper until none is left."""
    for _ in range(50):
        enfants = _enfants()
        if not enfants:
            return
        for pid in enfants:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for pid in enfants:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        time.sleep(0.02)


def _nettoyer_espace_de_noms() -> None:
    """As PID 1 of the server's own PID namespace: kill what a job left behind, reap zombies."""
    if os.getpid() == 1:
        for entree in os.listdir("/proc"):
            if entree.isdigit() and int(entree) != 1:
                try:
                    os.kill(int(entree), signal.SIGKILL)
                except OSError:
                    pass
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def servir(boucle_locale: bool) -> int:
    """Grade the specs whose paths arrive on stdin, one at a time, each in a forked child.

    The heavy imports (nbgrader, nbconvert, jupyter_client: about 2.5 s) are paid once per
    server instead of once per learner. Each job still runs in a fresh process (fork), with
    its own log (stdout and stderr are redirected), its own sandbox and user id, and a
    wall-clock limit: the child is killed when it runs past ``limite`` seconds, and since the
    server is PID 1 of its own namespace (complete isolation), every process the job left
    behind is killed before the next job starts. The answer to each path is one line,
    ``fini``, on stdout.
    """
    accelerer_nbgrader()
    import nbconvert.exporters.html  # noqa: F401
    import nbgrader.apps.autogradeapp  # noqa: F401
    import nbgrader.apps.generatefeedbackapp  # noqa: F401

    import atelier.correction.pretraitements  # noqa: F401
    import atelier.correction.verdict  # noqa: F401
    import IPython.core.interactiveshell  # noqa: F401  (the verdict processes are forked with these)
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401
    import atelier.correction.bac_a_sable as noyau

    if boucle_locale:
        noyau.activer_boucle_locale()
    cache_polices = _preparer_matplotlib()
    if cache_polices:
        noyau.REGLAGES["cache_matplotlib"] = cache_polices
    for ligne in sys.stdin:
        chemin = ligne.strip()
        if not chemin:
            continue
        spec = json.loads(Path(chemin).read_text(encoding="utf-8"))
        pid = os.fork()
        if pid == 0:
            try:
                journal = os.open(spec["journal"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                sys.stdout.flush()
                os.dup2(journal, 1)
                os.dup2(journal, 2)
                os.close(journal)
                _adopter_les_orphelins()
                _un_travail(spec)
                _tuer_les_descendants()
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(0)
        echeance = time.monotonic() + spec["limite"]
        while True:
            fini, _ = os.waitpid(pid, os.WNOHANG)
            if fini:
                break
            if time.monotonic() > echeance:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                Path(spec["resultat"]).write_text(json.dumps(
                    {"erreur": f"arrêté après {spec['limite']} s (limite globale du correcteur)"}), encoding="utf-8")
                break
            time.sleep(0.05)
        _nettoyer_espace_de_noms()
        print("fini", flush=True)
    if cache_polices:
        import shutil

        shutil.rmtree(cache_polices, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--nbgrader"]:
        from nbgrader.apps.nbgraderapp import NbGraderApp

        accelerer_nbgrader()
        NbGraderApp.launch_instance(argv=argv[1:])
        return 0
    if argv[:1] == ["--serveur"]:
        return servir(boucle_locale="--boucle-locale" in argv)
    _un_travail(json.loads(Path(argv[0]).read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
