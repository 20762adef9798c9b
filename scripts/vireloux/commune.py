"""Who Vireloux is: its names and codes, the licence of its data, and the seed of every random draw.

Every random draw of the generator comes from ``aleatoire(name)``, a generator seeded by the data
set's name, so a change in one data set never shifts the others.
"""

from __future__ import annotations

import random


SEED = 92999

COMMUNE = "Vireloux"
INS = "92999"
CODE_POSTAL = "5099"
PROVINCE = "Namur"

PRODUCTEUR = "Commune de Vireloux"

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
SOURCE = {"title": "Données fictives générées pour la formation"}
MENTION_FICTIVE = (
    "Données fictives : Vireloux est une commune inventée pour la formation ; "
    "toute ressemblance avec une commune réelle serait fortuite."
)

MODULES = {
    "00": "00-prise-en-main",
    "01": "01-open-data",
    "02": "02-portails",
    "03": "03-fichiers",
    "04": "04-publier",
    "05": "05-geoportail",
    "06": "06-dataviz",
    "07": "07-pilotage",
}


def aleatoire(nom: str) -> random.Random:
    """An independent, reproducible random generator for one data set."""
    return random.Random(f"{SEED}:{nom}")
