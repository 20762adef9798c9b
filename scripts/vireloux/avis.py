"""The programme's forms, as a trainer receives them: invented answers of Vireloux's agents.

``evaluation/avis/``: the feedback of three sessions, twelve participants each, one file per
participant, as the page « Donner votre avis » downloads it; ``evaluation/auto-evaluation/``: the
self-assessments before (twelve) and after (eleven: one agent left the programme). Columns,
separator and encoding come from atelier/evaluation.py, the reader the trainer uses.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from atelier.evaluation import (
    COLONNES_AUTO_EVALUATION, COLONNES_AVIS, ENONCES_AUTO_EVALUATION, csv_formulaire,
)
from vireloux.commune import COMMUNE, aleatoire

HIVER, ETE = timezone(timedelta(hours=1)), timezone(timedelta(hours=2))

# slug: (end of the session, utility weights 1-5, pace weights slow/right/fast, clarity weights,
#        what to keep, what to change: each comment written by one participant at most)
SEANCES = {
    "premiers-pas-jupyter": (
        datetime(2024, 9, 24, 12, 0, tzinfo=ETE), (0, 1, 2, 5, 4), (3, 8, 1), (0, 1, 2, 5, 4),
        ["Faire les manipulations soi-même, pas à pas.", "Le tableau des équipements de Vireloux : on s'y retrouve.",
         "Les messages d'erreur expliqués en français.", "La pause au milieu.", "Le formateur qui passe derrière nous.",
         "Pouvoir tout refaire chez soi, même sans Internet."],
        ["Aller un peu plus vite au début : le clavier, on connaît.", "Un aide-mémoire des raccourcis sur papier.",
         "Plus de temps pour la carte.", "Prévoir une prise électrique par poste.", "Commencer à l'heure.",
         "Une séance de plus pour s'exercer."]),
    "construire-un-fichier": (
        datetime(2025, 1, 21, 16, 30, tzinfo=HIVER), (0, 1, 3, 5, 3), (0, 6, 6), (1, 2, 4, 4, 1),
        ["Le fichier des subventions à nettoyer : c'est exactement le nôtre.", "Le vérificateur de fichiers.",
         "Comprendre enfin l'UTF-8.", "Le travail à deux sur un même fichier.", "Les exemples de dates mal écrites.",
         "Savoir pourquoi Excel abîme les fichiers."],
        ["Trop de choses en une séance : le schéma mériterait une séance à lui.", "Ralentir sur pandas.",
         "Donner le corrigé du nettoyage à la fin.", "Un exemple avec un vrai fichier de notre commune.",
         "Expliquer davantage les données personnelles.", "Des pauses plus fréquentes."]),
    "explorer-le-portail": (
        datetime(2025, 2, 11, 12, 0, tzinfo=HIVER), (0, 0, 2, 6, 4), (1, 9, 2), (0, 1, 2, 6, 3),
        ["La recherche sur le vrai portail régional.", "Voir ce que publient les autres communes.",
         "Le premier graphique fait à partir d'un jeu trouvé.", "Les exercices corrigés en direct.",
         "Apprendre à lire la fiche d'un jeu avant de le télécharger.", "Les captures d'écran du portail dans le support."],
        ["Montrer aussi data.gouv.fr plus longtemps.", "Plus d'exemples de réutilisations.",
         "Expliquer la pagination plus lentement.", "Un exercice de plus sur les filtres.",
         "Donner la liste des adresses utiles.", "Moins de théorie au début."]),
}
RYTHMES = ("trop lent", "adapté", "trop rapide")
APPLICATIONS, POIDS_APPLICATION = ("oui", "en partie", "non", "je ne sais pas encore"), (5, 4, 1, 2)
NOMS = ["Martine D.", "Karim B.", "Sophie L.", "Julien V.", "Nadia M.", "Luc P."]
FONCTIONS = ["agent du service Travaux", "agente du service Mobilité", "secrétariat communal", "service informatique",
             "service Environnement", "agent du CPAS", "service Finances", "service Population", "référente open data",
             "service Urbanisme", "service Culture", "service Enseignement"]
# statement: (mean level before, gain after), on 1-4; organisation, uses and updates move least (module 07, lesson 06)
PROFILS = {"inventaire": (1.8, 1.0), "ouvrable": (1.7, 1.4), "licence": (1.3, 1.9), "decision": (1.5, 1.3),
           "roles": (1.6, 0.8), "fichier_propre": (1.6, 1.5), "validation": (1.1, 1.7), "publication": (1.2, 1.7),
           "mise_a_jour": (1.5, 0.5), "reutilisation": (1.6, 1.4), "usages": (1.3, 0.6)}
MOMENTS = {"avant": datetime(2024, 9, 24, 9, 15, tzinfo=ETE), "après": datetime(2025, 6, 17, 16, 0, tzinfo=ETE)}


def _nom_de_fichier(prefixe: str, qui: str, quand: datetime) -> str:
    return f"{prefixe}-{qui}-{quand.strftime('%Y%m%d-%H%M%S')}.csv"


def _avis(slug: str) -> dict[str, bytes]:
    fin, utilite, rythme, clarte, garder, changer = SEANCES[slug]
    hasard = aleatoire(f"avis-{slug}")
    garder, changer = hasard.sample(garder, len(garder)), hasard.sample(changer, len(changer))  # each said once
    fichiers = {}
    for i in range(12):
        quand = fin + timedelta(minutes=hasard.randint(1, 25), seconds=hasard.randint(0, 59) + i)
        ligne = {
            "seance": slug, "horodatage": quand.isoformat(),
            "utilite": hasard.choices(range(1, 6), utilite)[0], "rythme": hasard.choices(RYTHMES, rythme)[0],
            "clarte": hasard.choices(range(1, 6), clarte)[0],
            "application": hasard.choices(APPLICATIONS, POIDS_APPLICATION)[0],
            "a_garder": garder.pop() if garder and hasard.random() < 0.6 else "",
            "a_changer": changer.pop() if changer and hasard.random() < 0.5 else "",
            "nom": hasard.choice(NOMS) if hasard.random() < 0.3 else "",
        }
        fichiers[f"evaluation/avis/{_nom_de_fichier('avis', slug, quand)}"] = csv_formulaire(COLONNES_AVIS, [ligne])
    return fichiers


def _auto_evaluations() -> dict[str, bytes]:
    hasard = aleatoire("auto-evaluation")
    fichiers = {}
    niveaux_avant = {f: {e: PROFILS[e][0] + hasard.uniform(-0.8, 0.8) for e in PROFILS} for f in FONCTIONS}
    for moment, debut in MOMENTS.items():
        # the same twelve agents before, eleven after
        for i, fonction in enumerate(FONCTIONS if moment == "avant" else FONCTIONS[:-1]):
            quand = debut + timedelta(minutes=i, seconds=hasard.randint(0, 59))
            ligne = {"moment": moment, "horodatage": quand.isoformat(), "commune": COMMUNE if i % 4 else "",
                     "fonction": fonction}
            for enonce in ENONCES_AUTO_EVALUATION:
                niveau = niveaux_avant[fonction][enonce.colonne]
                if moment == "après":
                    niveau += PROFILS[enonce.colonne][1] + hasard.uniform(-0.6, 0.4)
                ligne[enonce.colonne] = min(4, max(1, round(niveau)))
            nom = _nom_de_fichier("auto-evaluation", moment.replace("è", "e"), quand)
            fichiers[f"evaluation/auto-evaluation/{nom}"] = csv_formulaire(COLONNES_AUTO_EVALUATION, [ligne])
    return fichiers


def fichiers_evaluation() -> dict[str, bytes]:
    """Every file of evaluation/, as {path relative to data/: bytes}."""
    fichiers = {}
    for slug in SEANCES:
        fichiers.update(_avis(slug))
    fichiers.update(_auto_evaluations())
    return fichiers


def readme_evaluation() -> list[str]:
    """The section of data/README.md on evaluation/."""
    return ["## Avis et auto-évaluations des participants", "",
            "`evaluation/` contient des réponses **inventées** pour la formation, telles qu'un formateur les reçoit "
            "des pages « Donner votre avis » et « Auto-évaluation » du livre (un fichier par participant ; CSV en "
            "UTF-8 avec BOM, séparateur point-virgule). Aucun agent réel n'a répondu.", "",
            "| dossier | contenu |", "| --- | --- |",
            "| `evaluation/avis/` | les avis de douze participants sur chacune de trois séances (premiers pas, "
            "construire un fichier, explorer le portail) |",
            "| `evaluation/auto-evaluation/` | l'auto-évaluation de douze agents de Vireloux avant le parcours "
            "(septembre 2024) et de onze d'entre eux après (juin 2025) |", ""]
