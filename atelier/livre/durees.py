"""Self-study durations, from one source: the « Durée estimée » line at the top of each notebook.

Every lesson and exercise announces its own duration in its first cells. The book build adds up a
module's lessons and exercises and gives the totals to the pages as MyST substitutions, so the
module pages and the programme never disagree with the notebooks:

    {{ duree_03 }}             the whole module 03 (lessons and exercises)
    {{ duree_03_lecons }}      its lessons       {{ duree_03_exercices }}  its exercises
    {{ duree_totale }}         every module

A notebook whose duration is not a length of time (the capstone template: « d'une journée à
quelques semaines ») is not counted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from atelier.chemins import RACINE

DUREE = re.compile(
    r"Durée estimée\*\*\s*:\s*(?:environ\s+)?"
    r"(?:(?P<heures>\d+)\s*(?:h\b|heures?)\s*(?P<minutes_apres>\d+)?(?:\s*min(?:utes)?)?|(?P<minutes>\d+)\s*min(?:utes)?)",
)


def duree_annoncee(notebook: Path) -> int | None:
    """Minutes announced by a notebook's « **Durée estimée** : … » line (first three cells), or None."""
    cellules = json.loads(notebook.read_text(encoding="utf-8"))["cells"][:3]
    texte = "\n".join("".join(c["source"]) for c in cellules if c["cell_type"] == "markdown")
    trouve = DUREE.search(texte)
    if trouve is None:
        return None
    if trouve["minutes"]:
        return int(trouve["minutes"])
    return int(trouve["heures"]) * 60 + int(trouve["minutes_apres"] or 0)


def en_francais(minutes: int) -> str:
    """« 45 min », « 2 h », « 6 h 45 »."""
    heures, reste = divmod(minutes, 60)
    if not heures:
        return f"{reste} min"
    return f"{heures} h {reste:02d}" if reste else f"{heures} h"


def durees_des_modules(racine: Path = RACINE) -> dict[str, dict[str, int]]:
    """For each module number (« 03 »): minutes of its lessons and of its exercises."""
    modules: dict[str, dict[str, int]] = {}
    for dossier, genre in (("notebooks", "lecons"), ("exercises", "exercices")):
        for notebook in sorted((racine / dossier).glob("*/*.ipynb")):
            minutes = duree_annoncee(notebook)
            if minutes is not None:
                module = modules.setdefault(notebook.parent.name[:2], {"lecons": 0, "exercices": 0})
                module[genre] += minutes
    return modules


def substitutions(racine: Path = RACINE) -> dict[str, str]:
    """The MyST substitutions the module pages and the programme use."""
    valeurs, total = {}, 0
    for numero, module in sorted(durees_des_modules(racine).items()):
        somme = module["lecons"] + module["exercices"]
        total += somme
        valeurs[f"duree_{numero}"] = en_francais(somme)
        valeurs[f"duree_{numero}_lecons"] = en_francais(module["lecons"])
        valeurs[f"duree_{numero}_exercices"] = en_francais(module["exercices"])
    valeurs["duree_totale"] = en_francais(total)
    return valeurs
