"""Validate a CSV or XLSX file (or a pandas table) against a Table Schema with frictionless, and explain the report.

Two passes at most, both frictionless's own validation. The first compares the columns with the
schema by position, as portals and Validata do. When the header does not match (a column renamed
or moved), every cell of a moved column fails; the second pass then matches the columns by name
(the schema's ``fieldsMatch: partial``, what frictionless's deprecated ``schema_sync`` did), so
that the report shows the header's problems once and the values that are really wrong. A schema
that declares its own ``fieldsMatch`` is applied as it is.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
from frictionless import Resource, Schema

from atelier.verifier.controles import CoordonneesInversees, controles_validata
from atelier.verifier.explications import ETIQUETTES, FICHIER, Contexte, expliquer
from atelier.verifier.lecture import Lecture, lire
from atelier.verifier.rapport import Rapport, tableau_des_erreurs
from atelier.verifier.schema import SchemaLu, charger_schema, preparer_schema

LIMITE_ERREURS = 1000
"""frictionless's own default: it stops reading a file after this many errors."""


def _plafonnee(tache) -> bool:
    return any("error limit" in avertissement for avertissement in tache.warnings)


def _valider(chemin: Path, lu: SchemaLu, lecture: Lecture, limite: int, par_nom: bool, suivi=None):
    descripteur = {**lu.descripteur, "fieldsMatch": "partial"} if par_nom else lu.descripteur
    ressource = Resource(path=chemin.name, basepath=str(chemin.parent), schema=Schema.from_descriptor(descripteur),
                         **lecture.options())
    return ressource.validate(limit_errors=limite, on_row=suivi).tasks[0]


def _verifier(chemin: Path, lu: SchemaLu, lecture: Lecture, *, limite: int, nom: str, index: list | None = None,
              exemples: int = 3) -> Rapport:
    coordonnees = CoordonneesInversees(lu)
    tache = _valider(chemin, lu, lecture, limite, par_nom=False, suivi=coordonnees)
    erreurs = list(tache.errors)
    remarques = list(lu.remarques) + list(lecture.remarques)
    if any(e.type == "incorrect-label" for e in erreurs) and "fieldsMatch" not in lu.descripteur:
        coordonnees = CoordonneesInversees(lu)
        tache = _valider(chemin, lu, lecture, limite, par_nom=True, suivi=coordonnees)
        erreurs = [e for e in erreurs if e.type in ETIQUETTES] + [e for e in tache.errors if e.type not in ETIQUETTES]
        remarques.append(
            "L'en-tête ne correspond pas au schéma : frictionless compare les colonnes par leur position, et chaque case "
            "d'une colonne déplacée deviendrait une erreur. Pour les valeurs, le vérificateur a donc apparié les "
            "colonnes par leur nom (propriété fieldsMatch de frictionless) : les erreurs de valeurs signalées sont "
            "celles des vraies colonnes."
        )
    plafond = limite if _plafonnee(tache) else None
    lignes_lues = int(tache.stats.get("rows") or 0)
    if lignes_lues == 0 and not any(e.type in FICHIER for e in erreurs):
        remarques.insert(0, "Le fichier ne contient aucune ligne de données : seul son en-tête a été vérifié. Un gabarit "
                            "vide peut donc être « valide » ; remplissez-le avant de conclure.")
    ctx = Contexte(schema=lu, format=lecture.format, index=index, exemples=exemples)
    description = lecture.description()
    return Rapport(
        fichier=nom,
        schema=lu.source + (f" ({lu.descripteur['title']})" if lu.descripteur.get("title") else ""),
        valide=not erreurs,
        lecture=description,
        lignes_lues=lignes_lues,
        erreurs=tableau_des_erreurs(erreurs),
        explications=expliquer(erreurs, ctx, lignes_lues, description),
        avertissements=coordonnees.avertissements() + controles_validata(lu),
        remarques=remarques,
        plafond=plafond,
    )


def verifier_fichier(chemin: str | os.PathLike, schema: Any, *, encodage: str | None = None,
                     separateur: str | None = None, feuille: str | None = None,
                     limite_erreurs: int = LIMITE_ERREURS) -> Rapport:
    """Validate a CSV or XLSX file against a Table Schema; return the French report.

    ``schema`` is the path of a ``schema.json`` (str or Path), the URL of a published schema
    (answered from the recordings after ``atelier.mode_hors_ligne()``), a dict or a
    ``frictionless.Schema``. The encoding and the separator of a CSV are detected, and the first
    sheet of a workbook is read, unless given. ``print(rapport)`` shows the report.
    """
    chemin = Path(chemin).expanduser()
    if not chemin.is_file():
        raise FileNotFoundError(f"Le fichier « {chemin} » est introuvable : vérifiez le chemin (et l'extension).")
    chemin = chemin.resolve()
    lu = preparer_schema(schema)
    lecture = lire(chemin, encodage=encodage, separateur=separateur, feuille=feuille)
    return _verifier(chemin, lu, lecture, limite=limite_erreurs, nom=str(chemin.name))


def _restreindre(descripteur: dict, champs: list[str]) -> dict:
    """The schema reduced to some fields: keys that name other fields are dropped."""
    reduit = {k: v for k, v in descripteur.items() if k not in ("primaryKey", "foreignKeys", "uniqueKeys")}
    reduit["fields"] = [f for f in descripteur.get("fields", []) if f["name"] in champs]
    cle = descripteur.get("primaryKey")
    cle_liste = [cle] if isinstance(cle, str) else list(cle or [])
    if cle_liste and all(c in champs for c in cle_liste):
        reduit["primaryKey"] = cle
    return reduit


def comparer_au_schema(tableau: pd.DataFrame, schema: Any, champs: Iterable[str] | None = None,
                       exemples: int = 3) -> list[str]:
    """Check a pandas table against a Table Schema; return frictionless's errors explained as French sentences.

    The table is written the way it would be published (``to_csv(index=False)``, UTF-8) and that
    file is validated by frictionless. ``champs`` restricts the check to some fields: the table may
    then hold other columns, and the order of the columns is not checked. The list is empty when
    the table fits the schema; each sentence names the column, the failing values and their rows
    (by the table's index), and the usual fix.
    """
    if not isinstance(tableau, pd.DataFrame):
        return [f"un tableau pandas (DataFrame) est attendu, pas un objet de type {type(tableau).__name__}."]
    descripteur = charger_schema(schema)
    noms = [f["name"] for f in descripteur.get("fields", [])]
    colonnes = list(tableau.columns)
    if champs is not None:
        champs = list(champs)
        inconnus = [c for c in champs if c not in noms]
        if inconnus:
            raise ValueError(f"Champs absents du schéma : {', '.join(inconnus)}.")
        descripteur = _restreindre(descripteur, champs)
        colonnes = [f["name"] for f in descripteur["fields"] if f["name"] in tableau.columns]
    lu = preparer_schema(descripteur)
    vide = (descripteur.get("missingValues") or [""])[0]
    with tempfile.TemporaryDirectory(prefix="atelier-verifier-") as dossier:
        chemin = Path(dossier) / "tableau.csv"
        (tableau if champs is None else tableau[colonnes]).to_csv(chemin, index=False, encoding="utf-8", na_rep=vide)
        lecture = Lecture(format="csv", encodage="utf-8", separateur=",")
        rapport = _verifier(chemin, lu, lecture, limite=LIMITE_ERREURS, nom="tableau", index=list(tableau.index),
                            exemples=exemples)
    return [str(e) for e in rapport.explications] + ([rapport.phrase_plafond()] if rapport.plafond else [])
