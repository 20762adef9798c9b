"""Generate the sample data of the fictional commune of Vireloux.

    python scripts/generate_data.py [--sortie DIR]

Everything under data/ except data/README.md's hand-written parts is produced here, from a
fixed seed, as deterministic bytes: clean CSV files and their Table Schemas, raw files with
the defects the training is about, GeoJSON layers (EPSG:4326), a GeoPackage (EPSG:31370), an
Excel workbook, the datapackage.json, and the vcrpy cassettes that replay the portals and the
geoportal offline.

Each data set is built by a pure function of the territory (no I/O); ``main`` writes them.
Every random draw comes from ``_rng(name)``, a generator seeded by the data set's name, so a
change in one data set never shifts the others.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import random
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

SEED = 92999
RACINE = Path(__file__).resolve().parent.parent

COMMUNE = "Vireloux"
INS = "92999"
CODE_POSTAL = "5099"
PROVINCE = "Namur"
CENTRE_L72 = (178500.0, 117500.0)
SUPERFICIE_KM2 = 40.0
RIVIERE = "la Viroule"
NOM_RIVIERE = "Viroule"
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
SOURCE = {"title": "Données fictives générées pour la formation"}
MENTION_FICTIVE = (
    "Données fictives : Vireloux est une commune inventée pour la formation ; "
    "toute ressemblance avec une commune réelle serait fortuite."
)
PRODUCTEUR = "Commune de Vireloux"

QUARTIERS = [
    # code, name, angle of its centre seen from the commune centre (degrees), distance (m)
    ("Q01", "Centre", 0, 0),
    ("Q02", "Les Tilleuls", 135, 1750),
    ("Q03", "La Gare", 197, 2250),
    ("Q04", "Sart-Loriot", 80, 2000),
    ("Q05", "Les Coteaux", 290, 2050),
    ("Q06", "Bois-Hennin", 245, 2600),
    ("Q07", "Moulin-Brûlé", 18, 2300),
    ("Q08", "Fond-des-Vaux", 335, 2500),
]

TRANCHES_AGE = ["0-14", "15-29", "30-44", "45-64", "65-79", "80+"]
ANNEES_POPULATION = list(range(2015, 2026))
MODULES = {
    "00": "00-prise-en-main",
    "01": "01-open-data",
    "02": "02-portails",
    "03": "03-fichiers",
    "04": "04-publier",
    "05": "05-geoportail",
    "06": "06-dataviz",
    "07": "07-pilotage",
}


def _rng(nom: str) -> random.Random:
    """An independent, reproducible random generator for one data set."""
    return random.Random(f"{SEED}:{nom}")


# --------------------------------------------------------------------------------------------
# Geometry helpers (Lambert 72 metres; the territory is built there and projected at the end)
# --------------------------------------------------------------------------------------------

def _shapely():
    import shapely
    from shapely import geometry, ops

    return shapely, geometry, ops


def _vers_wgs84():
    from pyproj import Transformer

    return Transformer.from_crs(31370, 4326, always_xy=True)


def _arrondi_l72(geom):
    import shapely

    return shapely.set_precision(geom, 0.1)


def _polaire(angle_deg: float, distance: float, origine=CENTRE_L72) -> tuple[float, float]:
    a = math.radians(angle_deg)
    return (origine[0] + distance * math.cos(a), origine[1] + distance * math.sin(a))


@dataclass
class Rue:
    nom: str
    code: str
    quartier: str
    ligne: object  # shapely LineString, Lambert 72
    principale: bool = False


@dataclass
class Adresse:
    id: str
    rue: str
    code_rue: str
    numero: str
    quartier: str
    point: object  # shapely Point, Lambert 72


@dataclass
class Territoire:
    limite: object
    quartiers: dict  # code -> {"nom", "polygone", "centre"}
    riviere: object
    rues: list = field(default_factory=list)
    adresses: list = field(default_factory=list)

    def quartier_de(self, point) -> str:
        for code, q in self.quartiers.items():
            if q["polygone"].covers(point):
                return code
        # on the outer edge after rounding: nearest quartier
        return min(self.quartiers, key=lambda c: self.quartiers[c]["polygone"].distance(point))

    def rue(self, nom: str) -> Rue:
        for r in self.rues:
            if r.nom == nom:
                return r
        raise KeyError(nom)

    def adresses_de(self, nom_rue: str) -> list:
        return [a for a in self.adresses if a.rue == nom_rue]


def _limite_communale():
    _, geometry, _ = _shapely()
    rng = _rng("limite")
    n = 96
    harmoniques = [(2, 0.11, 1.3), (3, 0.07, 0.4), (5, 0.035, 2.1), (7, 0.02, 4.0)]
    rayons = []
    for i in range(n):
        t = 2 * math.pi * i / n
        r = 1.0 + sum(a * math.sin(k * t + p) for k, a, p in harmoniques)
        rayons.append(r)
    # light smoothed noise
    bruit = [rng.uniform(-0.025, 0.025) for _ in range(n)]
    bruit = [(bruit[i - 1] + 2 * bruit[i] + bruit[(i + 1) % n]) / 4 for i in range(n)]
    rayons = [r + b for r, b in zip(rayons, bruit)]
    unite = geometry.Polygon(
        [(math.cos(2 * math.pi * i / n) * rayons[i], math.sin(2 * math.pi * i / n) * rayons[i]) for i in range(n)]
    )
    echelle = math.sqrt(SUPERFICIE_KM2 * 1e6 / unite.area)
    # slightly wider east-west than north-south
    points = [
        (CENTRE_L72[0] + x * echelle * 1.12, CENTRE_L72[1] + y * echelle / 1.12) for x, y in unite.exterior.coords
    ]
    return _arrondi_l72(geometry.Polygon(points))


def _riviere(limite):
    _, geometry, _ = _shapely()
    # a meandering line entering in the west-south-west and leaving in the east-north-east,
    # passing some 250 m south of the centre
    direction = math.radians(16)
    points = []
    for i in range(0, 121):
        s = -6500 + i * (13000 / 120)
        decalage = -260 + 230 * math.sin(s / 950.0) + 110 * math.sin(s / 380.0 + 1.0) + 40 * math.sin(s / 150.0)
        x = s * math.cos(direction) - decalage * math.sin(direction)
        y = s * math.sin(direction) + decalage * math.cos(direction)
        points.append((CENTRE_L72[0] + x, CENTRE_L72[1] + y))
    ligne = geometry.LineString(points).intersection(limite)
    if ligne.geom_type != "LineString":
        ligne = max(ligne.geoms, key=lambda g: g.length)
    return _arrondi_l72(ligne)


def _quartiers(limite) -> dict:
    shapely, geometry, _ = _shapely()
    rng = _rng("quartiers")
    centres = []
    for code, nom, angle, distance in QUARTIERS:
        x, y = _polaire(angle, distance)
        if distance == 0:
            y += 120  # the old centre lies just north of the river
        else:
            x += rng.uniform(-120, 120)
            y += rng.uniform(-120, 120)
        centres.append((code, nom, geometry.Point(round(x, 1), round(y, 1))))
    cellules = shapely.voronoi_polygons(
        geometry.MultiPoint([c[2] for c in centres]), extend_to=limite.buffer(2000)
    )
    resultat = {}
    for code, nom, point in centres:
        cellule = next(g for g in cellules.geoms if g.contains(point))
        polygone = _arrondi_l72(cellule.intersection(limite))
        resultat[code] = {"nom": nom, "polygone": polygone, "centre": point}
    return resultat


RUES_PRINCIPALES = [
    # name, quartier reached, continues to the boundary
    ("Chaussée de Namur", "Q04", True),
    ("Avenue des Tilleuls", "Q02", False),
    ("Rue de la Gare", "Q03", True),
    ("Rue de Bois-Hennin", "Q06", True),
    ("Route de Dinant", "Q05", True),
    ("Route de Ciney", "Q08", True),
    ("Rue du Moulin", "Q07", True),
]

RUES_LOCALES = {
    "Q01": [
        "Rue de l'Église", "Place communale", "Rue du Pont", "Rue des Écoles",
        "Rue Haute", "Rue Basse", "Ruelle des Jardins", "Quai de la Viroule",
    ],
    "Q02": ["Rue des Lilas", "Clos des Érables", "Rue des Charmes", "Allée des Bouleaux"],
    "Q03": ["Place de la Station", "Rue du Chemin de Fer", "Rue des Forges", "Rue du Marais"],
    "Q04": ["Rue du Sart", "Chemin des Alouettes", "Rue de la Ferme", "Rue du Calvaire"],
    "Q05": ["Rue des Vignes", "Chemin des Crêtes", "Rue du Panorama", "Rue Saint-Roch"],
    "Q06": ["Rue de la Forêt", "Chemin des Chasseurs", "Rue des Sapins", "Rue du Bois"],
    "Q07": ["Rue de la Meunerie", "Chemin du Halage", "Rue des Saules", "Rue des Prés"],
    "Q08": ["Rue du Fond", "Chemin de la Source", "Rue des Vaux", "Rue de la Chapelle"],
}


def _polyligne(rng, depart, angle, longueur, segments, courbure):
    x, y = depart
    points = [(x, y)]
    pas = longueur / segments
    for _ in range(segments):
        angle += rng.uniform(-courbure, courbure)
        x += pas * math.cos(math.radians(angle))
        y += pas * math.sin(math.radians(angle))
        points.append((x, y))
    return points


def _rues(limite, quartiers) -> list:
    _, geometry, _ = _shapely()
    rng = _rng("rues")
    interieur = limite.buffer(-60)
    centre = quartiers["Q01"]["centre"]
    lignes = []
    for nom, cible, jusqu_a_la_limite in RUES_PRINCIPALES:
        arrivee = quartiers[cible]["centre"]
        points = [(centre.x, centre.y)]
        n = 6
        for i in range(1, n):
            t = i / n
            x = centre.x + (arrivee.x - centre.x) * t
            y = centre.y + (arrivee.y - centre.y) * t
            dx, dy = arrivee.x - centre.x, arrivee.y - centre.y
            norme = math.hypot(dx, dy)
            ecart = 120 * math.sin(math.pi * t) * rng.choice([-1, 1]) + rng.uniform(-40, 40)
            points.append((x - dy / norme * ecart, y + dx / norme * ecart))
        points.append((arrivee.x, arrivee.y))
        if jusqu_a_la_limite:
            angle = math.degrees(math.atan2(arrivee.y - centre.y, arrivee.x - centre.x))
            points += _polyligne(rng, (arrivee.x, arrivee.y), angle, 3000, 6, 12)[1:]
        ligne = geometry.LineString(points).intersection(interieur)
        if ligne.geom_type != "LineString":
            ligne = next(g for g in ligne.geoms if g.distance(centre) < 1)
        lignes.append((nom, ligne, True))
    for code, noms in RUES_LOCALES.items():
        depart_q = quartiers[code]["centre"]
        for i, nom in enumerate(noms):
            if code == "Q01":
                angle = i * 360 / len(noms) + rng.uniform(-20, 20)
                depart = (depart_q.x + rng.uniform(-120, 120), depart_q.y + rng.uniform(-60, 160))
                longueur = rng.uniform(180, 420)
            else:
                angle = i * 360 / len(noms) + 45 + rng.uniform(-25, 25)
                depart = (depart_q.x + rng.uniform(-150, 150), depart_q.y + rng.uniform(-150, 150))
                longueur = rng.uniform(280, 700)
            if nom == "Quai de la Viroule":
                continue  # drawn along the river below
            ligne = geometry.LineString(_polyligne(rng, depart, angle, longueur, 4, 22)).intersection(interieur)
            if ligne.geom_type != "LineString":
                ligne = max(ligne.geoms, key=lambda g: g.length)
            lignes.append((nom, ligne, False))
    return lignes


def _quai(riviere, quartiers):
    _, geometry, _ = _shapely()
    centre = quartiers["Q01"]["centre"]
    d = riviere.project(centre)
    morceau = [riviere.interpolate(d + s) for s in range(-350, 351, 50)]
    ligne = geometry.LineString([(p.x, p.y) for p in morceau]).offset_curve(25)
    return ligne


def territoire() -> Territoire:
    """The commune: boundary, quartiers, river, streets and addresses (Lambert 72)."""
    _, geometry, _ = _shapely()
    limite = _limite_communale()
    quartiers = _quartiers(limite)
    riviere = _riviere(limite)
    lignes = _rues(limite, quartiers)
    lignes.append(("Quai de la Viroule", _quai(riviere, quartiers), False))
    t = Territoire(limite=limite, quartiers=quartiers, riviere=riviere)
    for i, (nom, ligne, principale) in enumerate(sorted(lignes, key=lambda l: _cle_tri(l[0]))):
        ligne = _arrondi_l72(ligne)
        milieu = ligne.interpolate(0.5, normalized=True)
        code = "Q01" if principale else t.quartier_de(milieu)
        t.rues.append(Rue(nom=nom, code=f"79{i + 1:05d}", quartier=code, ligne=ligne, principale=principale))
    t.adresses = _adresses(t)
    return t


def _cle_tri(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", texte.lower()) if unicodedata.category(c) != "Mn")


ESPACEMENT = {"Q01": 13, "Q02": 17, "Q03": 22, "Q04": 30, "Q05": 26, "Q06": 38, "Q07": 30, "Q08": 34}


def _adresses(t: Territoire) -> list:
    _, geometry, _ = _shapely()
    rng = _rng("adresses")
    interieur = t.limite.buffer(-20)
    adresses = []
    for rue in t.rues:
        ligne = rue.ligne
        numeros = {1: 1, -1: 2}  # left side odd, right side even
        d = 6.0
        while d < ligne.length - 6:
            p = ligne.interpolate(d)
            code = t.quartier_de(p)
            pas = ESPACEMENT[code]
            proche = min(p.distance(q["centre"]) for q in t.quartiers.values())
            if proche > 700:
                pas *= 3  # between villages, houses are sparse
            for cote in (1, -1):
                if rng.random() < (0.12 if proche <= 700 else 0.55):
                    numeros[cote] += 2
                    continue
                a = ligne.interpolate(max(d - 1, 0))
                b = ligne.interpolate(min(d + 1, ligne.length))
                dx, dy = b.x - a.x, b.y - a.y
                n = math.hypot(dx, dy) or 1.0
                point = geometry.Point(p.x - dy / n * 9 * cote, p.y + dx / n * 9 * cote)
                if interieur.contains(point) and t.riviere.distance(point) > 15:
                    adresses.append((rue, str(numeros[cote]), _arrondi_l72(point)))
                numeros[cote] += 2
            d += pas
    resultat = []
    for i, (rue, numero, point) in enumerate(adresses):
        resultat.append(
            Adresse(
                id=f"{INS}-A{i + 1:05d}", rue=rue.nom, code_rue=rue.code, numero=numero,
                quartier=t.quartier_de(point), point=point,
            )
        )
    return resultat


# --------------------------------------------------------------------------------------------
# Formatting helpers: deterministic text for CSV, JSON and GeoJSON
# --------------------------------------------------------------------------------------------

def _wgs84(x: float, y: float) -> tuple[float, float]:
    lon, lat = _TRANSFORMATEUR().transform(x, y)
    return round(lon, 6), round(lat, 6)


_cache_transformateur = []


def _TRANSFORMATEUR():
    if not _cache_transformateur:
        _cache_transformateur.append(_vers_wgs84())
    return _cache_transformateur[0]


def _geom_wgs84(geom):
    import shapely

    def projeter(coords):
        import numpy as np

        lon, lat = _TRANSFORMATEUR().transform(coords[:, 0], coords[:, 1])
        return np.column_stack([np.round(lon, 6), np.round(lat, 6)])

    return shapely.transform(geom, projeter)


def _utf8(texte: str) -> bytes:
    return texte.encode("utf-8")


def _texte_nombre(valeur, decimales: int) -> str:
    if valeur is None:
        return ""
    texte = f"{valeur:.{decimales}f}"
    if texte.startswith("-") and float(texte) == 0:
        texte = texte[1:]
    return texte


def _point_geojson(lon: float, lat: float) -> str:
    return json.dumps({"type": "Point", "coordinates": [lon, lat]})


def _valeur_csv(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        raise TypeError("format floats explicitly before writing them")
    return str(v)


def csv_texte(colonnes: list[str], lignes: list[dict], separateur: str = ",") -> str:
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=separateur, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    ecrivain.writerow(colonnes)
    for ligne in lignes:
        ecrivain.writerow([_valeur_csv(ligne.get(c)) for c in colonnes])
    return tampon.getvalue()


def json_texte(objet) -> str:
    return json.dumps(objet, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _coords_json(geom) -> dict:
    from shapely.geometry import mapping

    def listes(o):
        if isinstance(o, (list, tuple)):
            if o and isinstance(o[0], (int, float)):
                return [float(v) for v in o[:2]]
            return [listes(e) for e in o]
        return o

    m = mapping(geom)
    return {"type": m["type"], "coordinates": listes(m["coordinates"])}


def geojson_texte(nom: str, entites: list[tuple[dict, object]]) -> str:
    """A FeatureCollection in EPSG:4326 (RFC 7946), one feature per line."""
    lignes = []
    for proprietes, geom in entites:
        entite = {"type": "Feature", "properties": proprietes, "geometry": _coords_json(geom)}
        lignes.append(json.dumps(entite, ensure_ascii=False))
    tete = json.dumps({"type": "FeatureCollection", "name": nom}, ensure_ascii=False)[:-1]
    return tete + ', "features": [\n' + ",\n".join(lignes) + "\n]}\n"


# --------------------------------------------------------------------------------------------
# Data sets. Each returns {"lignes": [...], ...}; nothing here writes files.
# --------------------------------------------------------------------------------------------

# 2025 population and age profile (share of each band) per quartier; growth per year.
PROFILS_POPULATION = {
    # code: (population 2025, profile 0-14..80+, yearly growth 2015->2025)
    "Q01": (3380, [0.14, 0.17, 0.19, 0.25, 0.16, 0.09], 0.002),
    "Q02": (2290, [0.22, 0.14, 0.26, 0.25, 0.10, 0.03], 0.034),
    "Q03": (2080, [0.17, 0.19, 0.21, 0.25, 0.13, 0.05], 0.006),
    "Q04": (1480, [0.16, 0.15, 0.19, 0.29, 0.15, 0.06], 0.004),
    "Q05": (1590, [0.15, 0.13, 0.18, 0.30, 0.17, 0.07], 0.001),
    "Q06": (1060, [0.15, 0.14, 0.18, 0.29, 0.17, 0.07], -0.004),
    "Q07": (1210, [0.16, 0.16, 0.20, 0.27, 0.15, 0.06], 0.008),
    "Q08": (930, [0.14, 0.13, 0.17, 0.30, 0.18, 0.08], -0.002),
}


def population_quartiers(t: Territoire) -> list[dict]:
    """Population by quartier, age band and year (long format), 2015-2025."""
    rng = _rng("population")
    lignes = []
    for code, (pop2025, profil, croissance) in PROFILS_POPULATION.items():
        for annee in ANNEES_POPULATION:
            recul = 2025 - annee
            total = pop2025 / (1 + croissance) ** recul
            if code == "Q02" and annee < 2017:  # the Tilleuls housing estate was built from 2017 on
                total = pop2025 / (1 + croissance) ** 8 * 0.93 ** (2017 - annee)
            # the population ages: 65+ bands grow by ~1.2 % of their share per year
            vieillissement = [1 - 0.010 * recul, 1, 1, 1, 1 - 0.012 * recul, 1 - 0.018 * recul]
            parts = [p * v for p, v in zip(profil, vieillissement)]
            somme = sum(parts)
            for tranche, part in zip(TRANCHES_AGE, parts):
                valeur = total * part / somme * (1 + rng.uniform(-0.015, 0.015))
                lignes.append({
                    "annee": annee,
                    "code_quartier": code,
                    "nom_quartier": t.quartiers[code]["nom"],
                    "tranche_age": tranche,
                    "population": int(round(valeur)),
                })
    lignes.sort(key=lambda l: (l["annee"], l["code_quartier"], TRANCHES_AGE.index(l["tranche_age"])))
    return lignes


# Facilities: name, type (FuturoCité enum, extended), details, quartier, street, schedule,
# provider, paying, disabled access, description.
HORAIRE_ECOLE = "Mo,Tu,Th,Fr 08:00-15:30; We 08:00-12:00; PH off"
HORAIRE_CRECHE = "Mo-Fr 07:00-18:30; PH off"
HORAIRE_CIMETIERE = "Apr-Oct 08:00-20:00; Nov-Mar 08:00-17:00"
CPAS = "CPAS de Vireloux"
FWB = "Fédération Wallonie-Bruxelles"
EQUIPEMENTS = [
    ("Maison communale", "Administration", "Hôtel de ville", "Q01", "Place communale",
     "Mo-Fr 08:30-12:00; We 13:30-16:00; Sa 09:00-11:30", PRODUCTEUR, False, True,
     "Accueil, population, état civil, urbanisme."),
    ("CPAS de Vireloux", "Social et santé", "Centre public d'action sociale", "Q01", "Rue des Écoles",
     "Mo-Fr 08:30-12:00", CPAS, False, True, "Aide sociale, permanences sur rendez-vous l'après-midi."),
    ("Bibliothèque communale", "Culture", "Bibliothèque", "Q01", "Rue Haute",
     "Tu,Th 14:00-18:00; We 10:00-18:00; Sa 09:00-12:30", PRODUCTEUR, False, True,
     "Prêt de livres, espace jeunesse, club de lecture."),
    ("Centre culturel de Vireloux", "Culture", "Centre culturel", "Q01", "Place communale",
     "Tu-Fr 10:00-17:00", "ASBL Centre culturel de Vireloux", False, True, "Salle de spectacle de 220 places."),
    ("Académie de musique", "Enseignement", "Enseignement artistique", "Q01", "Rue des Écoles",
     "Mo-Fr 15:30-20:30; Sa 09:00-13:00", PRODUCTEUR, True, False, "Solfège, instruments, chant."),
    ("École communale du Centre", "Enseignement", "École fondamentale", "Q01", "Rue des Écoles",
     HORAIRE_ECOLE, PRODUCTEUR, False, True, "Maternelle et primaire."),
    ("Athénée royal de Vireloux", "Enseignement", "École secondaire", "Q01", "Rue Basse",
     "Mo-Fr 08:00-16:30", FWB, False, True, "Enseignement secondaire général et technique."),
    ("Crèche communale Les Petits Pas", "Petite enfance", "Crèche", "Q01", "Ruelle des Jardins",
     HORAIRE_CRECHE, PRODUCTEUR, True, True, "42 places d'accueil de 0 à 3 ans."),
    ("Piscine communale", "Equipement sportif", "Piscine couverte", "Q01", "Quai de la Viroule",
     "Mo-Fr 12:00-13:30,16:00-21:00; Sa,Su 09:00-18:00", PRODUCTEUR, True, True,
     "Bassin de 25 m et pataugeoire."),
    ("Hall omnisports", "Equipement sportif", "Salle de sport", "Q01", "Quai de la Viroule",
     "Mo-Fr 08:00-22:00; Sa,Su 09:00-20:00", PRODUCTEUR, True, True, "Basket, volley, mini-foot."),
    ("Maison des jeunes", "Culture", "Maison de jeunes", "Q01", "Rue du Pont",
     "We 13:00-19:00; Fr 16:00-22:00; Sa 14:00-20:00", "ASBL Maison des jeunes de Vireloux", False, False,
     "Accueil des 12-26 ans, ateliers."),
    ("Office du tourisme", "Culture", "Office du tourisme", "Q01", "Place communale",
     "Mo-Sa 09:30-17:00; Su 10:00-16:00", "Syndicat d'initiative de Vireloux", False, True,
     "Cartes des promenades, accueil des visiteurs."),
    ("Espace public numérique", "Culture", "Espace public numérique", "Q01", "Rue Haute",
     "Tu-Fr 13:30-17:30", PRODUCTEUR, False, True, "Ordinateurs en libre accès, ateliers d'initiation."),
    ("Commissariat de police", "Administration", "Police locale", "Q01", "Route de Dinant",
     "Mo-Fr 08:00-17:00", "Zone de police Viroule", False, True, "Accueil du public ; en urgence : 101."),
    ("Salle des fêtes communale", "Salle communale", "Salle polyvalente", "Q01", "Rue de l'Église",
     None, PRODUCTEUR, True, True, "Location pour événements, 300 personnes."),
    ("Cimetière du Centre", "Autre", "Cimetière", "Q01", "Rue de l'Église",
     HORAIRE_CIMETIERE, PRODUCTEUR, False, False, "Cimetière communal."),
    ("Toilettes publiques de la place communale", "Toilette publique", "Toilette", "Q01", "Place communale",
     "06:00-22:00", PRODUCTEUR, False, True, "Toilettes automatiques."),
    ("Toilettes publiques du parc de la Viroule", "Toilette publique", "Toilette et urinoir", "Q01",
     "Quai de la Viroule", "Apr-Sep 08:00-21:00; Oct-Mar 08:00-18:00", PRODUCTEUR, False, False,
     "Fermées pendant les gelées."),
    ("Boîte à livres de la place communale", "Boite à livres", "Boîte à livres", "Q01", "Place communale",
     "24/7", PRODUCTEUR, False, True, "Déposez et empruntez des livres librement."),
    ("Fontaine de la place communale", "Point d'eau potable", "Fontaine", "Q01", "Place communale",
     "Apr-Oct 24/7", PRODUCTEUR, False, True, "Eau potable, coupée en hiver."),
    ("École communale des Tilleuls", "Enseignement", "École fondamentale", "Q02", "Rue des Lilas",
     HORAIRE_ECOLE, PRODUCTEUR, False, True, "Maternelle et primaire."),
    ("Crèche Les Tilleuls", "Petite enfance", "Crèche", "Q02", "Clos des Érables",
     HORAIRE_CRECHE, CPAS, True, True, "28 places d'accueil de 0 à 3 ans."),
    ("Plaine de jeux des Tilleuls", "Plaine de jeux", "Plaine de jeux", "Q02", "Rue des Charmes",
     "08:00-21:00", PRODUCTEUR, False, True, "Jeux pour les 2-12 ans."),
    ("Boîte à livres des Tilleuls", "Boite à livres", "Boîte à livres", "Q02", "Allée des Bouleaux",
     "24/7", "Comité de quartier des Tilleuls", False, True, "Installée par le comité de quartier."),
    ("École communale de La Gare", "Enseignement", "École fondamentale", "Q03", "Rue du Chemin de Fer",
     HORAIRE_ECOLE, PRODUCTEUR, False, False, "Maternelle et primaire."),
    ("Maison de village de La Gare", "Salle communale", "Salle de village", "Q03", "Place de la Station",
     None, PRODUCTEUR, True, True, "Salle de 120 personnes avec cuisine."),
    ("Terrain de football de La Gare", "Equipement sportif", "Terrain de football", "Q03", "Rue du Marais",
     None, "RFC Vireloux", False, False, "Terrain synthétique éclairé."),
    ("Recyparc de Vireloux", "Autre", "Parc à conteneurs", "Q03", "Rue des Forges",
     "Tu-Sa 09:00-17:00", PRODUCTEUR, False, True, "Tri des déchets ménagers, 24 fractions."),
    ("Bulle à verre de la Station", "Bulle à verre", "Verre blanc et coloré", "Q03", "Place de la Station",
     "Mo-Sa 07:00-20:00", PRODUCTEUR, False, True, "Dépôt interdit le dimanche."),
    ("Toilettes publiques de la gare", "Toilette publique", "Toilette", "Q03", "Place de la Station",
     "05:30-22:30", PRODUCTEUR, True, True, "Payantes (0,50 €)."),
    ("École communale de Sart-Loriot", "Enseignement", "École fondamentale", "Q04", "Rue du Sart",
     HORAIRE_ECOLE, PRODUCTEUR, False, False, "Implantation maternelle."),
    ("Salle Le Foyer", "Salle communale", "Salle de village", "Q04", "Rue de la Ferme",
     None, PRODUCTEUR, True, False, "Salle de 80 personnes."),
    ("Cimetière de Sart-Loriot", "Autre", "Cimetière", "Q04", "Rue du Calvaire",
     HORAIRE_CIMETIERE, PRODUCTEUR, False, False, "Cimetière communal."),
    ("École communale des Coteaux", "Enseignement", "École fondamentale", "Q05", "Rue Saint-Roch",
     HORAIRE_ECOLE, PRODUCTEUR, False, True, "Maternelle et primaire."),
    ("Maison de repos Les Coteaux", "Social et santé", "Maison de repos", "Q05", "Rue du Panorama",
     "24/7", CPAS, True, True, "86 lits, dont 20 de soins."),
    ("Terrain multisports des Coteaux", "Equipement sportif", "Agorespace", "Q05", "Rue des Vignes",
     "08:00-22:00", PRODUCTEUR, False, True, "Football, basket, accès libre."),
    ("Fontaine des Coteaux", "Point d'eau potable", "Fontaine", "Q05", "Rue Saint-Roch",
     "Apr-Oct 24/7", PRODUCTEUR, False, True, "Eau potable, coupée en hiver."),
    ("École communale de Bois-Hennin", "Enseignement", "École fondamentale", "Q06", "Rue du Bois",
     HORAIRE_ECOLE, PRODUCTEUR, False, False, "Maternelle et primaire."),
    ("Maison de village de Bois-Hennin", "Salle communale", "Salle de village", "Q06", "Rue de la Forêt",
     None, PRODUCTEUR, True, True, "Salle de 100 personnes."),
    ("Bulle à vêtements de Bois-Hennin", "Bulle à vêtements", "Textiles", "Q06", "Rue des Sapins",
     "24/7", "ASBL Terre et Partage", False, True, "Vêtements et chaussures propres, en sacs fermés."),
    ("École communale de Moulin-Brûlé", "Enseignement", "École fondamentale", "Q07", "Rue des Saules",
     HORAIRE_ECOLE, PRODUCTEUR, False, True, "Maternelle et primaire."),
    ("Terrain de football du Moulin", "Equipement sportif", "Terrain de football", "Q07", "Rue des Prés",
     None, "Entente Moulin-Brûlé", False, False, "Terrain en herbe."),
    ("Crèche du Moulin", "Petite enfance", "Crèche", "Q07", "Rue de la Meunerie",
     HORAIRE_CRECHE, CPAS, True, True, "24 places d'accueil de 0 à 3 ans."),
    ("Salle du Moulin", "Salle communale", "Salle de village", "Q07", "Rue de la Meunerie",
     None, PRODUCTEUR, True, True, "Salle de 90 personnes dans l'ancien moulin."),
    ("École communale de Fond-des-Vaux", "Enseignement", "École fondamentale", "Q08", "Rue des Vaux",
     HORAIRE_ECOLE, PRODUCTEUR, False, False, "Implantation maternelle et primaire."),
    ("Salle de la Chapelle", "Salle communale", "Salle de village", "Q08", "Rue de la Chapelle",
     None, PRODUCTEUR, True, False, "Salle de 60 personnes."),
    ("Cimetière de Fond-des-Vaux", "Autre", "Cimetière", "Q08", "Rue de la Chapelle",
     HORAIRE_CIMETIERE, PRODUCTEUR, False, False, "Cimetière communal."),
    ("Boîte à livres de Fond-des-Vaux", "Boite à livres", "Boîte à livres", "Q08", "Rue du Fond",
     "24/7", PRODUCTEUR, False, True, "Ancienne cabine téléphonique."),
    ("Bulle à verre du Fond", "Bulle à verre", "Verre blanc et coloré", "Q08", "Rue du Fond",
     "Mo-Sa 07:00-20:00", PRODUCTEUR, False, True, "Dépôt interdit le dimanche."),
    ("Plaine de jeux de Moulin-Brûlé", "Plaine de jeux", "Plaine de jeux", "Q07", "Rue des Prés",
     "08:00-21:00", PRODUCTEUR, False, False, "Jeux pour les 3-10 ans au bord de la Viroule."),
]

TYPES_FUTUROCITE = [
    "Point d'eau potable", "Toilette publique", "Bac à sel", "Canisite", "Poubelle publique", "Cendrier",
    "Banc public", "Plaine de jeux", "Equipement sportif", "Jardin partagé", "Panneau d’affichage",
    "Boite à livres", "Bulle à verre", "Bulle à vêtements", "Autre",
]
TYPES_AJOUTES = ["Administration", "Culture", "Enseignement", "Petite enfance", "Salle communale", "Social et santé"]


def _placer(t: Territoire, rng: random.Random, nom_rue: str, quartier: str | None = None, deja=None):
    """An address of the street (in the quartier if possible) not used yet: (Adresse, lon, lat)."""
    candidates = t.adresses_de(nom_rue)
    if quartier:
        dans = [a for a in candidates if a.quartier == quartier]
        candidates = dans or candidates
    if deja is not None:
        libres = [a for a in candidates if a.id not in deja]
        candidates = libres or candidates
    adresse = rng.choice(candidates)
    if deja is not None:
        deja.add(adresse.id)
    return adresse


def equipements_collectifs(t: Territoire) -> list[dict]:
    """Public facilities, Walloon standard « équipements collectifs » (FuturoCité), extended."""
    rng = _rng("equipements")
    deja = set()
    lignes = []
    for i, (nom, type_, details, quartier, rue, horaire, gestionnaire, payant, pmr, description) in enumerate(
        EQUIPEMENTS, start=1
    ):
        adresse = _placer(t, rng, rue, quartier, deja)
        lon, lat = _wgs84(adresse.point.x + rng.uniform(-4, 4), adresse.point.y + rng.uniform(-4, 4))
        installe = None
        if type_ in ("Toilette publique", "Boite à livres", "Point d'eau potable", "Bulle à verre",
                     "Bulle à vêtements", "Plaine de jeux"):
            installe = date(2008, 1, 1) + timedelta(days=rng.randrange(0, 16 * 365))
        lignes.append({
            "id": f"{INS}-{i:03d}",
            "name": nom,
            "description": description,
            "municipality": COMMUNE,
            "ins_code": INS,
            "zone_address": t.quartiers[adresse.quartier]["nom"],
            "ins_zone_address": adresse.quartier,
            "street_name": rue,
            "street_number": t.rue(rue).code,
            "house_number": adresse.numero,
            "coordinates": _point_geojson(lon, lat),
            "latitude": _texte_nombre(lat, 6),
            "longitude": _texte_nombre(lon, 6),
            "disabled_access": pmr,
            "schedule": horaire,
            "type": type_,
            "type_details": details,
            "status": "Non disponible" if nom == "Toilettes publiques du parc de la Viroule" else "Disponible",
            "installation_date": installe.isoformat() if installe else None,
            "provider": gestionnaire,
            "paying": payant,
            "created_date": "2023-03-15",
            "last_modified_date": (date(2024, 9, 1) + timedelta(days=rng.randrange(0, 120))).isoformat(),
        })
    return lignes


# --------------------------------------------------------------------------------------------
# Table Schemas
# --------------------------------------------------------------------------------------------

def _champ(nom, type_, titre, description, requis=False, format_=None, **contraintes):
    champ = {"name": nom, "type": type_, "title": titre, "description": description}
    if format_:
        champ["format"] = format_
    c = dict(contraintes)
    if requis:
        c = {"required": True, **c}
    if c:
        champ["constraints"] = c
    return champ


def _schema(nom, titre, description, champs, cle=None, standard=None):
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


STANDARD_EQUIPEMENTS = {
    "title": "Standard wallon « Équipements collectifs » (FuturoCité, avec Datactivist), version 0.1.0, CC-BY 2.0 BE",
    "path": "https://github.com/FuturoCite/standard-equipements-collectifs",
}

C_INS = lambda objet: _champ(  # noqa: E731
    "ins_code", "string", "Code INS de la commune",
    f"Code INS (REFNIS) de la commune où se situe {objet}, 5 chiffres. Vireloux : {INS} (code fictif).",
    requis=True, pattern=r"^\d{5}$",
)
C_COMMUNE = lambda objet: _champ(  # noqa: E731
    "municipality", "string", "Commune", f"Nom de la commune où se situe {objet}.", requis=True)
C_ZONE = lambda objet: _champ(  # noqa: E731
    "zone_address", "string", "Quartier", f"Nom du quartier (partie de commune) où se situe {objet}.",
    enum=[q[1] for q in QUARTIERS])
C_CODE_ZONE = lambda objet: _champ(  # noqa: E731
    "ins_zone_address", "string", "Code du quartier",
    f"Code du quartier où se situe {objet} (Q01 à Q08, référentiel communal : voir la couche quartiers). "
    "Le standard wallon y met le code du secteur statistique de Statbel.",
    enum=[q[0] for q in QUARTIERS])
C_RUE = lambda objet: _champ(  # noqa: E731
    "street_name", "string", "Rue", f"Nom officiel de la voirie où se situe {objet}.", requis=True)
C_CODE_RUE = lambda objet: _champ(  # noqa: E731
    "street_number", "string", "Code de la rue",
    f"Code de la voirie où se situe {objet} (référentiel des rues de Vireloux, 7 chiffres, "
    "comme les codes de rue de BeST-Address).", requis=True, pattern=r"^\d{7}$")
C_NUMERO = lambda objet: _champ(  # noqa: E731
    "house_number", "string", "Numéro de maison", f"Numéro de police le plus proche de {objet}.")
C_COORD = lambda objet: _champ(  # noqa: E731
    "coordinates", "geojson", "Coordonnées (GeoJSON)",
    f"Position de {objet} : un point GeoJSON en WGS 84, longitude puis latitude "
    '(par exemple {"type": "Point", "coordinates": [4.769, 50.368]}).', requis=True)
C_LAT = lambda objet: _champ(  # noqa: E731
    "latitude", "number", "Latitude (WGS 84)",
    f"Latitude de {objet} en degrés décimaux (EPSG:4326). Ajout au standard, pour la cartographie.",
    requis=True, minimum=50.0, maximum=51.0)
C_LON = lambda objet: _champ(  # noqa: E731
    "longitude", "number", "Longitude (WGS 84)",
    f"Longitude de {objet} en degrés décimaux (EPSG:4326). Ajout au standard, pour la cartographie.",
    requis=True, minimum=4.0, maximum=6.0)


def schema_equipements() -> dict:
    o = "l'équipement"
    return _schema(
        "equipements-collectifs", "Équipements collectifs de Vireloux",
        "Équipements et services publics de la commune (administration, écoles, crèches, salles, sport, "
        "culture, petit mobilier urbain), avec leurs horaires. Adapté du standard wallon « Équipements "
        "collectifs » (FuturoCité) : mêmes noms de champs ; la liste des types est élargie et deux "
        "colonnes latitude/longitude sont ajoutées.",
        [
            _champ("id", "string", "Identifiant",
                   "Identifiant unique local : code INS de la commune, un tiret et un numéro sur 3 chiffres "
                   "(les zéros de tête font partie du code).", requis=True, unique=True, pattern=r"^\d{5}-\d{3}$"),
            _champ("name", "string", "Nom", "Nom de l'équipement.", requis=True),
            _champ("description", "string", "Description", "Courte description de l'équipement."),
            C_COMMUNE(o), C_INS(o), C_ZONE(o), C_CODE_ZONE(o), C_RUE(o), C_CODE_RUE(o), C_NUMERO(o),
            C_COORD(o), C_LAT(o), C_LON(o),
            _champ("disabled_access", "boolean", "Accessible PMR",
                   "L'équipement est-il accessible aux personnes à mobilité réduite (true/false) ?"),
            _champ("schedule", "string", "Horaires",
                   "Horaires d'accès au format opening_hours d'OpenStreetMap, par exemple "
                   "« Mo-Fr 08:30-12:00; Sa 09:00-11:30 ». Vide quand l'accès se fait sur réservation."),
            _champ("type", "string", "Type",
                   "Type d'équipement : les valeurs du standard wallon, plus six catégories ajoutées pour les "
                   "bâtiments publics (" + ", ".join(TYPES_AJOUTES) + ").",
                   requis=True, enum=TYPES_FUTUROCITE + TYPES_AJOUTES),
            _champ("type_details", "string", "Précision du type", "Type plus précis (école fondamentale, crèche…)."),
            _champ("status", "string", "Disponibilité", "Disponible ou non à la date de mise à jour.",
                   enum=["Disponible", "Non disponible"]),
            _champ("installation_date", "date", "Date d'installation", "Date d'installation (AAAA-MM-JJ)."),
            _champ("provider", "string", "Gestionnaire", "Organisme qui gère l'équipement."),
            _champ("paying", "boolean", "Payant", "L'accès est-il payant (true/false) ?"),
            _champ("created_date", "date", "Date de création", "Date de création de la donnée (AAAA-MM-JJ)."),
            _champ("last_modified_date", "date", "Date de modification",
                   "Date de la dernière modification de la donnée (AAAA-MM-JJ)."),
        ],
        cle=["id"], standard=STANDARD_EQUIPEMENTS,
    )


def schema_population() -> dict:
    return _schema(
        "population-quartiers", "Population de Vireloux par quartier, tranche d'âge et année",
        "Nombre d'habitants au 1er janvier de chaque année, de 2015 à 2025, par quartier et par tranche "
        "d'âge (format long : une ligne par année, quartier et tranche). Schéma propre à la formation.",
        [
            _champ("annee", "integer", "Année", "Année (situation au 1er janvier).", requis=True,
                   minimum=2015, maximum=2025),
            _champ("code_quartier", "string", "Code du quartier", "Code du quartier, de Q01 à Q08.",
                   requis=True, enum=[q[0] for q in QUARTIERS]),
            _champ("nom_quartier", "string", "Nom du quartier", "Nom du quartier.", requis=True,
                   enum=[q[1] for q in QUARTIERS]),
            _champ("tranche_age", "string", "Tranche d'âge", "Tranche d'âge en années révolues.",
                   requis=True, enum=TRANCHES_AGE),
            _champ("population", "integer", "Population", "Nombre d'habitants.", requis=True, minimum=0),
        ],
        cle=["annee", "code_quartier", "tranche_age"],
    )


# --------------------------------------------------------------------------------------------
# Geographic layers
# --------------------------------------------------------------------------------------------

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


def _en_wgs84(entites):
    return [(p, _geom_wgs84(g)) for p, g in entites]




# --------------------------------------------------------------------------------------------
# More data sets (clean versions)
# --------------------------------------------------------------------------------------------

def _sur_rue(t: Territoire, rng: random.Random, nom_rue: str, decalage: float = 6.0, quartier: str | None = None):
    """A point along a street (Lambert 72), a few metres off its axis, optionally inside a quartier."""
    from shapely.geometry import Point

    ligne = t.rue(nom_rue).ligne
    for _ in range(200):
        d = rng.uniform(0.05, 0.95) * ligne.length
        p = ligne.interpolate(d)
        a = ligne.interpolate(max(d - 1, 0))
        b = ligne.interpolate(min(d + 1, ligne.length))
        dx, dy = b.x - a.x, b.y - a.y
        n = math.hypot(dx, dy) or 1.0
        cote = rng.choice([-1, 1])
        point = Point(p.x - dy / n * decalage * cote, p.y + dx / n * decalage * cote)
        if (quartier is None or t.quartier_de(point) == quartier) and t.limite.buffer(-5).contains(point):
            return point
    raise ValueError(f"no point on {nom_rue} in {quartier}")


def _num_proche(t: Territoire, point, nom_rue: str) -> str | None:
    adresses = t.adresses_de(nom_rue)
    if not adresses:
        return None
    return min(adresses, key=lambda a: a.point.distance(point)).numero


def _colonnes_localisation(t: Territoire, point, nom_rue: str) -> dict:
    """Walloon-standard location fields for a point on a street."""
    lon, lat = _wgs84(point.x, point.y)
    code = t.quartier_de(point)
    return {
        "municipality": COMMUNE,
        "ins_code": INS,
        "zone_address": t.quartiers[code]["nom"],
        "ins_zone_address": code,
        "street_name": nom_rue,
        "street_number": t.rue(nom_rue).code,
        "house_number": _num_proche(t, point, nom_rue),
        "coordinates": _point_geojson(lon, lat),
        "latitude": _texte_nombre(lat, 6),
        "longitude": _texte_nombre(lon, 6),
    }


def _rues_du_quartier(t: Territoire, code: str) -> list[str]:
    return [r.nom for r in t.rues if r.quartier == code and not r.principale]


def stationnements_velos(t: Territoire, equipements: list[dict]) -> list[dict]:
    """Bicycle parking, Walloon standard « stationnements vélos » (FuturoCité)."""
    rng = _rng("velos")
    lignes = []
    # near schools, sports, the station and public buildings first
    cibles = [e for e in equipements if e["type"] in ("Enseignement", "Equipement sportif", "Administration", "Culture")]
    n = 0
    for e in cibles:
        n += 1
        lon, lat = json.loads(e["coordinates"])["coordinates"]
        x, y = _L72_depuis_wgs84(lon, lat)
        from shapely.geometry import Point
        point = Point(x + rng.uniform(-15, 15), y + rng.uniform(-15, 15))
        type_ = rng.choice(["Arceau", "Arceau", "Arceau", "Rack", "Box"])
        places = {"Arceau": rng.choice([6, 8, 10, 12]), "Rack": rng.choice([10, 12, 16]), "Box": rng.choice([4, 8])}[type_]
        lignes.append({
            "id": f"{INS}-V{n:03d}",
            "name": f"Stationnement vélos – {e['name']}",
            **_colonnes_localisation(t, point, e["street_name"]),
            "location_details": "Devant l'entrée principale" if rng.random() < 0.6 else "Sur le côté du bâtiment",
            "parking_type": type_,
            "covered": type_ == "Box" or rng.random() < 0.3,
            "secured": type_ == "Box",
            "available_places": places,
            "installation_year": rng.randint(2012, 2024),
            "provider": PRODUCTEUR,
            "charging_station": type_ == "Box" and rng.random() < 0.5,
            "repair_equipment": rng.random() < 0.15,
        })
    for nom_rue in ["Place communale", "Rue du Pont", "Quai de la Viroule", "Place de la Station", "Rue des Lilas",
                    "Rue du Sart", "Rue Saint-Roch", "Rue des Saules"]:
        n += 1
        point = _sur_rue(t, rng, nom_rue)
        gare = nom_rue == "Place de la Station"  # covered, locked boxes for train commuters
        lignes.append({
            "id": f"{INS}-V{n:03d}",
            "name": f"Stationnement vélos – {nom_rue}",
            **_colonnes_localisation(t, point, nom_rue),
            "location_details": "Sur le parvis de la gare" if gare else "Sur le trottoir",
            "parking_type": "Box" if gare else "Arceau",
            "covered": gare,
            "secured": gare,
            "available_places": 16 if gare else rng.choice([4, 6, 8]),
            "installation_year": rng.randint(2016, 2024),
            "provider": PRODUCTEUR,
            "charging_station": gare,
            "repair_equipment": nom_rue == "Place communale",
        })
    return lignes


def _L72_depuis_wgs84(lon: float, lat: float) -> tuple[float, float]:
    from pyproj import Transformer

    if not _cache_inverse:
        _cache_inverse.append(Transformer.from_crs(4326, 31370, always_xy=True))
    return _cache_inverse[0].transform(lon, lat)


_cache_inverse = []


LIGNES_BUS = {
    # line: streets served in order
    "34": ["Chaussée de Namur", "Route de Dinant"],
    "35": ["Rue de la Gare", "Rue du Moulin"],
    "127": ["Route de Ciney", "Rue de Bois-Hennin"],
    "E5": ["Avenue des Tilleuls", "Chaussée de Namur"],
}


def arrets_bus(t: Territoire) -> list[dict]:
    """Bus stops (fields modelled on GTFS stops.txt), fictitious lines."""
    rng = _rng("bus")
    arrets = {}
    for ligne, rues in LIGNES_BUS.items():
        for nom_rue in rues:
            geom = t.rue(nom_rue).ligne
            d = 80.0
            while d < geom.length - 50:
                p = geom.interpolate(d)
                proche = next((k for k in arrets if math.hypot(k[0] - p.x, k[1] - p.y) < 120), None)
                if proche:
                    arrets[proche]["lignes"].add(ligne)
                else:
                    arrets[(p.x, p.y)] = {"rue": nom_rue, "lignes": {ligne}, "point": p}
                d += rng.uniform(450, 700) if t.quartier_de(p) != "Q01" else rng.uniform(250, 350)
    lignes = []
    compteur = {}
    for i, (cle, a) in enumerate(sorted(arrets.items(), key=lambda kv: (kv[1]["rue"], kv[0]))):
        p = a["point"]
        code = t.quartier_de(p)
        nom_q = t.quartiers[code]["nom"]
        compteur[(a["rue"])] = compteur.get(a["rue"], 0) + 1
        lon, lat = _wgs84(p.x, p.y)
        numero = _num_proche(t, p, a["rue"])
        nom = f"{nom_q} – {a['rue']}" if compteur[a["rue"]] == 1 else f"{nom_q} – {a['rue']} {numero}"
        lignes.append({
            "stop_id": f"VX{i + 1:03d}",
            "stop_name": nom,
            "stop_lat": _texte_nombre(lat, 6),
            "stop_lon": _texte_nombre(lon, 6),
            "lignes": ";".join(sorted(a["lignes"], key=lambda s: (len(s), s))),
            "abri": rng.random() < (0.7 if code == "Q01" else 0.4),
            "accessible_pmr": rng.random() < 0.55,
            "code_quartier": code,
            "street_name": a["rue"],
        })
    return lignes


SITES_COMPTAGE = [
    # code, name, street, kind, voitures/jour (moyenne), vélos/jour (moyenne)
    ("C01", "Chaussée de Namur (entrée nord)", "Chaussée de Namur", 0.85, 6200, 95),
    ("C02", "Rue de la Gare (pont)", "Rue de la Gare", 0.35, 4800, 210),
    ("C03", "Route de Dinant", "Route de Dinant", 0.55, 3900, 60),
    ("C04", "Place communale", "Place communale", 0.5, 2100, 320),
    ("C05", "Rue du Moulin", "Rue du Moulin", 0.6, 1800, 140),
    ("C06", "Quai de la Viroule (RAVeL)", "Quai de la Viroule", 0.5, 0, 380),
]


def sites_comptage(t: Territoire) -> list[dict]:
    rng = _rng("sites-comptage")
    lignes = []
    for code, nom, rue, position, voitures, velos in SITES_COMPTAGE:
        ligne = t.rue(rue).ligne
        p = ligne.interpolate(position, normalized=True)
        lon, lat = _wgs84(p.x, p.y)
        lignes.append({
            "code_site": code,
            "nom_site": nom,
            "street_name": rue,
            "code_quartier": t.quartier_de(p),
            "latitude": _texte_nombre(lat, 6),
            "longitude": _texte_nombre(lon, 6),
            "type_capteur": "Boucle magnétique" if voitures else "Compteur vélos et piétons",
            "compte_voitures": voitures > 0,
            "date_installation": (date(2019, 3, 1) + timedelta(days=rng.randrange(0, 900))).isoformat(),
        })
    return lignes


JOURS_FERIES_2024 = {date(2024, 1, 1), date(2024, 4, 1), date(2024, 5, 1), date(2024, 5, 9), date(2024, 5, 20),
                     date(2024, 7, 21), date(2024, 8, 15), date(2024, 11, 1), date(2024, 11, 11), date(2024, 12, 25)}


def _meteo_2024() -> dict:
    """A shared daily weather series for 2024 (rain in mm, temperature), so counts and air quality agree."""
    rng = _rng("meteo")
    jours = {}
    d = date(2024, 1, 1)
    pluie_veille = 0.0
    while d.year == 2024:
        saison = math.cos(2 * math.pi * (d.timetuple().tm_yday - 200) / 366)
        temperature = 10.5 + 8.5 * saison + rng.gauss(0, 2.5)
        pluvieux = rng.random() < (0.45 if pluie_veille > 0 else 0.3)
        pluie = round(rng.expovariate(1 / 5.0), 1) if pluvieux else 0.0
        jours[d] = {"temperature": temperature, "pluie": pluie}
        pluie_veille = pluie
        d += timedelta(days=1)
    return jours


def comptages_trafic(t: Territoire) -> list[dict]:
    """Daily counts for 2024 at each counting site (vehicles, heavy vehicles, bicycles)."""
    rng = _rng("comptages")
    meteo = _meteo_2024()
    pannes = {"C03": (date(2024, 3, 11), date(2024, 3, 24)), "C05": (date(2024, 10, 2), date(2024, 10, 6))}
    lignes = []
    for d, m in sorted(meteo.items()):
        semaine = d.weekday()
        ferie = d in JOURS_FERIES_2024
        vacances = date(2024, 7, 1) <= d <= date(2024, 8, 25)
        for code, _, _, _, voitures, velos in SITES_COMPTAGE:
            en_panne = code in pannes and pannes[code][0] <= d <= pannes[code][1]
            f_jour = 1.0 if semaine < 5 and not ferie else (0.72 if semaine == 5 else 0.55)
            f_vac = 0.85 if vacances else 1.0
            v = voitures * f_jour * f_vac * (1 + rng.gauss(0, 0.05))
            pl = v * (0.06 if semaine < 5 else 0.02) * (1 + rng.gauss(0, 0.1))
            saison_velo = 1 + 0.55 * math.cos(2 * math.pi * (d.timetuple().tm_yday - 190) / 366)
            f_velo_jour = 1.0 if semaine < 5 else (1.25 if code == "C06" else 0.8)
            pluie = 1 / (1 + m["pluie"] / 6)
            b = velos * saison_velo * f_velo_jour * pluie * (1 + rng.gauss(0, 0.08))
            if d >= date(2024, 9, 16) and code in ("C02", "C04"):  # new cycle lane opened in September
                b *= 1.25
            lignes.append({
                "date": d.isoformat(),
                "code_site": code,
                "voitures": None if en_panne or not voitures else max(0, int(round(v))),
                "poids_lourds": None if en_panne or not voitures else max(0, int(round(pl))),
                "velos": None if en_panne else max(0, int(round(b))),
            })
    return lignes


def qualite_air(t: Territoire) -> list[dict]:
    """Daily mean concentrations (µg/m³) of NO2, PM10 and PM2.5 at two stations, 2024."""
    rng = _rng("air")
    meteo = _meteo_2024()
    stations = [
        ("VX-A1", "Vireloux – Place communale", "Place communale", 1.0),
        ("VX-A2", "Vireloux – Bois-Hennin (fond rural)", "Rue du Bois", 0.55),
    ]
    lignes = []
    points = {}
    for code, nom, rue, _ in stations:
        p = t.rue(rue).ligne.interpolate(0.5, normalized=True)
        points[code] = _wgs84(p.x, p.y)
    episode = {date(2024, 3, 27) + timedelta(days=i) for i in range(5)} | {date(2024, 12, 10) + timedelta(days=i) for i in range(4)}
    for d, m in sorted(meteo.items()):
        hiver = min(1.0, 1 + math.cos(2 * math.pi * (d.timetuple().tm_yday - 15) / 366))  # 1 from autumn to spring, 0 in July
        semaine = 1.15 if d.weekday() < 5 else 0.8
        lavage = 1 / (1 + m["pluie"] / 8)
        for code, nom, _, urbain in stations:
            lon, lat = points[code]
            if code == "VX-A2" and date(2024, 6, 3) <= d <= date(2024, 6, 9):
                continue  # station out of order: missing days, not rows with empty values
            base = {
                "NO2": 22 * urbain * semaine * (0.8 + 0.45 * hiver),
                "PM10": 17 * (0.7 + 0.3 * urbain) * (0.75 + 0.5 * hiver) * lavage,
                "PM2.5": 10 * (0.7 + 0.3 * urbain) * (0.7 + 0.6 * hiver) * lavage,
            }
            for polluant, valeur in base.items():
                if d in episode and polluant != "NO2":
                    valeur *= 2.6
                valeur *= (1 + rng.gauss(0, 0.18))
                lignes.append({
                    "date": d.isoformat(),
                    "code_station": code,
                    "nom_station": nom,
                    "latitude": _texte_nombre(lat, 6),
                    "longitude": _texte_nombre(lon, 6),
                    "polluant": polluant,
                    "valeur": _texte_nombre(max(1.0, valeur), 1),
                    "unite": "µg/m³",
                })
    return lignes


ESPECES = [
    ("Chêne pédonculé", "Quercus robur", 280, 620, 18, 32),
    ("Hêtre commun", "Fagus sylvatica", 250, 540, 20, 34),
    ("Tilleul à petites feuilles", "Tilia cordata", 210, 480, 15, 28),
    ("Marronnier d'Inde", "Aesculus hippocastanum", 220, 420, 15, 25),
    ("Platane commun", "Platanus x hispanica", 260, 560, 20, 32),
    ("Érable sycomore", "Acer pseudoplatanus", 190, 400, 15, 27),
    ("Frêne commun", "Fraxinus excelsior", 180, 380, 16, 28),
    ("If commun", "Taxus baccata", 150, 360, 8, 14),
    ("Saule blanc", "Salix alba", 200, 450, 12, 22),
    ("Noyer commun", "Juglans regia", 170, 330, 12, 20),
    ("Séquoia géant", "Sequoiadendron giganteum", 350, 700, 25, 38),
    ("Charme commun", "Carpinus betulus", 150, 300, 12, 20),
]


def arbres_remarquables(t: Territoire) -> list[dict]:
    """Remarkable trees, Walloon standard « patrimoine naturel ou matériel » (FuturoCité)."""
    rng = _rng("arbres")
    lignes = []
    rues = [r.nom for r in t.rues]
    for i in range(62):
        nom_rue = rng.choice(rues if i % 3 else ["Quai de la Viroule", "Place communale", "Rue de l'Église",
                                                 "Chemin du Halage", "Rue de la Forêt", "Avenue des Tilleuls"])
        point = _sur_rue(t, rng, nom_rue, decalage=rng.uniform(8, 25))
        commun, latin, cmin, cmax, hmin, hmax = rng.choice(ESPECES)
        if nom_rue == "Avenue des Tilleuls":
            commun, latin, cmin, cmax, hmin, hmax = ESPECES[2]
        if nom_rue in ("Quai de la Viroule", "Chemin du Halage") and rng.random() < 0.6:
            commun, latin, cmin, cmax, hmin, hmax = ESPECES[8]
        circonference = rng.randint(cmin, cmax)
        hauteur = rng.randint(hmin, hmax)
        classe = circonference > 0.8 * cmax
        age = int(circonference / rng.uniform(2.0, 3.2))
        lignes.append({
            "id": f"{INS}-AR{i + 1:03d}",
            "type": "Patrimoine naturel",
            "category": "Arbre remarquable",
            "name": f"{commun} – {nom_rue}",
            "description": f"{commun} ({latin}) d'environ {age} ans, {circonference} cm de circonférence à 1,50 m.",
            **_colonnes_localisation(t, point, nom_rue),
            "espece": latin,
            "nom_commun": commun,
            "circonference_cm": circonference,
            "hauteur_m": hauteur,
            "public": "Public" if rng.random() < 0.8 else "Privé",
            "listed": classe,
            "listed_by": "Service public de Wallonie (liste des arbres et haies remarquables)" if classe else None,
            "created_date": "2022-05-10",
            "last_modified_date": (date(2024, 4, 1) + timedelta(days=rng.randrange(0, 200))).isoformat(),
        })
    return lignes


AIRES = [
    ("Plaine de jeux des Tilleuls", "Aire de jeux", "Rue des Charmes", 2, 12, "Dalles amortissantes EN1177", 9),
    ("Plaine de jeux de Moulin-Brûlé", "Aire de jeux", "Rue des Prés", 3, 10, "Herbe", 5),
    ("Plaine de jeux du parc de la Viroule", "Aire de jeux", "Quai de la Viroule", 2, 12, "Sable", 11),
    ("Skatepark de Vireloux", "Skatepark", "Rue du Pont", 10, 99, "Surface dure", 7),
    ("Parcours santé du Bois-Hennin", "Parcours santé", "Rue de la Forêt", 12, 99, "Terre", 12),
    ("Aire de pique-nique du Halage", "Aire de pique-nique", "Chemin du Halage", 0, 99, "Herbe", 4),
    ("Fitness urbain des Coteaux", "Fitness urbain", "Rue des Vignes", 14, 99, "Dalles amortissantes EN1177", 6),
    ("Table de ping-pong de la place", "Table de ping-pong", "Place communale", 6, 99, "Surface dure", 1),
    ("Plaine de jeux de Sart-Loriot", "Aire de jeux", "Rue de la Ferme", 2, 10, "Dalles amortissantes EN1177", 6),
    ("Plaine de jeux de Fond-des-Vaux", "Aire de jeux", "Rue des Vaux", 2, 10, "Gravier", 4),
    ("Aire de jeux de La Gare", "Aire de jeux", "Rue du Marais", 3, 12, "Mixte", 7),
    ("Terrain de pétanque des Coteaux", "Aire de sports", "Rue Saint-Roch", 8, 99, "Gravier", 2),
    ("Observatoire des oiseaux du Marais", "Observatoire nature", "Rue du Marais", 0, 99, "Bois", 1),
]


def aires_de_jeux(t: Territoire) -> list[dict]:
    """Play and leisure areas, Walloon standard « aires de loisirs » (FuturoCité)."""
    rng = _rng("aires")
    lignes = []
    for i, (nom, type_, rue, amin, amax, surface, modules) in enumerate(AIRES, start=1):
        point = _sur_rue(t, rng, rue, decalage=rng.uniform(15, 35))
        ferme = type_ == "Aire de jeux" and rng.random() < 0.6
        lignes.append({
            "id": f"{INS}-L{i:03d}",
            "name": nom,
            "description": {
                "Aire de jeux": f"Aire de jeux pour enfants de {amin} à {amax} ans, {modules} modules.",
                "Skatepark": "Skatepark en béton : rampes, curbs et bowl.",
                "Parcours santé": "Parcours de 2,4 km avec 12 agrès en forêt.",
                "Aire de pique-nique": "Tables et bancs au bord de la Viroule, le long du RAVeL.",
                "Fitness urbain": "Agrès de musculation et d'étirement en accès libre.",
                "Table de ping-pong": "Table de tennis de table en béton.",
                "Aire de sports": "Deux pistes de pétanque éclairées.",
                "Observatoire nature": "Affût en bois pour observer les oiseaux de la zone humide.",
            }[type_],
            "type": type_,
            **{k: v for k, v in _colonnes_localisation(t, point, rue).items()},
            "minimum_age": amin,
            "maximum_age": amax,
            "disabled_access": rng.random() < 0.6,
            "pmr_module": type_ == "Aire de jeux" and rng.random() < 0.35,
            "number_of_mods": modules,
            "surface_type": surface,
            "closed_site": ferme,
            "bench": rng.random() < 0.85,
            "table": type_ in ("Aire de pique-nique", "Aire de jeux") and rng.random() < 0.6,
            "shadow": rng.random() < 0.5,
            "drinking_water_point": rng.random() < 0.25,
            "trash_can": True,
            "schedule": "08:00-21:00" if ferme else "24/7",
            "provider": PRODUCTEUR,
            "area": rng.choice([150, 220, 300, 450, 600, 800, 1200]),
            "completion_year": rng.randint(2005, 2024),
            "created_date": "2023-06-01",
            "last_modified_date": (date(2024, 8, 1) + timedelta(days=rng.randrange(0, 120))).isoformat(),
        })
    return lignes


def defibrillateurs(t: Territoire, equipements: list[dict]) -> list[dict]:
    """Defibrillators (AED), Walloon standard « défibrillateurs » (FuturoCité), placed in public buildings."""
    rng = _rng("dea")
    lieux = [e for e in equipements if e["type"] in ("Administration", "Equipement sportif", "Salle communale",
                                                     "Social et santé", "Culture")][:16]
    lignes = []
    for i, e in enumerate(lieux, start=1):
        interieur = e["type"] != "Equipement sportif" or "Piscine" in e["name"] or "Hall" in e["name"]
        permanent = not interieur
        lignes.append({
            "id": f"{INS}-D{i:03d}",
            "name": f"DEA – {e['name']}",
            "municipality": COMMUNE,
            "ins_code": INS,
            "zone_address": e["zone_address"],
            "ins_zone_address": e["ins_zone_address"],
            "street_name": e["street_name"],
            "street_number": e["street_number"],
            "house_number": e["house_number"],
            "coordinates": e["coordinates"],
            "latitude": e["latitude"],
            "longitude": e["longitude"],
            "indoor": interieur,
            "building": e["name"] if interieur else None,
            "floor": 0 if interieur else None,
            "access_precision": "Dans le hall d'entrée" if interieur else "Boîtier extérieur chauffé, à côté de l'entrée",
            "accessibility": "Public",
            "permanently_accessible": permanent,
            "schedule": None if permanent else e["schedule"],
            "provider": e["provider"],
            "installation_date": (date(2015, 1, 1) + timedelta(days=rng.randrange(0, 3000))).isoformat(),
            "phone_number": "+32 81 99 99 00",
            "brand": rng.choice(["Philips", "Zoll", "Cardiac Science", "Physio-Control"]),
            "temporarily_unavailable": "Disponible",
        })
    return lignes


GRAVITES = ["Blessés légers", "Blessés graves", "Mortel"]
LUMINOSITES = ["Jour", "Aube ou crépuscule", "Nuit avec éclairage", "Nuit sans éclairage"]
METEOS = ["Normale", "Pluie", "Brouillard", "Neige ou grêle", "Vent fort"]
USAGERS = ["voiture", "camionnette", "camion", "moto", "cyclomoteur", "vélo", "trottinette", "piéton"]


def accidents(t: Territoire) -> list[dict]:
    """Road accidents with casualties, 2019-2024 (police-style records, no personal data)."""
    rng = _rng("accidents")
    principales = [r.nom for r in t.rues if r.principale]
    locales = [r.nom for r in t.rues if not r.principale]
    lignes = []
    n = 0
    for annee in range(2019, 2025):
        for _ in range(rng.randint(24, 36)):
            n += 1
            jour = date(annee, 1, 1) + timedelta(days=rng.randrange(0, 365))
            heure = rng.choices(range(24), weights=[1, 1, 1, 1, 1, 2, 4, 8, 9, 5, 4, 5, 6, 5, 5, 6, 8, 10, 9, 6, 4, 3, 2, 1])[0]
            minute = rng.randrange(0, 60, 5)
            if n % 23 == 5:
                nom_rue = "Rue de l'Église"  # a black spot near the church, used by the spelling exercises
            else:
                nom_rue = rng.choice(principales) if rng.random() < 0.7 else rng.choice(locales)
            point = _sur_rue(t, rng, nom_rue, decalage=rng.uniform(0, 4))
            lon, lat = _wgs84(point.x, point.y)
            a = rng.choices(USAGERS, weights=[50, 8, 4, 8, 4, 12, 3, 11])[0]
            b = rng.choices(["voiture", None, "vélo", "piéton", "camionnette"], weights=[45, 25, 10, 12, 8])[0]
            usagers = [a] + ([b] if b else [])
            gravite = rng.choices(GRAVITES, weights=[78, 19, 3])[0]
            graves = rng.randint(1, 2) if gravite != "Blessés légers" else 0
            tues = 1 if gravite == "Mortel" else 0
            legers = rng.randint(1, 3) if gravite == "Blessés légers" else rng.randint(0, 2)
            nuit = heure < 7 or heure >= 19
            lignes.append({
                "id": f"ACC-{annee}-{n:04d}",
                "date": jour.isoformat(),
                "heure": f"{heure:02d}:{minute:02d}",
                "street_name": nom_rue,
                "code_quartier": t.quartier_de(point),
                "latitude": _texte_nombre(lat, 6),
                "longitude": _texte_nombre(lon, 6),
                "gravite": gravite,
                "usagers": ";".join(usagers),
                "pieton_implique": "piéton" in usagers,
                "cycliste_implique": "vélo" in usagers,
                "blesses_legers": legers,
                "blesses_graves": graves,
                "tues": tues,
                "luminosite": (rng.choice(LUMINOSITES[2:]) if nuit else
                               ("Aube ou crépuscule" if heure in (7, 18) else "Jour")),
                "meteo": rng.choices(METEOS, weights=[70, 20, 4, 3, 3])[0],
            })
    lignes.sort(key=lambda l: (l["date"], l["heure"], l["id"]))
    compteurs: dict[str, int] = {}
    for l in lignes:
        annee = l["date"][:4]
        compteurs[annee] = compteurs.get(annee, 0) + 1
        l["id"] = f"ACC-{annee}-{compteurs[annee]:04d}"
    return lignes


PROJETS_BP = [
    ("Q01", "Des bancs et de l'ombre sur la place communale", "Cadre de vie", 14500),
    ("Q01", "Une boîte à vélos sécurisée près de la gare des bus", "Mobilité", 18000),
    ("Q01", "Un jardin partagé derrière la bibliothèque", "Environnement", 9500),
    ("Q02", "Un chemin piéton éclairé entre les Tilleuls et l'école", "Mobilité", 24000),
    ("Q02", "Une aire de street workout aux Tilleuls", "Sport et loisirs", 21000),
    ("Q02", "Plantation d'une haie mellifère rue des Lilas", "Environnement", 6000),
    ("Q03", "Rénover l'abri de la Place de la Station", "Mobilité", 12000),
    ("Q03", "Une fresque participative au Chemin de Fer", "Culture", 8000),
    ("Q03", "Des nichoirs et un hôtel à insectes au Marais", "Environnement", 3500),
    ("Q04", "Un terrain de pétanque à Sart-Loriot", "Sport et loisirs", 7500),
    ("Q04", "Sécuriser le carrefour de la Chaussée de Namur", "Mobilité", 30000),
    ("Q05", "Un verger communautaire aux Coteaux", "Environnement", 11000),
    ("Q05", "Une table d'orientation au Panorama", "Culture", 9000),
    ("Q06", "Un sentier didactique dans le bois", "Environnement", 16000),
    ("Q06", "Un abri pour les jeunes à Bois-Hennin", "Cohésion sociale", 13000),
    ("Q07", "Réhabiliter le lavoir du Moulin", "Culture", 19000),
    ("Q07", "Une passerelle pour le RAVeL au Halage", "Mobilité", 45000),
    ("Q07", "Un potager à l'école de Moulin-Brûlé", "Environnement", 4000),
    ("Q08", "Une boîte à livres et un banc à Fond-des-Vaux", "Cohésion sociale", 3000),
    ("Q08", "Ralentisseurs Rue du Fond", "Mobilité", 22000),
    ("Q01", "Un frigo solidaire au CPAS", "Cohésion sociale", 5500),
    ("Q02", "Une fête des voisins annuelle aux Tilleuls", "Cohésion sociale", 2500),
    ("Q04", "Un parking vélo couvert à l'école de Sart-Loriot", "Mobilité", 8500),
    ("Q05", "Illuminer l'église Saint-Roch", "Culture", 26000),
]
IRRECEVABLES = {"Une fête des voisins annuelle aux Tilleuls": "Dépense de fonctionnement, non éligible",
                "Illuminer l'église Saint-Roch": "Bâtiment n'appartenant pas à la commune"}
ENVELOPPE_BP = 100000


def budget_participatif(t: Territoire) -> tuple[list[dict], list[dict]]:
    """The 2024 participatory budget: projects and anonymous ballots (one line per project chosen)."""
    rng = _rng("budget-participatif")
    projets = []
    for i, (code, titre, theme, cout) in enumerate(PROJETS_BP, start=1):
        rues = _rues_du_quartier(t, code) or [r.nom for r in t.rues if r.quartier == code]
        point = _sur_rue(t, rng, rng.choice(rues))
        lon, lat = _wgs84(point.x, point.y)
        projets.append({
            "id_projet": f"BP24-{i:02d}",
            "titre": titre,
            "theme": theme,
            "code_quartier": code,
            "nom_quartier": t.quartiers[code]["nom"],
            "cout_estime": cout,
            "porteur": rng.choice(["Collectif d'habitants", "Association", "Comité de quartier", "École"]),
            "latitude": _texte_nombre(lat, 6),
            "longitude": _texte_nombre(lon, 6),
            "recevable": titre not in IRRECEVABLES,
            "motif_irrecevabilite": IRRECEVABLES.get(titre),
        })
    recevables = [p for p in projets if p["recevable"]]
    attrait = {p["id_projet"]: rng.uniform(0.4, 2.2) for p in recevables}
    poids_quartier = {code: PROFILS_POPULATION[code][0] for code in PROFILS_POPULATION}
    bulletins = []
    for b in range(1, 1387):
        code = rng.choices(list(poids_quartier), weights=list(poids_quartier.values()))[0]
        tranche = rng.choices(TRANCHES_AGE[1:], weights=[14, 26, 30, 22, 8])[0]
        canal = "Papier" if rng.random() < (0.55 if tranche in ("65-79", "80+") else 0.2) else "En ligne"
        jour = date(2024, 9, 16) + timedelta(days=rng.randrange(0, 28))
        nombre = rng.choices([1, 2, 3], weights=[20, 30, 50])[0]
        poids = [attrait[p["id_projet"]] * (3.0 if p["code_quartier"] == code else 1.0) for p in recevables]
        choisis = []
        while len(choisis) < nombre:
            p = rng.choices(recevables, weights=poids)[0]
            if p["id_projet"] not in choisis:
                choisis.append(p["id_projet"])
        for id_projet in sorted(choisis):
            bulletins.append({
                "id_bulletin": f"B{b:05d}",
                "date_vote": jour.isoformat(),
                "canal": canal,
                "code_quartier_votant": code,
                "tranche_age_votant": tranche,
                "id_projet": id_projet,
            })
    voix = {p["id_projet"]: 0 for p in projets}
    for ligne in bulletins:
        voix[ligne["id_projet"]] += 1
    reste = ENVELOPPE_BP
    for p in sorted(recevables, key=lambda p: (-voix[p["id_projet"]], p["id_projet"])):
        if p["cout_estime"] <= reste:
            p["statut"] = "Lauréat"
            reste -= p["cout_estime"]
        else:
            p["statut"] = "Non retenu"
    for p in projets:
        p.setdefault("statut", "Irrecevable")
        p["nombre_voix"] = voix[p["id_projet"]]
    bulletins.sort(key=lambda l: (l["id_bulletin"], l["id_projet"]))
    return projets, bulletins


# Council decisions -----------------------------------------------------------------------------

MATIERES = {
    "1.1": "Marchés publics", "1.4": "Autres types de contrats", "3.1": "Acquisitions", "3.3": "Locations",
    "4.1": "Personnel titulaire", "5.2": "Fonctionnement des assemblées", "5.3": "Désignation de représentants",
    "5.7": "Intercommunalité", "6.1": "Police municipale", "7.1": "Décisions budgétaires", "7.2": "Fiscalité",
    "7.5": "Subventions", "8.1": "Enseignement", "8.3": "Voirie", "8.8": "Environnement", "8.9": "Culture",
    "9.1": "Autres domaines de compétences",
}
CONSEILLERS = 23
MOIS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"]


def _date_fr(d: date) -> str:
    return f"{d.day}{'er' if d.day == 1 else ''} {MOIS_FR[d.month - 1]} {d.year}"


def _seances() -> list[date]:
    seances = []
    for annee in (2023, 2024):
        for mois in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12):
            d = date(annee, mois, 15)
            while d.weekday() != 1:  # third Tuesday
                d += timedelta(days=1)
            seances.append(d)
    return seances


def deliberations(t: Territoire) -> list[dict]:
    """Decisions of the municipal council, 2023-2024 (SCDL « délibérations », adapted)."""
    rng = _rng("deliberations")
    seances = _seances()
    rues = [r.nom for r in t.rues]
    une_fois_par_an = set()
    lignes = []
    for k, seance in enumerate(seances):
        points = []
        if k:
            points.append(("5.2", f"Approbation du procès-verbal de la séance du {_date_fr(seances[k - 1])}", None, "u"))
        annee = seance.year
        if seance.month == 12:
            points.append(("7.1", f"Budget communal de l'exercice {annee + 1} – services ordinaire et extraordinaire",
                           f"Budget {annee + 1}", "v"))
            points.append(("7.2", f"Taxe additionnelle à l'impôt des personnes physiques – exercice {annee + 1}",
                           f"Budget {annee + 1}", "v"))
        if seance.month == 6:
            points.append(("7.1", f"Compte communal de l'exercice {annee - 1}", f"Compte {annee - 1}", "v"))
        if seance.month in (5, 10):
            n = 1 if seance.month == 5 else 2
            points.append(("7.1", f"Modification budgétaire n°{n} de l'exercice {annee}", f"Budget {annee}", "v"))
        if seance.month in (3, 9):
            tranche = "1re" if seance.month == 3 else "2e"
            points.append(("7.5", f"Octroi de subsides aux associations – {tranche} tranche {annee}",
                           f"Budget {annee}", "u"))
        if annee == 2024 and seance.month == 2:
            points.append(("9.1", "Budget participatif 2024 – approbation du règlement", "Budget 2024", "u"))
        if annee == 2024 and seance.month == 11:
            points.append(("7.1", "Budget participatif 2024 – approbation des projets lauréats", "Budget 2025", "u"))
        if annee == 2024 and seance.month == 10:
            points.append(("9.1", "Adoption d'une politique communale de données ouvertes (open data)", None, "u"))
        if seance.month == 6:
            points.append(("8.1", f"Enseignement – organisation des implantations scolaires {annee}-{annee + 1}",
                           None, "u"))
        modeles = [
            ("1.1", "Marché public de travaux : réfection de voirie, {rue} – conditions et mode de passation", "b", "v"),
            ("1.1", "Marché public de fournitures : acquisition de mobilier scolaire", "b", "u"),
            ("6.1", "Règlement complémentaire de police : zone 30, {rue}", None, "u"),
            ("6.1", "Règlement complémentaire de police : stationnement réservé aux personnes handicapées, {rue}",
             None, "u"),
            ("5.7", "Assemblée générale ordinaire d'une intercommunale – approbation des points", None, "u"),
            ("5.3", "Désignation d'un représentant communal au conseil d'administration du centre culturel", None,
             "v"),
            ("3.1", "Acquisition d'une parcelle pour l'aménagement d'un espace vert, {rue}", "b", "v"),
            ("3.3", "Convention de mise à disposition de la salle des fêtes", None, "u"),
            ("8.3", "Classement dans la voirie communale : {rue}", None, "u"),
            ("8.8", "Plan communal de gestion des arbres remarquables", None, "u"),
            ("8.8", "Adhésion à la Convention des Maires pour le climat et l'énergie", None, "v"),
            ("8.9", "Convention avec le centre culturel – contrat-programme", "b", "u"),
            ("1.4", "Convention de partenariat avec l'ASBL Terre et Partage pour la collecte des textiles", None, "u"),
            ("4.1", "Modification du cadre du personnel administratif", None, "v"),
            ("7.2", "Règlement-taxe sur la collecte et le traitement des déchets ménagers", "b", "v"),
            ("7.5", "Règlement relatif à la prime communale pour l'installation d'une citerne d'eau de pluie", "b",
             "u"),
        ]
        for _ in range(rng.randint(6, 10)):
            code, objet, budget, vote = rng.choice(modeles)
            if "{rue}" not in objet:
                if (annee, objet) in une_fois_par_an:
                    continue  # a by-law or a convention is voted once a year at most
                une_fois_par_an.add((annee, objet))
            objet = objet.format(rue=rng.choice(rues))
            points.append((code, objet, f"Budget {annee}" if budget == "b" else budget, vote))
        vus = set()
        numero = 0
        for code, objet, budget, vote in points:
            if objet in vus:
                continue
            vus.add(objet)
            numero += 1
            absents = rng.choices([0, 1, 2, 3], weights=[40, 30, 20, 10])[0]
            reel = CONSEILLERS - absents
            if vote == "u" or rng.random() < 0.25:
                pour, contre, abst = reel, 0, 0
            else:
                majorite = 13 - rng.randint(0, min(absents, 2))
                opposition = reel - majorite
                contre = rng.randint(0, opposition)
                abst = opposition - contre
                pour = majorite
            ident = f"CC-{seance.isoformat()}-{numero:02d}"
            lignes.append({
                "COLL_NOM": PRODUCTEUR,
                "COLL_INS": INS,
                "DELIB_ID": ident,
                "DELIB_DATE": seance.isoformat(),
                "DELIB_MATIERE_CODE": code,
                "DELIB_MATIERE_NOM": MATIERES[code],
                "DELIB_OBJET": objet,
                "BUDGET_ANNEE": budget.split()[-1] if budget else None,
                "BUDGET_NOM": budget,
                "VOTE_EFFECTIF": CONSEILLERS,
                "VOTE_REEL": reel,
                "VOTE_POUR": pour,
                "VOTE_CONTRE": contre,
                "VOTE_ABSTENTION": abst,
                "DELIB_URL": f"https://www.vireloux.example/conseil/{seance.isoformat()}/{ident}.pdf",
            })
    return lignes


# Subsidies ------------------------------------------------------------------------------------

ASSOCIATIONS = [
    ("RFC Vireloux", "Sport", "Fonctionnement de l'école des jeunes", 4500),
    ("Entente Moulin-Brûlé", "Sport", "Achat de filets et de ballons", 1200),
    ("Basket Club de la Viroule", "Sport", "Participation au championnat provincial", 2800),
    ("Vireloux Natation", "Sport", "Location de lignes d'eau à la piscine communale", 3200),
    ("Tennis de table Les Coteaux", "Sport", "Achat de deux tables de compétition", 900),
    ("Les Marcheurs de la Viroule", "Sport", "Balisage des promenades", 650),
    ("Judo Club Vireloux", "Sport", "Stage d'été pour les enfants", 1100),
    ("Comité des fêtes du Centre", "Fêtes", "Organisation de la fête de la Saint-Jean", 3500),
    ("Comité de quartier des Tilleuls", "Fêtes", "Fête des voisins des Tilleuls", 800),
    ("Les Amis de Sart-Loriot", "Fêtes", "Kermesse de Sart-Loriot", 1500),
    ("Comité des fêtes de Fond-des-Vaux", "Fêtes", "Marche aux flambeaux", 700),
    ("Jeunesse de Bois-Hennin", "Fêtes", "Grand feu de Bois-Hennin", 1300),
    ("Harmonie royale de Vireloux", "Culture", "Achat d'instruments", 2600),
    ("Chorale Sainte-Cécile", "Culture", "Concert de Noël", 600),
    ("Cercle d'histoire de la Viroule", "Culture", "Publication du bulletin annuel", 950),
    ("Théâtre des Coteaux", "Culture", "Création d'une pièce en wallon", 1400),
    ("Ciné-club Vireloux", "Culture", "Cycle de projections en plein air", 1800),
    ("École de devoirs Le Cartable", "Social", "Fonctionnement de l'école de devoirs", 5200),
    ("Repair Café de Vireloux", "Environnement", "Achat d'outillage", 700),
    ("Les Jardins partagés de la Gare", "Environnement", "Aménagement de bacs potagers", 1600),
    ("Natagora Vireloux", "Environnement", "Inventaire des oiseaux du Marais", 1250),
    ("Croix-Rouge – maison de Vireloux", "Social", "Vestiaire social", 2200),
    ("Les Restos du Cœur de la Viroule", "Social", "Colis alimentaires", 4800),
    ("Télé-Accueil Namur (antenne de Vireloux)", "Social", "Permanences d'écoute", 500),
    ("Association des parents de l'école du Centre", "Enseignement", "Classes de dépaysement", 1500),
    ("Association des parents des Tilleuls", "Enseignement", "Achat de livres pour la bibliothèque de classe", 700),
    ("Maison des jeunes de Vireloux", "Jeunesse", "Ateliers hip-hop", 3800),
    ("Scouts et Guides de Vireloux", "Jeunesse", "Camp d'été", 1200),
    ("Patro Saint-Roch", "Jeunesse", "Rénovation du local", 2500),
    ("Club des aînés du Moulin", "Seniors", "Excursion annuelle", 650),
    ("Université du temps libre de Vireloux", "Seniors", "Cycle de conférences", 900),
    ("Vireloux Commerces", "Économie", "Animations de Noël dans le centre", 3000),
    ("Syndicat d'initiative de Vireloux", "Tourisme", "Réédition de la carte des promenades", 2400),
    ("Apiculteurs de la Viroule", "Environnement", "Installation de ruches pédagogiques", 850),
]
PRIMES = [
    ("Prime communale à l'installation d'une citerne d'eau de pluie", 250),
    ("Prime à l'achat d'un vélo à assistance électrique", 150),
    ("Prime à la rénovation de façade", 750),
    ("Prime à l'achat d'une compostière", 50),
]
PRENOMS = ["Marie", "Luc", "Nathalie", "Philippe", "Sophie", "Jean-Marc", "Isabelle", "Olivier", "Catherine",
           "Didier", "Véronique", "Michel", "Anne", "Thierry", "Chantal", "Benoît", "Martine", "Pascal"]
NOMS = ["Dubois", "Lambert", "Martin", "Dupont", "Renard", "Leclercq", "Mathieu", "Collard", "Gilson", "Lejeune",
        "Thiry", "Henrard", "Dethier", "Pirard", "Jacquet", "Hubert", "Lemaire", "Georges"]
BCE_COMMUNE = "0299999101"


def _numero_bce(rng: random.Random) -> str:
    corps = rng.randint(400000000, 899999999)
    return f"0{corps}"


def subventions(t: Territoire, delibs: list[dict]) -> list[dict]:
    """Subsidies granted in 2024 (SCDL « subventions », adapted to Belgium).

    Each row carries the private fields too (beneficiary's person name and address), prefixed
    with an underscore: the clean file drops them, the raw file shows them.
    """
    rng = _rng("subventions")
    tranches = {
        "1re": next(d for d in delibs if d["DELIB_OBJET"].startswith("Octroi de subsides aux associations – 1re tranche 2024")),
        "2e": next(d for d in delibs if d["DELIB_OBJET"].startswith("Octroi de subsides aux associations – 2e tranche 2024")),
    }
    lignes = []
    for i, (nom, domaine, objet, montant) in enumerate(ASSOCIATIONS):
        tranche = tranches["1re" if i % 2 == 0 else "2e"]
        decision = date.fromisoformat(tranche["DELIB_DATE"])
        convention = decision + timedelta(days=rng.randint(7, 40))
        montant = round(montant * rng.uniform(0.9, 1.1) / 50) * 50 + (0.5 if i == 7 else 0)
        echelonne = montant >= 3000
        nature = "aide en numéraire" if i % 9 else "aide en numéraire;aide en nature"
        rue = rng.choice([r.nom for r in t.rues])
        lignes.append({
            "nomAttribuant": PRODUCTEUR,
            "idAttribuant": BCE_COMMUNE,
            "dateConvention": convention.isoformat(),
            "referenceDecision": tranche["DELIB_ID"],
            "nomBeneficiaire": nom,
            "idBeneficiaire": _numero_bce(rng),
            "typeBeneficiaire": "Association",
            "domaine": domaine,
            "objet": objet,
            "montant": _texte_nombre(montant, 2),
            "nature": nature,
            "conditionsVersement": "échelonné" if echelonne else "unique",
            "datesPeriodeVersement": (f"{convention.isoformat()}/{(convention + timedelta(days=180)).isoformat()}"
                                      if echelonne else (convention + timedelta(days=30)).isoformat()),
            "notificationUE": False,
            "pourcentageSubvention": "1.00",
            "_personne": None,
            "_adresse": f"{rue} {rng.randint(1, 120)}, {CODE_POSTAL} {COMMUNE}",
        })
    for j in range(14):
        objet, montant = PRIMES[j % len(PRIMES)]
        if objet.startswith("Prime à la rénovation"):
            montant = rng.choice([500, 750, 1000, 1500])
        personne = f"{rng.choice(PRENOMS)} {rng.choice(NOMS)}"
        adresse = rng.choice(t.adresses)
        decision = date(2024, 1, 8) + timedelta(days=rng.randrange(0, 340))
        while decision.weekday() != 0:  # the college meets on Mondays
            decision += timedelta(days=1)
        lignes.append({
            "nomAttribuant": PRODUCTEUR,
            "idAttribuant": BCE_COMMUNE,
            "dateConvention": decision.isoformat(),
            "referenceDecision": f"COL-{decision.isoformat()}",
            "nomBeneficiaire": "Personne physique",
            "idBeneficiaire": None,
            "typeBeneficiaire": "Personne physique",
            "domaine": "Environnement" if "citerne" in objet or "compostière" in objet else (
                "Mobilité" if "vélo" in objet else "Logement"),
            "objet": objet,
            "montant": _texte_nombre(montant, 2),
            "nature": "aide en numéraire",
            "conditionsVersement": "unique",
            "datesPeriodeVersement": (decision + timedelta(days=21)).isoformat(),
            "notificationUE": False,
            "pourcentageSubvention": "1.00",
            "_personne": personne,
            "_adresse": f"{adresse.rue} {adresse.numero}, {CODE_POSTAL} {COMMUNE}",
        })
    lignes.sort(key=lambda l: (l["dateConvention"], l["nomBeneficiaire"], l["objet"], l["_personne"] or ""))
    return lignes


# Budget -----------------------------------------------------------------------------------------

GROUPES_FONCTIONS = {
    "0": "Non imputable et général", "1": "Administration générale", "3": "Sécurité",
    "4": "Communications et voirie", "5": "Commerce et tourisme", "7": "Enseignement, culture et sport",
    "8": "Action sociale, santé et environnement", "9": "Logement et aménagement du territoire",
}
FONCTIONS = [
    # code, label, ordinary expenses, ordinary revenues, extraordinary expenses, extraordinary revenues (2025, €)
    ("000", "Résultats des exercices antérieurs", 0, 1650000, 0, 350000),
    ("020", "Fonds des communes", 0, 4210000, 0, 0),
    ("040", "Impôts et redevances", 0, 7925000, 0, 0),
    ("050", "Assurances", 192000, 0, 0, 0),
    ("101", "Autorités communales", 618000, 0, 0, 0),
    ("104", "Administration générale", 3104000, 182000, 245000, 0),
    ("124", "Patrimoine privé", 141000, 223000, 120000, 60000),
    ("330", "Police (dotation à la zone)", 1452000, 0, 0, 0),
    ("351", "Service d'incendie (dotation à la zone)", 781000, 0, 0, 0),
    ("421", "Voirie", 1248000, 91000, 2310000, 1120000),
    ("425", "Éclairage public", 212000, 0, 178000, 0),
    ("529", "Foires et marchés", 36000, 42000, 0, 0),
    ("561", "Tourisme", 95000, 12000, 0, 0),
    ("722", "Enseignement primaire", 2648000, 1304000, 852000, 402000),
    ("734", "Enseignement artistique", 312000, 158000, 0, 0),
    ("761", "Jeunesse", 187000, 21000, 0, 0),
    ("762", "Culture et fêtes", 418000, 61000, 95000, 40000),
    ("764", "Sport", 563000, 212000, 604000, 250000),
    ("767", "Bibliothèques", 241000, 54000, 0, 0),
    ("790", "Cultes", 86000, 0, 0, 0),
    ("831", "Aide sociale (dotation au CPAS)", 2304000, 0, 0, 0),
    ("835", "Petite enfance (crèches)", 482000, 311000, 60000, 0),
    ("871", "Santé publique", 41000, 0, 0, 0),
    ("876", "Propreté publique", 329000, 18000, 0, 0),
    ("877", "Eaux usées", 262000, 0, 448000, 300000),
    ("878", "Cimetières", 118000, 46000, 52000, 0),
    ("879", "Protection de l'environnement", 96000, 8000, 151000, 45000),
    ("922", "Logement social", 31000, 0, 0, 0),
    ("930", "Aménagement du territoire et budget participatif", 309000, 61000, 402000, 0),
]


def budget(t: Territoire) -> list[dict]:
    """The 2025 initial budget by function (SCDL « budget », adapted to the Walloon classification)."""
    rng = _rng("budget")
    lignes = []
    for code, libelle, od, orr, ed, er in FONCTIONS:
        for section, sens, montant in (("ordinaire", "dépense", od), ("ordinaire", "recette", orr),
                                       ("extraordinaire", "dépense", ed), ("extraordinaire", "recette", er)):
            if not montant:
                continue
            precedent = round(montant * rng.uniform(0.9, 1.02) / 100) * 100
            if section == "extraordinaire" and rng.random() < 0.3:
                precedent = 0
            lignes.append({
                "BGT_NATDEC": "budget initial",
                "BGT_ANNEE": 2025,
                "BGT_INS": INS,
                "BGT_NOM": PRODUCTEUR,
                "BGT_GROUPE": code[0],
                "BGT_GROUPE_LABEL": GROUPES_FONCTIONS[code[0]],
                "BGT_FONCTION": code,
                "BGT_FONCTION_LABEL": libelle,
                "BGT_SECTION": section,
                "BGT_CODRD": sens,
                "BGT_MTPREV": _texte_nombre(montant, 2),
                "BGT_MTBUDGPREC": _texte_nombre(precedent, 2),
            })
    return lignes


# Events, roadworks ------------------------------------------------------------------------------

def evenements(t: Territoire, equipements: list[dict], delibs_futures: list[date]) -> list[dict]:
    """The commune's events calendar for 2025."""
    rng = _rng("evenements")
    par_nom = {e["name"]: e for e in equipements}
    lignes = []

    def ajouter(titre, categorie, jour, debut, fin, lieu, public, gratuit, prix, organisateur, description, duree=0):
        e = par_nom.get(lieu)
        if e:
            lat, lon, code, nom_lieu, id_eq = e["latitude"], e["longitude"], e["ins_zone_address"], e["name"], e["id"]
        else:
            point = _sur_rue(t, rng, lieu, decalage=10)
            lon_, lat_ = _wgs84(point.x, point.y)
            lat, lon, code, nom_lieu, id_eq = (_texte_nombre(lat_, 6), _texte_nombre(lon_, 6), t.quartier_de(point),
                                               lieu, None)
        lignes.append({
            "titre": titre, "categorie": categorie, "date_debut": jour.isoformat(),
            "date_fin": (jour + timedelta(days=duree)).isoformat(), "heure_debut": debut, "heure_fin": fin,
            "id_equipement": id_eq, "lieu": nom_lieu, "code_quartier": code, "latitude": lat, "longitude": lon,
            "public": public, "gratuit": gratuit, "prix_eur": _texte_nombre(prix, 2) if prix else None,
            "organisateur": organisateur, "description": description,
        })

    for mois in range(1, 13):
        d = date(2025, mois, 1)
        while d.weekday() != 5:
            d += timedelta(days=1)
        ajouter("Marché du terroir", "Marché", d, "08:00", "13:00", "Place communale", "Tout public", True, None,
                "Vireloux Commerces", "Producteurs locaux, fromages, pain et légumes de saison.")
    for s in delibs_futures:
        ajouter("Séance publique du conseil communal", "Citoyenneté", s, "19:30", "22:30", "Maison communale",
                "Tout public", True, None, PRODUCTEUR, "Ordre du jour publié une semaine avant la séance.")
    fixes = [
        ("Grand feu de Bois-Hennin", "Fête locale", date(2025, 3, 8), "18:00", "23:59", "Maison de village de Bois-Hennin",
         "Tout public", True, None, "Jeunesse de Bois-Hennin", "Bûcher, soupe et vin chaud.", 0),
        ("Chasse aux œufs au parc", "Jeunesse", date(2025, 4, 20), "10:00", "12:00", "Quai de la Viroule", "Enfants",
         True, None, "Comité des fêtes du Centre", "Pour les enfants de 3 à 10 ans.", 0),
        ("Brocante du Moulin", "Fête locale", date(2025, 5, 11), "07:00", "17:00", "Rue de la Meunerie",
         "Tout public", True, None, "Les Amis du Moulin", "Plus de 150 exposants.", 0),
        ("Journée de l'arbre", "Environnement", date(2025, 11, 29), "09:00", "13:00", "Recyparc de Vireloux",
         "Tout public", True, None, PRODUCTEUR, "Distribution gratuite de plants d'arbres fruitiers.", 0),
        ("Fête de la Saint-Jean", "Fête locale", date(2025, 6, 21), "16:00", "23:59", "Place communale",
         "Tout public", True, None, "Comité des fêtes du Centre", "Concerts et feu de la Saint-Jean.", 1),
        ("Kermesse de Sart-Loriot", "Fête locale", date(2025, 8, 15), "11:00", "23:00", "Salle Le Foyer",
         "Tout public", True, None, "Les Amis de Sart-Loriot", "Manèges, jeux anciens, bal.", 2),
        ("Marche aux flambeaux", "Fête locale", date(2025, 12, 13), "18:00", "21:00", "Salle de la Chapelle",
         "Tout public", True, None, "Comité des fêtes de Fond-des-Vaux", "Départ de la salle de la Chapelle.", 0),
        ("Concert de Noël de l'Harmonie", "Culture", date(2025, 12, 20), "20:00", "22:00",
         "Centre culturel de Vireloux", "Tout public", False, 8, "Harmonie royale de Vireloux",
         "Répertoire de fêtes et chants traditionnels.", 0),
        ("Journées du patrimoine : le lavoir du Moulin", "Culture", date(2025, 9, 13), "10:00", "17:00",
         "Rue de la Meunerie", "Tout public", True, None, "Cercle d'histoire de la Viroule",
         "Visites guidées toutes les heures.", 1),
        ("Semaine de la mobilité : à vélo à l'école", "Environnement", date(2025, 9, 16), "07:45", "08:30",
         "École communale du Centre", "Enfants", True, None, PRODUCTEUR, "Rangs vélo encadrés depuis chaque quartier.", 4),
        ("Atelier « Mes données, ma commune »", "Citoyenneté", date(2025, 10, 9), "18:30", "20:30",
         "Espace public numérique", "Tout public", True, None, PRODUCTEUR,
         "Découvrir les données ouvertes publiées par la commune.", 0),
        ("Cinéma en plein air", "Culture", date(2025, 7, 18), "21:30", "23:30", "Quai de la Viroule", "Tout public",
         True, None, "Ciné-club Vireloux", "Apportez votre chaise !", 0),
        ("Tournoi de mini-foot des quartiers", "Sport", date(2025, 6, 7), "09:00", "18:00", "Hall omnisports",
         "Jeunes", False, 5, "RFC Vireloux", "Équipes de 5 joueurs par quartier.", 0),
        ("Jogging de la Viroule", "Sport", date(2025, 5, 25), "10:00", "13:00", "Hall omnisports", "Tout public",
         False, 10, "Les Marcheurs de la Viroule", "Parcours de 5 et 10 km le long du RAVeL.", 0),
        ("Goûter des aînés", "Seniors", date(2025, 10, 5), "14:30", "18:00", "Salle des fêtes communale", "Seniors",
         True, None, CPAS, "Goûter dansant offert aux plus de 65 ans.", 0),
        ("Repair Café", "Environnement", date(2025, 2, 22), "14:00", "17:00", "Maison de village de La Gare",
         "Tout public", True, None, "Repair Café de Vireloux", "Réparez vos objets avec des bénévoles.", 0),
    ]
    for f in fixes:
        ajouter(*f[:11], duree=f[11])
    for mois in (4, 6, 10):  # the February session is in the fixed list above
        d = date(2025, mois, 10) + timedelta(days=rng.randrange(0, 10))
        ajouter("Repair Café", "Environnement", d, "14:00", "17:00", "Maison de village de La Gare", "Tout public",
                True, None, "Repair Café de Vireloux", "Réparez vos objets avec des bénévoles.")
    for mois in range(1, 13):
        if mois in (7, 8):
            continue
        d = date(2025, mois, 1) + timedelta(days=rng.randrange(0, 21))
        while d.weekday() not in (2, 5):  # Wednesdays and Saturdays, when the library is open in the morning
            d += timedelta(days=1)
        ajouter("Heure du conte", "Jeunesse", d, "10:00", "11:00", "Bibliothèque communale", "Enfants", True, None,
                PRODUCTEUR, "Lectures pour les 3-8 ans.")
        d = date(2025, mois, 1) + timedelta(days=rng.randrange(0, 21))
        while d.weekday() not in (1, 2, 3, 4):  # the public computer room opens Tuesday to Friday afternoons
            d += timedelta(days=1)
        ajouter("Initiation à l'informatique", "Seniors", d, "14:00", "16:00", "Espace public numérique", "Seniors",
                False, 2, PRODUCTEUR, "Sur inscription, 8 places.")
    lignes.sort(key=lambda l: (l["date_debut"], l["heure_debut"], l["titre"]))
    for i, l in enumerate(lignes, start=1):
        l["id"] = f"EV25-{i:03d}"
    return lignes


def travaux_voiries(t: Territoire) -> list[dict]:
    """Roadworks 2023-2025, Walloon standard « travaux de voiries » (FuturoCité)."""
    rng = _rng("travaux")
    types = [("Réfection de voiries", "Réfection du revêtement"), ("Impétrant", "Remplacement de la conduite d'eau"),
             ("Aménagement de voiries", "Création d'un trottoir et d'une piste cyclable"),
             ("Impétrant", "Pose de fibre optique"), ("Aménagement de voiries", "Aménagement d'une zone 30"),
             ("Réfection de voiries", "Réparation de l'égouttage")]
    adaptations = ["Circulation alternée", "Voie fermée", "Sens unique", "Vitesse réduite", "Réduction du nombre de bandes"]
    reference = date(2025, 1, 15)  # the day the file was extracted
    rues = sorted({r.nom for r in t.rues})
    lignes = []
    for i in range(20):
        nom_rue = rues[(i * 7 + 3) % len(rues)]
        geom = t.rue(nom_rue).ligne
        debut_frac = rng.uniform(0, 0.5)
        fin_frac = min(1.0, debut_frac + rng.uniform(0.2, 0.5))
        from shapely.ops import substring

        troncon = substring(geom, debut_frac, fin_frac, normalized=True)
        coords = [list(_wgs84(x, y)) for x, y in troncon.coords]
        milieu = troncon.interpolate(0.5, normalized=True)
        code = t.quartier_de(milieu)
        debut = date(2023, 3, 1) + timedelta(days=rng.randrange(0, 900))
        fin = debut + timedelta(days=rng.randint(10, 120))
        statut = "Réalisé" if fin < reference else ("En cours" if debut <= reference else "Planifié")
        type_, precision = rng.choice(types)
        prevu = round(troncon.length * rng.uniform(180, 420), -2)
        lignes.append({
            "id": f"{INS}-T{i + 1:03d}",
            "name": f"{precision} – {nom_rue}",
            "description": f"{precision} sur {int(troncon.length)} m.",
            "municipality": COMMUNE,
            "ins_code": INS,
            "zone_address": t.quartiers[code]["nom"],
            "ins_zone_address": code,
            "street_name": nom_rue,
            "street_number": t.rue(nom_rue).code,
            "roadworks_type": type_,
            "roadworks_type_description": precision,
            "status": statut,
            "year": debut.year,
            "start_date": debut.isoformat(),
            "end_date": fin.isoformat(),
            "geometry": json.dumps({"type": "LineString", "coordinates": coords}),
            "length": _texte_nombre(troncon.length, 1),
            "validated_by_authorities": True,
            "impact": rng.choice(["Mobilité", "Bruit", "Mobilité et bruit", "Accès riverains limité"]),
            "traffic_adaptation": rng.choice(adaptations),
            "provider": PRODUCTEUR if type_ != "Impétrant" else rng.choice(["SWDE", "Proximus", "ORES"]),
            "contractor": rng.choice(["Entreprise Routière Mosane", "TP Viroule SA", "Génie civil du Condroz"]),
            "projected_budget": _texte_nombre(prevu, 2),
            "effective_amount": _texte_nombre(round(prevu * rng.uniform(0.92, 1.18), -2), 2) if statut == "Réalisé" else None,
            "created_date": (debut - timedelta(days=rng.randint(20, 90))).isoformat(),
            "last_modified_date": min(reference, fin + timedelta(days=rng.randint(0, 20))).isoformat(),
        })
    return lignes


def seances_2025() -> list[date]:
    seances = []
    for mois in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12):
        d = date(2025, mois, 15)
        while d.weekday() != 1:
            d += timedelta(days=1)
        seances.append(d)
    return seances


