"""Module 04's recorded publication of the play areas: Opendatasoft's automation API, then data.gouv.fr's.

No real answer exists for a publication by a fictional commune: every answer here is built for the
training, in the shape of each API (Opendatasoft Automation API v1.0, udata API v1), and says so in
its description. The requests are those lesson 04-03 sends, in order; the public catalogue entry
recorded at the end is the one the portal's Explore API v2.1 gives once the data set is published.
"""

from __future__ import annotations

from vireloux.commune import PRODUCTEUR
from vireloux.enregistrements import Reponse
from vireloux.portails import AVERTISSEMENT_HTML, DATAGOUV, JeuPublie, _dataset_ods, _organisation_udata, _type_ods, _uid, _uuid

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
