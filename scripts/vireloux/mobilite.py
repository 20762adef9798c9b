"""Mobility: bicycle parking, bus stops, traffic counts and road accidents (data sets, schemas, raw file)."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta

from vireloux.brutes import (
    date_variee, ecrire_lignes, ligne_suivante, nombre_fr, paires_de_lignes, variante_rue,
)
from vireloux.commune import INS, PRODUCTEUR, aleatoire
from vireloux.environnement import meteo_2024
from vireloux.formats import texte_nombre, utf8
from vireloux.schemas import (
    C_LAT_SEULE, C_LON_SEULE, C_QUARTIER, champ, localisation_wallonne, standard_wallon, table_schema,
)
from vireloux.territoire import (
    Territoire, colonnes_localisation, l72_depuis_wgs84, num_proche, sur_rue, wgs84,
)


def stationnements_velos(t: Territoire, equipements: list[dict]) -> list[dict]:
    """Bicycle parking, Walloon standard « stationnements vélos » (FuturoCité)."""
    rng = aleatoire("velos")
    lignes = []
    # near schools, sports, the station and public buildings first
    cibles = [e for e in equipements if e["type"] in ("Enseignement", "Equipement sportif", "Administration", "Culture")]
    n = 0
    for e in cibles:
        n += 1
        lon, lat = json.loads(e["coordinates"])["coordinates"]
        x, y = l72_depuis_wgs84(lon, lat)
        from shapely.geometry import Point
        point = Point(x + rng.uniform(-15, 15), y + rng.uniform(-15, 15))
        type_ = rng.choice(["Arceau", "Arceau", "Arceau", "Rack", "Box"])
        places = {"Arceau": rng.choice([6, 8, 10, 12]), "Rack": rng.choice([10, 12, 16]), "Box": rng.choice([4, 8])}[type_]
        lignes.append({
            "id": f"{INS}-V{n:03d}",
            "name": f"Stationnement vélos – {e['name']}",
            **colonnes_localisation(t, point, e["street_name"]),
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
        point = sur_rue(t, rng, nom_rue)
        gare = nom_rue == "Place de la Station"  # covered, locked boxes for train commuters
        lignes.append({
            "id": f"{INS}-V{n:03d}",
            "name": f"Stationnement vélos – {nom_rue}",
            **colonnes_localisation(t, point, nom_rue),
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


def schema_stationnements_velos() -> dict:
    o = "le stationnement"
    return table_schema(
        "stationnements-velos", "Stationnements vélos de Vireloux",
        "Emplacements de stationnement pour vélos sur le domaine public. Standard wallon « Stationnements vélos » "
        "(FuturoCité), avec deux colonnes latitude/longitude ajoutées.",
        [champ("id", "string", "Identifiant", "Identifiant unique local (code INS, tiret, V et numéro).",
               requis=True, unique=True, pattern=r"^\d{5}-V\d{3}$"),
         champ("name", "string", "Nom", "Nom du stationnement.", requis=True),
         *localisation_wallonne(o),
         champ("location_details", "string", "Précisions sur l'emplacement", "Où trouver le stationnement."),
         champ("parking_type", "string", "Type de stationnement", "Arceau, Rack, Box ou Autre.", requis=True,
               enum=["Arceau", "Rack", "Box", "Autre"]),
         champ("covered", "boolean", "Couvert", "Le stationnement est-il couvert ?", requis=True),
         champ("secured", "boolean", "Sécurisé", "Le stationnement est-il fermé (box, local) ?"),
         champ("available_places", "integer", "Nombre de places", "Nombre de vélos que l'on peut garer.",
               requis=True, minimum=1),
         champ("installation_year", "integer", "Année d'installation", "Année d'installation.", minimum=1990,
               maximum=2025),
         champ("provider", "string", "Gestionnaire", "Organisme gestionnaire."),
         champ("charging_station", "boolean", "Borne de recharge", "Présence d'une borne pour vélos électriques.",
               requis=True),
         champ("repair_equipment", "boolean", "Matériel de réparation", "Présence d'une pompe ou d'outils."),
         ],
        cle=["id"], standard=standard_wallon("standard-stationnements-velos", "Stationnements vélos", "0.1.1"),
    )


LIGNES_BUS = {
    # line: streets served in order
    "34": ["Chaussée de Namur", "Route de Dinant"],
    "35": ["Rue de la Gare", "Rue du Moulin"],
    "127": ["Route de Ciney", "Rue de Bois-Hennin"],
    "E5": ["Avenue des Tilleuls", "Chaussée de Namur"],
}


def arrets_bus(t: Territoire) -> list[dict]:
    """Bus stops (fields modelled on GTFS stops.txt), fictitious lines."""
    rng = aleatoire("bus")
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
        lon, lat = wgs84(p.x, p.y)
        numero = num_proche(t, p, a["rue"])
        nom = f"{nom_q} – {a['rue']}" if compteur[a["rue"]] == 1 else f"{nom_q} – {a['rue']} {numero}"
        lignes.append({
            "stop_id": f"VX{i + 1:03d}",
            "stop_name": nom,
            "stop_lat": texte_nombre(lat, 6),
            "stop_lon": texte_nombre(lon, 6),
            "lignes": ";".join(sorted(a["lignes"], key=lambda s: (len(s), s))),
            "abri": rng.random() < (0.7 if code == "Q01" else 0.4),
            "accessible_pmr": rng.random() < 0.55,
            "code_quartier": code,
            "street_name": a["rue"],
        })
    return lignes


def schema_arrets_bus() -> dict:
    return table_schema(
        "arrets-bus", "Arrêts de bus de Vireloux",
        "Arrêts desservis par les lignes de bus (lignes fictives). Les quatre premiers champs reprennent les noms "
        "du fichier stops.txt du format GTFS.",
        [champ("stop_id", "string", "Identifiant de l'arrêt", "Identifiant (champ stop_id de GTFS).", requis=True,
               unique=True, pattern=r"^VX\d{3}$"),
         champ("stop_name", "string", "Nom de l'arrêt", "Nom affiché à l'arrêt.", requis=True),
         champ("stop_lat", "number", "Latitude", "Latitude WGS 84 (champ stop_lat de GTFS).", requis=True,
               minimum=50.0, maximum=51.0),
         champ("stop_lon", "number", "Longitude", "Longitude WGS 84 (champ stop_lon de GTFS).", requis=True,
               minimum=4.0, maximum=6.0),
         champ("lignes", "string", "Lignes", "Numéros des lignes qui s'arrêtent, séparés par un point-virgule.",
               requis=True, pattern=r"^[0-9A-Z]+(;[0-9A-Z]+)*$"),
         champ("abri", "boolean", "Abri", "L'arrêt a-t-il un abri ?", requis=True),
         champ("accessible_pmr", "boolean", "Accessible PMR", "Quai rehaussé accessible en fauteuil roulant.",
               requis=True),
         C_QUARTIER,
         champ("street_name", "string", "Rue", "Rue où se trouve l'arrêt.", requis=True)],
        cle=["stop_id"],
    )


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
    rng = aleatoire("sites-comptage")
    lignes = []
    for code, nom, rue, position, voitures, velos in SITES_COMPTAGE:
        ligne = t.rue(rue).ligne
        p = ligne.interpolate(position, normalized=True)
        lon, lat = wgs84(p.x, p.y)
        lignes.append({
            "code_site": code,
            "nom_site": nom,
            "street_name": rue,
            "code_quartier": t.quartier_de(p),
            "latitude": texte_nombre(lat, 6),
            "longitude": texte_nombre(lon, 6),
            "type_capteur": "Boucle magnétique" if voitures else "Compteur vélos et piétons",
            "compte_voitures": voitures > 0,
            "date_installation": (date(2019, 3, 1) + timedelta(days=rng.randrange(0, 900))).isoformat(),
        })
    return lignes


def schema_sites_comptage() -> dict:
    return table_schema(
        "sites-comptage", "Sites de comptage du trafic",
        "Emplacements des capteurs qui comptent les véhicules et les vélos (voir comptages-trafic).",
        [champ("code_site", "string", "Code du site", "Identifiant du capteur.", requis=True, unique=True,
               pattern=r"^C\d{2}$"),
         champ("nom_site", "string", "Nom du site", "Nom du lieu de comptage.", requis=True),
         champ("street_name", "string", "Rue", "Rue équipée.", requis=True),
         C_QUARTIER, C_LAT_SEULE, C_LON_SEULE,
         champ("type_capteur", "string", "Type de capteur", "Technologie de comptage.", requis=True,
               enum=["Boucle magnétique", "Compteur vélos et piétons"]),
         champ("compte_voitures", "boolean", "Compte les voitures", "Le capteur compte-t-il les véhicules motorisés ?",
               requis=True),
         champ("date_installation", "date", "Date d'installation", "Date de mise en service du capteur.")],
        cle=["code_site"],
    )


JOURS_FERIES_2024 = {date(2024, 1, 1), date(2024, 4, 1), date(2024, 5, 1), date(2024, 5, 9), date(2024, 5, 20),
                     date(2024, 7, 21), date(2024, 8, 15), date(2024, 11, 1), date(2024, 11, 11), date(2024, 12, 25)}


def comptages_trafic(t: Territoire) -> list[dict]:
    """Daily counts for 2024 at each counting site (vehicles, heavy vehicles, bicycles)."""
    rng = aleatoire("comptages")
    meteo = meteo_2024()
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


def schema_comptages_trafic() -> dict:
    s = table_schema(
        "comptages-trafic", "Comptages journaliers du trafic en 2024",
        "Nombre de passages par jour et par site de comptage en 2024. Une cellule vide signifie que le capteur "
        "était en panne (ou qu'il ne compte pas ce type de véhicule).",
        [champ("date", "date", "Date", "Jour du comptage (AAAA-MM-JJ).", requis=True),
         champ("code_site", "string", "Code du site", "Site de comptage (voir sites-comptage).", requis=True,
               pattern=r"^C\d{2}$"),
         champ("voitures", "integer", "Véhicules légers", "Véhicules légers comptés sur 24 heures.", minimum=0),
         champ("poids_lourds", "integer", "Poids lourds", "Véhicules de plus de 3,5 t comptés sur 24 heures.",
               minimum=0),
         champ("velos", "integer", "Vélos", "Vélos comptés sur 24 heures.", minimum=0)],
        cle=["date", "code_site"],
    )
    s["foreignKeys"] = [{"fields": "code_site", "reference": {"resource": "sites-comptage", "fields": "code_site"}}]
    return s


GRAVITES = ["Blessés légers", "Blessés graves", "Mortel"]
LUMINOSITES = ["Jour", "Aube ou crépuscule", "Nuit avec éclairage", "Nuit sans éclairage"]
METEOS = ["Normale", "Pluie", "Brouillard", "Neige ou grêle", "Vent fort"]
USAGERS = ["voiture", "camionnette", "camion", "moto", "cyclomoteur", "vélo", "trottinette", "piéton"]


def accidents(t: Territoire) -> list[dict]:
    """Road accidents with casualties, 2019-2024 (police-style records, no personal data)."""
    rng = aleatoire("accidents")
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
            point = sur_rue(t, rng, nom_rue, decalage=rng.uniform(0, 4))
            lon, lat = wgs84(point.x, point.y)
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
                "latitude": texte_nombre(lat, 6),
                "longitude": texte_nombre(lon, 6),
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


def schema_accidents() -> dict:
    return table_schema(
        "accidents", "Accidents de la route avec blessés, 2019-2024",
        "Accidents corporels de la circulation relevés sur le territoire communal (aucune donnée personnelle).",
        [champ("id", "string", "Identifiant", "Identifiant de l'accident.", requis=True, unique=True,
               pattern=r"^ACC-\d{4}-\d{4}$"),
         champ("date", "date", "Date", "Date de l'accident (AAAA-MM-JJ).", requis=True),
         champ("heure", "time", "Heure", "Heure de l'accident (HH:MM).", requis=True, format_="%H:%M"),
         champ("street_name", "string", "Rue", "Nom officiel de la rue.", requis=True),
         C_QUARTIER, C_LAT_SEULE, C_LON_SEULE,
         champ("gravite", "string", "Gravité", "Conséquence la plus grave de l'accident.", requis=True,
               enum=GRAVITES),
         champ("usagers", "string", "Usagers impliqués", "Types d'usagers impliqués, séparés par un point-virgule.",
               requis=True),
         champ("pieton_implique", "boolean", "Piéton impliqué", "Un piéton est-il impliqué ?", requis=True),
         champ("cycliste_implique", "boolean", "Cycliste impliqué", "Un cycliste est-il impliqué ?", requis=True),
         champ("blesses_legers", "integer", "Blessés légers", "Nombre de blessés légers.", requis=True, minimum=0),
         champ("blesses_graves", "integer", "Blessés graves", "Nombre de blessés graves.", requis=True, minimum=0),
         champ("tues", "integer", "Tués", "Nombre de personnes décédées dans les 30 jours.", requis=True, minimum=0),
         champ("luminosite", "string", "Luminosité", "Conditions d'éclairage.", requis=True, enum=LUMINOSITES),
         champ("meteo", "string", "Météo", "Conditions atmosphériques.", requis=True, enum=METEOS)],
        cle=["id"],
    )


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
            x, y = l72_depuis_wgs84(float(l["longitude"]), float(l["latitude"]))
            lat, lon = nombre_fr(y, 1, False), nombre_fr(x, 1, False)
            lambert.append(len(sortie) + 1)
        heure = l["heure"]
        if annee in (2019, 2020):
            heure = heure.replace(":", "h")
            heures.append(len(sortie) + 1)
        ligne = [l["id"], date_variee(l["date"], k), heure, lieu, lat, lon, l["gravite"], l["usagers"].replace(";", ", "),
                 str(l["blesses_legers"]), str(l["blesses_graves"]), str(l["tues"]), l["luminosite"], l["meteo"]]
        sortie.append(ligne)
        if i in (12, 64, 130):
            doublons.append((ligne_suivante(sortie) - 1, ligne_suivante(sortie)))
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
        {"famille": "doublons", "defaut": "accidents recopiés deux fois (doublons exacts)", "ou": paires_de_lignes(doublons),
         "correction": "une ligne par accident"},
    ]
    return utf8(ecrire_lignes(sortie, ";")), defauts
