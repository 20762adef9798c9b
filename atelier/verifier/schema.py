"""Load a Table Schema from a dict, a path, a published URL or a frictionless Schema, and repair what frictionless refuses.

A published schema's URL is fetched with requests, so that ``atelier.mode_hors_ligne()`` answers
it from the recordings in ``data/enregistrements/``. Two repairs, both said in the report: a
``name`` that is not a slug (« Arbres urbains »), which frictionless 5 refuses and several published
schemas have, is read under its slug; foreign keys to another table, which frictionless can only
check within a data package, are left out.
"""

from __future__ import annotations

import copy
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frictionless import FrictionlessException, Schema

_SLUG = re.compile(r"^([-a-z0-9._/])+$")


class SchemaInvalide(ValueError):
    """frictionless refuses the schema even after the checker's repairs."""


@dataclass
class SchemaLu:
    """A schema descriptor frictionless accepts, with where it came from and what the checker changed."""

    descripteur: dict
    source: str
    remarques: list[str] = field(default_factory=list)

    @property
    def noms(self) -> list[str]:
        return [champ["name"] for champ in self.descripteur.get("fields", [])]

    def champ(self, nom: str | None) -> dict:
        return next((c for c in self.descripteur.get("fields", []) if c.get("name") == nom), {})


def est_une_adresse(source: Any) -> bool:
    return isinstance(source, str) and source.strip().lower().startswith(("http://", "https://"))


def charger_schema(schema: Any) -> dict:
    """Return a Table Schema as a dict, from a dict, a path (str or Path), the URL of a published schema or a frictionless Schema."""
    if isinstance(schema, dict):
        return copy.deepcopy(schema)
    if est_une_adresse(schema):
        import requests

        try:
            reponse = requests.get(schema.strip(), timeout=30)
        except requests.RequestException as erreur:
            raise FileNotFoundError(
                f"Le schéma {schema} n'a pas pu être téléchargé ({type(erreur).__name__}) : pas de connexion Internet ? "
                "Pendant la formation, appelez d'abord atelier.mode_hors_ligne() : les schémas publiés des standards "
                "wallons et SCDL sont enregistrés."
            ) from None
        if reponse.status_code != 200:
            raise FileNotFoundError(f"Le schéma {schema} n'a pas pu être téléchargé (réponse HTTP {reponse.status_code}).")
        try:
            return reponse.json()
        except ValueError:
            raise SchemaInvalide(f"L'adresse {schema} ne renvoie pas un schéma JSON : vérifiez qu'elle mène au fichier "
                                 "schema.json lui-même (sur GitHub, le bouton « Raw »), pas à une page web.") from None
    if isinstance(schema, (str, os.PathLike)):
        chemin = Path(schema)
        if not chemin.exists():
            raise FileNotFoundError(f"Le schéma « {chemin} » est introuvable : vérifiez le chemin.")
        try:
            return json.loads(chemin.read_text(encoding="utf-8-sig"))
        except ValueError as erreur:
            raise SchemaInvalide(f"Le schéma « {chemin} » n'est pas un fichier JSON valide : {erreur}.") from None
    if hasattr(schema, "to_descriptor"):
        return schema.to_descriptor()
    raise TypeError(
        "Le schéma doit être un dictionnaire, le chemin d'un fichier JSON, l'adresse d'un schéma publié ou un "
        f"frictionless.Schema, pas un objet de type {type(schema).__name__}."
    )


def slug(texte: str) -> str:
    """« Données essentielles de la commande publique » → « donnees-essentielles-de-la-commande-publique »."""
    sans_accents = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9._/]+", "-", sans_accents.lower()).strip("-") or "schema"


def _source(schema: Any) -> str:
    if isinstance(schema, dict):
        return "un dictionnaire Python"
    if isinstance(schema, (str, os.PathLike)):
        return str(schema)
    return "un frictionless.Schema"


def preparer_schema(schema: Any) -> SchemaLu:
    """The schema as frictionless will use it, after the repairs a published schema may need."""
    descripteur = charger_schema(schema)
    if not isinstance(descripteur, dict):
        raise SchemaInvalide("Un schéma Table Schema est un objet JSON {…} avec une liste « fields ».")
    utilise = copy.deepcopy(descripteur)
    remarques = []
    nom = utilise.get("name")
    if isinstance(nom, str) and not _SLUG.match(nom):
        utilise["name"] = slug(nom)
        remarques.append(
            f"Le schéma s'appelle « {nom} » : frictionless refuse un nom qui n'est pas un « slug » (minuscules, "
            f"chiffres et tirets, sans espace ni accent). Le vérificateur l'a lu sous le nom « {utilise['name']} » ; "
            "dans votre copie du schéma, corrigez « name » de la même façon."
        )
    externes = [c for c in utilise.get("foreignKeys") or [] if (c.get("reference") or {}).get("resource")]
    if externes:
        utilise["foreignKeys"] = [c for c in utilise["foreignKeys"] if c not in externes]
        if not utilise["foreignKeys"]:
            del utilise["foreignKeys"]
        tables = ", ".join(sorted({f"« {c['reference']['resource']} »" for c in externes}))
        remarques.append(
            f"Le schéma renvoie à une autre table ({tables}, propriété foreignKeys) : frictionless ne peut le vérifier "
            "qu'avec le paquet de données (datapackage.json) qui contient les deux tables. Ce contrôle n'est pas fait "
            "ici ; pour le faire, validez le paquet : frictionless validate datapackage.json."
        )
    try:
        Schema.from_descriptor(copy.deepcopy(utilise))
    except FrictionlessException as erreur:
        raisons = "; ".join(str(r.note or r.message) for r in erreur.reasons) or erreur.error.note or str(erreur)
        raise SchemaInvalide(f"frictionless refuse le schéma {_source(schema)} : {raisons}") from None
    return SchemaLu(descripteur=utilise, source=_source(schema), remarques=remarques)