# --------------------------------------------------------------------------------------------
# Table Schemas of the other data sets
# --------------------------------------------------------------------------------------------

def _standard(nom_depot: str, titre: str, version: str) -> dict:
    return {"title": f"Standard wallon « {titre} » (FuturoCité, avec Datactivist), version {version}, CC-BY 2.0 BE",
            "path": f"https://github.com/FuturoCite/{nom_depot}"}


def _scdl(nom: str, titre: str, version: str) -> dict:
    return {"title": f"Schéma SCDL « {titre} » (OpenDataFrance), version {version}",
            "path": f"https://schema.data.gouv.fr/scdl/{nom}/{version}/"}


C_QUARTIER = _champ("code_quartier", "string", "Code du quartier", "Code du quartier, de Q01 à Q08 (voir la couche quartiers).",
                    requis=True, enum=[q[0] for q in QUARTIERS])
C_LAT_SEULE = _champ("latitude", "number", "Latitude (WGS 84)", "Latitude en degrés décimaux (EPSG:4326).",
                     requis=True, minimum=50.0, maximum=51.0)
C_LON_SEULE = _champ("longitude", "number", "Longitude (WGS 84)", "Longitude en degrés décimaux (EPSG:4326).",
                     requis=True, minimum=4.0, maximum=6.0)


