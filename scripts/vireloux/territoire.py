"""The territory of Vireloux: boundary, river, quartiers, streets and addresses, and the geometry helpers.

The territory is built in Lambert 72 metres (EPSG:31370) and projected to WGS 84 (EPSG:4326) only
when a file needs it. The helpers at the end place a data set's points on it: an address of a
street, a point along a street, the Walloon-standard location columns of a point.
"""

from __future__ import annotations

import math
import random
import unicodedata
from dataclasses import dataclass, field

from vireloux.commune import COMMUNE, INS, aleatoire
from vireloux.formats import point_geojson, texte_nombre


CENTRE_L72 = (178500.0, 117500.0)
SUPERFICIE_KM2 = 40.0
RIVIERE = "la Viroule"
NOM_RIVIERE = "Viroule"

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


def arrondi_l72(geom):
    import shapely

    return shapely.set_precision(geom, 0.1)


def _polaire(angle_deg: float, distance: float, origine=CENTRE_L72) -> tuple[float, float]:
    a = math.radians(angle_deg)
    return (origine[0] + distance * math.cos(a), origine[1] + distance * math.sin(a))


def wgs84(x: float, y: float) -> tuple[float, float]:
    lon, lat = _TRANSFORMATEUR().transform(x, y)
    return round(lon, 6), round(lat, 6)


_cache_transformateur = []


def _TRANSFORMATEUR():
    if not _cache_transformateur:
        _cache_transformateur.append(_vers_wgs84())
    return _cache_transformateur[0]


def geom_wgs84(geom):
    import shapely

    def projeter(coords):
        import numpy as np

        lon, lat = _TRANSFORMATEUR().transform(coords[:, 0], coords[:, 1])
        return np.column_stack([np.round(lon, 6), np.round(lat, 6)])

    return shapely.transform(geom, projeter)


def l72_depuis_wgs84(lon: float, lat: float) -> tuple[float, float]:
    from pyproj import Transformer

    if not _cache_inverse:
        _cache_inverse.append(Transformer.from_crs(4326, 31370, always_xy=True))
    return _cache_inverse[0].transform(lon, lat)


_cache_inverse = []


# --------------------------------------------------------------------------------------------
# The territory: boundary, river, quartiers, streets, addresses
# --------------------------------------------------------------------------------------------

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
    rng = aleatoire("limite")
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
    return arrondi_l72(geometry.Polygon(points))


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
    return arrondi_l72(ligne)


def _quartiers(limite) -> dict:
    shapely, geometry, _ = _shapely()
    rng = aleatoire("quartiers")
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
        polygone = arrondi_l72(cellule.intersection(limite))
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
    rng = aleatoire("rues")
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
    for i, (nom, ligne, principale) in enumerate(sorted(lignes, key=lambda l: cle_tri(l[0]))):
        ligne = arrondi_l72(ligne)
        milieu = ligne.interpolate(0.5, normalized=True)
        code = "Q01" if principale else t.quartier_de(milieu)
        t.rues.append(Rue(nom=nom, code=f"79{i + 1:05d}", quartier=code, ligne=ligne, principale=principale))
    t.adresses = _adresses(t)
    return t


def cle_tri(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", texte.lower()) if unicodedata.category(c) != "Mn")


ESPACEMENT = {"Q01": 13, "Q02": 17, "Q03": 22, "Q04": 30, "Q05": 26, "Q06": 38, "Q07": 30, "Q08": 34}


def _adresses(t: Territoire) -> list:
    _, geometry, _ = _shapely()
    rng = aleatoire("adresses")
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
                    adresses.append((rue, str(numeros[cote]), arrondi_l72(point)))
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
# Placing a data set's points on the territory
# --------------------------------------------------------------------------------------------

def placer(t: Territoire, rng: random.Random, nom_rue: str, quartier: str | None = None, deja=None):
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


def sur_rue(t: Territoire, rng: random.Random, nom_rue: str, decalage: float = 6.0, quartier: str | None = None):
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


def num_proche(t: Territoire, point, nom_rue: str) -> str | None:
    adresses = t.adresses_de(nom_rue)
    if not adresses:
        return None
    return min(adresses, key=lambda a: a.point.distance(point)).numero


def colonnes_rue(t: Territoire, code: str, nom_rue: str) -> dict:
    """Walloon-standard fields of a street in a quartier: commune, quartier, street name and code."""
    return {
        "municipality": COMMUNE,
        "ins_code": INS,
        "zone_address": t.quartiers[code]["nom"],
        "ins_zone_address": code,
        "street_name": nom_rue,
        "street_number": t.rue(nom_rue).code,
    }


def colonnes_point(lon: float, lat: float) -> dict:
    """Walloon-standard fields of a WGS 84 point: a GeoJSON point, then the latitude and longitude added for maps."""
    return {
        "coordinates": point_geojson(lon, lat),
        "latitude": texte_nombre(lat, 6),
        "longitude": texte_nombre(lon, 6),
    }


def colonnes_localisation(t: Territoire, point, nom_rue: str) -> dict:
    """Walloon-standard location fields for a point on a street."""
    lon, lat = wgs84(point.x, point.y)
    code = t.quartier_de(point)
    return {**colonnes_rue(t, code, nom_rue), "house_number": num_proche(t, point, nom_rue), **colonnes_point(lon, lat)}


def rues_du_quartier(t: Territoire, code: str) -> list[str]:
    return [r.nom for r in t.rues if r.quartier == code and not r.principale]
