"""Environment: the 2024 weather, air quality, remarkable trees, play and leisure areas, flood zones."""

from __future__ import annotations

import math
from datetime import date, timedelta

from vireloux.commune import INS, PRODUCTEUR, aleatoire
from vireloux.formats import texte_nombre
from vireloux.schemas import (
    C_LAT_SEULE, C_LON_SEULE, champ, localisation_wallonne, standard_wallon, table_schema,
)
from vireloux.territoire import RIVIERE, Territoire, arrondi_l72, colonnes_localisation, sur_rue, wgs84


def meteo_2024() -> dict:
    """A shared daily weather series for 2024 (rain in mm, temperature), so counts and air quality agree."""
    rng = aleatoire("meteo")
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


def qualite_air(t: Territoire) -> list[dict]:
    """Daily mean concentrations (µg/m³) of NO2, PM10 and PM2.5 at two stations, 2024."""
    rng = aleatoire("air")
    meteo = meteo_2024()
    stations = [
        ("VX-A1", "Vireloux – Place communale", "Place communale", 1.0),
        ("VX-A2", "Vireloux – Bois-Hennin (fond rural)", "Rue du Bois", 0.55),
    ]
    lignes = []
    points = {}
    for code, nom, rue, _ in stations:
        p = t.rue(rue).ligne.interpolate(0.5, normalized=True)
        points[code] = wgs84(p.x, p.y)
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
                    "latitude": texte_nombre(lat, 6),
                    "longitude": texte_nombre(lon, 6),
                    "polluant": polluant,
                    "valeur": texte_nombre(max(1.0, valeur), 1),
                    "unite": "µg/m³",
                })
    return lignes


def schema_qualite_air() -> dict:
    return table_schema(
        "qualite-air", "Qualité de l'air : moyennes journalières 2024",
        "Concentrations moyennes journalières de dioxyde d'azote et de particules fines à deux stations de mesure. "
        "Les jours sans mesure sont absents du fichier.",
        [champ("date", "date", "Date", "Jour de la mesure.", requis=True),
         champ("code_station", "string", "Code de la station", "Identifiant de la station.", requis=True,
               enum=["VX-A1", "VX-A2"]),
         champ("nom_station", "string", "Station", "Nom de la station.", requis=True),
         C_LAT_SEULE, C_LON_SEULE,
         champ("polluant", "string", "Polluant", "Polluant mesuré.", requis=True, enum=["NO2", "PM10", "PM2.5"]),
         champ("valeur", "number", "Valeur", "Concentration moyenne sur 24 heures.", requis=True, minimum=0),
         champ("unite", "string", "Unité", "Unité de la valeur.", requis=True, enum=["µg/m³"])],
        cle=["date", "code_station", "polluant"],
    )


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
    rng = aleatoire("arbres")
    lignes = []
    rues = [r.nom for r in t.rues]
    for i in range(62):
        nom_rue = rng.choice(rues if i % 3 else ["Quai de la Viroule", "Place communale", "Rue de l'Église",
                                                 "Chemin du Halage", "Rue de la Forêt", "Avenue des Tilleuls"])
        point = sur_rue(t, rng, nom_rue, decalage=rng.uniform(8, 25))
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
            **colonnes_localisation(t, point, nom_rue),
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


def schema_arbres() -> dict:
    o = "l'arbre"
    return table_schema(
        "arbres-remarquables", "Arbres remarquables de Vireloux",
        "Arbres remarquables recensés sur le territoire. Standard wallon « Patrimoine naturel ou matériel » "
        "(FuturoCité) ; colonnes ajoutées : latitude, longitude, espece, nom_commun, circonference_cm, hauteur_m.",
        [champ("id", "string", "Identifiant", "Identifiant unique local.", requis=True, unique=True,
               pattern=r"^\d{5}-AR\d{3}$"),
         champ("type", "string", "Type de patrimoine", "Type de patrimoine.", requis=True,
               enum=["Patrimoine naturel"]),
         champ("category", "string", "Catégorie", "Catégorie du patrimoine.", requis=True, enum=["Arbre remarquable"]),
         champ("name", "string", "Nom", "Nom de l'arbre.", requis=True),
         champ("description", "string", "Description", "Description de l'arbre.", requis=True),
         *localisation_wallonne(o),
         champ("espece", "string", "Espèce (nom latin)", "Nom scientifique de l'espèce.", requis=True),
         champ("nom_commun", "string", "Nom commun", "Nom usuel de l'espèce.", requis=True),
         champ("circonference_cm", "integer", "Circonférence (cm)", "Circonférence du tronc à 1,50 m du sol.",
               requis=True, minimum=50, maximum=1000),
         champ("hauteur_m", "integer", "Hauteur (m)", "Hauteur estimée.", requis=True, minimum=2, maximum=60),
         champ("public", "string", "Propriétaire", "Public ou Privé.", enum=["Public", "Privé"]),
         champ("listed", "boolean", "Classé", "L'arbre figure-t-il sur la liste régionale des arbres remarquables ?",
               requis=True),
         champ("listed_by", "string", "Classé par", "Organisme qui a reconnu l'arbre."),
         champ("created_date", "date", "Date de création", "Date de création de la donnée."),
         champ("last_modified_date", "date", "Date de modification", "Date de dernière modification.")],
        cle=["id"],
        standard=standard_wallon("standard-patrimoine-naturel-ou-materiel", "Patrimoine naturel ou matériel", "0.1.0"),
    )


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
    rng = aleatoire("aires")
    lignes = []
    for i, (nom, type_, rue, amin, amax, surface, modules) in enumerate(AIRES, start=1):
        point = sur_rue(t, rng, rue, decalage=rng.uniform(15, 35))
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
            **{k: v for k, v in colonnes_localisation(t, point, rue).items()},
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


