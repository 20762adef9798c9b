"""Building blocks of the Table Schemas: a field, a schema, the standards they cite, shared fields.

Each theme module writes the schemas of its own data sets with these; the Walloon-standard
location fields (commune, quartier, street, coordinates) are shared by most of them.
"""

from __future__ import annotations

from vireloux.commune import INS
from vireloux.territoire import QUARTIERS


def champ(nom, type_, titre, description, requis=False, format_=None, **contraintes):
    champ = {"name": nom, "type": type_, "title": titre, "description": description}
    if format_:
        champ["format"] = format_
    c = dict(contraintes)
    if requis:
        c = {"required": True, **c}
    if c:
        champ["constraints"] = c
    return champ


def table_schema(nom, titre, description, champs, cle=None, standard=None):
    schema = {
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "name": nom,
        "title": titre,
        "description": description,
        "missingValues": [""],
        "fields": champs,
    }
    if cle:
        schema["primaryKey"] = cle
    if standard:
        schema["sources"] = [standard]
    return schema


def standard_wallon(nom_depot: str, titre: str, version: str) -> dict:
    return {"title": f"Standard wallon « {titre} » (FuturoCité, avec Datactivist), version {version}, CC-BY 2.0 BE",
            "path": f"https://github.com/FuturoCite/{nom_depot}"}


def standard_scdl(nom: str, titre: str, version: str) -> dict:
    return {"title": f"Schéma SCDL « {titre} » (OpenDataFrance), version {version}",
            "path": f"https://schema.data.gouv.fr/scdl/{nom}/{version}/"}


C_INS = lambda objet: champ(  # noqa: E731
    "ins_code", "string", "Code INS de la commune",
    f"Code INS (REFNIS) de la commune où se situe {objet}, 5 chiffres. Vireloux : {INS} (code fictif).",
    requis=True, pattern=r"^\d{5}$",
)
C_COMMUNE = lambda objet: champ(  # noqa: E731
    "municipality", "string", "Commune", f"Nom de la commune où se situe {objet}.", requis=True)
C_ZONE = lambda objet: champ(  # noqa: E731
    "zone_address", "string", "Quartier", f"Nom du quartier (partie de commune) où se situe {objet}.",
    enum=[q[1] for q in QUARTIERS])
C_CODE_ZONE = lambda objet: champ(  # noqa: E731
    "ins_zone_address", "string", "Code du quartier",
    f"Code du quartier où se situe {objet} (Q01 à Q08, référentiel communal : voir la couche quartiers). "
    "Le standard wallon y met le code du secteur statistique de Statbel.",
    enum=[q[0] for q in QUARTIERS])
C_RUE = lambda objet: champ(  # noqa: E731
    "street_name", "string", "Rue", f"Nom officiel de la voirie où se situe {objet}.", requis=True)
C_CODE_RUE = lambda objet: champ(  # noqa: E731
    "street_number", "string", "Code de la rue",
    f"Code de la voirie où se situe {objet} (référentiel des rues de Vireloux, 7 chiffres, "
    "comme les codes de rue de BeST-Address).", requis=True, pattern=r"^\d{7}$")
C_NUMERO = lambda objet: champ(  # noqa: E731
    "house_number", "string", "Numéro de maison", f"Numéro de police le plus proche de {objet}.")
C_COORD = lambda objet: champ(  # noqa: E731
    "coordinates", "geojson", "Coordonnées (GeoJSON)",
    f"Position de {objet} : un point GeoJSON en WGS 84, longitude puis latitude "
    '(par exemple {"type": "Point", "coordinates": [4.769, 50.368]}).', requis=True)
C_LAT = lambda objet: champ(  # noqa: E731
    "latitude", "number", "Latitude (WGS 84)",
    f"Latitude de {objet} en degrés décimaux (EPSG:4326). Ajout au standard, pour la cartographie.",
    requis=True, minimum=50.0, maximum=51.0)
C_LON = lambda objet: champ(  # noqa: E731
    "longitude", "number", "Longitude (WGS 84)",
    f"Longitude de {objet} en degrés décimaux (EPSG:4326). Ajout au standard, pour la cartographie.",
    requis=True, minimum=4.0, maximum=6.0)

C_QUARTIER = champ("code_quartier", "string", "Code du quartier", "Code du quartier, de Q01 à Q08 (voir la couche quartiers).",
                   requis=True, enum=[q[0] for q in QUARTIERS])
C_LAT_SEULE = champ("latitude", "number", "Latitude (WGS 84)", "Latitude en degrés décimaux (EPSG:4326).",
                    requis=True, minimum=50.0, maximum=51.0)
C_LON_SEULE = champ("longitude", "number", "Longitude (WGS 84)", "Longitude en degrés décimaux (EPSG:4326).",
                    requis=True, minimum=4.0, maximum=6.0)


def localisation_wallonne(o: str, coordonnees: bool = True) -> list[dict]:
    champs = [C_COMMUNE(o), C_INS(o), C_ZONE(o), C_CODE_ZONE(o), C_RUE(o), C_CODE_RUE(o), C_NUMERO(o)]
    if coordonnees:
        champs += [C_COORD(o), C_LAT(o), C_LON(o)]
    return champs
