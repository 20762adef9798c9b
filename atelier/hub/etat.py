"""Where the hub keeps its state: one folder, ``.hub/`` at the repository's root unless told otherwise."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from atelier.chemins import RACINE

VARIABLE_ETAT = "ATELIER_HUB_ETAT"
VARIABLE_ECHANGE = "ATELIER_HUB_ECHANGE"  # an exchange elsewhere: the shared volume of a Kubernetes deployment
COURS = "donnees-ouvertes-locales"  # nbgrader's course_id (nbgrader_config.py)


@dataclass(frozen=True)
class Etat:
    """The paths inside the state folder."""

    racine: Path

    @classmethod
    def par_defaut(cls, dossier: str | os.PathLike | None = None) -> Etat:
        return cls(Path(dossier or os.environ.get(VARIABLE_ETAT) or RACINE / ".hub").resolve())

    @property
    def comptes(self) -> Path:
        return self.racine / "comptes.json"

    @property
    def feuille(self) -> Path:
        return self.racine / "feuille-des-comptes.html"

    @property
    def configuration(self) -> Path:
        return self.racine / "jupyterhub_config.py"

    @property
    def eleves(self) -> Path:
        return self.racine / "eleves"

    @property
    def echange(self) -> Path:
        return Path(os.environ.get(VARIABLE_ECHANGE) or self.racine / "echange")

    @property
    def cours(self) -> Path:
        """The grader's nbgrader course: submitted/, feedback/ and its gradebook."""
        return self.racine / "cours"

    @property
    def soumissions(self) -> Path:
        """The collected notebooks, in the layout ``make grade`` reads: <eleve>/<module>/<notebook>.ipynb."""
        return self.racine / "soumissions"

    @property
    def proxy(self) -> Path:
        """configurable-http-proxy, installed from npm by ``make hub`` (atelier/hub/proxy/package-lock.json)."""
        return RACINE / ".hub" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"

    def creer(self) -> None:
        for dossier in (self.racine, self.eleves, self.echange, self.cours):
            dossier.mkdir(parents=True, exist_ok=True)
        self.racine.chmod(0o700)