TYPES_AIRES = ["Aire de jeux", "Aire de pique-nique", "Aire de sports", "Barbecue", "Fitness urbain",
               "Kiosque à musique", "Mini-golf", "Observatoire nature", "Parcours santé", "Patinoire", "Piscine",
               "Piste de sport", "Port de plaisance", "Sentier pieds nus", "Skatepark", "Table de jeux",
               "Table de ping-pong", "Zone de baignade", "Autre"]
SURFACES = ["Bois", "Dalles amortissantes EN1177", "Gravier", "Herbe", "Sable", "Terre", "Surface dure", "Mixte", "Autre"]


def schema_aires() -> dict:
    o = "l'aire de loisirs"
    booleen = lambda n, t, d: champ(n, "boolean", t, d)  # noqa: E731
    return table_schema(
        "aires-de-jeux", "Aires de jeux et de loisirs de Vireloux",
        "Plaines de jeux, skatepark, parcours santé et autres aires de loisirs. Standard wallon « Aires de loisirs » "
        "(FuturoCité), avec latitude/longitude ajoutées.",
        [champ("id", "string", "Identifiant", "Identifiant unique local.", requis=True, unique=True,
               pattern=r"^\d{5}-L\d{3}$"),
         champ("name", "string", "Nom", "Nom de l'aire.", requis=True),
         champ("description", "string", "Description", "Description de l'aire.", requis=True),
         champ("type", "string", "Type", "Type d'aire de loisirs.", requis=True, enum=TYPES_AIRES),
         *localisation_wallonne(o),
         champ("minimum_age", "integer", "Âge minimum", "Âge minimum conseillé.", minimum=0, maximum=99),
         champ("maximum_age", "integer", "Âge maximum", "Âge maximum conseillé (99 : adultes compris).",
               minimum=0, maximum=99),
         booleen("disabled_access", "Accessible PMR", "L'aire est-elle accessible aux personnes à mobilité réduite ?"),
         booleen("pmr_module", "Module PMR", "Y a-t-il des jeux adaptés aux personnes à mobilité réduite ?"),
         champ("number_of_mods", "integer", "Nombre de modules", "Nombre de jeux ou d'agrès.", minimum=0),
         champ("surface_type", "string", "Revêtement", "Type de sol.", requis=True, enum=SURFACES),
         booleen("closed_site", "Site fermé", "L'aire est-elle clôturée ?"),
         booleen("bench", "Bancs", "Présence de bancs."),
         booleen("table", "Tables", "Présence de tables."),
         booleen("shadow", "Ombre", "Présence de zones d'ombre."),
         booleen("drinking_water_point", "Eau potable", "Présence d'un point d'eau potable."),
         booleen("trash_can", "Poubelles", "Présence de poubelles."),
         champ("schedule", "string", "Horaires", "Horaires au format opening_hours d'OpenStreetMap."),
         champ("provider", "string", "Gestionnaire", "Gestionnaire de l'aire."),
         champ("area", "number", "Superficie (m²)", "Superficie en mètres carrés.", minimum=0),
         champ("completion_year", "year", "Année d'aménagement", "Année d'installation."),
         champ("created_date", "date", "Date de création", "Date de création de la donnée."),
         champ("last_modified_date", "date", "Date de modification", "Date de dernière modification.")],
        cle=["id"], standard=standard_wallon("aires-loisirs", "Aires de loisirs", "0.1.0"),
    )


ALEAS = [("élevé", 70), ("moyen", 160), ("faible", 290)]


def zones_inondables(t: Territoire) -> list[tuple[dict, object]]:
    """Flood hazard zones along the river, by hazard level and quartier."""
    import shapely
    from shapely.ops import substring

    rng = aleatoire("inondations")
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
            morceau = arrondi_l72(shapely.make_valid(morceau))
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