def _localisation_wallonne(o: str, coordonnees: bool = True) -> list[dict]:
    champs = [C_COMMUNE(o), C_INS(o), C_ZONE(o), C_CODE_ZONE(o), C_RUE(o), C_CODE_RUE(o), C_NUMERO(o)]
    if coordonnees:
        champs += [C_COORD(o), C_LAT(o), C_LON(o)]
    return champs


def schema_stationnements_velos() -> dict:
    o = "le stationnement"
    return _schema(
        "stationnements-velos", "Stationnements vélos de Vireloux",
        "Emplacements de stationnement pour vélos sur le domaine public. Standard wallon « Stationnements vélos » "
        "(FuturoCité), avec deux colonnes latitude/longitude ajoutées.",
        [_champ("id", "string", "Identifiant", "Identifiant unique local (code INS, tiret, V et numéro).",
                requis=True, unique=True, pattern=r"^\d{5}-V\d{3}$"),
         _champ("name", "string", "Nom", "Nom du stationnement.", requis=True),
         *_localisation_wallonne(o),
         _champ("location_details", "string", "Précisions sur l'emplacement", "Où trouver le stationnement."),
         _champ("parking_type", "string", "Type de stationnement", "Arceau, Rack, Box ou Autre.", requis=True,
                enum=["Arceau", "Rack", "Box", "Autre"]),
         _champ("covered", "boolean", "Couvert", "Le stationnement est-il couvert ?", requis=True),
         _champ("secured", "boolean", "Sécurisé", "Le stationnement est-il fermé (box, local) ?"),
         _champ("available_places", "integer", "Nombre de places", "Nombre de vélos que l'on peut garer.",
                requis=True, minimum=1),
         _champ("installation_year", "integer", "Année d'installation", "Année d'installation.", minimum=1990,
                maximum=2025),
         _champ("provider", "string", "Gestionnaire", "Organisme gestionnaire."),
         _champ("charging_station", "boolean", "Borne de recharge", "Présence d'une borne pour vélos électriques.",
                requis=True),
         _champ("repair_equipment", "boolean", "Matériel de réparation", "Présence d'une pompe ou d'outils."),
         ],
        cle=["id"], standard=_standard("standard-stationnements-velos", "Stationnements vélos", "0.1.1"),
    )


