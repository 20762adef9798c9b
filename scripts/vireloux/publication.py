"""Module 04's recorded publication of the play areas: Opendatasoft's automation API, then data.gouv.fr's.

No real answer exists for a publication by a fictional commune: every answer here is built for the
training, in the shape of each API (Opendatasoft Automation API v1.0, udata API v1), and says so in
its description. The requests are those lesson 04-03 sends, in order; the public catalogue entry
recorded at the end is the one the portal's Explore API v2.1 gives once the data set is published.
Lesson 04-05 then updates the air-quality data set on data.gouv.fr (December added) and answers its
discussions: ``reponses_mise_a_jour``.
"""

from __future__ import annotations

import hashlib

from vireloux.commune import PRODUCTEUR
from vireloux.enregistrements import Reponse, adresse_requete
from vireloux.portails import (AVERTISSEMENT_HTML, DATAGOUV, JeuPublie, _dataset_ods, _organisation_udata, _slug_udata,
                               _type_ods, _uid, _uuid)
from vireloux.territoire import cle_tri

SERVICE = "publication-module-04"
AUTOMATION = "https://www.odwb.be/api/automation/v1.0/"
EXPLORE = "https://www.odwb.be/api/explore/v2.1/catalog/datasets/"
JEU = "aires-de-jeux"
CODES = ("ins_code", "street_number")  # codes made of digits only, which the portal takes for numbers
FORMATION = " (réponse construite pour la formation : aucune vraie publication de Vireloux n'existe)"


def _metadonnees(jeu: JeuPublie) -> dict:
    return {"default": {
        "title": {"value": jeu.titre},
        "description": {"value": f"<p>{jeu.description}</p>{AVERTISSEMENT_HTML}"},
        "keyword": {"value": jeu.mots_cles},
        "theme": {"value": jeu.themes},
        "license": {"value": "CC BY 4.0"},
        "publisher": {"value": PRODUCTEUR},
    }}


