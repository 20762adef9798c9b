"""The two forms of the programme and what the trainer does with their answers.

The book's pages « Donner votre avis » (one feedback form per session) and « Auto-évaluation »
(before and after the programme) are static: their script builds one CSV file per participant, who
sends it to the trainer. Nothing leaves the participant's computer otherwise. This module holds the
forms' questions (the book extension renders them, so page and reader never disagree) and the
trainer's side::

    from atelier import evaluation
    avis, problemes = evaluation.lire_avis("avis-recus/")
    evaluation.resume_par_seance(avis)

The CSV files: UTF-8 with a byte order mark (Excel then shows the accents), « ; » as separator
(what Excel expects with French regional settings), one header row, one row per answer.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from atelier.chemins import RACINE

SEPARATEUR = ";"
ENCODAGE = "utf-8-sig"  # UTF-8 with BOM
FICHIER_SEANCES = RACINE / "book" / "seances" / "seances.yml"
FUSEAU = "Europe/Brussels"  # times are shown in it (files keep the participant's own offset)


@dataclass(frozen=True)
class Question:
    colonne: str
    intitule: str
    genre: str  # "echelle", "choix", "texte" (several lines) or "court" (one line)
    valeurs: tuple[str, ...] = ()
    libelles: tuple[str, ...] = ()  # one per value, for an "echelle"
    obligatoire: bool = True
    axe: str = ""  # self-assessment: the axis of the governance self-diagnosis (module 07, lesson 06)


ECHELLE_5 = tuple(str(n) for n in range(1, 6))
QUESTIONS_AVIS = (
    Question("utilite", "Dans l'ensemble, cette séance vous a-t-elle été utile ?", "echelle", ECHELLE_5,
             ("pas du tout utile", "peu utile", "moyennement utile", "utile", "très utile")),
    Question("rythme", "Le rythme de la séance était…", "choix", ("trop lent", "adapté", "trop rapide")),
    Question("clarte", "Les explications étaient-elles claires ?", "echelle", ECHELLE_5,
             ("pas claires du tout", "peu claires", "moyennement claires", "claires", "très claires")),
    Question("application", "Pourrez-vous appliquer ce que vous avez appris dans votre travail ?", "choix",
             ("oui", "en partie", "non", "je ne sais pas encore")),
    Question("a_garder", "Ce qu'il faut garder absolument :", "texte", obligatoire=False),
    Question("a_changer", "Ce qu'il faudrait changer ou ajouter :", "texte", obligatoire=False),
    Question("nom", "Votre nom : laissez-le vide pour un avis anonyme", "court", obligatoire=False),
)
COLONNES_AVIS = ("seance", "horodatage") + tuple(q.colonne for q in QUESTIONS_AVIS)

ECHELLE_4 = ("1", "2", "3", "4")
LIBELLES_4 = ("pas du tout vrai", "plutôt pas vrai", "plutôt vrai", "tout à fait vrai")
MOMENTS = ("avant", "après")


def _enonce(colonne: str, axe: str, texte: str) -> Question:
    return Question(colonne, texte, "echelle", ECHELLE_4, LIBELLES_4, axe=axe)


# What a participant can say of themself and of what they see in their commune; the axes are those of
# modeles/autodiagnostic-gouvernance.xlsx, which the commune's team fills in with proofs.
ENONCES_AUTO_EVALUATION = (
    _enonce("inventaire", "inventaire", "Je sais quelles données mon service détient, et qui en est responsable."),
    _enonce("ouvrable", "cadre", "Pour une donnée de mon service, je sais dire si elle peut être ouverte, et sinon "
            "pourquoi (données personnelles, droits d'un tiers, sécurité)."),
    _enonce("licence", "cadre", "Je sais quelle licence ouverte choisir pour un jeu de données de la commune, et ce "
            "qu'elle permet aux réutilisateurs."),
    _enonce("decision", "strategie", "Je sais qui, dans la commune, décide d'ouvrir un jeu de données, et comment lui "
            "soumettre une proposition."),
    _enonce("roles", "organisation", "Je sais à qui m'adresser pour une question de données : référent open data, "
            "informatique, délégué à la protection des données."),
    _enonce("fichier_propre", "qualite", "Je sais préparer un fichier propre à publier : CSV en UTF-8, une ligne par objet, "
            "des dates et des nombres lisibles par une machine."),
    _enonce("validation", "qualite", "Je sais vérifier un fichier avec son schéma avant de le publier."),
    _enonce("publication", "publication", "Je sais publier un jeu de données sur le portail, avec sa fiche : titre, "
            "description, licence, fréquence de mise à jour."),
    _enonce("mise_a_jour", "publication", "Chaque jeu que nous publions a une personne chargée de sa mise à jour, qui "
            "sait quand la faire."),
    _enonce("reutilisation", "usages", "Je sais trouver et réutiliser, pour un projet de la commune, des données "
            "publiées par d'autres : la Région, l'État, d'autres communes."),
    _enonce("usages", "usages", "Je sais comment la commune peut connaître les réutilisations de ses données et "
            "recueillir les demandes des habitants."),
)
QUESTIONS_AUTO_EVALUATION = (
    Question("moment", "Vous remplissez ce questionnaire…", "choix", MOMENTS,
             ("avant le parcours, au début de la formation", "après le parcours, à la fin de la formation")),
    Question("commune", "Votre commune ou votre administration", "court", obligatoire=False),
    Question("fonction", "Votre fonction (pas votre nom), par exemple agent du service Travaux", "court", obligatoire=False),
) + ENONCES_AUTO_EVALUATION
COLONNES_AUTO_EVALUATION = ("moment", "horodatage") + tuple(q.colonne for q in QUESTIONS_AUTO_EVALUATION[1:])


def seances(fichier: Path = FICHIER_SEANCES) -> list[dict]:
    """The programme's sessions (slug, titre, etape, duree_minutes, modules), in programme order."""
    return yaml.safe_load(Path(fichier).read_text(encoding="utf-8"))


