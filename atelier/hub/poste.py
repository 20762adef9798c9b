"""Each learner's JupyterLab, started by the hub without root.

:class:`PosteEleve` extends JupyterHub's :class:`~jupyterhub.spawner.SimpleLocalProcessSpawner`:
every server runs under the trainer's own system account (no root, no system users), each in
a folder of its own (``.hub/eleves/<login>/``) that is its HOME and its root in JupyterLab.
Before a server starts, its folder gets:

* the lessons, copied once from notebooks/ into ``lecons/`` (a learner's edits are never
  overwritten; a lesson added later is copied at the next start);
* nbgrader's configuration (``.jupyter/nbgrader_config.py``): the course, the exchange of the
  hub, and the learner's login as nbgrader's student id, so « Assignments » fetches and
  submits under the right name although every server runs under one system account;
* the JupyterLab settings that hide the grader's tools (formgrader, « Create Assignment »).

The offline mode is on: the server's environment is built from scratch and never carries
``ATELIER_EN_DIRECT`` or ``ATELIER_ENREGISTRER``; folium maps load Leaflet & co from the copies
of book/_static served by the server itself (``ATELIER_CARTES_LOCALES``).

Limits, per learner: ``mem_limit`` becomes the address-space limit (RLIMIT_AS) of the server
and of each of its kernels, so a runaway cell fails with a MemoryError instead of starving the
room; the server runs at a lower priority (nice) than the hub; idle kernels are stopped by the
server after ``arret_noyaux`` seconds, and idle servers by jupyterhub-idle-culler (configuration.py).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
from pathlib import Path

from jupyterhub.spawner import SimpleLocalProcessSpawner
from traitlets import Integer, Unicode

from atelier.cartes import VARIABLE_CARTES_LOCALES
from atelier.chemins import RACINE
from atelier.hub.etat import COURS

NBGRADER_ELEVE = '''"""nbgrader, for this learner of the workshop hub (written by atelier/hub/poste.py at each start)."""
import os
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {cours!r}
c.Exchange.root = {echange!r}
c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
'''
# The grader's tools are hidden in every learner's JupyterLab by the environment's own settings
# (config/jupyterlab/page_config.json, French interface included); here their server side is cut too.
EXTENSIONS_SERVEUR_COUPEES = ["nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list"]


class PosteEleve(SimpleLocalProcessSpawner):
    """A learner's JupyterLab in ``home_dir_template`` (``.hub/eleves/{username}``), with the lessons and the course's exchange."""

    echange = Unicode(help="nbgrader's exchange root (Exchange.root)").tag(config=True)
    lecons = Unicode(str(RACINE / "notebooks"), help="the lessons copied into each learner's folder").tag(config=True)
    priorite = Integer(5, help="nice value added to each learner's server and kernels").tag(config=True)
    arret_noyaux = Integer(1800, help="seconds after which an idle kernel is stopped (0: never)").tag(config=True)

    def preparer(self) -> None:
        """Write the learner's folder: lessons (new ones only), nbgrader's and JupyterLab's settings."""
        dossier = Path(self.home_dir)
        configuration = dossier / ".jupyter"
        configuration.mkdir(parents=True, exist_ok=True)
        lecons = Path(self.lecons)
        for source in sorted(lecons.glob("*/*.ipynb")):
            cible = dossier / "lecons" / source.relative_to(lecons)
            if not cible.exists():
                cible.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, cible)
        (configuration / "nbgrader_config.py").write_text(
            NBGRADER_ELEVE.format(cours=COURS, echange=self.echange), encoding="utf-8")
        (configuration / "jupyter_server_config.json").write_text(
            _json({"ServerApp": {"jpserver_extensions": {nom: False for nom in EXTENSIONS_SERVEUR_COUPEES}}}),
            encoding="utf-8")

    async def start(self):
        self.preparer()
        return await super().start()

    def get_args(self):
        args = super().get_args()
        if os.geteuid() == 0:  # a container or a machine where the trainer is root
            args.append("--allow-root")
        args += ["--ServerApp.terminals_enabled=False",
                 f"--ServerApp.extra_static_paths={json.dumps([str(RACINE / 'book' / '_static')])}"]
        if self.arret_noyaux:
            args += [f"--MappingKernelManager.cull_idle_timeout={self.arret_noyaux}",
                     "--MappingKernelManager.cull_interval=60"]
        return args

    def get_env(self):
        env = super().get_env()
        for variable in ("ATELIER_EN_DIRECT", "ATELIER_ENREGISTRER"):
            env.pop(variable, None)
        bin_python = str(Path(sys.executable).parent)
        env["PATH"] = os.pathsep.join([bin_python, env.get("PATH") or os.defpath])
        env["JUPYTER_CONFIG_DIR"] = str(Path(self.home_dir) / ".jupyter")
        env[VARIABLE_CARTES_LOCALES] = f"{self.user.url}static"
        env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
        return env

    def make_preexec_fn(self, name):
        dossier_et_repertoire = super().make_preexec_fn(name)
        memoire, priorite = self.mem_limit, self.priorite

        def preexec():
            dossier_et_repertoire()
            if memoire:
                resource.setrlimit(resource.RLIMIT_AS, (memoire, memoire))
            if priorite:
                os.nice(priorite)

        return preexec


def _json(valeur) -> str:
    return json.dumps(valeur, indent=1) + "\n"