def reponses_publication(publies: list[JeuPublie], fichiers: dict[str, bytes]) -> list[Reponse]:
    jeu = next(j for j in publies if j.nom == JEU)
    uid = f"da_{_uid(jeu.identifiant)}"
    fichier = f"re_{_uid('fichier:' + jeu.identifiant)}"
    ressource = f"re_{_uid('ressource:' + jeu.identifiant)}"
    base = f"{AUTOMATION}datasets/{uid}/"
    contenu = fichiers[f"propres/{JEU}.csv"]
    # what the portal guesses from the file before anyone checks: codes read as numbers
    devines = [{"name": c["name"], "label": c["title"],
                "type": "int" if c["name"] in CODES else _type_ods(c)}
               for c in jeu.schema["fields"]]
    reponses = [
        Reponse(SERVICE, f"{AUTOMATION}datasets/", "ODWB, API d'automatisation : créer le jeu (brouillon privé)" + FORMATION,
                {"uid": uid, "dataset_id": jeu.identifiant, "is_restricted": True, "published": False,
                 "metadata": {"default": {"title": {"value": jeu.titre}}}, "created_at": "2025-02-03T09:00:00Z"},
                statut=201, methode="POST"),
        Reponse(SERVICE, f"{base}resources/files/", "ODWB, API d'automatisation : déposer le fichier CSV" + FORMATION,
                {"uid": fichier, "url": f"odsfile://{JEU}.csv", "filename": f"{JEU}.csv", "size": len(contenu)},
                statut=201, methode="POST"),
        Reponse(SERVICE, f"{base}resources/", "ODWB, API d'automatisation : ajouter la ressource CSV au jeu" + FORMATION,
                {"uid": ressource, "type": "csvfile", "title": f"{JEU}.csv",
                 "datasource": {"type": "uploaded_file", "file": {"uid": fichier, "filename": f"{JEU}.csv"}},
                 "params": {"separator": ",", "encoding": "utf-8", "headers_first_row": True}},
                statut=201, methode="POST"),
        Reponse(SERVICE, f"{base}fields/", "ODWB, API d'automatisation : les types de champs devinés" + FORMATION,
                {"total_count": len(devines), "results": devines}),
    ] + [
        Reponse(SERVICE, f"{base}fields/{c['name']}/",
                f"ODWB, API d'automatisation : remettre le champ {c['name']} en texte" + FORMATION,
                {"name": c["name"], "type": "text"}, methode="PUT")
        for c in devines if c["type"] == "int" and c["name"] in CODES
    ] + [
        Reponse(SERVICE, f"{base}metadata/", "ODWB, API d'automatisation : écrire les métadonnées" + FORMATION,
                _metadonnees(jeu), methode="PUT"),
        Reponse(SERVICE, f"{base}security/", "ODWB, API d'automatisation : rendre le jeu public" + FORMATION,
                {"is_restricted": False}, methode="PUT"),
        Reponse(SERVICE, f"{base}publish/", "ODWB, API d'automatisation : publier le jeu" + FORMATION,
                {"status": "queued"}, methode="POST"),
        Reponse(SERVICE, f"{base}status/", "ODWB, API d'automatisation : état du jeu après publication" + FORMATION,
                {"status": "idle", "published": True, "records_count": len(jeu.lignes)}),
        Reponse(SERVICE, EXPLORE + jeu.identifiant, "ODWB, catalogue public : la fiche du jeu publié" + FORMATION,
                _dataset_ods(jeu)),
    ]
    # data.gouv.fr (udata API v1): create the dataset, then upload its file
    ident = _uid("udata-publication:" + jeu.identifiant, 24)
    slug = "vireloux-aires-de-jeux-et-de-loisirs"
    datasets = f"{DATAGOUV}datasets/"
    jeu_udata = {"id": ident, "slug": slug, "title": jeu.titre, "description": jeu.description, "tags": jeu.mots_cles,
                 "license": "cc-by", "frequency": "annual", "private": True, "organization": _organisation_udata(),
                 "resources": [], "page": f"https://www.data.gouv.fr/fr/datasets/{slug}/",
                 "uri": f"{datasets}{ident}/"}
    fichier_udata = {"id": _uuid("udata-publication-resource:" + jeu.identifiant), "title": f"{JEU}.csv",
                     "type": "main", "format": "csv", "filetype": "file", "filesize": len(contenu),
                     "url": f"https://static.data.gouv.fr/resources/{slug}/20250203-090500/{JEU}.csv",
                     "mime": "text/csv", "success": True}
    reponses += [
        Reponse(SERVICE, datasets, "data.gouv.fr, API : créer le jeu (privé)" + FORMATION, jeu_udata,
                statut=201, methode="POST"),
        Reponse(SERVICE, f"{datasets}{ident}/upload/", "data.gouv.fr, API : déposer le fichier du jeu" + FORMATION,
                fichier_udata, statut=201, methode="POST"),
        Reponse(SERVICE, f"{datasets}{ident}/", "data.gouv.fr, API : rendre le jeu public" + FORMATION,
                {**jeu_udata, "private": False, "resources": [fichier_udata]}, methode="PUT"),
    ]
    return reponses


MENSUEL = "qualite-air"  # lesson 04-05 adds December 2024 to this data set, then answers its reusers
MISE_A_JOUR = "2025-01-06T09:00:00.000000+00:00"


def _discussion(ident: str, sujet: str, titre: str, messages: list[tuple[str, str, str]], ferme: str | None) -> dict:
    """A udata discussion (API v1): its messages as (author, date, text)."""
    return {
        "id": ident, "class": "Discussion", "title": titre, "subject": {"class": "Dataset", "id": sujet},
        "user": {"first_name": messages[0][0], "last_name": "", "slug": cle_tri(messages[0][0]).replace(" ", "-")},
        "created": messages[0][1], "closed": ferme, "closed_by": {"first_name": "Service Environnement"} if ferme else None,
        "discussion": [{"content": texte, "posted_by": {"first_name": auteur}, "posted_on": quand}
                       for auteur, quand, texte in messages],
        "url": f"{DATAGOUV}discussions/{ident}/", "extras": {},
    }


