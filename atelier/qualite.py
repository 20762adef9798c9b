"""The quality score data.gouv.fr shows on a data set's page, recomputed from its API answer.

The rule is udata's (the software of data.gouv.fr), read in github.com/opendatateam/udata at commit
25b5a2ddd437 (21 August 2026): ``Dataset.compute_quality`` and ``Dataset.compute_quality_score`` in
``udata/core/dataset/models.py`` count nine criteria, one point each, divided by 9
(``QUALITY_MAX_SCORE``); the description must be longer than ``QUALITY_DESCRIPTION_LENGTH`` = 100
characters (``udata/settings.py``); ``CLOSED_FORMATS`` and the delay of each update frequency
(``UpdateFrequency``) are in ``udata/core/dataset/constants.py``. Lesson 04-04 and exercise 4c use
it; the names learners call are French.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

LONGUEUR_DESCRIPTION = 100
FORMATS_FERMES = ("pdf", "doc", "docx", "word", "xls", "excel", "xlsx")
# delay before the next expected update; None: no regular update expected (always « on time »)
DELAIS = {
    "daily": timedelta(days=1), "weekly": timedelta(weeks=1), "biweekly": timedelta(weeks=2),
    "monthly": timedelta(days=31), "bimonthly": timedelta(days=62), "quarterly": timedelta(days=93),
    "semiannual": timedelta(days=365), "annual": timedelta(days=365), "biennial": timedelta(days=730),
    "continuous": None, "punctual": None, "irregular": None, "never": None, "notPlanned": None, "other": None,
}
SANS_FREQUENCE = (None, "", "unknown")
CRITERES = ["license", "temporal_coverage", "spatial", "update_frequency", "update_fulfilled_in_time",
            "dataset_description_quality", "has_open_format", "all_resources_available", "resources_documentation"]
NOMS = {
    "license": "une licence est choisie",
    "temporal_coverage": "la période couverte est renseignée",
    "spatial": "le territoire couvert est renseigné",
    "update_frequency": "une fréquence de mise à jour est annoncée",
    "update_fulfilled_in_time": "la mise à jour annoncée a été faite à temps",
    "dataset_description_quality": f"la description dépasse {LONGUEUR_DESCRIPTION} caractères",
    "has_open_format": "au moins un fichier est dans un format ouvert",
    "all_resources_available": "les fichiers distants répondent",
    "resources_documentation": "un fichier est décrit ou documenté",
}


def _jour(valeur) -> date:
    """A date from an ISO text (« 2025-04-07T06:15:30+00:00 » or « 2025-04-07 ») or a date."""
    if isinstance(valeur, datetime):
        return valeur.date()
    if isinstance(valeur, date):
        return valeur
    return date.fromisoformat(str(valeur)[:10])


def a_jour(derniere_mise_a_jour, frequence: str | None, le) -> bool | None:
    """Whether the update announced by `frequence` was made in time, on day `le`.

    None when no frequency is announced (the criterion is not counted); True for a frequency with no
    regular delay (irregular, punctual…); otherwise the next expected update, last update + delay,
    may be at most one day past (udata allows that day for harvesting).
    """
    if frequence in SANS_FREQUENCE:
        return None
    if frequence not in DELAIS:
        raise ValueError(f"Fréquence inconnue : « {frequence} ». Fréquences connues : {', '.join(DELAIS)}.")
    delai = DELAIS[frequence]
    if delai is None:
        return True
    prochaine = _jour(derniere_mise_a_jour) + delai
    return (prochaine - _jour(le)).days >= -1


def criteres_datagouv(jeu: dict, le) -> dict[str, bool]:
    """The nine quality criteria of a data set, from its data.gouv.fr API answer (``/api/1/datasets/…``)."""
    ressources = jeu.get("resources") or []
    criteres = {
        "license": bool(jeu.get("license")),
        "temporal_coverage": bool(jeu.get("temporal_coverage")),
        # an answer may carry an empty coverage ({"zones": [], "geom": null}): it covers nothing
        "spatial": bool((jeu.get("spatial") or {}).get("zones") or (jeu.get("spatial") or {}).get("geom")),
        "update_frequency": jeu.get("frequency") not in SANS_FREQUENCE,
        "dataset_description_quality": len(jeu.get("description") or "") > LONGUEUR_DESCRIPTION,
    }
    en_temps = a_jour(jeu.get("last_update"), jeu.get("frequency"), le) if jeu.get("last_update") else None
    if en_temps is not None:
        criteres["update_fulfilled_in_time"] = en_temps
    if ressources:
        criteres["has_resources"] = True  # reported by data.gouv.fr, not scored
        criteres["has_open_format"] = any((r.get("format") or "").lower() not in ("",) + FORMATS_FERMES for r in ressources)
        # only remote files are checked; an unchecked one counts as available (udata: « unknown »)
        distantes = [r for r in ressources if r.get("filetype") == "remote"]
        criteres["all_resources_available"] = all(
            (r.get("extras") or {}).get("check:available", True) is not False for r in distantes)
        criteres["resources_documentation"] = any(
            r.get("type") == "documentation" or bool(r.get("description")) for r in ressources)
    return criteres


def score_datagouv(criteres: dict[str, bool]) -> float:
    """The score between 0 and 1: one point per criterion met, over nine, as data.gouv.fr counts."""
    return sum(1 for nom in CRITERES if criteres.get(nom)) / len(CRITERES)
