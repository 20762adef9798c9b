"""Set up the curriculum on an agent's own computer, without admin rights (Windows, macOS, Linux).

Run by the one command of the book page « Installer sur mon poste », through uv
(``uv run --no-project --python ">=3.11.5,<3.12" scripts/installer.py``: uv brings its own Python 3.11 and
needs no admin rights) or with any Python 3.11 (``python scripts/installer.py``). It:

1. creates ``.venv`` in the folder and installs the pinned stack (requirements.txt), with uv
   when it is there, else with pip;
2. puts the learners' JupyterLab configuration into it (config/jupyterlab/: French, no news,
   no teacher tools) — ``make setup`` calls ``--jupyterlab-seulement`` for this step;
3. copies the exercises into ``mes-exercices/``, the learner's working copy, which no update
   touches (an existing notebook is never overwritten; new exercises are added);
4. writes a launcher to double-click: ``lancer-jupyterlab.cmd`` (Windows),
   ``lancer-jupyterlab.command`` (macOS), ``lancer-jupyterlab.sh`` (Linux).

Messages are in French: the person running it is the learner.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
COPIE_DE_TRAVAIL = "mes-exercices"
# config/jupyterlab/ file -> place inside the virtual environment (same layout on every system)
CONFIGURATION_JUPYTERLAB = {
    "overrides.json": Path("share") / "jupyter" / "lab" / "settings" / "overrides.json",
    "page_config.json": Path("etc") / "jupyter" / "labconfig" / "page_config.json",
}


def _dire(message: str) -> None:
    print(f"» {message}", flush=True)


def python_de(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _lancer(commande: list[str]) -> None:
    resultat = subprocess.run(commande, cwd=RACINE)
    if resultat.returncode != 0:
        raise SystemExit(
            f"L'installation s'est arrêtée pendant : {' '.join(map(str, commande))}\n"
            "Vérifiez votre connexion à Internet (ou le proxy de la commune : voir « Installer sur mon poste », "
            "liste pour le service informatique), puis relancez la même commande : elle reprend où elle s'est arrêtée."
        )


def installer_bibliotheques(venv: Path) -> None:
    uv = shutil.which("uv")
    if uv:
        if not python_de(venv).exists():
            _lancer([uv, "venv", "--python", sys.executable, str(venv)])  # the Python uv run chose
        _lancer([uv, "pip", "install", "--python", str(python_de(venv)), "-r", "requirements.txt"])
        _lancer([uv, "pip", "install", "--python", str(python_de(venv)), "--no-deps", "-e", "."])
        return
    if sys.version_info[:2] != (3, 11):
        raise SystemExit("Il faut Python 3.11 (ou uv, qui l'installe lui-même) : voir « Installer sur mon poste ».")
    if not python_de(venv).exists():
        _lancer([sys.executable, "-m", "venv", str(venv)])
    _lancer([str(python_de(venv)), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"])
    _lancer([str(python_de(venv)), "-m", "pip", "install", "--quiet", "--no-deps", "-e", "."])


def configurer_jupyterlab(venv: Path) -> None:
    for nom, destination in CONFIGURATION_JUPYTERLAB.items():
        cible = venv / destination
        cible.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(RACINE / "config" / "jupyterlab" / nom, cible)


def copier_les_exercices(dossier: Path) -> list[Path]:
    """Copy exercises/ into the working copy; never overwrite a notebook the learner may have changed."""
    ajoutes = []
    for source in sorted((RACINE / "exercises").rglob("*.ipynb")):
        cible = dossier / source.relative_to(RACINE / "exercises")
        if not cible.exists():
            cible.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, cible)
            ajoutes.append(cible)
    return ajoutes


def ecrire_le_lanceur(venv: Path) -> Path:
    adresse = f"/lab/tree/{COPIE_DE_TRAVAIL}"
    if os.name == "nt":
        lanceur = RACINE / "lancer-jupyterlab.cmd"
        lanceur.write_text(
            "@echo off\r\n"
            f'cd /d "{RACINE}"\r\n'
            "set ATELIER_CARTES_LOCALES=/files/book/_static\r\n"
            f'"{venv / "Scripts" / "jupyter-lab.exe"}" --notebook-dir=. --LabApp.default_url={adresse}\r\n',
            encoding="utf-8")
        return lanceur
    lanceur = RACINE / ("lancer-jupyterlab.command" if sys.platform == "darwin" else "lancer-jupyterlab.sh")
    lanceur.write_text(
        "#!/bin/sh\n"
        f'cd "{RACINE}" || exit 1\n'
        f'ATELIER_CARTES_LOCALES=/files/book/_static exec "{venv / "bin" / "jupyter-lab"}" '
        f"--notebook-dir=. --LabApp.default_url={adresse}\n",
        encoding="utf-8")
    lanceur.chmod(0o755)
    return lanceur


def main(arguments: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--jupyterlab-seulement", action="store_true",
                         help="only put the learners' JupyterLab configuration into the environment")
    options.add_argument("--venv", type=Path, default=RACINE / ".venv")
    options = options.parse_args(arguments)
    venv = options.venv.resolve()
    if options.jupyterlab_seulement:
        configurer_jupyterlab(venv)
        return
    _dire("Installation des bibliothèques (quelques minutes la première fois)…")
    installer_bibliotheques(venv)
    configurer_jupyterlab(venv)
    ajoutes = copier_les_exercices(RACINE / COPIE_DE_TRAVAIL)
    _dire(f"Votre copie de travail : {RACINE / COPIE_DE_TRAVAIL} ({len(ajoutes)} exercice(s) ajouté(s) ; "
          "vos notebooks déjà présents n'ont pas été touchés).")
    lanceur = ecrire_le_lanceur(venv)
    _dire(f"C'est prêt. Pour ouvrir JupyterLab, double-cliquez sur {lanceur.name} (dans {RACINE}).")


if __name__ == "__main__":
    main()