def reponses_mise_a_jour(publies: list[JeuPublie], fichiers: dict[str, bytes]) -> list[Reponse]:
    """Lesson 04-05: replace the file of the air-quality data set on data.gouv.fr, then its discussions."""
    jeu = next(j for j in publies if j.nom == MENSUEL)
    ident, ressource = _uid("udata:" + jeu.identifiant, 24), _uuid("udata-resource:" + jeu.identifiant)
    slug = _slug_udata(jeu)
    contenu = fichiers[f"propres/{MENSUEL}.csv"]  # the whole year: Jan-Nov as published, plus December
    fichier = {"id": ressource, "title": f"{MENSUEL}.csv", "type": "main", "format": "csv", "filetype": "file",
               "filesize": len(contenu), "checksum": {"type": "sha1", "value": hashlib.sha1(contenu).hexdigest()},
               "url": f"https://static.data.gouv.fr/resources/{slug}/20250106-090000/{MENSUEL}.csv",
               "latest": f"https://www.data.gouv.fr/fr/datasets/r/{ressource}", "mime": "text/csv",
               "last_modified": MISE_A_JOUR, "success": True}
    discussions = f"{DATAGOUV}discussions/"
    ouverte = _uid("discussion-decembre:" + jeu.identifiant, 24)
    fil = [
        _discussion(_uid("discussion-pic:" + jeu.identifiant, 24), ident, "Pic de PM10 le 28 mars à la place communale ?",
                    [("Camille", "2024-04-15T18:20:00+00:00",
                      "Bonjour, la station VX-A1 donne 66,3 µg/m³ de PM10 le 28 mars 2024, trois fois plus que les jours "
                      "voisins. Erreur de capteur ou vrai pic ?"),
                     ("Service Environnement", "2024-04-17T10:05:00+00:00",
                      "Bonjour, merci pour votre message. La valeur est vérifiée : un épisode de poussières "
                      "sahariennes a touché toute la région ces jours-là. Nous l'avons ajouté dans la description.")],
                    "2024-04-17T10:05:00+00:00"),
        _discussion(ouverte, ident, "Les données de décembre ?",
                    [("Jules", "2025-01-03T08:40:00+00:00",
                      "Bonjour, le jeu est annoncé mensuel mais s'arrête au 30 novembre. Quand décembre sera-t-il publié ?")],
                    None),
    ]
    reponse = ("Bonjour Jules, décembre est en ligne depuis le 6 janvier (version 2024-12, voir le journal des "
               "modifications dans la description). Le lien « latest » du fichier ne change pas d'un mois à l'autre. "
               "Merci de votre vigilance !")
    return [
        Reponse(SERVICE, f"{DATAGOUV}datasets/{ident}/resources/{ressource}/upload/",
                "data.gouv.fr, API : remplacer le fichier du jeu par sa version de décembre" + FORMATION,
                fichier, methode="POST"),
        Reponse(SERVICE, adresse_requete(discussions, [("for", ident)]),
                "data.gouv.fr, API : les discussions ouvertes sur le jeu" + FORMATION,
                {"data": fil, "page": 1, "page_size": 20, "total": len(fil), "next_page": None, "previous_page": None}),
        Reponse(SERVICE, f"{discussions}{ouverte}/", "data.gouv.fr, API : répondre à une discussion et la clore" + FORMATION,
                {**fil[1], "closed": MISE_A_JOUR, "closed_by": {"first_name": "Service Environnement"},
                 "discussion": fil[1]["discussion"] + [{"content": reponse, "posted_by": {"first_name": "Service Environnement"},
                                                         "posted_on": MISE_A_JOUR}]},
                methode="POST"),
    ]
