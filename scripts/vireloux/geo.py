"""The geographic layers: commune, quartiers, streets, addresses, river, and point layers of clean tables.

A layer is a list of (properties, geometry) pairs in Lambert 72; the GeoJSON files project them to
WGS 84, the GeoPackage keeps them in Lambert 72. The flood zones are built in environnement.py.
"""

from __future__ import annotations

from vireloux.commune import CODE_POSTAL, COMMUNE, INS, PROVINCE
from vireloux.territoire import RIVIERE, Territoire, geom_wgs84, l72_depuis_wgs84


COUCHES_GEO = {
    # file name: (gpkg layer, French title, geometry, description)
    "commune": ("commune", "Limite communale", "polygone", "Le territoire de Vireloux (environ 40 km²)."),
    "quartiers": ("quartiers", "Quartiers", "polygones",
                  "Les 8 quartiers avec superficie et population au 1er janvier 2025."),
    "rues": ("rues", "Rues", "lignes", "Axes des 43 rues nommées, avec leur code de rue."),
    "adresses": ("adresses", "Adresses", "points", "Points d'adresse (rue, numéro, code postal, quartier)."),
    "cours-eau": ("cours_eau", "Cours d'eau", "ligne", "La Viroule, rivière qui traverse la commune d'ouest en est."),
    "zones-inondables": ("zones_inondables", "Zones inondables", "multipolygones",
                         "Zones d'aléa d'inondation (élevé, moyen, faible) le long de la Viroule, par quartier."),
}


def couche_commune(t: Territoire) -> list[tuple[dict, object]]:
    return [({"code_ins": INS, "nom": COMMUNE, "province": PROVINCE, "code_postal": CODE_POSTAL,
              "superficie_km2": round(t.limite.area / 1e6, 2),
              "avertissement": "Commune fictive créée pour la formation"}, t.limite)]


def couche_quartiers(t: Territoire, population: list[dict]) -> list[tuple[dict, object]]:
    """Quartiers with their area and latest population, geometry in Lambert 72."""
    derniere = max(l["annee"] for l in population)
    entites = []
    for code, q in t.quartiers.items():
        total = sum(l["population"] for l in population if l["annee"] == derniere and l["code_quartier"] == code)
        entites.append(({
            "code_quartier": code,
            "nom_quartier": q["nom"],
            "superficie_km2": round(q["polygone"].area / 1e6, 2),
            "population": total,
        }, q["polygone"]))
    return entites


def couche_rues(t: Territoire) -> list[tuple[dict, object]]:
    return [({"code_rue": r.code, "nom_rue": r.nom, "code_quartier": r.quartier,
              "categorie": "Route principale" if r.principale else "Rue locale",
              "longueur_m": round(r.ligne.length, 1)}, r.ligne) for r in t.rues]


def couche_adresses(t: Territoire) -> list[tuple[dict, object]]:
    return [({"id_adresse": a.id, "rue": a.rue, "code_rue": a.code_rue, "numero": a.numero,
              "code_postal": CODE_POSTAL, "commune": COMMUNE, "code_quartier": a.quartier}, a.point)
            for a in t.adresses]


def couche_cours_eau(t: Territoire) -> list[tuple[dict, object]]:
    return [({"nom": RIVIERE, "type": "Cours d'eau navigable de 2e catégorie",
              "longueur_m": round(t.riviere.length, 1)}, t.riviere)]


def couche_points(lignes: list[dict], champs: list[str], lat: str = "latitude", lon: str = "longitude"):
    """Point layer in Lambert 72 from a clean table with WGS 84 coordinates."""
    from shapely.geometry import Point

    entites = []
    for l in lignes:
        x, y = l72_depuis_wgs84(float(l[lon]), float(l[lat]))
        entites.append(({c: l[c] for c in champs}, Point(round(x, 1), round(y, 1))))
    return entites


def en_wgs84(entites):
    return [(p, geom_wgs84(g)) for p, g in entites]
