"""Generate the learners' exercises (exercises/) from their nbgrader sources (solutions/).

    python -m atelier.livre.exercices            # every module
    python -m atelier.livre.exercices 00-prise-en-main

This is nbgrader's own ``generate_assignment`` (solutions and hidden tests
removed, outputs cleared), run with a throw-away gradebook so that generating
the release never touches a grader's database.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from atelier.chemins import RACINE

SOLUTIONS = RACINE / "solutions"
EXERCICES = RACINE / "exercises"


def modules(source: Path = SOLUTIONS) -> list[str]:
    """The assignments: one folder per module in solutions/."""
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def generer(noms: list[str] | None = None, destination: Path = EXERCICES) -> list[Path]:
    """Write the student version of each module into ``destination``/<module>/ and return the notebooks."""
    noms = noms or modules()
    destination = Path(destination).resolve()
    ecrits: list[Path] = []
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    with tempfile.TemporaryDirectory() as tmp:
        for nom in noms:
            cible = destination / nom
            shutil.rmtree(cible, ignore_errors=True)
            commande = [
                sys.executable, "-m", "nbgrader", "generate_assignment", nom, "--create", "--force",
                f"--CourseDirectory.root={RACINE}",
                f"--CourseDirectory.release_directory={destination}",
                f"--CourseDirectory.db_url=sqlite:///{Path(tmp) / 'gradebook.db'}",
                "--log-level=WARN",
            ]
            resultat = subprocess.run(commande, cwd=RACINE, env=env, capture_output=True, text=True)
            if resultat.returncode != 0:
                raise RuntimeError(f"nbgrader generate_assignment {nom} failed:\n{resultat.stdout}\n{resultat.stderr}")
            ecrits += sorted(cible.rglob("*.ipynb"))
    return ecrits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules to generate (default: all)")
    args = parser.parse_args(argv)
    for notebook in generer(args.modules or None):
        print(notebook.relative_to(RACINE))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