def schema_arrets_bus() -> dict:
    return _schema(
        "arrets-bus", "Arrêts de bus de Vireloux",
        "Arrêts desservis par les lignes de bus (lignes fictives). Les quatre premiers champs reprennent les noms "
        "du fichier stops.txt du format GTFS.",
        [_champ("stop_id", "string", "Identifiant de l'arrêt", "Identifiant (champ stop_id de GTFS).", requis=True,
                unique=True, pattern=r"^VX\d{3}$"),
         _champ("stop_name", "string", "Nom de l'arrêt", "Nom affiché à l'arrêt.", requis=True),
         _champ("stop_lat", "number", "Latitude", "Latitude WGS 84 (champ stop_lat de GTFS).", requis=True,
                minimum=50.0, maximum=51.0),
         _champ("stop_lon", "number", "Longitude", "Longitude WGS 84 (champ stop_lon de GTFS).", requis=True,
                minimum=4.0, maximum=6.0),
         _champ("lignes", "string", "Lignes", "Numéros des lignes qui s'arrêtent, séparés par un point-virgule.",
                requis=True, pattern=r"^[0-9A-Z]+(;[0-9A-Z]+)*$"),
         _champ("abri", "boolean", "Abri", "L'arrêt a-t-il un abri ?", requis=True),
         _champ("accessible_pmr", "boolean", "Accessible PMR", "Quai rehaussé accessible en fauteuil roulant.",
                requis=True),
         C_QUARTIER,
         _champ("street_name", "string", "Rue", "Rue où se trouve l'arrêt.", requis=True)],
        cle=["stop_id"],
    )


def schema_sites_comptage() -> dict:
    return _schema(
        "sites-comptage", "Sites de comptage du trafic",
        "Emplacements des capteurs qui comptent les véhicules et les vélos (voir comptages-trafic).",
        [_champ("code_site", "string", "Code du site", "Identifiant du capteur.", requis=True, unique=True,
                pattern=r"^C\d{2}$"),
         _champ("nom_site", "string", "Nom du site", "Nom du lieu de comptage.", requis=True),
         _champ("street_name", "string", "Rue", "Rue équipée.", requis=True),
         C_QUARTIER, C_LAT_SEULE, C_LON_SEULE,
         _champ("type_capteur", "string", "Type de capteur", "Technologie de comptage.", requis=True,
                enum=["Boucle magnétique", "Compteur vélos et piétons"]),
         _champ("compte_voitures", "boolean", "Compte les voitures", "Le capteur compte-t-il les véhicules motorisés ?",
                requis=True),
         _champ("date_installation", "date", "Date d'installation", "Date de mise en service du capteur.")],
        cle=["code_site"],
    )


def schema_comptages_trafic() -> dict:
    s = _schema(
        "comptages-trafic", "Comptages journaliers du trafic en 2024",
        "Nombre de passages par jour et par site de comptage en 2024. Une cellule vide signifie que le capteur "
        "était en panne (ou qu'il ne compte pas ce type de véhicule).",
        [_champ("date", "date", "Date", "Jour du comptage (AAAA-MM-JJ).", requis=True),
         _champ("code_site", "string", "Code du site", "Site de comptage (voir sites-comptage).", requis=True,
                pattern=r"^C\d{2}$"),
         _champ("voitures", "integer", "Véhicules légers", "Véhicules légers comptés sur 24 heures.", minimum=0),
         _champ("poids_lourds", "integer", "Poids lourds", "Véhicules de plus de 3,5 t comptés sur 24 heures.",
                minimum=0),
         _champ("velos", "integer", "Vélos", "Vélos comptés sur 24 heures.", minimum=0)],
        cle=["date", "code_site"],
    )
    s["foreignKeys"] = [{"fields": "code_site", "reference": {"resource": "sites-comptage", "fields": "code_site"}}]
    return s


def schema_accidents() -> dict:
    return _schema(
        "accidents", "Accidents de la route avec blessés, 2019-2024",
        "Accidents corporels de la circulation relevés sur le territoire communal (aucune donnée personnelle).",
        [_champ("id", "string", "Identifiant", "Identifiant de l'accident.", requis=True, unique=True,
                pattern=r"^ACC-\d{4}-\d{4}$"),
         _champ("date", "date", "Date", "Date de l'accident (AAAA-MM-JJ).", requis=True),
         _champ("heure", "time", "Heure", "Heure de l'accident (HH:MM).", requis=True, format_="%H:%M"),
         _champ("street_name", "string", "Rue", "Nom officiel de la rue.", requis=True),
         C_QUARTIER, C_LAT_SEULE, C_LON_SEULE,
         _champ("gravite", "string", "Gravité", "Conséquence la plus grave de l'accident.", requis=True,
                enum=GRAVITES),
         _champ("usagers", "string", "Usagers impliqués", "Types d'usagers impliqués, séparés par un point-virgule.",
                requis=True),
         _champ("pieton_implique", "boolean", "Piéton impliqué", "Un piéton est-il impliqué ?", requis=True),
         _champ("cycliste_implique", "boolean", "Cycliste impliqué", "Un cycliste est-il impliqué ?", requis=True),
         _champ("blesses_legers", "integer", "Blessés légers", "Nombre de blessés légers.", requis=True, minimum=0),
         _champ("blesses_graves", "integer", "Blessés graves", "Nombre de blessés graves.", requis=True, minimum=0),
         _champ("tues", "integer", "Tués", "Nombre de personnes décédées dans les 30 jours.", requis=True, minimum=0),
         _champ("luminosite", "string", "Luminosité", "Conditions d'éclairage.", requis=True, enum=LUMINOSITES),
         _champ("meteo", "string", "Météo", "Conditions atmosphériques.", requis=True, enum=METEOS)],
        cle=["id"],
    )


def schema_qualite_air() -> dict:
    return _schema(
        "qualite-air", "Qualité de l'air : moyennes journalières 2024",
        "Concentrations moyennes journalières de dioxyde d'azote et de particules fines à deux stations de mesure. "
        "Les jours sans mesure sont absents du fichier.",
        [_champ("date", "date", "Date", "Jour de la mesure.", requis=True),
         _champ("code_station", "string", "Code de la station", "Identifiant de la station.", requis=True,
                enum=["VX-A1", "VX-A2"]),
         _champ("nom_station", "string", "Station", "Nom de la station.", requis=True),
         C_LAT_SEULE, C_LON_SEULE,
         _champ("polluant", "string", "Polluant", "Polluant mesuré.", requis=True, enum=["NO2", "PM10", "PM2.5"]),
         _champ("valeur", "number", "Valeur", "Concentration moyenne sur 24 heures.", requis=True, minimum=0),
         _champ("unite", "string", "Unité", "Unité de la valeur.", requis=True, enum=["µg/m³"])],
        cle=["date", "code_station", "polluant"],
    )


def schema_arbres() -> dict:
    o = "l'arbre"
    return _schema(
        "arbres-remarquables", "Arbres remarquables de Vireloux",
        "Arbres remarquables recensés sur le territoire. Standard wallon « Patrimoine naturel ou matériel » "
        "(FuturoCité) ; colonnes ajoutées : latitude, longitude, espece, nom_commun, circonference_cm, hauteur_m.",
        [_champ("id", "string", "Identifiant", "Identifiant unique local.", requis=True, unique=True,
                pattern=r"^\d{5}-AR\d{3}$"),
         _champ("type", "string", "Type de patrimoine", "Type de patrimoine.", requis=True,
                enum=["Patrimoine naturel"]),
         _champ("category", "string", "Catégorie", "Catégorie du patrimoine.", requis=True, enum=["Arbre remarquable"]),
         _champ("name", "string", "Nom", "Nom de l'arbre.", requis=True),
         _champ("description", "string", "Description", "Description de l'arbre.", requis=True),
         *_localisation_wallonne(o),
         _champ("espece", "string", "Espèce (nom latin)", "Nom scientifique de l'espèce.", requis=True),
         _champ("nom_commun", "string", "Nom commun", "Nom usuel de l'espèce.", requis=True),
         _champ("circonference_cm", "integer", "Circonférence (cm)", "Circonférence du tronc à 1,50 m du sol.",
                requis=True, minimum=50, maximum=1000),
         _champ("hauteur_m", "integer", "Hauteur (m)", "Hauteur estimée.", requis=True, minimum=2, maximum=60),
         _champ("public", "string", "Propriétaire", "Public ou Privé.", enum=["Public", "Privé"]),
         _champ("listed", "boolean", "Classé", "L'arbre figure-t-il sur la liste régionale des arbres remarquables ?",
                requis=True),
         _champ("listed_by", "string", "Classé par", "Organisme qui a reconnu l'arbre."),
         _champ("created_date", "date", "Date de création", "Date de création de la donnée."),
         _champ("last_modified_date", "date", "Date de modification", "Date de dernière modification.")],
        cle=["id"],
        standard=_standard("standard-patrimoine-naturel-ou-materiel", "Patrimoine naturel ou matériel", "0.1.0"),
    )


