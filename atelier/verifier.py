"""Self-checks for the exercises: explain, in French, how a table or a set of metadata falls short.

Visible tests of the exercises call these functions so that a learner gets one precise,
actionable sentence instead of a bare ``AssertionError``::

    from atelier.verifier import comparer_au_schema
    ecarts = comparer_au_schema(subventions, atelier.donnees("schemas/subventions.schema.json"))
    assert not ecarts, "Indice : " + ecarts[0]

They are training infrastructure, not the skill being taught: lessons validate files with
frictionless itself. Hidden tests never call this module (a learner could replace it from the
notebook); they recompute what they check with pandas and frictionless directly.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

__all__ = [
    "FREQUENCES",
    "LICENCES",
    "METADONNEES_OBLIGATOIRES",
    "THEMES",
    "charger_schema",
    "comparer_au_schema",
    "verifier_metadonnees",
]

FREQUENCES = (
    "ANNUAL", "ANNUAL_2", "ANNUAL_3", "BIENNIAL", "BIMONTHLY", "BIWEEKLY", "CONT", "DAILY", "DAILY_2",
    "DECENNIAL", "HOURLY", "IRREG", "MONTHLY", "MONTHLY_2", "MONTHLY_3", "NEVER", "QUADRENNIAL",
    "QUARTERLY", "QUINQUENNIAL", "TRIENNIAL", "UNKNOWN", "UPDATE_CONT", "WEEKLY", "WEEKLY_2", "WEEKLY_3",
)
"""Codes of the EU « Frequency » authority table used by DCAT-AP for dct:accrualPeriodicity."""

URI_FREQUENCE = "http://publications.europa.eu/resource/authority/frequency/"

THEMES = ("AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN")
"""Codes of the EU « Data theme » authority table used by DCAT-AP for dcat:theme."""

URI_THEME = "http://publications.europa.eu/resource/authority/data-theme/"

LICENCES = {
    "https://creativecommons.org/licenses/by/4.0/": "CC BY 4.0",
    "https://creativecommons.org/publicdomain/zero/1.0/": "CC0 1.0",
    "https://www.etalab.gouv.fr/licence-ouverte-open-licence/": "Licence Ouverte 2.0",
    "https://opendatacommons.org/licenses/odbl/1-0/": "ODbL 1.0",
}
"""Open licences the curriculum teaches, by the address that identifies them."""

METADONNEES_OBLIGATOIRES = {
    "dct:title": "le titre",
    "dct:description": "la description",
    "dcat:keyword": "les mots-clés",
    "dcat:theme": "le thème",
    "dct:publisher": "l'organisation qui publie",
    "dct:license": "la licence",
    "dct:accrualPeriodicity": "la fréquence de mise à jour",
    "dct:temporal": "la couverture temporelle",
    "dct:spatial": "la couverture spatiale",
}
"""The DCAT-AP properties the exercises ask for, with their name in plain French."""

_TYPES_TEXTE = {"string"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HEURE = re.compile(r"^\d{2}:\d{2}(:\d{2})?$")


def charger_schema(schema: Any) -> dict:
    """Return a Table Schema as a dict, from a dict, a path to a JSON file or a frictionless Schema."""
    if isinstance(schema, dict):
        return schema
    if isinstance(schema, (str, os.PathLike)):
        chemin = Path(schema)
        if not chemin.exists():
            raise FileNotFoundError(f"Le schéma « {chemin} » est introuvable : vérifiez le chemin.")
        return json.loads(chemin.read_text(encoding="utf-8"))
    if hasattr(schema, "to_descriptor"):
        return schema.to_descriptor()
    raise TypeError(
        "Le schéma doit être un dictionnaire, le chemin d'un fichier JSON ou un frictionless.Schema, "
        f"pas un objet de type {type(schema).__name__}."
    )


def _exemples(valeurs: Iterable, nombre: int) -> str:
    vus = []
    for valeur in valeurs:
        texte = f"« {valeur} »"
        if texte not in vus:
            vus.append(texte)
        if len(vus) == nombre:
            break
    return ", ".join(vus)


def _manquants(colonne: pd.Series) -> pd.Series:
    manquant = colonne.isna()
    if pd.api.types.is_string_dtype(colonne) or pd.api.types.is_object_dtype(colonne):
        manquant |= colonne.astype("string").str.strip().fillna("").eq("")
    return manquant


def _est_texte(colonne: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(colonne) or pd.api.types.is_numeric_dtype(colonne):
        return False
    if pd.api.types.is_datetime64_any_dtype(colonne):
        return False
    if pd.api.types.is_string_dtype(colonne):
        return True
    return bool(colonne.dropna().map(lambda v: isinstance(v, str)).all())


def _ecart_de_type(nom: str, type_attendu: str, colonne: pd.Series, exemples: int) -> str | None:
    """One sentence when the column's dtype cannot hold the schema's type, else None."""
    valeurs = colonne.dropna()
    dtype = str(colonne.dtype)
    if type_attendu in _TYPES_TEXTE:
        if _est_texte(colonne):
            return None
        if pd.api.types.is_numeric_dtype(colonne) and not pd.api.types.is_bool_dtype(colonne):
            return (
                f"la colonne « {nom} » contient des nombres ({dtype}) alors que le schéma attend du texte "
                "(string). Un code lu comme un nombre perd ses zéros initiaux (0412… devient 412…) : "
                "lisez le fichier avec dtype=str, ou convertissez la colonne en texte puis complétez avec .str.zfill()."
            )
        return f"la colonne « {nom} » est de type {dtype} alors que le schéma attend du texte (string)."
    if type_attendu in {"integer", "year"}:
        if pd.api.types.is_integer_dtype(colonne) and not pd.api.types.is_bool_dtype(colonne):
            return None
        if pd.api.types.is_float_dtype(colonne):
            if (valeurs == valeurs.round()).all():
                if colonne.isna().any():
                    return None
                return (
                    f"la colonne « {nom} » contient des nombres à virgule ({dtype}) alors que le schéma attend "
                    "des entiers : convertissez-la avec .astype(int) (ou .astype(\"Int64\") s'il y a des vides)."
                )
            return f"la colonne « {nom} » contient des décimales, par exemple {_exemples(valeurs, exemples)}, alors que le schéma attend des entiers."
        return (
            f"la colonne « {nom} » est du texte ({dtype}) alors que le schéma attend des entiers (integer), "
            f"par exemple {_exemples(valeurs, exemples)}. Retirez les espaces des milliers et les symboles, puis convertissez."
        )
    if type_attendu == "number":
        if pd.api.types.is_numeric_dtype(colonne) and not pd.api.types.is_bool_dtype(colonne):
            return None
        return (
            f"la colonne « {nom} » est du texte ({dtype}) alors que le schéma attend des nombres (number), "
            f"par exemple {_exemples(valeurs, exemples)}. Une virgule décimale, une espace des milliers ou un "
            "« € » empêchent la lecture : remplacez la virgule par un point, retirez le reste, puis convertissez avec .astype(float)."
        )
    if type_attendu == "boolean":
        if pd.api.types.is_bool_dtype(colonne):
            return None
        if valeurs.map(lambda v: isinstance(v, bool)).all():
            return None
        return (
            f"la colonne « {nom} » doit contenir des booléens (True / False), pas des valeurs comme "
            f"{_exemples(valeurs, exemples)} : traduisez chaque façon d'écrire oui ou non avec un dictionnaire et .map()."
        )
    if type_attendu == "date":
        if pd.api.types.is_datetime64_any_dtype(colonne):
            return None
        textes = valeurs.astype(str)
        mauvais = textes[~textes.str.match(_ISO_DATE)]
        if mauvais.empty and _est_texte(colonne):
            return None
        return (
            f"la colonne « {nom} » doit contenir des dates (datetime64, ou du texte AAAA-MM-JJ), pas des valeurs "
            f"comme {_exemples(mauvais if not mauvais.empty else valeurs, exemples)} : convertissez-la avec pd.to_datetime "
            "en précisant le format de chaque forme de date."
        )
    if type_attendu == "time":
        textes = valeurs.astype(str)
        mauvais = textes[~textes.str.match(_HEURE)]
        if mauvais.empty:
            return None
        return f"la colonne « {nom} » doit contenir des heures HH:MM, pas des valeurs comme {_exemples(mauvais, exemples)}."
    return None


def _ecarts_de_contraintes(nom: str, champ: dict, colonne: pd.Series, exemples: int) -> list[str]:
    contraintes = champ.get("constraints", {})
    ecarts = []
    manquant = _manquants(colonne)
    if contraintes.get("required") and manquant.any():
        ecarts.append(
            f"la colonne « {nom} » est obligatoire mais {int(manquant.sum())} ligne(s) sont vides "
            f"(par exemple la ligne d'index {colonne.index[manquant][0]})."
        )
    valeurs = colonne[~manquant]
    if "pattern" in contraintes and not valeurs.empty:
        motif = re.compile(contraintes["pattern"])
        textes = valeurs.map(lambda v: v.strftime("%Y-%m-%d") if hasattr(v, "strftime") else str(v))
        mauvais = textes[~textes.map(lambda v: bool(motif.fullmatch(v)))]
        if not mauvais.empty:
            conseil = ""
            if mauvais.map(lambda v: v.isdigit() and any(motif.fullmatch(v.zfill(len(v) + k)) for k in range(1, 5))).any():
                conseil = " Des chiffres manquent : les zéros initiaux ont sans doute été perdus (.str.zfill() les remet)."
            elif mauvais.str.contains(r"[.\s/-]").any():
                conseil = " Retirez les points, espaces ou tirets ajoutés pour la lisibilité."
            ecarts.append(
                f"{len(mauvais)} valeur(s) de « {nom} » ne respectent pas le motif {contraintes['pattern']}, "
                f"par exemple {_exemples(mauvais, exemples)}.{conseil}"
            )
    if "enum" in contraintes and not valeurs.empty:
        permis = set(contraintes["enum"])
        mauvais = valeurs[~valeurs.isin(permis)]
        if not mauvais.empty:
            ecarts.append(
                f"{len(mauvais)} valeur(s) de « {nom} » ne font pas partie de la liste permise, par exemple "
                f"{_exemples(mauvais, exemples)} ; valeurs permises : {', '.join(map(str, contraintes['enum']))}."
            )
    numerique = pd.api.types.is_numeric_dtype(valeurs) and not pd.api.types.is_bool_dtype(valeurs)
    if numerique and "minimum" in contraintes:
        mauvais = valeurs[valeurs < contraintes["minimum"]]
        if not mauvais.empty:
            ecarts.append(f"{len(mauvais)} valeur(s) de « {nom} » sont inférieures au minimum {contraintes['minimum']}, par exemple {_exemples(mauvais, exemples)}.")
    if numerique and "maximum" in contraintes:
        mauvais = valeurs[valeurs > contraintes["maximum"]]
        if not mauvais.empty:
            ecarts.append(f"{len(mauvais)} valeur(s) de « {nom} » dépassent le maximum {contraintes['maximum']}, par exemple {_exemples(mauvais, exemples)}.")
    if "maxLength" in contraintes and _est_texte(valeurs):
        mauvais = valeurs[valeurs.str.len() > contraintes["maxLength"]]
        if not mauvais.empty:
            ecarts.append(f"{len(mauvais)} valeur(s) de « {nom} » dépassent {contraintes['maxLength']} caractères.")
    if contraintes.get("unique"):
        doublons = valeurs[valeurs.duplicated()]
        if not doublons.empty:
            ecarts.append(f"la colonne « {nom} » doit être unique, mais ces valeurs reviennent plusieurs fois : {_exemples(doublons, exemples)}.")
    return ecarts


def comparer_au_schema(tableau: pd.DataFrame, schema: Any, champs: Iterable[str] | None = None,
                       exemples: int = 3) -> list[str]:
    """Compare a pandas table with a Table Schema; return the differences as French sentences.

    ``schema`` is a dict, the path of a ``schema.json`` or a ``frictionless.Schema``. ``champs``
    restricts the check to some fields (the table may then hold other columns, and the order of
    the columns is not checked). The list is empty when the table fits the schema; each sentence
    names the column, shows a few offending values and suggests the usual fix.
    """
    if not isinstance(tableau, pd.DataFrame):
        return [f"un tableau pandas (DataFrame) est attendu, pas un objet de type {type(tableau).__name__}."]
    descripteur = charger_schema(schema)
    tous = descripteur.get("fields", [])
    noms_schema = [f["name"] for f in tous]
    if champs is None:
        retenus = tous
    else:
        champs = list(champs)
        inconnus = [c for c in champs if c not in noms_schema]
        if inconnus:
            raise ValueError(f"Champs absents du schéma : {', '.join(inconnus)}.")
        retenus = [f for f in tous if f["name"] in champs]
    colonnes = [str(c) for c in tableau.columns]
    ecarts: list[str] = []
    absentes = [f["name"] for f in retenus if f["name"] not in colonnes]
    if absentes:
        ecarts.append(
            f"il manque {len(absentes)} colonne(s) : {', '.join(absentes)}. Vérifiez l'orthographe exacte "
            "(majuscules comprises) et renommez avec .rename(columns={...})."
        )
    if champs is None:
        en_trop = [c for c in colonnes if c not in noms_schema]
        if en_trop:
            ecarts.append(
                f"colonne(s) absente(s) du schéma : {', '.join(en_trop)}. Retirez-les avec .drop(columns=[...]) "
                "ou renommez-les comme dans le schéma (une colonne « Unnamed: 0 » vient d'un index écrit dans le fichier)."
            )
        if not absentes and not en_trop and colonnes != noms_schema:
            ecarts.append("les colonnes n'ont pas l'ordre du schéma : réordonnez-les avec tableau[liste_des_noms_du_schema].")
    if len(set(colonnes)) != len(colonnes):
        ecarts.append("deux colonnes portent le même nom : renommez-en une.")
        return ecarts
    for champ in retenus:
        nom = champ["name"]
        if nom not in colonnes:
            continue
        colonne = tableau[nom]
        ecart = _ecart_de_type(nom, champ.get("type", "any"), colonne, exemples)
        if ecart:
            ecarts.append(ecart)
            continue
        ecarts += _ecarts_de_contraintes(nom, champ, colonne, exemples)
    cle = descripteur.get("primaryKey")
    if isinstance(cle, str):
        cle = [cle]
    if cle and all(c in colonnes for c in cle) and (champs is None or all(c in champs for c in cle)):
        doublons = tableau[tableau.duplicated(subset=cle, keep=False)]
        if not doublons.empty:
            ecarts.append(
                f"{len(doublons)} ligne(s) partagent la même clé primaire ({', '.join(cle)}) : il reste des doublons. "
                "Repérez-les avec tableau[tableau.duplicated(subset=[...], keep=False)]."
            )
    return ecarts


def _date_iso(valeur: Any) -> date | None:
    if isinstance(valeur, date):
        return valeur
    if isinstance(valeur, str) and _ISO_DATE.match(valeur):
        try:
            return date.fromisoformat(valeur)
        except ValueError:
            return None
    return None


def verifier_metadonnees(metadonnees: Any, longueur_description: int = 100) -> list[str]:
    """Check a dict of DCAT-AP metadata (keys such as "dct:title"); return the problems in French.

    The list is empty when every property of METADONNEES_OBLIGATOIRES is present and well formed:
    a title, a description of at least ``longueur_description`` characters, three keywords, a
    theme and a frequency from the EU vocabularies (code or address), a publisher, an open
    licence given by its address, a period {"dcat:startDate", "dcat:endDate"} in ISO dates and a
    place.
    """
    if not isinstance(metadonnees, dict):
        return [f"les métadonnées doivent être un dictionnaire Python {{...}}, pas un objet de type {type(metadonnees).__name__}."]
    problemes = []
    absentes = [f"{cle} ({sens})" for cle, sens in METADONNEES_OBLIGATOIRES.items() if cle not in metadonnees]
    if absentes:
        problemes.append(
            "il manque " + ", ".join(absentes) + ". Les clés s'écrivent exactement comme dans DCAT-AP, préfixe compris."
        )
    titre = metadonnees.get("dct:title")
    if "dct:title" in metadonnees:
        if not isinstance(titre, str) or len(titre.strip()) < 10:
            problemes.append("dct:title doit être une phrase courte (10 caractères au moins) qui dit ce que contient le jeu.")
        elif titre.strip().lower().endswith((".csv", ".xlsx", ".json")) or "_" in titre:
            problemes.append("dct:title doit être un titre lisible par un humain, pas un nom de fichier.")
        elif len(titre) > 150:
            problemes.append("dct:title est trop long : gardez le détail pour la description.")
    description = metadonnees.get("dct:description")
    if "dct:description" in metadonnees and (not isinstance(description, str) or len(description.strip()) < longueur_description):
        problemes.append(
            f"dct:description doit compter au moins {longueur_description} caractères : dites ce que contient le "
            "jeu, d'où viennent les données, ce que signifie une ligne et ses limites."
        )
    mots = metadonnees.get("dcat:keyword")
    if "dcat:keyword" in metadonnees:
        if isinstance(mots, str) or not isinstance(mots, (list, tuple)):
            problemes.append("dcat:keyword doit être une liste de mots-clés, par exemple [\"budget\", \"finances\", \"commune\"], pas un seul texte.")
        elif len({m.strip().lower() for m in mots if isinstance(m, str) and m.strip()}) < 3:
            problemes.append("dcat:keyword doit contenir au moins trois mots-clés différents et non vides.")
    theme = metadonnees.get("dcat:theme")
    if "dcat:theme" in metadonnees:
        code = theme.removeprefix(URI_THEME) if isinstance(theme, str) else None
        if code not in THEMES:
            problemes.append(
                f"dcat:theme doit être un code du vocabulaire européen des thèmes ({', '.join(THEMES)}) "
                f"ou son adresse {URI_THEME}CODE, pas « {theme} »."
            )
    editeur = metadonnees.get("dct:publisher")
    if "dct:publisher" in metadonnees and (not isinstance(editeur, str) or len(editeur.strip()) < 3):
        problemes.append("dct:publisher doit nommer l'organisation qui publie, par exemple « Commune de Vireloux ».")
    licence = metadonnees.get("dct:license")
    if "dct:license" in metadonnees:
        if not isinstance(licence, str) or not licence.startswith(("http://", "https://")):
            problemes.append(
                "dct:license doit être l'adresse (URL) de la licence, par exemple "
                "https://creativecommons.org/licenses/by/4.0/ pour la CC BY 4.0, pas seulement son nom."
            )
        elif licence.replace("http://", "https://").rstrip("/") + "/" not in LICENCES:
            problemes.append("dct:license doit désigner une licence ouverte connue : " + ", ".join(f"{n} ({u})" for u, n in LICENCES.items()) + ".")
    frequence = metadonnees.get("dct:accrualPeriodicity")
    if "dct:accrualPeriodicity" in metadonnees:
        code = frequence.removeprefix(URI_FREQUENCE) if isinstance(frequence, str) else None
        if code not in FREQUENCES:
            problemes.append(
                "dct:accrualPeriodicity doit être un code du vocabulaire européen des fréquences, par exemple "
                f"ANNUAL, MONTHLY, WEEKLY, IRREG (ou {URI_FREQUENCE}ANNUAL), pas « {frequence} »."
            )
    periode = metadonnees.get("dct:temporal")
    if "dct:temporal" in metadonnees:
        if not isinstance(periode, dict) or not {"dcat:startDate", "dcat:endDate"} <= set(periode):
            problemes.append("dct:temporal doit être un dictionnaire {\"dcat:startDate\": \"AAAA-MM-JJ\", \"dcat:endDate\": \"AAAA-MM-JJ\"}.")
        else:
            debut, fin = _date_iso(periode["dcat:startDate"]), _date_iso(periode["dcat:endDate"])
            if debut is None or fin is None:
                problemes.append("les dates de dct:temporal doivent s'écrire AAAA-MM-JJ (ISO 8601), par exemple \"2025-01-01\".")
            elif debut > fin:
                problemes.append("dans dct:temporal, la date de début est postérieure à la date de fin.")
    lieu = metadonnees.get("dct:spatial")
    if "dct:spatial" in metadonnees and (not isinstance(lieu, str) or len(lieu.strip()) < 3):
        problemes.append("dct:spatial doit nommer le territoire couvert, par exemple « Vireloux (code INS 92999) ».")
    return problemes
