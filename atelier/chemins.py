"""Where the repository and its sample data live."""

from __future__ import annotations

import os
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
"""Root of the repository (the package is installed in editable mode)."""

DOSSIER_DONNEES = Path(os.environ.get("ATELIER_DONNEES", RACINE / "data"))
"""The sample commune's data; ATELIER_DONNEES points elsewhere (e.g. a copy)."""


def donnees(chemin_relatif: str | os.PathLike = "") -> Path:
    """Return the path of a file of the sample data, e.g. ``donnees("propres/quartiers.csv")``.

    Raises FileNotFoundError with a French message listing what the folder holds
    when the file does not exist, so a typo is easy to fix.
    """
    chemin = DOSSIER_DONNEES / chemin_relatif
    if not chemin.exists():
        dossier = chemin.parent
        if dossier.is_dir():
            contenu = ", ".join(sorted(p.name for p in dossier.iterdir() if not p.name.startswith(".")))
            detail = f"Le dossier {dossier} contient : {contenu}."
        else:
            detail = f"Le dossier {dossier} n'existe pas."
        raise FileNotFoundError(
            f"Le fichier « {chemin_relatif} » est introuvable dans les données d'exemple. {detail} "
            "Vérifiez l'orthographe du nom (accents, tirets, extension)."
        )
    return chemin
