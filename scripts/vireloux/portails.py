"""Recorded answers of the open-data portals: ODWB (Opendatasoft), data.gouv.fr (udata) and CKAN."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass

from vireloux.commune import COMMUNE, INS, LICENCE, PRODUCTEUR, SEED
from vireloux.enregistrements import Reponse, adresse_requete
from vireloux.territoire import cle_tri


@dataclass
class JeuPublie:
    """One of Vireloux's data sets as the portals publish it."""
    nom: str  # resource name in datapackage.json
    identifiant: str  # dataset id on the portals
    titre: str
    description: str
    themes: list
    mots_cles: list
    schema: dict
    lignes: list
    modifie: str


def _uid(texte: str, longueur: int = 6) -> str:
    import hashlib

    return hashlib.sha256(f"{SEED}:{texte}".encode()).hexdigest()[:longueur]


def _uuid(texte: str) -> str:
    h = _uid(texte, 32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _cherche(jeu: JeuPublie, mot: str) -> bool:
    texte = " ".join([jeu.titre, jeu.description, " ".join(jeu.mots_cles), " ".join(jeu.themes)])
    return cle_tri(mot) in cle_tri(texte)


# ODWB (Opendatasoft Explore API v2.1) -------------------------------------------------------

def _type_ods(champ: dict) -> str:
    if champ["name"] == "coordinates":
        return "geo_point_2d"
    if champ["type"] == "geojson":
        return "geo_shape"
    return {"integer": "int", "number": "double", "date": "date", "year": "int"}.get(champ["type"], "text")


def _valeur_ods(champ: dict, valeur):
    return valeur_ods(_type_ods(champ), valeur)


def valeur_ods(t: str, valeur):
    """A cell (Python value or CSV text) as Opendatasoft's records endpoint returns a field of type t."""
    if valeur in (None, ""):
        return None
    if t == "geo_point_2d":
        lon, lat = json.loads(valeur)["coordinates"]
        return {"lon": lon, "lat": lat}
    if t == "geo_shape":
        return {"type": "Feature", "geometry": json.loads(valeur), "properties": {}}
    if t == "int":
        return int(valeur)
    if t == "double":
        return float(valeur)
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    return str(valeur)


def _enregistrement_ods(jeu: JeuPublie, ligne: dict) -> dict:
    return {c["name"]: _valeur_ods(c, ligne.get(c["name"])) for c in jeu.schema["fields"]}


ODWB = "https://www.odwb.be/api/explore/v2.1/"
AVERTISSEMENT_HTML = ("<p><strong>Données fictives</strong> : Vireloux est une commune inventée pour une formation "
                      "aux données ouvertes ; ces données ne décrivent aucun lieu réel.</p>")


def _dataset_ods(jeu: JeuPublie) -> dict:
    return {
        "visibility": "domain",
        "dataset_id": jeu.identifiant,
        "dataset_uid": f"da_{_uid(jeu.identifiant)}",
        "has_records": True,
        "features": sorted({"analyze"}
                           | ({"timeserie"} if any(c["type"] == "date" for c in jeu.schema["fields"]) else set())
                           | ({"geo"} if any(_type_ods(c).startswith("geo") for c in jeu.schema["fields"]) else set())),
        "attachments": [],
        "alternative_exports": [],
        "data_visible": True,
        "fields": [{"name": c["name"], "label": c["title"], "type": _type_ods(c), "description": c["description"],
                    "annotations": {}} for c in jeu.schema["fields"]],
        "metas": {"default": {
            "title": jeu.titre,
            "description": f"<p>{jeu.description}</p>{AVERTISSEMENT_HTML}",
            "theme": jeu.themes,
            "keyword": jeu.mots_cles,
            "license": "CC BY 4.0",
            "license_url": LICENCE["path"],
            "language": "fr",
            "publisher": PRODUCTEUR,
            "references": "https://www.vireloux.example/donnees-ouvertes",
            "attributions": None,
            "modified": f"{jeu.modifie}T09:00:00+00:00",
            "data_processed": f"{jeu.modifie}T09:01:12+00:00",
            "metadata_processed": f"{jeu.modifie}T09:01:15+00:00",
            "records_count": len(jeu.lignes),
            "territory": [COMMUNE],
            "geographic_reference": [f"be_40_{INS}"],
            "timezone": "Europe/Brussels",
        }},
    }


def _csv_ods(jeu: JeuPublie) -> str:
    return csv_ods([c["name"] for c in jeu.schema["fields"]], (_enregistrement_ods(jeu, ligne) for ligne in jeu.lignes))


def csv_ods(noms: list[str], enregistrements) -> str:
    """An Opendatasoft CSV export of records: ';' separator, CRLF, a BOM, geo points as "lat, lon"."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(noms)
    for enregistrement in enregistrements:
        rangee = []
        for nom in noms:
            v = enregistrement[nom]
            if isinstance(v, dict) and "lat" in v:
                v = f"{v['lat']}, {v['lon']}"
            elif isinstance(v, dict):
                v = json.dumps(v["geometry"])
            rangee.append("" if v is None else v)
        ecrivain.writerow(rangee)
    return "\ufeff" + tampon.getvalue()


def _geojson_ods(jeu: JeuPublie) -> dict:
    entites = []
    for ligne in jeu.lignes:
        enregistrement = _enregistrement_ods(jeu, ligne)
        point = enregistrement.pop("coordinates")
        entites.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [point["lon"], point["lat"]]},
                        "properties": enregistrement})
    return {"type": "FeatureCollection", "features": entites}


def reponses_odwb(jeux: list[JeuPublie]) -> list[Reponse]:
    par_id = {j.identifiant: j for j in jeux}
    reponses = []
    catalogue = ODWB + "catalog/datasets"

    def recherche(parametres, description, filtre):
        trouves = [j for j in jeux if filtre(j)]
        limite = next((int(v) for k, v in parametres if k == "limit"), 10)
        reponses.append(Reponse("odwb", adresse_requete(catalogue, parametres), description,
                                {"total_count": len(trouves), "results": [_dataset_ods(j) for j in trouves[:limite]]}))

    recherche([("where", 'search("vireloux")'), ("limit", 20)],
              "Catalogue ODWB : les jeux de données qui mentionnent « vireloux » (recherche plein texte)",
              lambda j: _cherche(j, "vireloux"))
    recherche([("where", 'search("vélo")')], "Catalogue ODWB : recherche plein texte « vélo » (10 résultats au plus par défaut)",
              lambda j: _cherche(j, "vélo"))
    recherche([("where", 'search("vireloux")'), ("refine", 'theme:"Mobilité"')],
              "Catalogue ODWB : recherche « vireloux » affinée sur le thème Mobilité (facette refine)",
              lambda j: _cherche(j, "vireloux") and "Mobilité" in j.themes)
    recherche([("where", 'search("zzvireloux")')], "Catalogue ODWB : recherche sans résultat (total_count = 0)",
              lambda j: False)

    equipements = par_id["vireloux-equipements-collectifs"]
    reponses.append(Reponse("odwb", catalogue + "/vireloux-equipements-collectifs",
                            "Fiche (métadonnées et champs) du jeu vireloux-equipements-collectifs",
                            _dataset_ods(equipements)))
    for identifiant, taille in (("vireloux-equipements-collectifs", 20), ("vireloux-arbres-remarquables", 20)):
        jeu = par_id[identifiant]
        for debut in range(0, len(jeu.lignes), taille):
            page = jeu.lignes[debut:debut + taille]
            reponses.append(Reponse(
                "odwb", adresse_requete(f"{catalogue}/{identifiant}/records", [("limit", taille), ("offset", debut)]),
                f"Enregistrements de {identifiant}, page {debut // taille + 1} (limit={taille}, offset={debut})",
                {"total_count": len(jeu.lignes), "results": [_enregistrement_ods(jeu, l) for l in page]}))
    base = f"{catalogue}/vireloux-equipements-collectifs/records"
    ecoles = [l for l in equipements.lignes if l["type"] == "Enseignement"]
    reponses.append(Reponse(
        "odwb", adresse_requete(base, [("select", "name, zone_address, schedule"), ("where", 'type = "Enseignement"'),
                                       ("limit", 20)]),
        "Équipements filtrés (where) et colonnes choisies (select) : les établissements d'enseignement",
        {"total_count": len(ecoles), "results": [{"name": l["name"], "zone_address": l["zone_address"],
                                                  "schedule": l["schedule"]} for l in ecoles]}))
    comptes: dict[str, int] = {}
    for l in equipements.lignes:
        comptes[l["zone_address"]] = comptes.get(l["zone_address"], 0) + 1
    reponses.append(Reponse(
        "odwb", adresse_requete(base, [("select", "zone_address, count(*) as nombre"), ("group_by", "zone_address"),
                                       ("order_by", "nombre desc")]),
        "Nombre d'équipements par quartier (select + group_by + order_by)",
        {"results": [{"zone_address": k, "nombre": v}
                     for k, v in sorted(comptes.items(), key=lambda kv: (-kv[1], kv[0]))]}))
    reponses.append(Reponse(
        "odwb", adresse_requete(base, [("where", "zone_address = Centre")]),
        "Erreur 400 : valeur texte sans guillemets dans where (ODSQLError)",
        {"error_code": "ODSQLError", "message": "ODSQL query is malformed: Unknown field: Centre"}, statut=400))
    reponses.append(Reponse(
        "odwb", adresse_requete(base, [("where", 'zone_address = "Centre-Ville"')]),
        "Filtre qui ne trouve rien : réponse 200 avec total_count = 0",
        {"total_count": 0, "results": []}))
    reponses.append(Reponse(
        "odwb", adresse_requete(base, [("limit", 200)]),
        "Erreur 400 : limit au-delà de 100 (utilisez offset ou un export)",
        {"error_code": "InvalidRESTParameterError",
         "message": "Invalid value for limit API parameter: 200 was found but -1 <= limit <= 100 is expected."},
        statut=400))
    population = par_id["vireloux-population-quartiers"]
    totaux: dict[int, int] = {}
    for l in population.lignes:
        totaux[l["annee"]] = totaux.get(l["annee"], 0) + l["population"]
    reponses.append(Reponse(
        "odwb", adresse_requete(f"{catalogue}/vireloux-population-quartiers/records",
                                [("select", "annee, sum(population) as population"), ("group_by", "annee"),
                                 ("order_by", "annee")]),
        "Population totale par année, agrégée par le serveur (sum + group_by)",
        {"results": [{"annee": a, "population": totaux[a]} for a in sorted(totaux)]}))
    reponses.append(Reponse(
        "odwb", f"{catalogue}/vireloux-equipements-collectifs/exports/csv",
        "Export CSV complet des équipements (séparateur ;, BOM UTF-8, points « lat, lon »)",
        _csv_ods(equipements), "text/csv; charset=utf-8"))
    reponses.append(Reponse(
        "odwb", f"{catalogue}/vireloux-equipements-collectifs/exports/geojson",
        "Export GeoJSON complet des équipements", _geojson_ods(equipements), "application/geo+json"))
    facettes = []
    vireloux = [j for j in jeux if _cherche(j, "vireloux")]
    for nom, valeurs in (("theme", lambda j: j.themes), ("keyword", lambda j: j.mots_cles),
                         ("publisher", lambda j: [PRODUCTEUR]), ("license", lambda j: ["CC BY 4.0"]),
                         ("language", lambda j: ["fr"])):
        comptes = {}
        for j in vireloux:
            for v in valeurs(j):
                comptes[v] = comptes.get(v, 0) + 1
        facettes.append({"name": nom, "facets": [{"name": v, "count": n, "state": "displayed", "value": v}
                                                 for v, n in sorted(comptes.items(), key=lambda kv: (-kv[1], kv[0]))]})
    reponses.append(Reponse(
        "odwb", adresse_requete(ODWB + "catalog/facets", [("where", 'search("vireloux")')]),
        "Facettes du catalogue (thèmes, mots-clés, producteurs, licences) pour la recherche « vireloux »",
        {"links": [{"rel": "self", "href": adresse_requete(ODWB + "catalog/facets", [("where", 'search("vireloux")')])}],
         "facets": facettes}))
    return reponses


# data.gouv.fr (udata API v1) ----------------------------------------------------------------

DATAGOUV = "https://www.data.gouv.fr/api/1/"


def _organisation_udata() -> dict:
    ident = _uid("organisation-udata", 24)
    return {"id": ident, "name": PRODUCTEUR, "acronym": None, "slug": "commune-de-vireloux",
            "page": "https://www.data.gouv.fr/fr/organizations/commune-de-vireloux/",
            "uri": f"{DATAGOUV}organizations/commune-de-vireloux/", "logo": None, "logo_thumbnail": None,
            "badges": [], "class": "Organization"}


def _fichier_udata(jeu: JeuPublie) -> str:
    return (f"https://static.data.gouv.fr/resources/{_slug_udata(jeu)}/20250115-090000/"
            f"{jeu.nom}.csv")


def _slug_udata(jeu: JeuPublie) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", cle_tri(jeu.titre)).strip("-")


def _dataset_udata(jeu: JeuPublie, contenu_csv: bytes) -> dict:
    import hashlib

    slug = _slug_udata(jeu)
    ident = _uid("udata:" + jeu.identifiant, 24)
    ressource = {
        "id": _uuid("udata-resource:" + jeu.identifiant),
        "title": f"{jeu.nom}.csv",
        "description": "Fichier CSV (UTF-8, séparateur virgule), conforme au schéma publié avec le jeu.",
        "type": "main",
        "format": "csv",
        "url": _fichier_udata(jeu),
        "latest": f"https://www.data.gouv.fr/fr/datasets/r/{_uuid('udata-resource:' + jeu.identifiant)}",
        "checksum": {"type": "sha1", "value": hashlib.sha1(contenu_csv).hexdigest()},
        "filesize": len(contenu_csv),
        "mime": "text/csv",
        "created_at": f"{jeu.modifie}T09:00:00.000000+00:00",
        "last_modified": f"{jeu.modifie}T09:00:00.000000+00:00",
        "metrics": {"views": 0},
        "extras": {},
        "harvest": None,
        "schema": {},
        "internal": {"created_at_internal": f"{jeu.modifie}T09:00:00.000000+00:00",
                     "last_modified_internal": f"{jeu.modifie}T09:00:00.000000+00:00"},
    }
    return {
        "id": ident,
        "title": jeu.titre,
        "acronym": None,
        "slug": slug,
        "description": f"{jeu.description}\n\n**Données fictives** : Vireloux est une commune inventée pour une "
                       "formation aux données ouvertes.",
        "created_at": f"{jeu.modifie}T09:00:00.000000+00:00",
        "last_modified": f"{jeu.modifie}T09:00:00.000000+00:00",
        "last_update": f"{jeu.modifie}T09:00:00.000000+00:00",
        "deleted": None,
        "archived": None,
        "private": False,
        "tags": sorted({cle_tri(m).replace(" ", "-") for m in jeu.mots_cles}),
        "badges": [],
        "resources": [ressource],
        "community_resources": [],
        "frequency": "annual",
        "frequency_date": None,
        "extras": {},
        "harvest": None,
        "metrics": {"discussions": 0, "followers": 0, "reuses": 0, "views": 0, "resources_downloads": 0},
        "organization": _organisation_udata(),
        "owner": None,
        "temporal_coverage": None,
        "spatial": {"geom": None, "zones": [], "granularity": "other"},
        "license": "cc-by",
        "uri": f"{DATAGOUV}datasets/{slug}/",
        "page": f"https://www.data.gouv.fr/fr/datasets/{slug}/",
        "quality": {"license": True, "has_resources": True, "has_open_format": True, "update_frequency": True,
                    "dataset_description_quality": True, "temporal_coverage": False, "spatial": False,
                    "all_resources_available": True, "resources_documentation": True, "score": 0.78},
    }


def reponses_datagouv(jeux: list[JeuPublie], fichiers_propres: dict[str, bytes]) -> list[Reponse]:
    reponses = []
    base = DATAGOUV + "datasets/"
    publies = [j for j in jeux if _cherche(j, "vireloux")]
    taille = 10
    pages = math.ceil(len(publies) / taille)
    for page in range(1, pages + 1):
        suivant = adresse_requete(base, [("q", "vireloux"), ("page", page + 1), ("page_size", taille)]) if page < pages else None
        precedent = adresse_requete(base, [("q", "vireloux"), ("page", page - 1), ("page_size", taille)]) if page > 1 else None
        morceau = publies[(page - 1) * taille:page * taille]
        reponses.append(Reponse(
            "datagouv", adresse_requete(base, [("q", "vireloux"), ("page", page), ("page_size", taille)]),
            f"data.gouv.fr : recherche « vireloux », page {page} sur {pages} (page_size={taille})",
            {"data": [_dataset_udata(j, fichiers_propres[f"propres/{j.nom}.csv"]) for j in morceau],
             "page": page, "page_size": taille, "total": len(publies), "next_page": suivant,
             "previous_page": precedent}))
    reponses.append(Reponse(
        "datagouv", adresse_requete(base, [("q", "zzvireloux"), ("page", 1), ("page_size", taille)]),
        "data.gouv.fr : recherche sans résultat (total = 0)",
        {"data": [], "page": 1, "page_size": taille, "total": 0, "next_page": None, "previous_page": None}))
    subventions = next(j for j in jeux if j.nom == "subventions")
    contenu = fichiers_propres["propres/subventions.csv"]
    fiche = _dataset_udata(subventions, contenu)
    reponses.append(Reponse("datagouv", f"{base}{fiche['slug']}/",
                            "data.gouv.fr : fiche complète du jeu des subventions, avec sa ressource CSV", fiche))
    reponses.append(Reponse("datagouv", _fichier_udata(subventions),
                            "Le fichier CSV des subventions lui-même (ressource du jeu, téléchargeable)",
                            contenu.decode("utf-8"), "text/csv"))
    return reponses


# CKAN (the portal of Recife, action API v3) -------------------------------------------------

CKAN = "https://dados.recife.pe.gov.br/api/3/action/"
CKAN_SITE = "https://dados.recife.pe.gov.br"


def _paquet_ckan(jeu: JeuPublie) -> dict:
    ident = _uuid("ckan:" + jeu.identifiant)
    organisation = {"id": _uuid("ckan-org"), "name": "commune-de-vireloux", "title": PRODUCTEUR, "type": "organization",
                    "description": "Commune fictive créée pour une formation aux données ouvertes.",
                    "image_url": "", "created": "2024-11-04T10:12:00.000000", "is_organization": True,
                    "approval_status": "approved", "state": "active"}
    rid = _uuid("ckan-resource:" + jeu.identifiant)
    return {
        "author": PRODUCTEUR, "author_email": None, "creator_user_id": _uuid("ckan-user"), "id": ident,
        "isopen": True, "license_id": "cc-by", "license_title": "Creative Commons Attribution",
        "license_url": "http://www.opendefinition.org/licenses/cc-by", "maintainer": "Service données ouvertes",
        "maintainer_email": None, "metadata_created": f"{jeu.modifie}T09:00:00.000000",
        "metadata_modified": f"{jeu.modifie}T09:00:00.000000", "name": jeu.identifiant,
        "notes": f"{jeu.description}\r\n\r\nDonnées fictives : Vireloux est une commune inventée pour une formation.",
        "num_resources": 1, "num_tags": len(jeu.mots_cles), "organization": organisation,
        "owner_org": organisation["id"], "private": False, "state": "active", "title": jeu.titre, "type": "dataset",
        "url": "", "version": "2025", "extras": [], "groups": [],
        "resources": [{
            "cache_last_updated": None, "cache_url": None, "created": f"{jeu.modifie}T09:00:00.000000",
            "datastore_active": False, "description": "Fichier CSV (UTF-8, séparateur virgule).", "format": "CSV",
            "hash": "", "id": rid, "last_modified": f"{jeu.modifie}T09:00:00.000000",
            "metadata_modified": f"{jeu.modifie}T09:00:00.000000", "mimetype": "text/csv", "mimetype_inner": None,
            "name": f"{jeu.nom}.csv", "package_id": ident, "position": 0, "resource_type": None, "size": None,
            "state": "active", "url": f"{CKAN_SITE}/dataset/{ident}/resource/{rid}/download/{jeu.nom}.csv",
            "url_type": "upload"}],
        "tags": [{"display_name": m, "id": _uuid("tag:" + m), "name": m, "state": "active", "vocabulary_id": None}
                 for m in jeu.mots_cles],
        "relationships_as_object": [], "relationships_as_subject": [],
    }


def reponses_ckan(jeux: list[JeuPublie], fichiers_propres: dict[str, bytes]) -> list[Reponse]:
    reponses = []
    publies = [j for j in jeux if _cherche(j, "vireloux")]
    lignes_par_page = 10
    for debut in range(0, len(publies), lignes_par_page):
        reponses.append(Reponse(
            "ckan-recife",
            adresse_requete(CKAN + "package_search", [("q", "vireloux"), ("rows", lignes_par_page), ("start", debut)]),
            f"CKAN (portail de Recife) : package_search « vireloux », lignes {debut + 1} à "
            f"{min(debut + lignes_par_page, len(publies))} sur {len(publies)}",
            {"help": f"{CKAN}help_show?name=package_search", "success": True,
             "result": {"count": len(publies), "facets": {}, "sort": "score desc, metadata_modified desc",
                        "results": [_paquet_ckan(j) for j in publies[debut:debut + lignes_par_page]],
                        "search_facets": {}}}))
    arbres = next(j for j in jeux if j.nom == "arbres-remarquables")
    paquet = _paquet_ckan(arbres)
    reponses.append(Reponse(
        "ckan-recife", adresse_requete(CKAN + "package_show", [("id", arbres.identifiant)]),
        "CKAN : package_show du jeu des arbres remarquables (métadonnées et ressources)",
        {"help": f"{CKAN}help_show?name=package_show", "success": True, "result": paquet}))
    reponses.append(Reponse(
        "ckan-recife", paquet["resources"][0]["url"], "CKAN : le fichier CSV des arbres remarquables (ressource)",
        fichiers_propres["propres/arbres-remarquables.csv"].decode("utf-8"), "text/csv"))
    reponses.append(Reponse(
        "ckan-recife", adresse_requete(CKAN + "package_show", [("id", "vireloux-inexistant")]),
        "CKAN : erreur 404, jeu inconnu (success: false)",
        {"help": f"{CKAN}help_show?name=package_show", "success": False,
         "error": {"message": "Not found", "__type": "Not Found Error"}}, statut=404))
    reponses.append(Reponse(
        "ckan-recife", adresse_requete(CKAN + "package_search", [("q", "vireloux"), ("rows", "dix")]),
        "CKAN : erreur 409, paramètre rows qui n'est pas un nombre (success: false)",
        {"help": f"{CKAN}help_show?name=package_search", "success": False,
         "error": {"__type": "Validation Error", "rows": ["Invalid integer"]}}, statut=409))
    return reponses
