"""Training infrastructure for the curriculum « Données ouvertes locales ».

Learners call a handful of names from notebooks::

    import atelier
    atelier.mode_hors_ligne()          # answers come from data/enregistrements/
    chemin = atelier.donnees("propres/equipements-collectifs.csv")

The package only hides training infrastructure (where data live, offline replay,
self-checks, grading). It never wraps the skills being taught: lessons use
requests, pandas, geopandas, folium, plotly, frictionless and OWSLib directly.
"""

import os

from atelier import aide, graphiques
from atelier.cartes import VARIABLE_CARTES_LOCALES, ajouter_legende, cartes_locales
from atelier.chemins import DOSSIER_DONNEES, RACINE, donnees
from atelier.hors_ligne import (
    EnregistrementIntrouvable,
    mode_actuel,
    mode_direct,
    mode_hors_ligne,
)

if os.environ.get(VARIABLE_CARTES_LOCALES):
    cartes_locales()
aide.activer()  # French help under a failed cell (only in IPython)
graphiques.configurer_plotly()  # French plotly modebar and numbers, no cloud button

__all__ = [
    "DOSSIER_DONNEES",
    "RACINE",
    "ajouter_legende",
    "EnregistrementIntrouvable",
    "aide",
    "donnees",
    "mode_actuel",
    "mode_direct",
    "mode_hors_ligne",
]
