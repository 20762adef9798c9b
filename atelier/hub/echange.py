"""The grader's side of the hub: nbgrader's exchange, between the learners' « Assignments » and ``make grade``.

1. :func:`publier` releases a module's exercises (exercises/<module>/) to the exchange
   (``nbgrader release_assignment``): learners see it in « Assignments » and fetch it.
2. :func:`collecter` takes the latest submission of each learner (``nbgrader collect``) into
   the grader's course (``.hub/cours/submitted/``), then copies the notebooks alone into
   ``.hub/soumissions/<login>/<module>/``, the nbgrader layout the grading kit's collector reads
   (atelier/correction/collecte.py): ``make grade SOUMISSIONS=.hub/soumissions``.
3. :func:`retourner` puts the kit's feedback (``<sortie>/retours/<login>/<module>/*.html``)
   where ``nbgrader release_feedback`` expects it, beside the timestamp and secret of the
   submission it answers, and releases it: each learner gets it with « Fetch Feedback ».

The grader's course folder has its own nbgrader_config.py (written here), so nbgrader's other
commands (``nbgrader list --inbound``...) can be run by hand from ``.hub/cours``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from atelier.chemins import RACINE
from atelier.hub.etat import COURS, Etat

NBGRADER_CORRECTEUR = '''"""nbgrader, for the grader of the workshop hub (written by atelier/hub/echange.py)."""
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {cours!r}
c.CourseDirectory.root = {racine!r}
c.CourseDirectory.source_directory = {sources!r}
c.CourseDirectory.release_directory = {release!r}
c.CourseDirectory.db_url = {base!r}
c.Exchange.root = {echange!r}
'''


class ErreurEchange(Exception):
    """A step of the exchange failed: the message is in French, with nbgrader's own lines."""


def _preparer(etat: Etat) -> None:
    etat.creer()
    etat.echange.chmod(0o755)
    (etat.cours / "nbgrader_config.py").write_text(NBGRADER_CORRECTEUR.format(
        cours=COURS, racine=str(etat.cours), sources=str(RACINE / "solutions"), release=str(RACINE / "exercises"),
        base=f"sqlite:///{etat.cours / 'gradebook.db'}", echange=str(etat.echange)), encoding="utf-8")


def nbgrader(etat: Etat, *arguments: str) -> str:
    """Run one nbgrader command in the grader's course folder; its output, or ErreurEchange."""
    _preparer(etat)
    env = dict(os.environ)  # nbgrader runs the `alembic` executable from PATH: the venv's bin/ first
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH") or os.defpath])
    resultat = subprocess.run([sys.executable, "-m", "nbgrader", *arguments], cwd=etat.cours,
                              capture_output=True, text=True, env=env)
    if resultat.returncode != 0:
        raise ErreurEchange(f"nbgrader {arguments[0]} a échoué :\n{resultat.stdout}{resultat.stderr}")
    return resultat.stdout + resultat.stderr


def publier(etat: Etat, module: str) -> None:
    if not (RACINE / "exercises" / module).is_dir():
        modules = sorted(p.name for p in (RACINE / "exercises").iterdir() if p.is_dir())
        raise ErreurEchange(f"Module inconnu : {module} (modules : {', '.join(modules)}).")
    nbgrader(etat, "release_assignment", module, "--force")


def collecter(etat: Etat, module: str) -> list[Path]:
    """Collect the module's latest submissions; the notebooks copied for ``make grade``."""
    nbgrader(etat, "collect", module, "--update")
    copies = []
    for notebook in sorted((etat.cours / "submitted").glob(f"*/{module}/*.ipynb")):
        eleve = notebook.parent.parent.name
        cible = etat.soumissions / eleve / module / notebook.name
        cible.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, cible)
        copies.append(cible)
    return copies


def retourner(etat: Etat, module: str, sortie: Path) -> list[Path]:
    """Release the kit's feedback of ``sortie`` for ``module`` through the exchange; the files released."""
    retours = sorted((Path(sortie) / "retours").glob(f"*/{module}/*.html"))
    places = []
    for html in retours:
        eleve = html.parent.parent.name
        soumis = etat.cours / "submitted" / eleve / module
        if not (soumis / "submission_secret.txt").exists():
            continue  # not submitted through the hub (a file added by hand to the folder graded)
        dossier = etat.cours / "feedback" / eleve / module
        dossier.mkdir(parents=True, exist_ok=True)
        for nom in ("timestamp.txt", "submission_secret.txt"):
            shutil.copyfile(soumis / nom, dossier / nom)
        shutil.copyfile(html, dossier / html.name)
        places.append(dossier / html.name)
    if places:
        nbgrader(etat, "release_feedback", module)
    return places