# An answer that starts like a spreadsheet formula is written after a quote, so that a tableur shows
# it as text instead of running it (formulaires.js does the same); reading removes the quote.
DEBUT_DE_FORMULE = ("=", "+", "-", "@", "\t")


def _sans_formule(valeur) -> str:
    texte = str(valeur)
    return f"'{texte}" if texte.startswith(DEBUT_DE_FORMULE) else texte


def csv_formulaire(colonnes, lignes: list[dict]) -> bytes:
    """A form's CSV file, as the pages write it: BOM, « ; », a header row, CRLF line ends."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=SEPARATEUR, lineterminator="\r\n")
    ecrivain.writerow(colonnes)
    for ligne in lignes:
        ecrivain.writerow([_sans_formule(ligne.get(c, "")) for c in colonnes])
    return tampon.getvalue().encode(ENCODAGE)


# --------------------------------------------------------------------------- reading the files


def _fichiers(source) -> list[Path]:
    """A folder (its CSV files, sorted), one file, or a list of files."""
    if isinstance(source, (str, Path)):
        source = Path(source)
        if source.is_dir():
            return sorted(p for p in source.rglob("*") if p.is_file() and p.suffix.lower() == ".csv")
        return [source]
    return [Path(p) for p in source]


def _lire_tableau(chemin: Path, colonnes: tuple[str, ...], autre: tuple[tuple[str, ...], str]) -> pd.DataFrame:
    """One file as a table of strings; raises ValueError with the French reason when it cannot be used."""
    if not chemin.is_file():
        raise ValueError("ce fichier n'existe pas")
    brut = chemin.read_bytes()
    if brut.startswith(b"PK"):
        raise ValueError("c'est un classeur (Excel ou LibreOffice), pas le fichier CSV téléchargé depuis le formulaire")
    try:
        texte = brut.decode(ENCODAGE)
    except UnicodeDecodeError:
        raise ValueError("il n'est pas encodé en UTF-8 (a-t-il été ouvert puis réenregistré dans un tableur ? "
                         "Demandez le fichier d'origine, ou réenregistrez-le en « CSV UTF-8 »)") from None
    if not texte.strip():
        raise ValueError("il est vide")
    tableau = pd.read_csv(io.StringIO(texte), sep=SEPARATEUR, dtype=str, keep_default_na=False)
    entete = [c.strip() for c in tableau.columns]
    tableau.columns = entete
    autres_colonnes, conseil = autre
    if set(autres_colonnes) <= set(entete):
        raise ValueError(conseil)
    manquantes = [c for c in colonnes if c not in entete]
    if manquantes:
        if len(entete) == 1 and set(colonnes) <= {c.strip() for c in entete[0].split(",")}:
            raise ValueError(f"ses colonnes sont séparées par des virgules, et non par « {SEPARATEUR} »")
        raise ValueError(f"il manque les colonnes {', '.join(manquantes)}")
    if tableau.empty:
        raise ValueError("il ne contient que la ligne d'en-tête, aucune réponse")
    tableau = tableau[list(colonnes)].apply(lambda s: s.str.strip())
    protegee = tableau.apply(lambda s: s.str.match(r"'[=+\-@\t]"))
    return tableau.mask(protegee, tableau.apply(lambda s: s.str[1:]))


def _erreurs_de_ligne(ligne: pd.Series, questions, horodatage: str) -> list[str]:
    erreurs = []
    if pd.isna(pd.to_datetime(horodatage, errors="coerce", utc=True)):
        erreurs.append(f"horodatage « {horodatage} » illisible")
    for q in questions:
        valeur = ligne[q.colonne]
        if valeur == "" and q.obligatoire:
            erreurs.append(f"{q.colonne} est vide, alors que la réponse est obligatoire")
        elif valeur and q.valeurs and valeur not in q.valeurs:
            erreurs.append(f"{q.colonne} vaut « {valeur} », attendu : {' ou '.join(q.valeurs)}")
    return erreurs


def _lire(source, colonnes, questions, autre, verifier_ligne=None) -> tuple[pd.DataFrame, list[str]]:
    morceaux, problemes = [], []
    fichiers = _fichiers(source)
    if not fichiers:
        problemes.append(f"Aucun fichier CSV dans « {source} ».")
    for chemin in fichiers:
        try:
            tableau = _lire_tableau(chemin, colonnes, autre)
        except (ValueError, pd.errors.ParserError) as erreur:
            raison = erreur if isinstance(erreur, ValueError) else "ce n'est pas un CSV lisible"
            problemes.append(f"Fichier « {chemin.name} » ignoré : {raison}.")
            continue
        gardees = []
        for numero, ligne in tableau.iterrows():
            erreurs = _erreurs_de_ligne(ligne, questions, ligne["horodatage"])
            erreurs += verifier_ligne(ligne) if verifier_ligne else []
            if erreurs:
                problemes.append(f"Fichier « {chemin.name} », ligne {numero + 2} ignorée : {' ; '.join(erreurs)}.")
            else:
                gardees.append(numero)
        tableau = tableau.loc[gardees]
        tableau.insert(0, "fichier", chemin.name)
        morceaux.append(tableau)
    donnees = pd.concat(morceaux, ignore_index=True) if morceaux else pd.DataFrame(columns=("fichier",) + colonnes)
    donnees["horodatage"] = pd.to_datetime(donnees["horodatage"], utc=True, format="ISO8601").dt.tz_convert(FUSEAU)
    for q in questions:
        if q.genre == "echelle":
            donnees[q.colonne] = pd.to_numeric(donnees[q.colonne]).astype("Int64")
        else:
            donnees[q.colonne] = donnees[q.colonne].replace("", pd.NA)
    return donnees, problemes


def lire_avis(source, fichier_seances: Path = FICHIER_SEANCES) -> tuple[pd.DataFrame, list[str]]:
    """Read the feedback files of one or many sessions: a folder, a file or a list of files.

    Returns the answers (one row per answer, with the file's name) and the French list of what was
    skipped and why; a bad file or row never stops the others from being read.
    """
    connues = {s["slug"] for s in seances(fichier_seances)}

    def seance_connue(ligne):
        return [] if ligne["seance"] in connues else [f"séance « {ligne['seance']} » inconnue"]

    autre = (COLONNES_AUTO_EVALUATION, "c'est une auto-évaluation, pas un avis de séance : lisez-le avec "
             "lire_auto_evaluations")
    return _lire(source, COLONNES_AVIS, QUESTIONS_AVIS, autre, seance_connue)


def lire_auto_evaluations(source) -> tuple[pd.DataFrame, list[str]]:
    """Read the self-assessment files (before and after): same conventions and same answer as ``lire_avis``."""
    autre = (COLONNES_AVIS, "c'est un avis de séance, pas une auto-évaluation : lisez-le avec lire_avis")
    return _lire(source, COLONNES_AUTO_EVALUATION, QUESTIONS_AUTO_EVALUATION, autre)


# --------------------------------------------------------------------------- summaries


def _liste(textes: pd.Series) -> list[str]:
    return [t for t in textes.dropna() if t]


def resume_par_seance(avis: pd.DataFrame, fichier_seances: Path = FICHIER_SEANCES) -> pd.DataFrame:
    """One row per session, in programme order: how many answers, the mean scores, the shares, the comments."""
    titres = {s["slug"]: s["titre"] for s in seances(fichier_seances)}
    lignes = []
    for slug in [s for s in titres if s in set(avis["seance"])]:
        groupe = avis[avis["seance"] == slug]
        lignes.append({
            "seance": slug,
            "titre": titres[slug],
            "reponses": len(groupe),
            "utilite_moyenne": round(float(groupe["utilite"].mean()), 2),
            "clarte_moyenne": round(float(groupe["clarte"].mean()), 2),
            "rythme_adapte": round(float((groupe["rythme"] == "adapté").mean()), 2),
            "application_oui": round(float((groupe["application"] == "oui").mean()), 2),
            "a_garder": _liste(groupe["a_garder"]),
            "a_changer": _liste(groupe["a_changer"]),
        })
    colonnes = ["seance", "titre", "reponses", "utilite_moyenne", "clarte_moyenne", "rythme_adapte",
                "application_oui", "a_garder", "a_changer"]
    return pd.DataFrame(lignes, columns=colonnes).set_index("seance")


def comparer_avant_apres(auto_evaluations: pd.DataFrame) -> pd.DataFrame:
    """One row per statement: its axis, the mean before and after (1 to 4), the change, and how many answered."""
    lignes = []
    for enonce in ENONCES_AUTO_EVALUATION:
        notes = {m: auto_evaluations.loc[auto_evaluations["moment"] == m, enonce.colonne] for m in MOMENTS}
        avant, apres = (round(float(notes[m].mean()), 2) if len(notes[m]) else float("nan") for m in MOMENTS)
        lignes.append({"enonce": enonce.colonne, "axe": enonce.axe, "intitule": enonce.intitule,
                       "avant": avant, "après": apres, "progrès": round(apres - avant, 2),
                       "reponses_avant": len(notes["avant"]), "reponses_après": len(notes["après"])})
    return pd.DataFrame(lignes).set_index("enonce")
