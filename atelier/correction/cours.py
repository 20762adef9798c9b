"""The cohort's nbgrader course: its configuration, the nbgrader commands, the release and template gradebook."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from atelier.chemins import RACINE
from atelier.correction.collecte import ErreurCorrection

if TYPE_CHECKING:
    from atelier.correction.lot import Options


def env_outils() -> dict:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env.pop("ATELIER_EN_DIRECT", None)
    return env


def _nbgrader(cours: Path, *args: str) -> None:
    commande = [sys.executable, "-m", "atelier.correction.travail", "--nbgrader", *args, "--log-level=ERROR"]
    resultat = subprocess.run(commande, cwd=cours, env=env_outils(), capture_output=True, text=True)
    if resultat.returncode != 0:
        raise ErreurCorrection(f"nbgrader {args[0]} a échoué :\n{resultat.stdout}\n{resultat.stderr}")


def config_nbgrader(cours: Path, *, autograde: bool, options: Options) -> str:
    base = (RACINE / "nbgrader_config.py").read_text(encoding="utf-8")
    return (
        base
        + "\n\n# ---- Added by atelier.correction (grading kit) ----\n"
        + f"c.CourseDirectory.root = {str(cours)!r}\n"
        + f"c.CourseDirectory.db_url = {'sqlite:///' + str(cours / 'gradebook.db')!r}\n"
        + "from atelier.correction.pretraitements import configurer\n"
        + f"configurer(c, autograde={autograde}, timeout_cellule={options.timeout_cellule}, "
        + f"delai_notebook={options.timeout_notebook})\n"
    )


def _empreinte(dossier: Path) -> str:
    h = hashlib.sha256()
    for chemin in sorted(dossier.rglob("*")):
        if chemin.is_file():
            h.update(chemin.relative_to(dossier).as_posix().encode())
            h.update(chemin.read_bytes())
    return h.hexdigest()


def preparer_cours(cours: Path, source: Path, modules: list[str], options: Options) -> None:
    """The cohort's nbgrader course: source, release, template and main gradebooks."""
    cours.mkdir(parents=True, exist_ok=True)
    os.chmod(cours, 0o700)
    (cours / "nbgrader_config.py").write_text(config_nbgrader(cours, autograde=False, options=options), encoding="utf-8")
    empreintes_fichier = cours / ".empreintes.json"
    empreintes = json.loads(empreintes_fichier.read_text()) if empreintes_fichier.exists() else {}
    modele = cours / ".modele-gradebook.db"
    for module in modules:
        empreinte = _empreinte(source / module)
        if module in empreintes:
            if empreintes[module] != empreinte:
                raise ErreurCorrection(
                    f"L'exercice du module {module} a changé depuis la première correction dans {cours.parent} : "
                    "les notes ne seraient plus comparables. Corrigez dans un nouveau dossier de sortie (--sortie)."
                )
            continue
        cible = cours / "solutions" / module
        shutil.rmtree(cible, ignore_errors=True)
        shutil.copytree(source / module, cible, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        _nbgrader(cours, "generate_assignment", module, "--create", "--force", f"--CourseDirectory.db_url=sqlite:///{modele}")
        if (cours / "gradebook.db").exists():
            _nbgrader(cours, "generate_assignment", module, "--create", "--force")
        empreintes[module] = empreinte
        empreintes_fichier.write_text(json.dumps(empreintes, indent=1))
    if not (cours / "gradebook.db").exists() and modele.exists():
        shutil.copyfile(modele, cours / "gradebook.db")
