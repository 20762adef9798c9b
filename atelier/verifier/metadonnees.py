"""DCAT-AP metadata check for the exercises: the properties asked for, the EU vocabularies and the open licences.

``verifier_metadonnees(dictionnaire)`` returns the problems as French sentences (empty list when
the metadata are complete). A licence is recognised by its address, by one of its other official
addresses (the PDF Opendatasoft links to, the SPDX page) or by its SPDX identifier.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

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
    "https://creativecommons.org/licenses/by/2.0/be/": "CC BY 2.0 BE",
    "https://creativecommons.org/publicdomain/zero/1.0/": "CC0 1.0",
    "https://www.etalab.gouv.fr/licence-ouverte-open-licence/": "Licence Ouverte 2.0",
    "https://opendatacommons.org/licenses/odbl/1-0/": "ODbL 1.0",
}
"""Open licences the curriculum teaches, by the address that identifies them.

CC BY 2.0 BE is the licence of the Walloon data standards (FuturoCité, ODWB)."""

AUTRES_ADRESSES = {
    # The address Opendatasoft portals give as ``license_url`` for the Licence Ouverte.
    "https://www.etalab.gouv.fr/wp-content/uploads/2017/04/ETALAB-Licence-Ouverte-v2.0.pdf": "Licence Ouverte 2.0",
    "https://spdx.org/licenses/etalab-2.0.html": "Licence Ouverte 2.0",
    "https://spdx.org/licenses/CC-BY-4.0.html": "CC BY 4.0",
    "https://spdx.org/licenses/CC0-1.0.html": "CC0 1.0",
    "https://spdx.org/licenses/ODbL-1.0.html": "ODbL 1.0",
}
"""Other official addresses of the same licences."""

IDENTIFIANTS_SPDX = {"CC-BY-4.0": "CC BY 4.0", "CC0-1.0": "CC0 1.0", "etalab-2.0": "Licence Ouverte 2.0",
                     "ODbL-1.0": "ODbL 1.0"}
"""SPDX identifiers (the ``name`` of a Data Package licence) of the same licences."""

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

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def cle_de_licence(adresse: str) -> str:
    """The part of a licence address that identifies it: no scheme, www, language page or trailing slash."""
    cle = re.sub(r"^https?://(www\.)?", "", adresse.strip().lower())
    cle = re.sub(r"/(deed\.[a-z-]+|legalcode(\.[a-z-]+)?)$", "", cle)
    return re.sub(r"\.html$", "", cle).rstrip("/")


_LICENCES_PAR_CLE = {cle_de_licence(u): nom for u, nom in {**LICENCES, **AUTRES_ADRESSES}.items()}


def nom_de_licence(licence: Any) -> str | None:
    """The licence's short name when ``licence`` is a known open licence (address or SPDX identifier), else None."""
    if not isinstance(licence, str):
        return None
    if licence.strip() in IDENTIFIANTS_SPDX:
        return IDENTIFIANTS_SPDX[licence.strip()]
    return _LICENCES_PAR_CLE.get(cle_de_licence(licence))


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
    licence given by its address or its SPDX identifier, a period {"dcat:startDate",
    "dcat:endDate"} in ISO dates and a place.
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
    if "dct:license" in metadonnees and nom_de_licence(licence) is None:
        if not isinstance(licence, str) or not licence.strip().startswith(("http://", "https://")):
            problemes.append(
                "dct:license doit être l'adresse (URL) de la licence, par exemple "
                "https://creativecommons.org/licenses/by/4.0/ pour la CC BY 4.0, ou son identifiant SPDX "
                f"({', '.join(IDENTIFIANTS_SPDX)}), pas « {licence} »."
            )
        else:
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