TYPES_AIRES = ["Aire de jeux", "Aire de pique-nique", "Aire de sports", "Barbecue", "Fitness urbain",
               "Kiosque à musique", "Mini-golf", "Observatoire nature", "Parcours santé", "Patinoire", "Piscine",
               "Piste de sport", "Port de plaisance", "Sentier pieds nus", "Skatepark", "Table de jeux",
               "Table de ping-pong", "Zone de baignade", "Autre"]
SURFACES = ["Bois", "Dalles amortissantes EN1177", "Gravier", "Herbe", "Sable", "Terre", "Surface dure", "Mixte", "Autre"]


def schema_aires() -> dict:
    o = "l'aire de loisirs"
    booleen = lambda n, t, d: _champ(n, "boolean", t, d)  # noqa: E731
    return _schema(
        "aires-de-jeux", "Aires de jeux et de loisirs de Vireloux",
        "Plaines de jeux, skatepark, parcours santé et autres aires de loisirs. Standard wallon « Aires de loisirs » "
        "(FuturoCité), avec latitude/longitude ajoutées.",
        [_champ("id", "string", "Identifiant", "Identifiant unique local.", requis=True, unique=True,
                pattern=r"^\d{5}-L\d{3}$"),
         _champ("name", "string", "Nom", "Nom de l'aire.", requis=True),
         _champ("description", "string", "Description", "Description de l'aire.", requis=True),
         _champ("type", "string", "Type", "Type d'aire de loisirs.", requis=True, enum=TYPES_AIRES),
         *_localisation_wallonne(o),
         _champ("minimum_age", "integer", "Âge minimum", "Âge minimum conseillé.", minimum=0, maximum=99),
         _champ("maximum_age", "integer", "Âge maximum", "Âge maximum conseillé (99 : adultes compris).",
                minimum=0, maximum=99),
         booleen("disabled_access", "Accessible PMR", "L'aire est-elle accessible aux personnes à mobilité réduite ?"),
         booleen("pmr_module", "Module PMR", "Y a-t-il des jeux adaptés aux personnes à mobilité réduite ?"),
         _champ("number_of_mods", "integer", "Nombre de modules", "Nombre de jeux ou d'agrès.", minimum=0),
         _champ("surface_type", "string", "Revêtement", "Type de sol.", requis=True, enum=SURFACES),
         booleen("closed_site", "Site fermé", "L'aire est-elle clôturée ?"),
         booleen("bench", "Bancs", "Présence de bancs."),
         booleen("table", "Tables", "Présence de tables."),
         booleen("shadow", "Ombre", "Présence de zones d'ombre."),
         booleen("drinking_water_point", "Eau potable", "Présence d'un point d'eau potable."),
         booleen("trash_can", "Poubelles", "Présence de poubelles."),
         _champ("schedule", "string", "Horaires", "Horaires au format opening_hours d'OpenStreetMap."),
         _champ("provider", "string", "Gestionnaire", "Gestionnaire de l'aire."),
         _champ("area", "number", "Superficie (m²)", "Superficie en mètres carrés.", minimum=0),
         _champ("completion_year", "year", "Année d'aménagement", "Année d'installation."),
         _champ("created_date", "date", "Date de création", "Date de création de la donnée."),
         _champ("last_modified_date", "date", "Date de modification", "Date de dernière modification.")],
        cle=["id"], standard=_standard("aires-loisirs", "Aires de loisirs", "0.1.0"),
    )


def schema_defibrillateurs() -> dict:
    o = "le défibrillateur"
    return _schema(
        "defibrillateurs", "Défibrillateurs (DEA) de Vireloux",
        "Défibrillateurs externes automatiques accessibles au public. Standard wallon « Défibrillateurs » "
        "(FuturoCité) ; le champ Indoor du standard est écrit ici en minuscules (indoor).",
        [_champ("id", "string", "Identifiant", "Identifiant unique local.", requis=True, unique=True,
                pattern=r"^\d{5}-D\d{3}$"),
         _champ("name", "string", "Nom", "Nom du défibrillateur.", requis=True),
         *_localisation_wallonne(o),
         _champ("indoor", "boolean", "À l'intérieur", "Le défibrillateur est-il à l'intérieur d'un bâtiment ?",
                requis=True),
         _champ("building", "string", "Bâtiment", "Bâtiment qui abrite le défibrillateur."),
         _champ("floor", "integer", "Étage", "Étage (0 : rez-de-chaussée)."),
         _champ("access_precision", "string", "Accès", "Comment trouver le défibrillateur."),
         _champ("accessibility", "string", "Accessibilité", "Public ou Privé.", requis=True,
                enum=["Public", "Privé"]),
         _champ("permanently_accessible", "boolean", "Accessible en permanence", "Accessible 24 heures sur 24 ?",
                requis=True),
         _champ("schedule", "string", "Horaires", "Horaires d'accès (format opening_hours)."),
         _champ("provider", "string", "Gestionnaire", "Gestionnaire du défibrillateur."),
         _champ("installation_date", "date", "Date d'installation", "Date d'installation."),
         _champ("phone_number", "string", "Téléphone", "Numéro de contact (service communal)."),
         _champ("brand", "string", "Marque", "Marque de l'appareil."),
         _champ("temporarily_unavailable", "string", "Disponibilité", "Disponible ou Indisponible.",
                enum=["Disponible", "Indisponible"])],
        cle=["id"], standard=_standard("standard-defibrillateurs", "Défibrillateurs", "0.1.0"),
    )


def schema_budget_participatif_projets() -> dict:
    return _schema(
        "budget-participatif-projets", "Budget participatif 2024 : projets",
        "Projets déposés par les habitants pour le budget participatif 2024 (enveloppe de 100 000 €), avec le "
        "nombre de voix obtenues et le résultat.",
        [_champ("id_projet", "string", "Identifiant du projet", "Identifiant du projet.", requis=True, unique=True,
                pattern=r"^BP24-\d{2}$"),
         _champ("titre", "string", "Titre", "Titre du projet.", requis=True),
         _champ("theme", "string", "Thème", "Thème du projet.", requis=True,
                enum=["Cadre de vie", "Mobilité", "Environnement", "Sport et loisirs", "Culture", "Cohésion sociale"]),
         C_QUARTIER,
         _champ("nom_quartier", "string", "Nom du quartier", "Quartier du projet.", requis=True,
                enum=[q[1] for q in QUARTIERS]),
         _champ("cout_estime", "integer", "Coût estimé (€)", "Coût estimé par les services communaux, TVAC.",
                requis=True, minimum=0),
         _champ("porteur", "string", "Porteur", "Type de porteur du projet (aucun nom de personne).", requis=True),
         C_LAT_SEULE, C_LON_SEULE,
         _champ("recevable", "boolean", "Recevable", "Le projet respecte-t-il le règlement ?", requis=True),
         _champ("motif_irrecevabilite", "string", "Motif d'irrecevabilité", "Raison pour laquelle le projet n'a pas été soumis au vote."),
         _champ("statut", "string", "Statut", "Résultat du vote.", requis=True,
                enum=["Lauréat", "Non retenu", "Irrecevable"]),
         _champ("nombre_voix", "integer", "Nombre de voix", "Nombre de bulletins qui ont choisi le projet.",
                requis=True, minimum=0)],
        cle=["id_projet"],
    )


def schema_budget_participatif_votes() -> dict:
    s = _schema(
        "budget-participatif-votes", "Budget participatif 2024 : votes",
        "Votes anonymes : une ligne par projet choisi sur un bulletin (un bulletin peut choisir jusqu'à trois projets). "
        "Seuls le quartier et la tranche d'âge du votant sont conservés.",
        [_champ("id_bulletin", "string", "Bulletin", "Numéro anonyme du bulletin.", requis=True,
                pattern=r"^B\d{5}$"),
         _champ("date_vote", "date", "Date du vote", "Jour du vote.", requis=True),
         _champ("canal", "string", "Canal", "Vote en ligne ou sur papier.", requis=True, enum=["En ligne", "Papier"]),
         _champ("code_quartier_votant", "string", "Quartier du votant", "Quartier de résidence du votant.",
                requis=True, enum=[q[0] for q in QUARTIERS]),
         _champ("tranche_age_votant", "string", "Tranche d'âge du votant", "Tranche d'âge du votant (vote dès 15 ans).",
                requis=True, enum=TRANCHES_AGE[1:]),
         _champ("id_projet", "string", "Projet choisi", "Identifiant du projet (voir budget-participatif-projets).",
                requis=True, pattern=r"^BP24-\d{2}$")],
        cle=["id_bulletin", "id_projet"],
    )
    s["foreignKeys"] = [{"fields": "id_projet",
                         "reference": {"resource": "budget-participatif-projets", "fields": "id_projet"}}]
    return s


def schema_subventions() -> dict:
    return _schema(
        "subventions", "Subventions accordées par la commune en 2024",
        "Subsides et primes octroyés en 2024. Adapté du schéma SCDL « Subventions » : le numéro d'entreprise belge "
        "(BCE, 10 chiffres) remplace le SIRET, les champs propres à la France (RNA, RAE) sont retirés, "
        "typeBeneficiaire et domaine sont ajoutés. Les bénéficiaires personnes physiques sont anonymisés (RGPD).",
        [_champ("nomAttribuant", "string", "Attribuant", "Nom officiel de la collectivité qui attribue.", requis=True),
         _champ("idAttribuant", "string", "Numéro BCE de l'attribuant",
                "Numéro d'entreprise (BCE) de la commune, 10 chiffres sans point.", requis=True,
                pattern=r"^[01]\d{9}$"),
         _champ("dateConvention", "date", "Date de la décision", "Date de la convention ou de la décision (AAAA-MM-JJ).",
                requis=True),
         _champ("referenceDecision", "string", "Référence de la décision",
                "Identifiant de la délibération du conseil (CC-…, voir deliberations) ou de la décision du collège (COL-…).",
                requis=True),
         _champ("nomBeneficiaire", "string", "Bénéficiaire",
                "Nom officiel du bénéficiaire ; « Personne physique » pour un particulier (anonymisé).", requis=True),
         _champ("idBeneficiaire", "string", "Numéro BCE du bénéficiaire",
                "Numéro d'entreprise (BCE) du bénéficiaire, 10 chiffres (le zéro initial fait partie du numéro). "
                "Vide pour une personne physique.", pattern=r"^[01]\d{9}$"),
         _champ("typeBeneficiaire", "string", "Type de bénéficiaire", "Association ou Personne physique.", requis=True,
                enum=["Association", "Personne physique"]),
         _champ("domaine", "string", "Domaine", "Domaine d'action subventionné.", requis=True),
         _champ("objet", "string", "Objet", "Objet de la subvention.", requis=True, maxLength=256),
         _champ("montant", "number", "Montant (€)", "Montant attribué en euros, point décimal.", requis=True,
                minimum=0),
         _champ("nature", "string", "Nature", "Aide en numéraire et/ou en nature.", requis=True,
                enum=["aide en numéraire", "aide en nature", "aide en numéraire;aide en nature",
                      "aide en nature;aide en numéraire"]),
         _champ("conditionsVersement", "string", "Conditions de versement", "unique, échelonné ou autre.",
                requis=True, maxLength=256),
         _champ("datesPeriodeVersement", "string", "Date ou période de versement",
                "AAAA-MM-JJ, ou AAAA-MM-JJ/AAAA-MM-JJ pour un versement échelonné.", requis=True,
                pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?$"),
         _champ("notificationUE", "boolean", "Aide de minimis notifiée", "Aide notifiée à la Commission européenne ?",
                requis=True),
         _champ("pourcentageSubvention", "number", "Part du bénéficiaire", "1.00 pour un bénéficiaire unique.",
                requis=True, minimum=0.01, maximum=1)],
        standard=_scdl("subventions", "Subventions", "2.1.1"),
    )


def schema_deliberations() -> dict:
    return _schema(
        "deliberations", "Délibérations du conseil communal, 2023-2024",
        "Décisions adoptées en séance publique. Adapté du schéma SCDL « Délibérations » : COLL_INS (code INS) "
        "remplace COLL_SIRET, les champs de la préfecture française sont retirés ; les codes de matière suivent "
        "la nomenclature ACTES utilisée par le SCDL.",
        [_champ("COLL_NOM", "string", "Collectivité", "Nom officiel de la collectivité.", requis=True),
         _champ("COLL_INS", "string", "Code INS", "Code INS de la commune.", requis=True, pattern=r"^\d{5}$"),
         _champ("DELIB_ID", "string", "Identifiant", "CC-date de séance-numéro du point.", requis=True, unique=True,
                pattern=r"^CC-\d{4}-\d{2}-\d{2}-\d{2}$"),
         _champ("DELIB_DATE", "date", "Date de la séance", "Date de la décision (AAAA-MM-JJ).", requis=True),
         _champ("DELIB_MATIERE_CODE", "string", "Code de la matière", "Code de la nomenclature ACTES.", requis=True,
                pattern=r"^\d\.\d{1,2}$"),
         _champ("DELIB_MATIERE_NOM", "string", "Matière", "Libellé de la matière.", requis=True),
         _champ("DELIB_OBJET", "string", "Objet", "Objet de la délibération.", requis=True),
         _champ("BUDGET_ANNEE", "string", "Exercice budgétaire", "Année du budget concerné.", pattern=r"^[0-9]{4}$"),
         _champ("BUDGET_NOM", "string", "Budget", "Budget concerné."),
         _champ("VOTE_EFFECTIF", "integer", "Conseillers en fonction", "Nombre de membres du conseil.", minimum=0),
         _champ("VOTE_REEL", "integer", "Votants", "Membres présents qui ont voté.", minimum=0),
         _champ("VOTE_POUR", "integer", "Pour", "Votes pour.", minimum=0),
         _champ("VOTE_CONTRE", "integer", "Contre", "Votes contre.", minimum=0),
         _champ("VOTE_ABSTENTION", "integer", "Abstentions", "Abstentions.", minimum=0),
         _champ("DELIB_URL", "string", "Lien", "Adresse du texte de la délibération (site fictif).", format_="uri")],
        cle=["DELIB_ID"], standard=_scdl("deliberations", "Délibérations", "2.1.5"),
    )


def schema_budget() -> dict:
    return _schema(
        "budget-2025", "Budget initial 2025 par fonction",
        "Crédits du budget initial 2025 (et du budget 2024 pour comparaison), par fonction de la classification "
        "fonctionnelle des communes wallonnes, service ordinaire et extraordinaire. Adapté du schéma SCDL « Budget » : "
        "BGT_INS remplace BGT_SIRET ; BGT_SECTION vaut ordinaire ou extraordinaire ; les colonnes de nature "
        "(économique) sont omises ; BGT_GROUPE et BGT_GROUPE_LABEL sont ajoutées.",
        [_champ("BGT_NATDEC", "string", "Étape budgétaire", "Étape budgétaire.", requis=True,
                enum=["budget initial", "modification budgétaire", "compte"]),
         _champ("BGT_ANNEE", "year", "Exercice", "Année de l'exercice.", requis=True),
         _champ("BGT_INS", "string", "Code INS", "Code INS de la commune.", requis=True, pattern=r"^\d{5}$"),
         _champ("BGT_NOM", "string", "Collectivité", "Nom de la collectivité.", requis=True),
         _champ("BGT_GROUPE", "string", "Groupe de fonctions", "Premier chiffre du code de fonction.", requis=True,
                pattern=r"^\d$"),
         _champ("BGT_GROUPE_LABEL", "string", "Libellé du groupe", "Libellé du groupe de fonctions.", requis=True),
         _champ("BGT_FONCTION", "string", "Code de fonction", "Code de la fonction, 3 chiffres (zéros compris).",
                requis=True, pattern=r"^\d{3}$"),
         _champ("BGT_FONCTION_LABEL", "string", "Fonction", "Libellé de la fonction.", requis=True),
         _champ("BGT_SECTION", "string", "Service", "Service ordinaire ou extraordinaire.", requis=True,
                enum=["ordinaire", "extraordinaire"]),
         _champ("BGT_CODRD", "string", "Recette ou dépense", "Sens du crédit.", requis=True,
                enum=["recette", "dépense"]),
         _champ("BGT_MTPREV", "number", "Montant prévu 2025 (€)", "Crédit inscrit au budget initial 2025.",
                requis=True, minimum=0),
         _champ("BGT_MTBUDGPREC", "number", "Montant prévu 2024 (€)", "Crédit du budget 2024, pour comparaison.",
                minimum=0)],
        cle=["BGT_FONCTION", "BGT_SECTION", "BGT_CODRD"], standard=_scdl("budget", "Budget", "0.8.3"),
    )


def schema_evenements() -> dict:
    s = _schema(
        "evenements", "Agenda des événements 2025",
        "Événements organisés ou soutenus par la commune en 2025 (fêtes, marchés, culture, sport, citoyenneté).",
        [_champ("id", "string", "Identifiant", "Identifiant de l'événement.", requis=True, unique=True,
                pattern=r"^EV25-\d{3}$"),
         _champ("titre", "string", "Titre", "Titre de l'événement.", requis=True),
         _champ("categorie", "string", "Catégorie", "Catégorie de l'événement.", requis=True,
                enum=["Marché", "Citoyenneté", "Fête locale", "Jeunesse", "Environnement", "Culture", "Sport",
                      "Seniors"]),
         _champ("date_debut", "date", "Date de début", "Premier jour.", requis=True),
         _champ("date_fin", "date", "Date de fin", "Dernier jour.", requis=True),
         _champ("heure_debut", "time", "Heure de début", "HH:MM.", requis=True, format_="%H:%M"),
         _champ("heure_fin", "time", "Heure de fin", "HH:MM.", requis=True, format_="%H:%M"),
         _champ("id_equipement", "string", "Équipement", "Identifiant de l'équipement qui accueille l'événement "
                "(voir equipements-collectifs) ; vide en plein air.", pattern=r"^\d{5}-\d{3}$"),
         _champ("lieu", "string", "Lieu", "Nom du lieu.", requis=True),
         C_QUARTIER, C_LAT_SEULE, C_LON_SEULE,
         _champ("public", "string", "Public", "Public visé.", requis=True,
                enum=["Tout public", "Enfants", "Jeunes", "Seniors"]),
         _champ("gratuit", "boolean", "Gratuit", "L'entrée est-elle gratuite ?", requis=True),
         _champ("prix_eur", "number", "Prix (€)", "Prix d'entrée.", minimum=0),
         _champ("organisateur", "string", "Organisateur", "Organisateur.", requis=True),
         _champ("description", "string", "Description", "Description.", requis=True)],
        cle=["id"],
    )
    s["foreignKeys"] = [{"fields": "id_equipement",
                         "reference": {"resource": "equipements-collectifs", "fields": "id"}}]
    return s


def schema_travaux() -> dict:
    o = "le chantier"
    return _schema(
        "travaux-voiries", "Travaux de voirie 2023-2025",
        "Chantiers sur la voirie communale, réalisés, en cours ou planifiés à la date d'extraction (15 janvier 2025). "
        "Standard wallon « Travaux de voiries » (FuturoCité).",
        [_champ("id", "string", "Identifiant", "Identifiant unique local.", requis=True, unique=True,
                pattern=r"^\d{5}-T\d{3}$"),
         _champ("name", "string", "Nom", "Nom du chantier.", requis=True),
         _champ("description", "string", "Description", "Description des travaux."),
         *_localisation_wallonne(o, coordonnees=False)[:-1],
         _champ("roadworks_type", "string", "Type de travaux", "Type de travaux.", requis=True,
                enum=["Aménagement de voiries", "Impétrant", "Réfection de voiries", "Création de voiries", "Autre"]),
         _champ("roadworks_type_description", "string", "Nature des travaux", "Précision sur la nature des travaux."),
         _champ("status", "string", "Statut", "Statut au 15 janvier 2025.", requis=True,
                enum=["Planifié", "En cours", "Réalisé", "Inconnu"]),
         _champ("year", "year", "Année", "Année de début.", requis=True),
         _champ("start_date", "date", "Début", "Date de début.", requis=True),
         _champ("end_date", "date", "Fin", "Date de fin (prévue ou réelle).", requis=True),
         _champ("geometry", "geojson", "Tronçon (GeoJSON)", "Tronçon concerné : LineString GeoJSON en WGS 84."),
         _champ("length", "number", "Longueur (m)", "Longueur du tronçon en mètres.", minimum=0),
         _champ("validated_by_authorities", "boolean", "Validé", "Chantier autorisé ?"),
         _champ("impact", "string", "Impact", "Impact prévu."),
         _champ("traffic_adaptation", "string", "Adaptation de la circulation", "Dispositif de circulation.",
                enum=["Sens unique", "Sens unique limité", "Réduction du nombre de bandes", "Circulation alternée",
                      "Voie fermée", "Vitesse réduite", "Limitation selon le gabarit du véhicule", "Autre"]),
         _champ("provider", "string", "Commanditaire", "Commanditaire du chantier.", requis=True),
         _champ("contractor", "string", "Entrepreneur", "Entreprise qui exécute le chantier."),
         _champ("projected_budget", "number", "Budget prévu (€ TVAC)", "Budget prévisionnel.", minimum=0),
         _champ("effective_amount", "number", "Montant effectif (€ TVAC)", "Montant final (chantiers réalisés).",
                minimum=0),
         _champ("created_date", "date", "Date de création", "Date de création de la donnée."),
         _champ("last_modified_date", "date", "Date de modification", "Date de dernière modification.")],
        cle=["id"], standard=_standard("standard-travaux-voiries", "Travaux de voiries", "0.1.0"),
    )


# --------------------------------------------------------------------------------------------
# Raw files: the clean data as an agent really has them, with the defects the training is about.
# Each builder returns (bytes, defects); a defect is {"famille", "defaut", "ou", "correction"} and
# is listed in data/README.md. tests/test_data.py proves each family is really in the bytes.
# --------------------------------------------------------------------------------------------

def _sans_accents(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", texte) if unicodedata.category(c) != "Mn")


ABREVIATIONS = {"Rue": "R.", "Chaussée": "Chée", "Route": "Rte", "Avenue": "Av.", "Place": "Pl.", "Chemin": "Ch."}


def variante_rue(nom: str, k: int) -> str:
    """The k-th way an agent types a street name (k = 0: the official name)."""
    k %= 6
    if k == 0:
        return nom
    if k == 1:
        return _sans_accents(nom).lower().replace("'", " ")
    if k == 2:
        premier, _, reste = nom.partition(" ")
        return f"{ABREVIATIONS.get(premier, premier)} {_sans_accents(reste)}"
    if k == 3:
        return nom.upper()
    if k == 4:
        return nom.replace("É", "E").replace("é", "e").replace("’", "'") + " "
    return nom.replace(" ", "  ", 1)


def _cp1252(texte: str) -> bytes:
    return texte.replace("\n", "\r\n").encode("cp1252")


def _nombre_fr(valeur: float, decimales: int = 2, milliers: bool = True) -> str:
    texte = f"{valeur:,.{decimales}f}" if milliers else f"{valeur:.{decimales}f}"
    return texte.replace(",", " ").replace(".", ",")


def _date_variee(iso: str, k: int) -> str:
    d = date.fromisoformat(iso)
    return [d.strftime("%d/%m/%Y"), d.isoformat(), _date_fr(d), d.strftime("%d-%m-%y")][k % 4]


def _ligne(rangees: list[list[str]]) -> int:
    """Physical line number (1-based) of the next row appended to ``rangees`` (cells may hold line breaks)."""
    return 1 + sum(1 + sum(str(c).count("\n") for c in r) for r in rangees)


def _paires(paires: list[tuple[int, int]]) -> str:
    return " ; ".join(f"lignes {a} et {b}" for a, b in paires)


def _ecrire_lignes(lignes: list[list[str]], separateur: str) -> str:
    tampon = io.StringIO()
    csv.writer(tampon, delimiter=separateur, lineterminator="\n").writerows(lignes)
    return tampon.getvalue()


def brut_subventions(lignes: list[dict]) -> tuple[bytes, list[dict]]:
    """brutes/subventions-2024.csv: the finance department's export."""
    rng = _rng("brut-subventions")
    entete = ["N°", "Date décision", "Bénéficiaire", "N° entreprise", "Adresse du bénéficiaire", "Objet",
              "Montant (€)", "Type d'aide", "Versement", "Réf. décision"]
    sortie = [["COMMUNE DE VIRELOUX – Service des finances"], ["Subsides et primes octroyés en 2024"],
              ["Extraction du 15/01/2025 – document de travail interne"], [], entete]
    defauts = []
    par_domaine: dict[str, list[dict]] = {}
    for l in lignes:
        par_domaine.setdefault(l["domaine"], []).append(l)
    n = 0
    doublon_exact = doublon_proche = None
    total = 0.0
    for domaine in sorted(par_domaine):
        sortie.append([domaine.upper()])
        for l in par_domaine[domaine]:
            n += 1
            montant = float(l["montant"])
            total += montant
            k = n % 4
            if l["typeBeneficiaire"] == "Personne physique":
                nom, bce = l["_personne"], ""
            else:
                nom = l["nomBeneficiaire"]
                bce = str(int(l["idBeneficiaire"])) if n % 3 else (
                    f"{l['idBeneficiaire'][:4]}.{l['idBeneficiaire'][4:7]}.{l['idBeneficiaire'][7:]}")
            texte_montant = _nombre_fr(montant) + (" €" if n % 5 == 0 else "")
            ligne = [str(n), _date_variee(l["dateConvention"], k), nom, bce, l["_adresse"], l["objet"], texte_montant,
                     "numéraire" if l["nature"] == "aide en numéraire" else "numéraire + nature",
                     l["conditionsVersement"], l["referenceDecision"]]
            sortie.append(ligne)
            if l["nomBeneficiaire"] == "RFC Vireloux":
                doublon_proche = len(sortie)
                proche = list(ligne)
                proche[0] = str(n) + "b"
                proche[2] = "R.F.C. VIRELOUX"
                sortie.append(proche)
            if l["nomBeneficiaire"] == "Harmonie royale de Vireloux":
                sortie.append(list(ligne))
                doublon_exact = len(sortie)
            if rng.random() < 0.08:
                sortie.append([])
        sortie.append([])
    sortie.append(["TOTAL", "", "", "", "", "", _nombre_fr(total)])
    sortie.append(["Personnes physiques : données à ne pas diffuser"])
    texte = _ecrire_lignes(sortie, ";")
    numero_total = len(sortie) - 1
    defauts += [
        {"famille": "encodage", "defaut": "encodage Windows-1252 (cp1252), pas UTF-8",
         "ou": "tout le fichier (é, €, œ…)", "correction": "relu en cp1252, écrit en UTF-8"},
        {"famille": "separateur", "defaut": "séparateur point-virgule",
         "ou": "toutes les lignes", "correction": "virgule"},
        {"famille": "fins-de-ligne", "defaut": "fins de ligne Windows (CRLF)", "ou": "toutes les lignes",
         "correction": "fins de ligne Unix (LF)"},
        {"famille": "titre", "defaut": "trois lignes de titre et une ligne vide au-dessus de l'en-tête",
         "ou": "lignes 1 à 4 (l'en-tête est à la ligne 5)", "correction": "une seule ligne d'en-tête"},
        {"famille": "cellules-fusionnees", "defaut": "lignes de section (« CULTURE », « SPORT »…) issues de cellules fusionnées",
         "ou": "une ligne par domaine, avant ses subsides", "correction": "colonne domaine renseignée sur chaque ligne"},
        {"famille": "lignes-vides", "defaut": "lignes vides au milieu des données", "ou": "après chaque domaine et çà et là",
         "correction": "supprimées"},
        {"famille": "total", "defaut": "ligne de total (et une note) en bas du tableau",
         "ou": f"lignes {numero_total} et {numero_total + 1}", "correction": "supprimées : le total se calcule"},
        {"famille": "decimale", "defaut": "montants avec virgule décimale, espace des milliers et parfois « € »",
         "ou": "colonne « Montant (€) »", "correction": "nombre avec point décimal, sans symbole"},
        {"famille": "dates", "defaut": "dates dans quatre formats (03/04/2024, 2024-04-03, 3 avril 2024, 03-04-24)",
         "ou": "colonne « Date décision »", "correction": "AAAA-MM-JJ (ISO 8601)"},
        {"famille": "codes-nombres", "defaut": "numéro d'entreprise (BCE) enregistré comme un nombre : zéro initial perdu (412345678 au lieu de 0412345678) ; parfois avec des points",
         "ou": "colonne « N° entreprise »", "correction": "texte de 10 chiffres, zéro initial compris"},
        {"famille": "doublons", "defaut": "doublon exact (Harmonie royale de Vireloux)",
         "ou": f"lignes {doublon_exact - 1} et {doublon_exact}", "correction": "une seule ligne"},
        {"famille": "doublons", "defaut": "doublon approché : « RFC Vireloux » et « R.F.C. VIRELOUX », même objet et montant",
         "ou": f"lignes {doublon_proche} et {doublon_proche + 1}", "correction": "une seule ligne, nom officiel"},
        {"famille": "donnees-personnelles", "defaut": "noms et adresses de particuliers bénéficiaires de primes (RGPD : à ne pas publier)",
         "ou": "colonnes « Bénéficiaire » et « Adresse du bénéficiaire » des primes",
         "correction": "nom remplacé par « Personne physique », colonne d'adresse supprimée"},
    ]
    return _cp1252(texte), defauts


CATEGORIES_BRUTES = {
    "Administration": ["Administration", "administration", "Admin."],
    "Enseignement": ["Ecole", "école", "Enseignement", "ECOLE"],
    "Petite enfance": ["Crèche", "creche", "Petite enfance"],
    "Culture": ["Culture", "culture", "Culturel"],
    "Salle communale": ["Salle", "salle", "Salle communale"],
    "Social et santé": ["Social", "CPAS", "Social/santé"],
    "Equipement sportif": ["Sport", "sport", "Sports"],
    "Toilette publique": ["Toilettes", "WC publics", "toilettes"],
    "Boite à livres": ["Boîte à livres", "Boite a livres", "boîte à livres"],
    "Point d'eau potable": ["Fontaine", "Point d'eau"],
    "Bulle à verre": ["Bulle à verre", "Bulles"],
    "Bulle à vêtements": ["Bulle textile"],
    "Plaine de jeux": ["Jeux", "Plaine de jeux"],
    "Autre": ["Divers", "Autre"],
}
HORAIRES_LIBRES = {
    HORAIRE_ECOLE: "lundi, mardi, jeudi, vendredi 8h-15h30 ; mercredi 8h-12h",
    "Mo-Fr 08:30-12:00": "du lundi au vendredi de 8h30 à 12h",
    HORAIRE_CRECHE: "en semaine 7h - 18h30",
}


def brut_equipements(t: Territoire, lignes: list[dict]) -> tuple[bytes, list[dict]]:
    """brutes/equipements-inventaire.csv: the facilities department's inventory spreadsheet."""
    entete = ["Code", "Nom", "Catégorie", "Adresse", "Quartier", "Latitude", "Longitude", "Horaires", "Accès PMR",
              "Gestionnaire"]
    sortie = [entete]
    inverses, lambert, doublons, proches, libres, orthographes = [], [], [], [], [], []
    for i, l in enumerate(lignes):
        numero = int(l["id"].split("-")[1])
        categorie = CATEGORIES_BRUTES[l["type"]][i % len(CATEGORIES_BRUTES[l["type"]])]
        rue = variante_rue(l["street_name"], 1 + (i // 3) % 5) if i % 3 == 0 else l["street_name"]
        if rue != l["street_name"]:
            orthographes.append(len(sortie) + 1)
        lat, lon = l["latitude"].replace(".", ","), l["longitude"].replace(".", ",")
        if i in (4, 17, 33):
            lat, lon = lon, lat
            inverses.append(len(sortie) + 1)
        if i in (11, 40):
            x, y = _L72_depuis_wgs84(float(l["longitude"]), float(l["latitude"]))
            lat, lon = _nombre_fr(y, 1, False), _nombre_fr(x, 1, False)
            lambert.append(len(sortie) + 1)
        horaire = l["schedule"] or ""
        if horaire in HORAIRES_LIBRES and i % 2 == 0:
            horaire = HORAIRES_LIBRES[horaire]
            libres.append(len(sortie) + 1)
        pmr = {True: ["Oui", "oui", "O", "X"], False: ["Non", "non", "N", ""]}[l["disabled_access"]][i % 4]
        ligne = [str(numero), l["name"], categorie, f"{rue} {l['house_number']}", l["zone_address"], lat, lon, horaire,
                 pmr, l["provider"]]
        sortie.append(ligne)
        if i in (8, 26):
            doublons.append((_ligne(sortie) - 1, _ligne(sortie)))
            sortie.append(list(ligne))
        if i == 20:
            proche = list(ligne)
            proche[1] = ligne[1].upper() + " "
            proches.append((_ligne(sortie) - 1, _ligne(sortie)))
            sortie.append(proche)
    defauts = [
        {"famille": "separateur", "defaut": "séparateur point-virgule", "ou": "toutes les lignes", "correction": "virgule"},
        {"famille": "bom", "defaut": "marque d'ordre d'octets (BOM) UTF-8 au début du fichier", "ou": "premiers octets",
         "correction": "UTF-8 sans BOM"},
        {"famille": "codes-nombres", "defaut": "code de l'équipement sans ses zéros (7 au lieu de 007) et sans le code INS",
         "ou": "colonne « Code »", "correction": "identifiant 92999-007"},
        {"famille": "decimale", "defaut": "coordonnées avec virgule décimale", "ou": "colonnes « Latitude » et « Longitude »",
         "correction": "point décimal"},
        {"famille": "lat-lon-inverses", "defaut": "latitude et longitude inversées",
         "ou": "lignes " + ", ".join(map(str, inverses)), "correction": "colonnes remises dans l'ordre"},
        {"famille": "mauvais-crs", "defaut": "coordonnées Lambert 72 (mètres, EPSG:31370) dans les colonnes latitude/longitude",
         "ou": "lignes " + ", ".join(map(str, lambert)), "correction": "reprojetées en WGS 84 (EPSG:4326)"},
        {"famille": "orthographe", "defaut": "même rue écrite de plusieurs façons (accents, abréviations, majuscules, espaces)",
         "ou": "colonne « Adresse », lignes " + ", ".join(map(str, orthographes)),
         "correction": "nom officiel de la rue (référentiel des rues)"},
        {"famille": "colonne-composee", "defaut": "rue et numéro dans une seule colonne « Adresse »",
         "ou": "colonne « Adresse »", "correction": "colonnes street_name et house_number"},
        {"famille": "categories", "defaut": "catégories écrites de plusieurs façons (Ecole, école, ECOLE, Enseignement…)",
         "ou": "colonne « Catégorie »", "correction": "valeurs de la liste du schéma (type)"},
        {"famille": "booleens", "defaut": "oui/non écrit de huit façons (Oui, oui, O, X, Non, non, N, vide)",
         "ou": "colonne « Accès PMR »", "correction": "true/false"},
        {"famille": "texte-libre", "defaut": "horaires en texte libre au lieu du format opening_hours",
         "ou": "colonne « Horaires », lignes " + ", ".join(map(str, libres)),
         "correction": "format OpenStreetMap (Mo-Fr 08:30-12:00…)"},
        {"famille": "doublons", "defaut": "doublons exacts (ligne recopiée)", "ou": _paires(doublons),
         "correction": "une ligne par équipement"},
        {"famille": "doublons", "defaut": "doublon approché : même équipement, nom en majuscules suivi d'une espace",
         "ou": _paires(proches), "correction": "une ligne par équipement, nom officiel"},
    ]
    return b"\xef\xbb\xbf" + _utf8(_ecrire_lignes(sortie, ";")), defauts


def brut_accidents(lignes: list[dict]) -> tuple[bytes, list[dict]]:
    """brutes/accidents-2019-2024.csv: the police zone's yearly extractions, pasted together."""
    entete = ["Réf.", "Date", "Heure", "Lieu", "Latitude", "Longitude", "Gravité", "Usagers", "Blessés légers",
              "Blessés graves", "Tués", "Luminosité", "Météo"]
    sortie = [entete]
    inverses, lambert, doublons, heures, orthographes = [], [], [], [], []
    formats = {}
    eglise = 0
    for i, l in enumerate(lignes):
        annee = int(l["date"][:4])
        k = {2019: 0, 2020: 0, 2021: 1, 2022: 1, 2023: 2, 2024: 3}[annee]
        if annee >= 2023 and i % 5 == 0:
            k = 1
        formats.setdefault(k, len(sortie) + 1)
        rue = l["street_name"]
        if rue == "Rue de l'Église":
            lieu = ["Rue de l'Église", "rue de l eglise", "R. de l'Eglise", "RUE DE L'ÉGLISE", "Rue de l'Eglise "][eglise % 5]
            eglise += 1
        else:
            lieu = variante_rue(rue, 1 + (i // 3) % 5) if i % 3 == 0 else rue
        if lieu != rue:
            orthographes.append(len(sortie) + 1)
        lat, lon = l["latitude"].replace(".", ","), l["longitude"].replace(".", ",")
        if i % 29 == 7:
            lat, lon = lon, lat
            inverses.append(len(sortie) + 1)
        elif i % 37 == 19:
            x, y = _L72_depuis_wgs84(float(l["longitude"]), float(l["latitude"]))
            lat, lon = _nombre_fr(y, 1, False), _nombre_fr(x, 1, False)
            lambert.append(len(sortie) + 1)
        heure = l["heure"]
        if annee in (2019, 2020):
            heure = heure.replace(":", "h")
            heures.append(len(sortie) + 1)
        ligne = [l["id"], _date_variee(l["date"], k), heure, lieu, lat, lon, l["gravite"], l["usagers"].replace(";", ", "),
                 str(l["blesses_legers"]), str(l["blesses_graves"]), str(l["tues"]), l["luminosite"], l["meteo"]]
        sortie.append(ligne)
        if i in (12, 64, 130):
            doublons.append((_ligne(sortie) - 1, _ligne(sortie)))
            sortie.append(list(ligne))
    defauts = [
        {"famille": "separateur", "defaut": "séparateur point-virgule", "ou": "toutes les lignes", "correction": "virgule"},
        {"famille": "decimale", "defaut": "coordonnées avec virgule décimale", "ou": "colonnes « Latitude » et « Longitude »",
         "correction": "point décimal"},
        {"famille": "dates", "defaut": "quatre formats de date selon l'année d'extraction : 03/04/2019 (2019-2020), "
                                        "2021-04-03 (2021-2022 et quelques lignes après), 3 avril 2023 (2023), 03-04-24 (2024)",
         "ou": "colonne « Date », à partir des lignes " + ", ".join(str(formats[k]) for k in sorted(formats)),
         "correction": "AAAA-MM-JJ"},
        {"famille": "heures", "defaut": "heures écrites 14h30 au lieu de 14:30", "ou": f"colonne « Heure », lignes {heures[0]} à {heures[-1]}",
         "correction": "HH:MM"},
        {"famille": "orthographe", "defaut": "noms de rue saisis de plusieurs façons (« Rue de l'Église », « rue de l eglise », "
                                             "« R. de l'Eglise », « RUE DE L'ÉGLISE »…)",
         "ou": f"colonne « Lieu » ({len(orthographes)} lignes)", "correction": "nom officiel de la rue"},
        {"famille": "lat-lon-inverses", "defaut": "latitude et longitude inversées", "ou": "lignes " + ", ".join(map(str, inverses)),
         "correction": "remises dans l'ordre"},
        {"famille": "mauvais-crs", "defaut": "coordonnées Lambert 72 (mètres) dans les colonnes latitude/longitude",
         "ou": "lignes " + ", ".join(map(str, lambert)), "correction": "reprojetées en WGS 84"},
        {"famille": "doublons", "defaut": "accidents recopiés deux fois (doublons exacts)", "ou": _paires(doublons),
         "correction": "une ligne par accident"},
    ]
    return _utf8(_ecrire_lignes(sortie, ";")), defauts


def brut_deliberations(lignes: list[dict]) -> tuple[bytes, list[dict]]:
    """brutes/deliberations-2023-2024.csv: the secretariat's register."""
    entete = ["Séance", "Point", "Matière", "Objet", "Présents", "Pour", "Contre", "Abstentions"]
    sortie = [entete]
    unanimes, doublons, proches, multilignes = [], [], [], []
    for i, l in enumerate(lignes):
        point = int(l["DELIB_ID"][-2:])
        objet = l["DELIB_OBJET"]
        if i % 41 == 10:
            objet = objet.replace(" – ", "\n", 1) if " – " in objet else objet + "\n(point ajouté en urgence)"
            multilignes.append(_ligne(sortie))
        ligne = [_date_variee(l["DELIB_DATE"], i // 9), str(point), f"{l['DELIB_MATIERE_CODE']} {l['DELIB_MATIERE_NOM']}",
                 objet, str(l["VOTE_REEL"]), str(l["VOTE_POUR"]), str(l["VOTE_CONTRE"]), str(l["VOTE_ABSTENTION"])]
        if l["VOTE_POUR"] == l["VOTE_REEL"] and i % 2 == 0:
            ligne[5:8] = ["unanimité", "", ""]
            unanimes.append(_ligne(sortie))
        debut = _ligne(sortie)
        sortie.append(ligne)
        if i in (15, 60, 88):
            doublons.append((debut, _ligne(sortie)))
            sortie.append(list(ligne))
        if i in (40, 75):
            proche = list(ligne)
            proche[3] = "  " + ligne[3].rstrip() + "."
            proches.append((debut, _ligne(sortie)))
            sortie.append(proche)
    texte = _ecrire_lignes(sortie, ",")
    defauts = [
        {"famille": "dates", "defaut": "dates de séance dans quatre formats (03/04/2024, 2024-04-03, 3 avril 2024, 03-04-24)",
         "ou": "colonne « Séance »", "correction": "AAAA-MM-JJ"},
        {"famille": "texte-au-lieu-de-nombres", "defaut": "« unanimité » écrit dans la colonne Pour, Contre et Abstentions vides",
         "ou": f"{len(unanimes)} lignes, dont les lignes " + ", ".join(map(str, unanimes[:5])),
         "correction": "Pour = Présents, Contre = 0, Abstentions = 0"},
        {"famille": "doublons", "defaut": "points recopiés deux fois (doublons exacts)", "ou": _paires(doublons),
         "correction": "une ligne par point"},
        {"famille": "doublons", "defaut": "doublons approchés : même point, objet avec espaces en tête et point final",
         "ou": _paires(proches), "correction": "une ligne par point"},
        {"famille": "retours-ligne", "defaut": "retour à la ligne à l'intérieur d'une cellule (objet sur deux lignes, entre guillemets)",
         "ou": "enregistrements qui commencent aux lignes " + ", ".join(map(str, multilignes)) + " et occupent deux lignes",
         "correction": "objet sur une ligne"},
        {"famille": "colonne-composee", "defaut": "code et libellé de la matière dans une seule colonne (« 7.5 Subventions »)",
         "ou": "colonne « Matière »", "correction": "DELIB_MATIERE_CODE et DELIB_MATIERE_NOM"},
    ]
    return _utf8(texte), defauts


def brut_population(lignes: list[dict]) -> tuple[bytes, list[dict]]:
    """brutes/population-2015-2025.csv: the population register's yearly table, one column per year."""
    annees = ANNEES_POPULATION
    valeurs = {(l["code_quartier"], l["tranche_age"], l["annee"]): l["population"] for l in lignes}
    sortie = [["Population au 1er janvier par quartier et tranche d'âge"], ["Source : registre de la population – Vireloux"],
              [], ["Quartier", "Tranche d'âge"] + [str(a) for a in annees]]
    totaux_commune = {a: 0 for a in annees}
    lignes_total = []
    for code, nom, _, _ in QUARTIERS:
        totaux = {a: 0 for a in annees}
        for j, tranche in enumerate(TRANCHES_AGE):
            rangee = [nom if j == 0 else "", tranche]
            for a in annees:
                v = valeurs[(code, tranche, a)]
                totaux[a] += v
                rangee.append(str(v))
            sortie.append(rangee)
        sortie.append([f"Total {nom}", ""] + [_nombre_fr(totaux[a], 0) for a in annees])
        lignes_total.append(len(sortie))
        sortie.append([])
        for a in annees:
            totaux_commune[a] += totaux[a]
    sortie.append(["TOTAL COMMUNE", ""] + [_nombre_fr(totaux_commune[a], 0) for a in annees])
    defauts = [
        {"famille": "bom", "defaut": "marque d'ordre d'octets (BOM) UTF-8", "ou": "premiers octets", "correction": "UTF-8 sans BOM"},
        {"famille": "separateur", "defaut": "séparateur point-virgule", "ou": "toutes les lignes", "correction": "virgule"},
        {"famille": "titre", "defaut": "deux lignes de titre et une ligne vide au-dessus de l'en-tête", "ou": "lignes 1 à 3",
         "correction": "une seule ligne d'en-tête"},
        {"famille": "format-large", "defaut": "une colonne par année (format « large »)", "ou": "colonnes 2015 à 2025",
         "correction": "format « long » : une ligne par année, quartier et tranche (colonne annee)"},
        {"famille": "cellules-fusionnees", "defaut": "nom du quartier seulement sur la première ligne de son bloc (cellule fusionnée à l'origine)",
         "ou": "colonne « Quartier »", "correction": "nom et code du quartier sur chaque ligne"},
        {"famille": "total", "defaut": "une ligne de sous-total par quartier et un total communal, nombres avec espace des milliers",
         "ou": "lignes " + ", ".join(map(str, lignes_total)) + f" et {len(sortie)}", "correction": "supprimées"},
        {"famille": "lignes-vides", "defaut": "une ligne vide après chaque quartier", "ou": "après chaque sous-total",
         "correction": "supprimées"},
    ]
    return b"\xef\xbb\xbf" + _utf8(_ecrire_lignes(sortie, ";")), defauts


def brut_budget(lignes: list[dict], chemin_temporaire: Path) -> tuple[bytes, list[dict]]:
    """brutes/budget-2025.xlsx: the budget summary as the finance department keeps it (openpyxl)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    classeur = Workbook()
    gras = Font(bold=True)
    fond = PatternFill("solid", fgColor="DDEBF7")
    trait = Border(top=Side(style="thin"), bottom=Side(style="thin"))
    feuilles = []
    for k, section in enumerate(("ordinaire", "extraordinaire")):
        ws = classeur.active if k == 0 else classeur.create_sheet()
        ws.title = section.capitalize()
        feuilles.append(ws.title)
        ws["A1"] = "COMMUNE DE VIRELOUX"
        ws["A2"] = f"Budget initial 2025 – service {section} – synthèse par fonction"
        ws["A3"] = "Montants en euros – voté en séance du conseil du 17/12/2024"
        for r in (1, 2, 3):
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
            ws.cell(r, 1).font = gras
        ws["C5"], ws["E5"] = "Dépenses", "Recettes"
        ws.merge_cells("C5:D5")
        ws.merge_cells("E5:F5")
        for c, v in enumerate(["Fonction", "Libellé", "Budget 2024", "Budget 2025", "Budget 2024", "Budget 2025"], 1):
            ws.cell(6, c, v).font = gras
        ws.merge_cells("A5:A6")
        ws.merge_cells("B5:B6")
        ws["A5"], ws["B5"] = "Fonction", "Libellé"
        ligne = 7
        totaux = [0.0, 0.0, 0.0, 0.0]
        for groupe, libelle_groupe in GROUPES_FONCTIONS.items():
            fonctions = sorted({l["BGT_FONCTION"] for l in lignes if l["BGT_GROUPE"] == groupe and l["BGT_SECTION"] == section})
            if not fonctions:
                continue
            ws.cell(ligne, 1, f"Groupe {groupe} – {libelle_groupe}").font = gras
            ws.merge_cells(start_row=ligne, start_column=1, end_row=ligne, end_column=6)
            ws.cell(ligne, 1).fill = fond
            ligne += 1
            sous = [0.0, 0.0, 0.0, 0.0]
            for code in fonctions:
                def montant(sens, champ):
                    for l in lignes:
                        if l["BGT_FONCTION"] == code and l["BGT_SECTION"] == section and l["BGT_CODRD"] == sens:
                            return float(l[champ])
                    return None
                libelle = next(l["BGT_FONCTION_LABEL"] for l in lignes if l["BGT_FONCTION"] == code)
                ws.cell(ligne, 1, int(code))  # the function code typed as a number: 020 becomes 20
                ws.cell(ligne, 2, libelle)
                for c, (sens, champ) in enumerate((("dépense", "BGT_MTBUDGPREC"), ("dépense", "BGT_MTPREV"),
                                                   ("recette", "BGT_MTBUDGPREC"), ("recette", "BGT_MTPREV"))):
                    v = montant(sens, champ)
                    if v is not None:
                        ws.cell(ligne, 3 + c, v).number_format = "#,##0.00"
                        sous[c] += v
                ligne += 1
            ws.cell(ligne, 2, f"Sous-total groupe {groupe}").font = gras
            for c in range(4):
                ws.cell(ligne, 3 + c, sous[c]).number_format = "#,##0.00"
                ws.cell(ligne, 3 + c).font = gras
                totaux[c] += sous[c]
            ligne += 2
        ws.cell(ligne, 1, f"TOTAL SERVICE {section.upper()}").font = gras
        ws.merge_cells(start_row=ligne, start_column=1, end_row=ligne, end_column=2)
        for c in range(4):
            ws.cell(ligne, 3 + c, totaux[c]).number_format = "#,##0.00"
            ws.cell(ligne, 3 + c).border = trait
        ws.cell(ligne + 2, 1, "Source : service des finances. Les montants 2024 sont ceux du budget initial 2024.")
        ws.column_dimensions["A"].width = 10
        ws.column_dimensions["B"].width = 48
        for col in "CDEF":
            ws.column_dimensions[col].width = 15
        ws.cell(1, 1).alignment = Alignment(horizontal="left")
    notes = classeur.create_sheet("Notes")
    notes["A1"] = "Ce classeur est un document de travail : ne pas publier tel quel."
    notes["A2"] = "Fonctions : classification fonctionnelle des communes wallonnes (3 chiffres)."
    # fixed metadata: openpyxl would otherwise write the current time into docProps/core.xml
    from datetime import datetime

    fixe = datetime(2025, 1, 15, 9, 0, 0)
    classeur.properties.created = fixe
    classeur.properties.modified = fixe
    classeur.properties.creator = "Service des finances"
    classeur.properties.lastModifiedBy = "Service des finances"
    classeur.properties.title = "Budget initial 2025"
    chemin = chemin_temporaire / "budget-2025.xlsx"
    classeur.save(chemin)
    contenu = _zip_deterministe(chemin.read_bytes())
    defauts = [
        {"famille": "titre", "defaut": "trois lignes de titre fusionnées au-dessus du tableau", "ou": "feuilles Ordinaire et Extraordinaire, lignes 1 à 3",
         "correction": "une seule ligne d'en-tête"},
        {"famille": "cellules-fusionnees", "defaut": "en-tête sur deux lignes avec cellules fusionnées (« Dépenses » et « Recettes » au-dessus des années)",
         "ou": "lignes 5 et 6 (C5:D5, E5:F5, A5:A6, B5:B6)", "correction": "colonnes BGT_CODRD et BGT_MTPREV / BGT_MTBUDGPREC"},
        {"famille": "cellules-fusionnees", "defaut": "lignes de groupe fusionnées (« Groupe 7 – Enseignement, culture et sport »)",
         "ou": "une ligne avant chaque groupe", "correction": "colonnes BGT_GROUPE et BGT_GROUPE_LABEL"},
        {"famille": "total", "defaut": "sous-totaux par groupe et total du service", "ou": "après chaque groupe et en bas de chaque feuille",
         "correction": "supprimés : ils se calculent"},
        {"famille": "lignes-vides", "defaut": "lignes vides entre les groupes et note en bas de page", "ou": "après chaque sous-total",
         "correction": "supprimées"},
        {"famille": "codes-nombres", "defaut": "code de fonction saisi comme un nombre : 000 devient 0, 020 devient 20",
         "ou": "colonne A", "correction": "texte de 3 chiffres"},
        {"famille": "format-large", "defaut": "dépenses et recettes, 2024 et 2025 côte à côte ; ordinaire et extraordinaire sur deux feuilles",
         "ou": "colonnes C à F, feuilles Ordinaire et Extraordinaire", "correction": "une ligne par fonction, service et sens"},
        {"famille": "plusieurs-feuilles", "defaut": "trois feuilles, dont une de notes", "ou": ", ".join(feuilles + ["Notes"]),
         "correction": "un seul tableau"},
    ]
    return contenu, defauts


def _zip_deterministe(contenu: bytes) -> bytes:
    """Rewrite a zip (xlsx) with fixed timestamps, stored (not deflated) so the bytes never depend on zlib."""
    import zipfile

    entree = zipfile.ZipFile(io.BytesIO(contenu))
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", compression=zipfile.ZIP_STORED) as sortie:
        for info in entree.infolist():
            donnees = entree.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                import re

                donnees = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>2025-01-15T09:00:00Z\g<2>", donnees)
            nouvelle = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 15, 9, 0, 0))
            nouvelle.compress_type = zipfile.ZIP_STORED
            nouvelle.external_attr = 0o600 << 16
            sortie.writestr(nouvelle, donnees)
    return tampon.getvalue()


# --------------------------------------------------------------------------------------------
# Geographic layers (geometry in Lambert 72; GeoJSON files are projected to WGS 84)
# --------------------------------------------------------------------------------------------

ALEAS = [("élevé", 70), ("moyen", 160), ("faible", 290)]


def zones_inondables(t: Territoire) -> list[tuple[dict, object]]:
    """Flood hazard zones along the river, by hazard level and quartier."""
    import shapely
    from shapely.ops import substring

    rng = _rng("inondations")
    riviere = t.riviere
    troncons = []
    pas = 400.0
    d = 0.0
    while d < riviere.length:
        morceau = substring(riviere, d, min(d + pas + 40, riviere.length))
        facteur = rng.uniform(0.55, 1.6)
        troncons.append((morceau, facteur))
        d += pas
    precedent = None
    couches = []
    for alea, largeur in ALEAS:
        zone = shapely.union_all([m.buffer(largeur * f, quad_segs=4) for m, f in troncons]).simplify(5)
        zone = zone.intersection(t.limite)
        bande = zone if precedent is None else zone.difference(precedent)
        couches.append((alea, bande))
        precedent = zone
    entites = []
    n = 0
    for alea, bande in couches:
        for code, q in t.quartiers.items():
            morceau = bande.intersection(q["polygone"])
            if morceau.is_empty or morceau.area < 2000:
                continue
            morceau = _arrondi_l72(shapely.make_valid(morceau))
            if morceau.geom_type == "GeometryCollection":
                morceau = shapely.union_all([g for g in morceau.geoms if g.geom_type in ("Polygon", "MultiPolygon")])
            if morceau.geom_type == "Polygon":
                morceau = shapely.MultiPolygon([morceau])
            n += 1
            entites.append(({
                "id_zone": f"ZI-{n:02d}",
                "alea": alea,
                "code_quartier": code,
                "nom_quartier": q["nom"],
                "superficie_ha": round(morceau.area / 1e4, 2),
                "cours_eau": RIVIERE,
            }, morceau))
    return entites


def couche_commune(t: Territoire) -> list[tuple[dict, object]]:
    return [({"code_ins": INS, "nom": COMMUNE, "province": PROVINCE, "code_postal": CODE_POSTAL,
              "superficie_km2": round(t.limite.area / 1e6, 2),
              "avertissement": "Commune fictive créée pour la formation"}, t.limite)]


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
        x, y = _L72_depuis_wgs84(float(l[lon]), float(l[lat]))
        entites.append(({c: l[c] for c in champs}, Point(round(x, 1), round(y, 1))))
    return entites


def geopackage(couches: dict[str, list[tuple[dict, object]]], dossier: Path) -> bytes:
    """All layers in one GeoPackage (EPSG:31370), written byte-for-byte reproducibly."""
    import geopandas as gpd

    chemin = dossier / "vireloux.gpkg"
    if chemin.exists():
        chemin.unlink()
    ancien = os.environ.get("OGR_CURRENT_DATE")
    os.environ["OGR_CURRENT_DATE"] = "2025-01-15T09:00:00.000Z"
    try:
        for nom, entites in couches.items():
            cadre = gpd.GeoDataFrame([p for p, _ in entites], geometry=[g for _, g in entites], crs="EPSG:31370")
            cadre.to_file(chemin, layer=nom, driver="GPKG", engine="pyogrio")
    finally:
        if ancien is None:
            del os.environ["OGR_CURRENT_DATE"]
        else:
            os.environ["OGR_CURRENT_DATE"] = ancien
    # GDAL stamps gpkg_contents.last_change with OGR_CURRENT_DATE; nothing else in the file depends on the
    # time. The file is written by the SQLite bundled with pyogrio's GDAL (pinned), never by Python's sqlite3,
    # whose version (stored in the file header) varies from one machine to another.
    return chemin.read_bytes()


# --------------------------------------------------------------------------------------------
# Recorded answers of the portals and the geoportal (vcrpy cassettes). All the content is
# invented: it is Vireloux's data, shaped exactly as each real API answers.
# --------------------------------------------------------------------------------------------

@dataclass
class Reponse:
    service: str  # cassette file name, without .yaml
    url: str
    description: str  # one line, French, for data/README.md
    corps: object  # str, bytes or a JSON-able object
    type_contenu: str = "application/json; charset=utf-8"
    statut: int = 200

    def octets(self) -> bytes | str:
        if isinstance(self.corps, (bytes, str)):
            return self.corps
        return json.dumps(self.corps, ensure_ascii=False)


MESSAGES_HTTP = {200: "OK", 400: "Bad Request", 404: "Not Found", 409: "Conflict"}


def _adresse(base: str, parametres: list[tuple[str, object]] | None = None) -> str:
    """The URL requests builds for ``requests.get(base, params=dict(parametres))``."""
    from urllib.parse import urlencode

    if not parametres:
        return base
    return base + "?" + urlencode([(k, str(v)) for k, v in parametres])


def cassettes(reponses: list[Reponse]) -> dict[str, str]:
    """{service: YAML text} in vcrpy's cassette format (version 1)."""
    import yaml

    par_service: dict[str, list[dict]] = {}
    for r in reponses:
        corps = r.octets()
        par_service.setdefault(r.service, []).append({
            "request": {"method": "GET", "uri": r.url, "body": None, "headers": {}},
            "response": {
                "status": {"code": r.statut, "message": MESSAGES_HTTP[r.statut]},
                "headers": {"Content-Type": [r.type_contenu]},
                "body": {"string": corps},
            },
        })
    return {
        service: yaml.safe_dump({"version": 1, "interactions": interactions}, sort_keys=True, allow_unicode=True)
        for service, interactions in par_service.items()
    }


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


def _uid(texte: str, longueur: int = 6) -> str:
    import hashlib

    return hashlib.sha256(f"{SEED}:{texte}".encode()).hexdigest()[:longueur]


def _uuid(texte: str) -> str:
    h = _uid(texte, 32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


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


def _cherche(jeu: JeuPublie, mot: str) -> bool:
    texte = " ".join([jeu.titre, jeu.description, " ".join(jeu.mots_cles), " ".join(jeu.themes)])
    return _cle_tri(mot) in _cle_tri(texte)


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
        reponses.append(Reponse("odwb", _adresse(catalogue, parametres), description,
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
                "odwb", _adresse(f"{catalogue}/{identifiant}/records", [("limit", taille), ("offset", debut)]),
                f"Enregistrements de {identifiant}, page {debut // taille + 1} (limit={taille}, offset={debut})",
                {"total_count": len(jeu.lignes), "results": [_enregistrement_ods(jeu, l) for l in page]}))
    base = f"{catalogue}/vireloux-equipements-collectifs/records"
    ecoles = [l for l in equipements.lignes if l["type"] == "Enseignement"]
    reponses.append(Reponse(
        "odwb", _adresse(base, [("select", "name, zone_address, schedule"), ("where", 'type = "Enseignement"'),
                                ("limit", 20)]),
        "Équipements filtrés (where) et colonnes choisies (select) : les établissements d'enseignement",
        {"total_count": len(ecoles), "results": [{"name": l["name"], "zone_address": l["zone_address"],
                                                  "schedule": l["schedule"]} for l in ecoles]}))
    comptes: dict[str, int] = {}
    for l in equipements.lignes:
        comptes[l["zone_address"]] = comptes.get(l["zone_address"], 0) + 1
    reponses.append(Reponse(
        "odwb", _adresse(base, [("select", "zone_address, count(*) as nombre"), ("group_by", "zone_address"),
                                ("order_by", "nombre desc")]),
        "Nombre d'équipements par quartier (select + group_by + order_by)",
        {"results": [{"zone_address": k, "nombre": v}
                     for k, v in sorted(comptes.items(), key=lambda kv: (-kv[1], kv[0]))]}))
    reponses.append(Reponse(
        "odwb", _adresse(base, [("where", "zone_address = Centre")]),
        "Erreur 400 : valeur texte sans guillemets dans where (ODSQLError)",
        {"error_code": "ODSQLError", "message": "ODSQL query is malformed: Unknown field: Centre"}, statut=400))
    reponses.append(Reponse(
        "odwb", _adresse(base, [("where", 'zone_address = "Centre-Ville"')]),
        "Filtre qui ne trouve rien : réponse 200 avec total_count = 0",
        {"total_count": 0, "results": []}))
    reponses.append(Reponse(
        "odwb", _adresse(base, [("limit", 200)]),
        "Erreur 400 : limit au-delà de 100 (utilisez offset ou un export)",
        {"error_code": "InvalidRESTParameterError",
         "message": "Invalid value for limit API parameter: 200 was found but -1 <= limit <= 100 is expected."},
        statut=400))
    population = par_id["vireloux-population-quartiers"]
    totaux: dict[int, int] = {}
    for l in population.lignes:
        totaux[l["annee"]] = totaux.get(l["annee"], 0) + l["population"]
    reponses.append(Reponse(
        "odwb", _adresse(f"{catalogue}/vireloux-population-quartiers/records",
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
        "odwb", _adresse(ODWB + "catalog/facets", [("where", 'search("vireloux")')]),
        "Facettes du catalogue (thèmes, mots-clés, producteurs, licences) pour la recherche « vireloux »",
        {"links": [{"rel": "self", "href": _adresse(ODWB + "catalog/facets", [("where", 'search("vireloux")')])}],
         "facets": facettes}))
    return reponses


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

    return re.sub(r"[^a-z0-9]+", "-", _cle_tri(jeu.titre)).strip("-")


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
        "tags": sorted({_cle_tri(m).replace(" ", "-") for m in jeu.mots_cles}),
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
        suivant = _adresse(base, [("q", "vireloux"), ("page", page + 1), ("page_size", taille)]) if page < pages else None
        precedent = _adresse(base, [("q", "vireloux"), ("page", page - 1), ("page_size", taille)]) if page > 1 else None
        morceau = publies[(page - 1) * taille:page * taille]
        reponses.append(Reponse(
            "datagouv", _adresse(base, [("q", "vireloux"), ("page", page), ("page_size", taille)]),
            f"data.gouv.fr : recherche « vireloux », page {page} sur {pages} (page_size={taille})",
            {"data": [_dataset_udata(j, fichiers_propres[f"propres/{j.nom}.csv"]) for j in morceau],
             "page": page, "page_size": taille, "total": len(publies), "next_page": suivant,
             "previous_page": precedent}))
    reponses.append(Reponse(
        "datagouv", _adresse(base, [("q", "zzvireloux"), ("page", 1), ("page_size", taille)]),
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
            _adresse(CKAN + "package_search", [("q", "vireloux"), ("rows", lignes_par_page), ("start", debut)]),
            f"CKAN (portail de Recife) : package_search « vireloux », lignes {debut + 1} à "
            f"{min(debut + lignes_par_page, len(publies))} sur {len(publies)}",
            {"help": f"{CKAN}help_show?name=package_search", "success": True,
             "result": {"count": len(publies), "facets": {}, "sort": "score desc, metadata_modified desc",
                        "results": [_paquet_ckan(j) for j in publies[debut:debut + lignes_par_page]],
                        "search_facets": {}}}))
    arbres = next(j for j in jeux if j.nom == "arbres-remarquables")
    paquet = _paquet_ckan(arbres)
    reponses.append(Reponse(
        "ckan-recife", _adresse(CKAN + "package_show", [("id", arbres.identifiant)]),
        "CKAN : package_show du jeu des arbres remarquables (métadonnées et ressources)",
        {"help": f"{CKAN}help_show?name=package_show", "success": True, "result": paquet}))
    reponses.append(Reponse(
        "ckan-recife", paquet["resources"][0]["url"], "CKAN : le fichier CSV des arbres remarquables (ressource)",
        fichiers_propres["propres/arbres-remarquables.csv"].decode("utf-8"), "text/csv"))
    reponses.append(Reponse(
        "ckan-recife", _adresse(CKAN + "package_show", [("id", "vireloux-inexistant")]),
        "CKAN : erreur 404, jeu inconnu (success: false)",
        {"help": f"{CKAN}help_show?name=package_show", "success": False,
         "error": {"message": "Not found", "__type": "Not Found Error"}}, statut=404))
    reponses.append(Reponse(
        "ckan-recife", _adresse(CKAN + "package_search", [("q", "vireloux"), ("rows", "dix")]),
        "CKAN : erreur 409, paramètre rows qui n'est pas un nombre (success: false)",
        {"help": f"{CKAN}help_show?name=package_search", "success": False,
         "error": {"__type": "Validation Error", "rows": ["Invalid integer"]}}, statut=409))
    return reponses


WMS = "https://geoservices.wallonie.be/arcgis/services/FORMATION/VIRELOUX/MapServer/WMSServer"
WFS = "https://geoservices.wallonie.be/arcgis/services/WFS/VIRELOUX/MapServer/WFSServer"
COUCHES_OGC = [
    # WMS name, WFS type name, title, abstract
    ("0", "VIRELOUX:Limite_communale", "Limite communale", "Limite de la commune fictive de Vireloux."),
    ("1", "VIRELOUX:Quartiers", "Quartiers", "Les huit quartiers de Vireloux, avec leur population."),
    ("2", "VIRELOUX:Zones_inondables", "Zones inondables",
     "Zones d'aléa d'inondation par débordement de la Viroule (élevé, moyen, faible)."),
    ("3", "VIRELOUX:Rues", "Rues", "Axes des rues principales et locales."),
]
TAILLE_CARTE = 600


def emprise_carte(t: Territoire) -> tuple[int, int, int, int]:
    xmin, ymin, xmax, ymax = t.limite.bounds
    return (int(math.floor(xmin / 500) * 500), int(math.floor(ymin / 500) * 500),
            int(math.ceil(xmax / 500) * 500), int(math.ceil(ymax / 500) * 500))


def taille_carte(t: Territoire) -> tuple[int, int]:
    xmin, ymin, xmax, ymax = emprise_carte(t)
    return TAILLE_CARTE, int(round(TAILLE_CARTE * (ymax - ymin) / (xmax - xmin)))


def _emprise_wgs84(t: Territoire) -> tuple[float, float, float, float]:
    g = _geom_wgs84(t.limite)
    xmin, ymin, xmax, ymax = g.bounds
    return (math.floor(xmin * 1000) / 1000, math.floor(ymin * 1000) / 1000,
            math.ceil(xmax * 1000) / 1000, math.ceil(ymax * 1000) / 1000)


def capacites_wms(t: Territoire) -> str:
    from xml.sax.saxutils import escape

    xmin, ymin, xmax, ymax = emprise_carte(t)
    lo1, la1, lo2, la2 = _emprise_wgs84(t)
    couches = "".join(f"""
      <Layer queryable="1">
        <Name>{nom}</Name>
        <Title>{escape(titre)}</Title>
        <Abstract>{escape(resume)}</Abstract>
        <CRS>EPSG:31370</CRS>
        <CRS>EPSG:3857</CRS>
        <CRS>EPSG:4326</CRS>
        <EX_GeographicBoundingBox>
          <westBoundLongitude>{lo1}</westBoundLongitude><eastBoundLongitude>{lo2}</eastBoundLongitude>
          <southBoundLatitude>{la1}</southBoundLatitude><northBoundLatitude>{la2}</northBoundLatitude>
        </EX_GeographicBoundingBox>
        <BoundingBox CRS="EPSG:31370" minx="{xmin}" miny="{ymin}" maxx="{xmax}" maxy="{ymax}"/>
        <Style>
          <Name>default</Name>
          <Title>{nom}</Title>
        </Style>
      </Layer>""" for nom, _, titre, resume in COUCHES_OGC)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<WMS_Capabilities version="1.3.0" xmlns="http://www.opengis.net/wms" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.opengis.net/wms http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd">
  <Service>
    <Name>WMS</Name>
    <Title>Vireloux – données de formation (service fictif)</Title>
    <Abstract>Service de visualisation WMS des couches de la commune fictive de Vireloux, créé pour une formation aux données ouvertes. Réponse enregistrée : ce service n'existe pas sur le Géoportail de la Wallonie.</Abstract>
    <KeywordList><Keyword>Vireloux</Keyword><Keyword>formation</Keyword><Keyword>quartiers</Keyword><Keyword>inondation</Keyword></KeywordList>
    <OnlineResource xlink:type="simple" xlink:href="{WMS}"/>
    <ContactInformation>
      <ContactPersonPrimary><ContactPerson></ContactPerson><ContactOrganization>Commune de Vireloux (fictive)</ContactOrganization></ContactPersonPrimary>
    </ContactInformation>
    <Fees>none</Fees>
    <AccessConstraints>Données fictives, licence CC BY 4.0</AccessConstraints>
    <MaxWidth>4096</MaxWidth>
    <MaxHeight>4096</MaxHeight>
  </Service>
  <Capability>
    <Request>
      <GetCapabilities>
        <Format>application/vnd.ogc.wms_xml</Format>
        <Format>text/xml</Format>
        <DCPType><HTTP><Get><OnlineResource xlink:type="simple" xlink:href="{WMS}"/></Get></HTTP></DCPType>
      </GetCapabilities>
      <GetMap>
        <Format>image/png</Format>
        <Format>image/jpeg</Format>
        <DCPType><HTTP><Get><OnlineResource xlink:type="simple" xlink:href="{WMS}"/></Get></HTTP></DCPType>
      </GetMap>
      <GetFeatureInfo>
        <Format>text/xml</Format>
        <Format>text/html</Format>
        <DCPType><HTTP><Get><OnlineResource xlink:type="simple" xlink:href="{WMS}"/></Get></HTTP></DCPType>
      </GetFeatureInfo>
    </Request>
    <Exception>
      <Format>XML</Format>
      <Format>INIMAGE</Format>
      <Format>BLANK</Format>
    </Exception>
    <Layer>
      <Title>Vireloux</Title>
      <CRS>EPSG:31370</CRS>
      <CRS>EPSG:3857</CRS>
      <CRS>EPSG:4326</CRS>
      <EX_GeographicBoundingBox>
        <westBoundLongitude>{lo1}</westBoundLongitude><eastBoundLongitude>{lo2}</eastBoundLongitude>
        <southBoundLatitude>{la1}</southBoundLatitude><northBoundLatitude>{la2}</northBoundLatitude>
      </EX_GeographicBoundingBox>
      <BoundingBox CRS="EPSG:31370" minx="{xmin}" miny="{ymin}" maxx="{xmax}" maxy="{ymax}"/>{couches}
    </Layer>
  </Capability>
</WMS_Capabilities>
"""


def capacites_wfs(t: Territoire) -> str:
    from xml.sax.saxutils import escape

    lo1, la1, lo2, la2 = _emprise_wgs84(t)
    types = "".join(f"""
    <FeatureType>
      <Name>{nom}</Name>
      <Title>{escape(titre)}</Title>
      <Abstract>{escape(resume)}</Abstract>
      <DefaultCRS>urn:ogc:def:crs:EPSG::31370</DefaultCRS>
      <OtherCRS>urn:ogc:def:crs:EPSG::4326</OtherCRS>
      <OtherCRS>urn:ogc:def:crs:EPSG::3857</OtherCRS>
      <OutputFormats>
        <Format>application/gml+xml; version=3.2</Format>
        <Format>application/json</Format>
      </OutputFormats>
      <ows:WGS84BoundingBox>
        <ows:LowerCorner>{lo1} {la1}</ows:LowerCorner>
        <ows:UpperCorner>{lo2} {la2}</ows:UpperCorner>
      </ows:WGS84BoundingBox>
    </FeatureType>""" for _, nom, titre, resume in COUCHES_OGC)
    operations = "".join(f"""
    <ows:Operation name="{op}">
      <ows:DCP><ows:HTTP><ows:Get xlink:href="{WFS}"/><ows:Post xlink:href="{WFS}"/></ows:HTTP></ows:DCP>{extra}
    </ows:Operation>""" for op, extra in (
        ("GetCapabilities", """
      <ows:Parameter name="AcceptVersions"><ows:AllowedValues><ows:Value>2.0.0</ows:Value><ows:Value>1.1.0</ows:Value></ows:AllowedValues></ows:Parameter>"""),
        ("DescribeFeatureType", ""),
        ("GetFeature", """
      <ows:Parameter name="outputFormat"><ows:AllowedValues><ows:Value>application/gml+xml; version=3.2</ows:Value><ows:Value>application/json</ows:Value></ows:AllowedValues></ows:Parameter>"""),
        ("ListStoredQueries", ""), ("DescribeStoredQueries", ""), ("GetPropertyValue", "")))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<wfs:WFS_Capabilities version="2.0.0" xmlns="http://www.opengis.net/wfs/2.0" xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:VIRELOUX="{WFS}" xsi:schemaLocation="http://www.opengis.net/wfs/2.0 http://schemas.opengis.net/wfs/2.0/wfs.xsd">
  <ows:ServiceIdentification>
    <ows:Title>Vireloux – données de formation (service fictif)</ows:Title>
    <ows:Abstract>Service de téléchargement WFS des couches de la commune fictive de Vireloux. Réponse enregistrée : ce service n'existe pas sur le Géoportail de la Wallonie.</ows:Abstract>
    <ows:Keywords><ows:Keyword>Vireloux</ows:Keyword><ows:Keyword>formation</ows:Keyword></ows:Keywords>
    <ows:ServiceType codeSpace="OGC">WFS</ows:ServiceType>
    <ows:ServiceTypeVersion>2.0.0</ows:ServiceTypeVersion>
    <ows:Fees>none</ows:Fees>
    <ows:AccessConstraints>Données fictives, licence CC BY 4.0</ows:AccessConstraints>
  </ows:ServiceIdentification>
  <ows:ServiceProvider>
    <ows:ProviderName>Commune de Vireloux (fictive)</ows:ProviderName>
    <ows:ServiceContact><ows:IndividualName></ows:IndividualName></ows:ServiceContact>
  </ows:ServiceProvider>
  <ows:OperationsMetadata>{operations}
    <ows:Constraint name="ImplementsBasicWFS"><ows:NoValues/><ows:DefaultValue>TRUE</ows:DefaultValue></ows:Constraint>
    <ows:Constraint name="KVPEncoding"><ows:NoValues/><ows:DefaultValue>TRUE</ows:DefaultValue></ows:Constraint>
    <ows:Constraint name="CountDefault"><ows:NoValues/><ows:DefaultValue>3000</ows:DefaultValue></ows:Constraint>
  </ows:OperationsMetadata>
  <wfs:FeatureTypeList>{types}
  </wfs:FeatureTypeList>
  <fes:Filter_Capabilities>
    <fes:Conformance>
      <fes:Constraint name="ImplementsQuery"><ows:NoValues/><ows:DefaultValue>TRUE</ows:DefaultValue></fes:Constraint>
    </fes:Conformance>
  </fes:Filter_Capabilities>
</wfs:WFS_Capabilities>
"""


def carte_png(t: Territoire, population: list[dict]) -> bytes:
    """The WMS GetMap answer for the quartiers layer: a small, deterministic PNG drawn with Pillow."""
    from PIL import Image, ImageDraw

    xmin, ymin, xmax, ymax = emprise_carte(t)
    largeur, hauteur = taille_carte(t)
    image = Image.new("RGBA", (largeur, hauteur), (255, 255, 255, 0))
    dessin = ImageDraw.Draw(image)
    palette = [(141, 211, 199), (255, 255, 179), (190, 186, 218), (251, 128, 114), (128, 177, 211),
               (253, 180, 98), (179, 222, 105), (252, 205, 229)]

    def pixels(geom):
        return [((x - xmin) / (xmax - xmin) * largeur, (ymax - y) / (ymax - ymin) * hauteur)
                for x, y in geom.exterior.coords]

    for i, (code, q) in enumerate(t.quartiers.items()):
        polygones = [q["polygone"]] if q["polygone"].geom_type == "Polygon" else list(q["polygone"].geoms)
        for p in polygones:
            dessin.polygon(pixels(p), fill=palette[i] + (200,), outline=(60, 60, 60, 255))
    dessin.line(pixels(t.limite), fill=(0, 0, 0, 255), width=2)
    sortie = io.BytesIO()
    image.save(sortie, format="PNG", optimize=True)
    return sortie.getvalue()


def _gml_polygone(polygone, srs: str) -> str:
    def anneau(coords):
        return " ".join(f"{x:.1f} {y:.1f}" for x, y in coords)

    interieurs = "".join(f"<gml:interior><gml:LinearRing><gml:posList>{anneau(i.coords)}</gml:posList></gml:LinearRing></gml:interior>"
                         for i in polygone.interiors)
    return (f"<gml:Polygon srsName=\"{srs}\"><gml:exterior><gml:LinearRing><gml:posList>{anneau(polygone.exterior.coords)}"
            f"</gml:posList></gml:LinearRing></gml:exterior>{interieurs}</gml:Polygon>")


def getfeature_gml(nom_type: str, entites: list[tuple[dict, object]]) -> str:
    """A WFS 2.0 GetFeature answer in GML 3.2, coordinates in Lambert 72."""
    from xml.sax.saxutils import escape

    srs = "urn:ogc:def:crs:EPSG::31370"
    local = nom_type.split(":")[1]
    membres = []
    xs, ys = [], []
    for i, (proprietes, geom) in enumerate(entites, start=1):
        b = geom.bounds
        xs += [b[0], b[2]]
        ys += [b[1], b[3]]
        champs = "".join(f"<VIRELOUX:{k}>{escape(str(v))}</VIRELOUX:{k}>" for k, v in proprietes.items())
        polygones = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
        surface = "".join(f"<gml:surfaceMember>{_gml_polygone(p, srs)}</gml:surfaceMember>" for p in polygones)
        membres.append(f"""  <wfs:member>
    <VIRELOUX:{local} gml:id="{local}.{i}">
      <VIRELOUX:OBJECTID>{i}</VIRELOUX:OBJECTID>{champs}
      <VIRELOUX:SHAPE><gml:MultiSurface gml:id="{local}.{i}.geom" srsName="{srs}">{surface}</gml:MultiSurface></VIRELOUX:SHAPE>
    </VIRELOUX:{local}>
  </wfs:member>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:VIRELOUX="{WFS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.opengis.net/wfs/2.0 http://schemas.opengis.net/wfs/2.0/wfs.xsd http://www.opengis.net/gml/3.2 http://schemas.opengis.net/gml/3.2.1/gml.xsd" timeStamp="2025-01-15T09:00:00Z" numberMatched="{len(entites)}" numberReturned="{len(entites)}">
  <wfs:boundedBy><gml:Envelope srsName="{srs}"><gml:lowerCorner>{min(xs):.1f} {min(ys):.1f}</gml:lowerCorner><gml:upperCorner>{max(xs):.1f} {max(ys):.1f}</gml:upperCorner></gml:Envelope></wfs:boundedBy>
{chr(10).join(membres)}
</wfs:FeatureCollection>
"""


def getfeature_geojson(entites: list[tuple[dict, object]], epsg: int) -> dict:
    """A WFS GetFeature answer in GeoJSON; in Lambert 72 it names its CRS (a non-standard but common member)."""
    collection = {"type": "FeatureCollection"}
    if epsg != 4326:
        collection["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{epsg}"}}
    entites_json = []
    for i, (proprietes, geom) in enumerate(entites, start=1):
        g = geom if epsg == 31370 else _geom_wgs84(geom)
        entites_json.append({"type": "Feature", "id": i, "geometry": _coords_json(g),
                             "properties": {"OBJECTID": i, **proprietes}})
    collection["features"] = entites_json
    return collection


def reponses_geoportail(t: Territoire, quartiers: list, zones: list, population: list[dict]) -> list[Reponse]:
    reponses = [
        Reponse("geoportail-wallonie", _adresse(WMS, [("service", "WMS"), ("request", "GetCapabilities"),
                                                       ("version", "1.3.0")]),
                "WMS 1.3.0 GetCapabilities du service (fictif) VIRELOUX : couches 0 à 3",
                capacites_wms(t), "text/xml; charset=utf-8"),
        Reponse("geoportail-wallonie", _adresse(WFS, [("service", "WFS"), ("request", "GetCapabilities"),
                                                       ("version", "2.0.0")]),
                "WFS 2.0.0 GetCapabilities du service (fictif) VIRELOUX : 4 types d'objets",
                capacites_wfs(t), "text/xml; charset=utf-8"),
    ]
    xmin, ymin, xmax, ymax = emprise_carte(t)
    largeur, hauteur = taille_carte(t)
    carte = [("service", "WMS"), ("version", "1.3.0"), ("request", "GetMap"), ("layers", "1"), ("styles", ""),
             ("width", largeur), ("height", hauteur), ("crs", "EPSG:31370"), ("bbox", f"{xmin},{ymin},{xmax},{ymax}"),
             ("format", "image/png"), ("transparent", "TRUE"), ("exceptions", "XML"), ("bgcolor", "0xFFFFFF")]
    reponses.append(Reponse("geoportail-wallonie", _adresse(WMS, carte),
                            f"WMS GetMap : image PNG {largeur}×{hauteur} des quartiers (couche 1) en Lambert 72",
                            carte_png(t, population), "image/png"))
    erreur = [(k, "99" if k == "layers" else v) for k, v in carte]
    reponses.append(Reponse(
        "geoportail-wallonie", _adresse(WMS, erreur), "WMS GetMap d'une couche inexistante : exception OGC (XML)",
        '<?xml version="1.0" encoding="UTF-8"?>\n<ServiceExceptionReport version="1.3.0" '
        'xmlns="http://www.opengis.net/ogc" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.opengis.net/ogc http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd">\n'
        '  <ServiceException code="LayerNotDefined">Parameter \'layers\' contains unacceptable layer names.</ServiceException>\n'
        '</ServiceExceptionReport>\n', "text/xml; charset=utf-8"))
    base = [("service", "WFS"), ("version", "2.0.0"), ("request", "GetFeature")]
    reponses.append(Reponse(
        "geoportail-wallonie", _adresse(WFS, base + [("typenames", "VIRELOUX:Quartiers"), ("outputFormat", "application/json")]),
        "WFS GetFeature des quartiers en GeoJSON (coordonnées Lambert 72, CRS indiqué dans le membre crs)",
        getfeature_geojson(quartiers, 31370), "application/json; charset=utf-8"))
    reponses.append(Reponse(
        "geoportail-wallonie", _adresse(WFS, base + [("typenames", "VIRELOUX:Quartiers")]),
        "WFS GetFeature des quartiers au format par défaut, GML 3.2 (Lambert 72)",
        getfeature_gml("VIRELOUX:Quartiers", quartiers), "application/gml+xml; version=3.2; charset=utf-8"))
    reponses.append(Reponse(
        "geoportail-wallonie", _adresse(WFS, base + [("typenames", "VIRELOUX:Zones_inondables"),
                                                     ("srsname", "urn:ogc:def:crs:EPSG::4326"),
                                                     ("outputFormat", "application/json")]),
        "WFS GetFeature des zones inondables en GeoJSON, reprojetées en WGS 84 (srsname)",
        getfeature_geojson(zones, 4326), "application/json; charset=utf-8"))
    return reponses


# --------------------------------------------------------------------------------------------
# The catalogue of clean data sets: what datapackage.json and data/README.md say about each
# --------------------------------------------------------------------------------------------

@dataclass
class Jeu:
    nom: str
    titre: str
    description: str
    schema: dict
    lignes: list
    modules: list
    themes: list
    mots_cles: list
    famille: str  # family of the standard followed: futurocite, scdl or propre (checked against the schema)
    modifie: str = "2025-01-15"


def _standard_texte(schema: dict) -> str:
    if "sources" in schema:
        s = schema["sources"][0]
        return f"[{s['title']}]({s['path']})"
    return "schéma propre à la formation"


def catalogue(t: Territoire) -> dict:
    """Every data set, built once: {"jeux": [Jeu], "geo": {...}, "bruts": {...}}."""
    population = population_quartiers(t)
    equipements = equipements_collectifs(t)
    delibs = deliberations(t)
    projets, votes = budget_participatif(t)
    jeux = [
        Jeu("population-quartiers", "Population par quartier, tranche d'âge et année (2015-2025)",
            "Nombre d'habitants au 1er janvier de chaque année par quartier et tranche d'âge, au format long.",
            schema_population(), population, ["00-prise-en-main", "03-fichiers", "06-dataviz", "07-pilotage"],
            ["Population"], ["population", "démographie", "quartiers", "âge"], "propre"),
        Jeu("equipements-collectifs", "Équipements collectifs et horaires d'ouverture",
            "Bâtiments et équipements publics (administration, écoles, crèches, salles, sport, culture, toilettes "
            "publiques, boîtes à livres…) avec adresse, coordonnées, accessibilité et horaires.",
            schema_equipements(), equipements,
            ["00-prise-en-main", "01-open-data", "02-portails", "03-fichiers", "04-publier", "05-geoportail"],
            ["Administration", "Culture, sport et loisirs"], ["équipements", "services publics", "horaires", "écoles"],
            "futurocite"),
        Jeu("stationnements-velos", "Stationnements vélos",
            "Arceaux, racks et box à vélos sur le domaine public, avec le nombre de places.",
            schema_stationnements_velos(), stationnements_velos(t, equipements),
            ["02-portails", "05-geoportail", "06-dataviz"], ["Mobilité"], ["vélo", "mobilité douce", "stationnement"],
            "futurocite"),
        Jeu("arrets-bus", "Arrêts de bus", "Arrêts desservis par les lignes de bus (lignes fictives), avec abri et "
            "accessibilité.", schema_arrets_bus(), arrets_bus(t), ["05-geoportail", "06-dataviz"], ["Mobilité"],
            ["bus", "transport en commun", "mobilité"], "propre"),
        Jeu("sites-comptage", "Sites de comptage du trafic", "Emplacement et type des capteurs de comptage.",
            schema_sites_comptage(), sites_comptage(t), ["06-dataviz"], ["Mobilité"],
            ["comptage", "trafic", "vélo", "mobilité"], "propre"),
        Jeu("comptages-trafic", "Comptages journaliers du trafic (2024)",
            "Véhicules légers, poids lourds et vélos comptés chaque jour de 2024 sur six sites.",
            schema_comptages_trafic(), comptages_trafic(t), ["06-dataviz", "07-pilotage"], ["Mobilité"],
            ["comptage", "trafic", "vélo", "mobilité"], "propre"),
        Jeu("accidents", "Accidents de la route avec blessés (2019-2024)",
            "Accidents corporels de la circulation : date, lieu, gravité, usagers impliqués, conditions.",
            schema_accidents(), accidents(t), ["03-fichiers", "05-geoportail", "06-dataviz"], ["Mobilité"],
            ["sécurité routière", "accidents", "mobilité"], "propre"),
        Jeu("arbres-remarquables", "Arbres remarquables",
            "Arbres remarquables du territoire : espèce, dimensions, localisation, classement régional.",
            schema_arbres(), arbres_remarquables(t), ["02-portails", "05-geoportail"], ["Environnement"],
            ["arbres", "patrimoine naturel", "biodiversité", "îlots de chaleur"], "futurocite"),
        Jeu("qualite-air", "Qualité de l'air : moyennes journalières (2024)",
            "NO2, PM10 et PM2.5 mesurés chaque jour de 2024 à deux stations.", schema_qualite_air(), qualite_air(t),
            ["06-dataviz"], ["Environnement"], ["qualité de l'air", "pollution", "particules fines"], "propre"),
        Jeu("aires-de-jeux", "Aires de jeux et de loisirs",
            "Plaines de jeux, skatepark, parcours santé, aires de pique-nique : âges, équipements, horaires.",
            schema_aires(), aires_de_jeux(t), ["04-publier", "05-geoportail"], ["Culture, sport et loisirs"],
            ["aires de jeux", "loisirs", "enfants"], "futurocite"),
        Jeu("defibrillateurs", "Défibrillateurs (DEA)", "Défibrillateurs accessibles au public et leurs horaires.",
            schema_defibrillateurs(), defibrillateurs(t, equipements), ["04-publier", "05-geoportail"], ["Santé"],
            ["santé", "défibrillateurs", "secours"], "futurocite"),
        Jeu("budget-participatif-projets", "Budget participatif 2024 : projets",
            "Projets citoyens soumis au vote, coût, résultat et nombre de voix.",
            schema_budget_participatif_projets(), projets, ["06-dataviz", "07-pilotage"], ["Citoyenneté"],
            ["budget participatif", "participation citoyenne", "projets"], "propre"),
        Jeu("budget-participatif-votes", "Budget participatif 2024 : votes",
            "Votes anonymes (quartier et tranche d'âge du votant, canal, projets choisis).",
            schema_budget_participatif_votes(), votes, ["06-dataviz", "07-pilotage"], ["Citoyenneté"],
            ["budget participatif", "participation citoyenne", "vote"], "propre"),
        Jeu("subventions", "Subventions accordées en 2024",
            "Subsides aux associations et primes aux particuliers (anonymisées) octroyés en 2024.",
            schema_subventions(), subventions(t, delibs), ["01-open-data", "02-portails", "03-fichiers", "04-publier"],
            ["Administration"], ["subventions", "associations", "finances"], "scdl"),
        Jeu("deliberations", "Délibérations du conseil communal (2023-2024)",
            "Objet, matière et votes de chaque point adopté en séance publique.", schema_deliberations(), delibs,
            ["03-fichiers", "04-publier", "07-pilotage"], ["Administration"],
            ["conseil communal", "délibérations", "transparence"], "scdl"),
        Jeu("budget-2025", "Budget initial 2025 par fonction",
            "Crédits de dépenses et de recettes 2025 (et 2024) par fonction, services ordinaire et extraordinaire.",
            schema_budget(), budget(t), ["03-fichiers", "06-dataviz", "07-pilotage"], ["Administration"],
            ["budget", "finances communales"], "scdl"),
        Jeu("evenements", "Agenda des événements 2025", "Fêtes, marchés, activités culturelles, sportives et "
            "citoyennes de 2025, avec lieu et public visé.", schema_evenements(),
            evenements(t, equipements, seances_2025()), ["00-prise-en-main", "06-dataviz"],
            ["Culture, sport et loisirs"], ["agenda", "événements", "fêtes", "culture"], "propre"),
        Jeu("travaux-voiries", "Travaux de voirie (2023-2025)",
            "Chantiers sur les voiries : type, statut, dates, tronçon concerné, budget.", schema_travaux(),
            travaux_voiries(t), ["05-geoportail", "07-pilotage"], ["Mobilité"], ["travaux", "voirie", "chantiers"],
            "futurocite"),
    ]
    for jeu in jeux:
        cite = " ".join(s["title"] for s in jeu.schema.get("sources", []))
        attendu = {"futurocite": "FuturoCité", "scdl": "SCDL", "propre": ""}[jeu.famille]
        assert (attendu in cite) if attendu else not cite, f"{jeu.nom}: the schema does not cite its standard"
    return {"jeux": jeux, "population": population, "equipements": equipements, "deliberations": delibs}


def _csv_du_jeu(jeu: Jeu) -> bytes:
    colonnes = [c["name"] for c in jeu.schema["fields"]]
    return _utf8(csv_texte(colonnes, jeu.lignes))


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


# --------------------------------------------------------------------------------------------
# data/README.md, generated so that its tables never drift from the data
# --------------------------------------------------------------------------------------------

def _md(texte) -> str:
    return str(texte).replace("|", "\\|").replace("\n", " ")


def _nombre_lisible(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def readme(t: Territoire, jeux: list[Jeu], defauts: dict, reponses: list[Reponse], fichiers_: dict) -> str:
    population_2025 = sum(l["population"] for l in jeux[0].lignes if l["annee"] == 2025)
    lon, lat = _wgs84(*CENTRE_L72)
    l = []
    a = l.append
    a("# Données d'exemple : Vireloux, commune fictive")
    a("")
    a("> **Vireloux n'existe pas.** C'est une commune wallonne inventée pour la formation « Données ouvertes "
      "locales ». Son nom, son code INS (**92999**) et son code postal (**5099**) ont été choisis exprès pour ne "
      "correspondre à aucune entité administrative réelle. Toutes les données de ce dossier sont fictives, "
      "y compris les réponses enregistrées des portails et du géoportail. Le contour de la commune est dessiné au "
      "sud de Namur, sur un territoire qui appartient en réalité à d'autres communes : ne le superposez pas à des "
      "données officielles en espérant qu'elles correspondent.")
    a("")
    a("Ce fichier est produit par `scripts/generate_data.py` avec les données : ne le modifiez pas à la main, "
      "modifiez le générateur puis lancez `make data`.")
    a("")
    a("## La commune")
    a("")
    a(f"- Province de {PROVINCE}, code INS fictif `{INS}`, code postal fictif `{CODE_POSTAL}`.")
    a(f"- Superficie : {t.limite.area / 1e6:.1f} km² ; population au 1er janvier 2025 : "
      f"{_nombre_lisible(population_2025)} habitants.")
    a(f"- Centre : x ≈ {CENTRE_L72[0]:.0f} m, y ≈ {CENTRE_L72[1]:.0f} m en Lambert belge 1972 (EPSG:31370), soit "
      f"longitude {lon:.3f}, latitude {lat:.3f} en WGS 84 (EPSG:4326).")
    a(f"- Une rivière, {RIVIERE}, traverse la commune d'ouest en est ; {len(t.rues)} rues nommées ; "
      f"{_nombre_lisible(len(t.adresses))} points d'adresse.")
    a("")
    a("| code | quartier | superficie (km²) | population 2025 |")
    a("| --- | --- | ---: | ---: |")
    for code, q in t.quartiers.items():
        pop = sum(x["population"] for x in jeux[0].lignes if x["annee"] == 2025 and x["code_quartier"] == code)
        a(f"| {code} | {q['nom']} | {q['polygone'].area / 1e6:.2f} | {_nombre_lisible(pop)} |")
    a("")
    a("## Organisation du dossier")
    a("")
    a("| dossier | contenu |")
    a("| --- | --- |")
    a("| `propres/` | les jeux de données « propres » : CSV en UTF-8, séparateur virgule, dates AAAA-MM-JJ, point décimal |")
    a("| `schemas/` | un schéma Table Schema (Frictionless) par fichier propre |")
    a("| `datapackage.json` | la description de toutes les ressources propres (titre, licence, source, schéma) |")
    a("| `brutes/` | des fichiers « bruts », tels qu'un service les a réellement, avec les défauts à corriger |")
    a("| `geo/` | les couches géographiques : GeoJSON en WGS 84 et un GeoPackage en Lambert 72 |")
    a("| `enregistrements/` | les réponses enregistrées des portails et du géoportail (cassettes vcrpy) |")
    a("")
    a("Dans un notebook, le chemin d'un fichier s'obtient avec `atelier.donnees(\"propres/equipements-collectifs.csv\")`.")
    a("")
    a("## Licence et sources")
    a("")
    a("Toutes les données sont publiées sous licence [Creative Commons Attribution 4.0](https://creativecommons.org/licenses/by/4.0/) "
      "(CC BY 4.0). Source de chaque ressource : « Données fictives générées pour la formation ». Les schémas suivent, "
      "quand il en existe un, un standard publié : d'abord les standards wallons publiés par FuturoCité avec Datactivist "
      "pour l'ODWB (licence CC-BY 2.0 BE), ensuite les schémas SCDL d'OpenDataFrance. Le standard suivi est indiqué "
      "pour chaque jeu ci-dessous et dans la propriété `sources` de son schéma ; les adaptations sont décrites dans la "
      "description du schéma.")
    a("")
    a("`frictionless validate data/datapackage.json` valide tous les fichiers propres contre leurs schémas.")
    a("")
    a("## Jeux de données propres")
    a("")
    a("| fichier | lignes | standard suivi | modules |")
    a("| --- | ---: | --- | --- |")
    bruts_par_propre = {propre: brut for brut, (propre, _) in defauts.items()}
    for j in jeux:
        a(f"| [`propres/{j.nom}.csv`](#{j.nom}) | {len(j.lignes)} | {_standard_texte(j.schema)} | {', '.join(j.modules)} |")
    for j in jeux:
        a("")
        a(f"### {j.nom}")
        a("")
        a(f"**{j.titre}** — `propres/{j.nom}.csv`, schéma `schemas/{j.nom}.schema.json`.")
        a("")
        a(j.description)
        a("")
        a(f"- Lignes : {len(j.lignes)}.")
        a(f"- Standard suivi : {_standard_texte(j.schema)}.")
        a("- Licence : CC BY 4.0 ; source : données fictives générées pour la formation.")
        a(f"- Modules qui l'utilisent : {', '.join(j.modules)}.")
        if f"propres/{j.nom}.csv" in bruts_par_propre:
            brut = bruts_par_propre[f"propres/{j.nom}.csv"]
            a(f"- Version brute : [`{brut}`](#{brut.split('/')[1].replace('.', '-')}) (défauts listés plus bas).")
        if "primaryKey" in j.schema:
            a(f"- Clé primaire : {', '.join(j.schema['primaryKey'])}.")
        for fk in j.schema.get("foreignKeys", []):
            a(f"- Clé étrangère : `{fk['fields']}` renvoie à `{fk['reference']['fields']}` de `{fk['reference']['resource']}`.")
        a("")
        a("| champ | type | description |")
        a("| --- | --- | --- |")
        for c in j.schema["fields"]:
            requis = " (obligatoire)" if c.get("constraints", {}).get("required") else ""
            a(f"| `{c['name']}` | {c['type']} | {_md(c['description'])}{requis} |")
    a("")
    a("## Couches géographiques")
    a("")
    a("Les fichiers GeoJSON sont en WGS 84 (EPSG:4326, longitude puis latitude, comme le veut la norme GeoJSON). "
      "Le GeoPackage `geo/vireloux.gpkg` contient les mêmes couches, et trois couches de points, en Lambert belge 1972 "
      "(EPSG:31370, coordonnées en mètres) : c'est le système des données wallonnes. Modules : 05-geoportail, 06-dataviz.")
    a("")
    a("| fichier | géométrie | entités | description |")
    a("| --- | --- | ---: | --- |")
    for fichier, (couche, titre, geometrie, description) in COUCHES_GEO.items():
        n = fichiers_[f"geo/{fichier}.geojson"].count(b'"type": "Feature"')
        a(f"| `geo/{fichier}.geojson` | {geometrie} | {n} | {description} |")
    a("")
    a("Couches du GeoPackage : " + ", ".join(f"`{c}`" for c, *_ in COUCHES_GEO.values())
      + ", `equipements_collectifs`, `arbres_remarquables`, `arrets_bus`.")
    a("")
    a("## Fichiers bruts et leurs défauts")
    a("")
    a("Les fichiers de `brutes/` sont les mêmes données que les fichiers propres, telles qu'un service communal les "
      "exporte vraiment. Chaque défaut est listé ici pour que les exercices puissent le viser ; les numéros de ligne "
      "sont ceux du fichier ouvert dans un éditeur de texte (ligne 1 = première ligne). Un test vérifie que chaque "
      "famille de défauts est bien présente : une modification du générateur ne peut pas en faire disparaître un "
      "en silence.")
    relations = {
        "brutes/subventions-2024.csv": "Mêmes subsides une fois retirés les lignes de titre, de section, de total, "
        "les lignes vides et les doublons ; le fichier brut les regroupe par domaine, la version propre les trie par "
        "date, anonymise les particuliers et ne garde pas les adresses.",
        "brutes/equipements-inventaire.csv": "Une ligne par équipement (mêmes équipements, même ordre, doublons retirés) ; "
        "le code 7 devient l'identifiant 92999-007, l'adresse est coupée en rue officielle et numéro, la catégorie devient "
        "le type du standard wallon, les coordonnées sont remises en WGS 84.",
        "brutes/accidents-2019-2024.csv": "Mêmes accidents, même ordre, mêmes identifiants (colonne Réf.) ; doublons "
        "retirés, dates, heures, rues et coordonnées normalisées. Les coordonnées reprojetées depuis Lambert 72 "
        "concordent à un mètre près avec la version propre.",
        "brutes/deliberations-2023-2024.csv": "Mêmes points, même ordre ; DELIB_ID = « CC- », la date de séance et le "
        "numéro du point sur deux chiffres (CC-2024-03-19-02).",
        "brutes/population-2015-2025.csv": "Mêmes effectifs : la version propre est le même tableau passé au format long "
        "(une ligne par année, quartier et tranche d'âge), sans les totaux.",
        "brutes/budget-2025.xlsx": "Mêmes montants : chaque cellule C à F d'une fonction devient une ligne de la version "
        "propre (BGT_CODRD = dépense/recette, BGT_MTBUDGPREC = 2024, BGT_MTPREV = 2025) ; les cellules vides n'y "
        "figurent pas.",
    }
    for brut, (propre, liste) in defauts.items():
        a("")
        a(f"### {brut.split('/')[1].replace('.', '-')}")
        a("")
        a(f"`{brut}` → version propre `{propre}`. {relations[brut]}")
        a("")
        a("| fichier | défaut | où exactement | ce que la version propre fait |")
        a("| --- | --- | --- | --- |")
        for d in liste:
            a(f"| `{brut.split('/')[1]}` | {_md(d['defaut'])} | {_md(d['ou'])} | {_md(d['correction'])} |")
    a("")
    a("## Réponses enregistrées")
    a("")
    a("Les leçons appellent les vraies adresses de l'ODWB (Opendatasoft, API Explore v2.1), de data.gouv.fr "
      "(API udata v1), d'un portail CKAN (celui de Recife, API action v3) et du Géoportail de la Wallonie "
      "(services OGC WMS 1.3.0 et WFS 2.0.0). Hors ligne, après `atelier.mode_hors_ligne()`, les réponses viennent des "
      "fichiers de `enregistrements/` (une cassette vcrpy par service), produits par le générateur. Le fichier "
      "`enregistrements/portails-module-02.yaml` ajoute les réponses des leçons et exercices du module 02 (recherches, "
      "pages, exports et erreurs) ; `scripts/recordings_portails.py` l'écrit à partir des fichiers du générateur, "
      "juste après lui dans `make data`.")
    a("")
    a("**Tout leur contenu est inventé** : ce sont les données de Vireloux, mises dans la forme exacte que renvoie "
      "chaque API réelle (noms des champs, pagination, erreurs). Aucun de ces jeux n'existe sur les vrais portails, "
      "et le service `VIRELOUX` n'existe pas sur geoservices.wallonie.be : ses adresses suivent la structure réelle "
      "des services ArcGIS du SPW (`/arcgis/services/<dossier>/<service>/MapServer/WMSServer`, et le dossier `WFS` "
      "pour les services WFS, comme `EAU/ALEA_INOND` ou `WFS/SIGEC_PARC_AGRI_ANON`). Les messages d'erreur des "
      "plateformes sont en anglais, comme ceux des vrais services.")
    a("")
    a("Une requête est retrouvée si la méthode, l'adresse et l'ensemble des paramètres sont les mêmes (l'ordre des "
      "paramètres ne compte pas). Toute autre requête lève `atelier.EnregistrementIntrouvable`, avec un message en "
      "français qui donne l'adresse demandée et les enregistrements proches.")
    a("")
    a("| service | statut | adresse | ce que c'est |")
    a("| --- | ---: | --- | --- |")
    for r in reponses:
        a(f"| {r.service} | {r.statut} | `{_md(r.url)}` | {_md(r.description)} |")
    xmin, ymin, xmax, ymax = emprise_carte(t)
    largeur, hauteur = taille_carte(t)
    a("")
    a("Les appels OWSLib qui correspondent exactement aux enregistrements du géoportail :")
    a("")
    a("```python")
    a("from owslib.wms import WebMapService")
    a("from owslib.wfs import WebFeatureService")
    a("")
    a(f'wms = WebMapService("{WMS}", version="1.3.0")')
    a(f'image = wms.getmap(layers=["1"], styles=[""], srs="EPSG:31370", bbox=({xmin}, {ymin}, {xmax}, {ymax}),')
    a(f'                   size=({largeur}, {hauteur}), format="image/png", transparent=True)')
    a(f'wfs = WebFeatureService("{WFS}", version="2.0.0")')
    a('geojson = wfs.getfeature(typename=["VIRELOUX:Quartiers"], outputFormat="application/json")')
    a('gml = wfs.getfeature(typename=["VIRELOUX:Quartiers"])')
    a('zones = wfs.getfeature(typename=["VIRELOUX:Zones_inondables"], srsname="urn:ogc:def:crs:EPSG::4326",')
    a('                       outputFormat="application/json")')
    a("```")
    a("")
    a("### Enregistrer de nouvelles réponses (mainteneurs, avec Internet)")
    a("")
    a("1. Choisissez un fichier de cassette, par exemple `data/enregistrements/odwb-reel.yaml` (un nouveau fichier "
      "pour les réponses réelles, à ne pas mélanger avec les réponses inventées que le générateur réécrit).")
    a("2. Lancez la leçon ou le script avec la variable d'environnement, en donnant un chemin absolu (un notebook "
      "s'exécute dans son propre dossier, où un chemin relatif ne mènerait pas à `data/`) : "
      "`ATELIER_ENREGISTRER=\"$PWD/data/enregistrements/odwb-reel.yaml\" make lab`, ou "
      "`ATELIER_ENREGISTRER=\"$PWD/data/enregistrements/odwb-reel.yaml\" python mon_script.py`.")
    a("3. Dans le notebook, `atelier.mode_hors_ligne()` passe alors en mode enregistrement : les requêtes déjà "
      "enregistrées sont rejouées, les autres partent vers le vrai service et leur réponse est ajoutée au fichier "
      "(voir `atelier/hors_ligne.py`). Le fichier n'est écrit que lorsque l'enregistrement s'arrête : terminez "
      "donc la leçon par `atelier.mode_direct()` avant de fermer le notebook.")
    a("4. Relisez le fichier (aucune donnée personnelle, aucun jeton d'accès : les en-têtes authorization et cookie "
      "sont filtrés), décrivez son contenu dans ce README (c'est-à-dire dans le générateur), puis committez-le. Comme ce "
      "fichier n'est pas produit par le générateur, ajoutez-le à `NOT_GENERATED` dans `tests/test_data.py`.")
    a("")
    a("Pour modifier les réponses inventées, modifiez `scripts/generate_data.py` (fonctions `reponses_odwb`, "
      "`reponses_datagouv`, `reponses_ckan`, `reponses_geoportail`) puis lancez `make data`.")
    a("")
    a("## Régénérer les données")
    a("")
    a("```bash")
    a("make data        # = python scripts/generate_data.py (écrit dans data/)")
    a("python scripts/generate_data.py --sortie /tmp/essai   # ailleurs, pour comparer")
    a("```")
    a("")
    a(f"Le générateur part d'une graine fixe ({SEED}) : deux exécutions produisent exactement les mêmes octets "
      "(CSV, GeoJSON, GeoPackage, classeur Excel, cassettes et ce README). `tests/test_data.py` le vérifie en "
      "régénérant dans un dossier temporaire et en comparant chaque fichier ; il valide aussi les fichiers propres "
      "avec frictionless et vérifie les défauts des fichiers bruts, les couches géographiques et les tailles. "
      "`tests/test_recordings.py` rejoue chaque réponse enregistrée.")
    taille = sum(len(v) for v in fichiers_.values())
    a("")
    a(f"Taille totale du dossier (hors ce README) : {taille / 1e6:.1f} Mo ; le plus gros fichier fait "
      f"{max(len(v) for v in fichiers_.values()) / 1e6:.1f} Mo.")
    return "\n".join(l) + "\n"


# --------------------------------------------------------------------------------------------
# Assembly: every file as bytes
# --------------------------------------------------------------------------------------------

def _jeu_publie(jeu: Jeu) -> JeuPublie:
    return JeuPublie(nom=jeu.nom, identifiant=f"vireloux-{jeu.nom}", titre=f"Vireloux – {jeu.titre}",
                     description=jeu.description, themes=jeu.themes, mots_cles=jeu.mots_cles + ["Vireloux"],
                     schema=jeu.schema, lignes=jeu.lignes, modifie=jeu.modifie)


def datapackage(jeux: list[Jeu]) -> dict:
    ressources = []
    for jeu in jeux:
        ressources.append({
            "name": jeu.nom,
            "title": jeu.titre,
            "description": jeu.description + " " + MENTION_FICTIVE,
            "path": f"propres/{jeu.nom}.csv",
            "schema": f"schemas/{jeu.nom}.schema.json",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "licenses": [LICENCE],
            "sources": [SOURCE],
        })
    for fichier, (_, titre, _, description) in COUCHES_GEO.items():
        ressources.append({
            "name": f"geo-{fichier}",
            "title": f"{titre} (GeoJSON, WGS 84)",
            "description": description + " " + MENTION_FICTIVE,
            "path": f"geo/{fichier}.geojson",
            "format": "geojson",
            "mediatype": "application/geo+json",
            "encoding": "utf-8",
            "licenses": [LICENCE],
            "sources": [SOURCE],
        })
    ressources.append({
        "name": "geo-vireloux-gpkg",
        "title": "Toutes les couches dans un GeoPackage (Lambert 72)",
        "description": "Couches commune, quartiers, rues, adresses, cours_eau, zones_inondables, equipements_collectifs, "
                       "arbres_remarquables et arrets_bus en EPSG:31370. " + MENTION_FICTIVE,
        "path": "geo/vireloux.gpkg",
        "format": "gpkg",
        "mediatype": "application/geopackage+sqlite3",
        "licenses": [LICENCE],
        "sources": [SOURCE],
    })
    return {
        "name": "vireloux",
        "title": "Données d'exemple de Vireloux, commune fictive",
        "description": "Jeux de données d'une commune wallonne fictive, créés pour une formation aux données ouvertes "
                       "locales. " + MENTION_FICTIVE,
        "homepage": "https://www.vireloux.example/donnees-ouvertes",
        "keywords": ["données ouvertes", "formation", "commune", "Wallonie", "données fictives"],
        "licenses": [LICENCE],
        "sources": [SOURCE],
        "contributors": [{"title": "Équipe de la formation « Données ouvertes locales »", "role": "author"}],
        "resources": ressources,
    }


@dataclass
class Construction:
    fichiers: dict  # path relative to data/ -> bytes
    defauts: dict  # raw file -> (clean file, [defects])
    reponses: list  # recorded answers


def fichiers() -> dict[str, bytes]:
    """Every generated file, as {path relative to data/: bytes}."""
    return construire().fichiers


def construire() -> Construction:
    """Build everything in memory: the files, the list of raw defects and the recorded answers."""
    import tempfile

    t = territoire()
    cat = catalogue(t)
    jeux = cat["jeux"]
    par_nom = {j.nom: j for j in jeux}
    sortie: dict[str, bytes] = {}

    for jeu in jeux:
        sortie[f"propres/{jeu.nom}.csv"] = _csv_du_jeu(jeu)
        sortie[f"schemas/{jeu.nom}.schema.json"] = _utf8(json_texte(jeu.schema))
    sortie["datapackage.json"] = _utf8(json_texte(datapackage(jeux)))

    # raw files
    defauts = {}
    with tempfile.TemporaryDirectory() as tmp:
        bruts = {
            "brutes/subventions-2024.csv": ("propres/subventions.csv",) + brut_subventions(par_nom["subventions"].lignes),
            "brutes/equipements-inventaire.csv": ("propres/equipements-collectifs.csv",)
            + brut_equipements(t, par_nom["equipements-collectifs"].lignes),
            "brutes/accidents-2019-2024.csv": ("propres/accidents.csv",) + brut_accidents(par_nom["accidents"].lignes),
            "brutes/deliberations-2023-2024.csv": ("propres/deliberations.csv",)
            + brut_deliberations(par_nom["deliberations"].lignes),
            "brutes/population-2015-2025.csv": ("propres/population-quartiers.csv",)
            + brut_population(par_nom["population-quartiers"].lignes),
            "brutes/budget-2025.xlsx": ("propres/budget-2025.csv",) + brut_budget(par_nom["budget-2025"].lignes, Path(tmp)),
        }
        for chemin, (propre, contenu, liste) in bruts.items():
            sortie[chemin] = contenu
            defauts[chemin] = (propre, liste)

        # geographic layers
        quartiers = couche_quartiers(t, cat["population"])
        zones = zones_inondables(t)
        commune = couche_commune(t)
        commune[0][0]["population"] = sum(p["population"] for p, _ in quartiers)
        couches = {"commune": commune, "quartiers": quartiers, "rues": couche_rues(t), "adresses": couche_adresses(t),
                   "cours-eau": couche_cours_eau(t), "zones-inondables": zones}
        for fichier, entites in couches.items():
            sortie[f"geo/{fichier}.geojson"] = _utf8(geojson_texte(fichier, _en_wgs84(entites)))
        gpkg = {COUCHES_GEO[f][0]: e for f, e in couches.items()}
        gpkg["equipements_collectifs"] = couche_points(
            cat["equipements"], ["id", "name", "type", "type_details", "street_name", "house_number", "ins_zone_address",
                                 "schedule", "disabled_access"])
        gpkg["arbres_remarquables"] = couche_points(
            par_nom["arbres-remarquables"].lignes, ["id", "nom_commun", "espece", "circonference_cm", "hauteur_m",
                                                     "listed", "ins_zone_address"])
        gpkg["arrets_bus"] = couche_points(par_nom["arrets-bus"].lignes, ["stop_id", "stop_name", "lignes", "abri",
                                                                          "code_quartier"], "stop_lat", "stop_lon")
        sortie["geo/vireloux.gpkg"] = geopackage(gpkg, Path(tmp))

    # recordings
    publies = [_jeu_publie(j) for j in jeux]
    reponses = (reponses_odwb(publies) + reponses_datagouv(publies, sortie) + reponses_ckan(publies, sortie)
                + reponses_geoportail(t, quartiers, zones, cat["population"]))
    for service, texte in cassettes(reponses).items():
        sortie[f"enregistrements/{service}.yaml"] = _utf8(texte)

    sortie["README.md"] = _utf8(readme(t, jeux, defauts, reponses, sortie))
    return Construction(fichiers=sortie, defauts=defauts, reponses=reponses)


def reponses_enregistrees() -> list[Reponse]:
    """Every recorded answer: service, URL, French description, status and body."""
    return construire().reponses


def ecrire(dossier: Path) -> list[Path]:
    dossier = Path(dossier)
    ecrits = []
    for chemin, contenu in sorted(fichiers().items()):
        cible = dossier / chemin
        cible.parent.mkdir(parents=True, exist_ok=True)
        cible.write_bytes(contenu)
        ecrits.append(cible)
    return ecrits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sortie", type=Path, default=RACINE / "data",
                        help="destination folder (default: the repository's data/)")
    args = parser.parse_args(argv)
    for chemin in ecrire(args.sortie):
        print(chemin)
    return 0


if __name__ == "__main__":
    sys.exit(main())
