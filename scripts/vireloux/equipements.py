"""Public facilities and the defibrillators they house: data sets, schemas and the raw inventory."""

from __future__ import annotations

from datetime import date, timedelta

from vireloux.brutes import ecrire_lignes, ligne_suivante, nombre_fr, paires_de_lignes, variante_rue
from vireloux.commune import COMMUNE, INS, PRODUCTEUR, aleatoire
from vireloux.formats import utf8
from vireloux.schemas import (
    C_CODE_RUE, C_CODE_ZONE, C_COMMUNE, C_COORD, C_INS, C_LAT, C_LON, C_NUMERO, C_RUE, C_ZONE, champ,
    localisation_wallonne, standard_wallon, table_schema,
)
from vireloux.territoire import Territoire, colonnes_point, colonnes_rue, l72_depuis_wgs84, placer, wgs84


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


def equipements_collectifs(t: Territoire) -> list[dict]:
    """Public facilities, Walloon standard « équipements collectifs » (FuturoCité), extended."""
    rng = aleatoire("equipements")
    deja = set()
    lignes = []
    for i, (nom, type_, details, quartier, rue, horaire, gestionnaire, payant, pmr, description) in enumerate(
        EQUIPEMENTS, start=1
    ):
        adresse = placer(t, rng, rue, quartier, deja)
        lon, lat = wgs84(adresse.point.x + rng.uniform(-4, 4), adresse.point.y + rng.uniform(-4, 4))
        installe = None
        if type_ in ("Toilette publique", "Boite à livres", "Point d'eau potable", "Bulle à verre",
                     "Bulle à vêtements", "Plaine de jeux"):
            installe = date(2008, 1, 1) + timedelta(days=rng.randrange(0, 16 * 365))
        lignes.append({
            "id": f"{INS}-{i:03d}",
            "name": nom,
            "description": description,
            **colonnes_rue(t, adresse.quartier, rue),
            "house_number": adresse.numero,
            **colonnes_point(lon, lat),
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


STANDARD_EQUIPEMENTS = {
    "title": "Standard wallon « Équipements collectifs » (FuturoCité, avec Datactivist), version 0.1.0, CC-BY 2.0 BE",
    "path": "https://github.com/FuturoCite/standard-equipements-collectifs",
}


def schema_equipements() -> dict:
    o = "l'équipement"
    return table_schema(
        "equipements-collectifs", "Équipements collectifs de Vireloux",
        "Équipements et services publics de la commune (administration, écoles, crèches, salles, sport, "
        "culture, petit mobilier urbain), avec leurs horaires. Adapté du standard wallon « Équipements "
        "collectifs » (FuturoCité) : mêmes noms de champs ; la liste des types est élargie et deux "
        "colonnes latitude/longitude sont ajoutées.",
        [
            champ("id", "string", "Identifiant",
                  "Identifiant unique local : code INS de la commune, un tiret et un numéro sur 3 chiffres "
                  "(les zéros de tête font partie du code).", requis=True, unique=True, pattern=r"^\d{5}-\d{3}$"),
            champ("name", "string", "Nom", "Nom de l'équipement.", requis=True),
            champ("description", "string", "Description", "Courte description de l'équipement."),
            C_COMMUNE(o), C_INS(o), C_ZONE(o), C_CODE_ZONE(o), C_RUE(o), C_CODE_RUE(o), C_NUMERO(o),
            C_COORD(o), C_LAT(o), C_LON(o),
            champ("disabled_access", "boolean", "Accessible PMR",
                  "L'équipement est-il accessible aux personnes à mobilité réduite (true/false) ?"),
            champ("schedule", "string", "Horaires",
                  "Horaires d'accès au format opening_hours d'OpenStreetMap, par exemple "
                  "« Mo-Fr 08:30-12:00; Sa 09:00-11:30 ». Vide quand l'accès se fait sur réservation."),
            champ("type", "string", "Type",
                  "Type d'équipement : les valeurs du standard wallon, plus six catégories ajoutées pour les "
                  "bâtiments publics (" + ", ".join(TYPES_AJOUTES) + ").",
                  requis=True, enum=TYPES_FUTUROCITE + TYPES_AJOUTES),
            champ("type_details", "string", "Précision du type", "Type plus précis (école fondamentale, crèche…)."),
            champ("status", "string", "Disponibilité", "Disponible ou non à la date de mise à jour.",
                  enum=["Disponible", "Non disponible"]),
            champ("installation_date", "date", "Date d'installation", "Date d'installation (AAAA-MM-JJ)."),
            champ("provider", "string", "Gestionnaire", "Organisme qui gère l'équipement."),
            champ("paying", "boolean", "Payant", "L'accès est-il payant (true/false) ?"),
            champ("created_date", "date", "Date de création", "Date de création de la donnée (AAAA-MM-JJ)."),
            champ("last_modified_date", "date", "Date de modification",
                  "Date de la dernière modification de la donnée (AAAA-MM-JJ)."),
        ],
        cle=["id"], standard=STANDARD_EQUIPEMENTS,
    )


def defibrillateurs(t: Territoire, equipements: list[dict]) -> list[dict]:
    """Defibrillators (AED), Walloon standard « défibrillateurs » (FuturoCité), placed in public buildings."""
    rng = aleatoire("dea")
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


def schema_defibrillateurs() -> dict:
    o = "le défibrillateur"
    return table_schema(
        "defibrillateurs", "Défibrillateurs (DEA) de Vireloux",
        "Défibrillateurs externes automatiques accessibles au public. Standard wallon « Défibrillateurs » "
        "(FuturoCité) ; le champ Indoor du standard est écrit ici en minuscules (indoor).",
        [champ("id", "string", "Identifiant", "Identifiant unique local.", requis=True, unique=True,
               pattern=r"^\d{5}-D\d{3}$"),
         champ("name", "string", "Nom", "Nom du défibrillateur.", requis=True),
         *localisation_wallonne(o),
         champ("indoor", "boolean", "À l'intérieur", "Le défibrillateur est-il à l'intérieur d'un bâtiment ?",
               requis=True),
         champ("building", "string", "Bâtiment", "Bâtiment qui abrite le défibrillateur."),
         champ("floor", "integer", "Étage", "Étage (0 : rez-de-chaussée)."),
         champ("access_precision", "string", "Accès", "Comment trouver le défibrillateur."),
         champ("accessibility", "string", "Accessibilité", "Public ou Privé.", requis=True,
               enum=["Public", "Privé"]),
         champ("permanently_accessible", "boolean", "Accessible en permanence", "Accessible 24 heures sur 24 ?",
               requis=True),
         champ("schedule", "string", "Horaires", "Horaires d'accès (format opening_hours)."),
         champ("provider", "string", "Gestionnaire", "Gestionnaire du défibrillateur."),
         champ("installation_date", "date", "Date d'installation", "Date d'installation."),
         champ("phone_number", "string", "Téléphone", "Numéro de contact (service communal)."),
         champ("brand", "string", "Marque", "Marque de l'appareil."),
         champ("temporarily_unavailable", "string", "Disponibilité", "Disponible ou Indisponible.",
               enum=["Disponible", "Indisponible"])],
        cle=["id"], standard=standard_wallon("standard-defibrillateurs", "Défibrillateurs", "0.1.0"),
    )


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
            x, y = l72_depuis_wgs84(float(l["longitude"]), float(l["latitude"]))
            lat, lon = nombre_fr(y, 1, False), nombre_fr(x, 1, False)
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
            doublons.append((ligne_suivante(sortie) - 1, ligne_suivante(sortie)))
            sortie.append(list(ligne))
        if i == 20:
            proche = list(ligne)
            proche[1] = ligne[1].upper() + " "
            proches.append((ligne_suivante(sortie) - 1, ligne_suivante(sortie)))
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
        {"famille": "doublons", "defaut": "doublons exacts (ligne recopiée)", "ou": paires_de_lignes(doublons),
         "correction": "une ligne par équipement"},
        {"famille": "doublons", "defaut": "doublon approché : même équipement, nom en majuscules suivi d'une espace",
         "ou": paires_de_lignes(proches), "correction": "une ligne par équipement, nom officiel"},
    ]
    return b"\xef\xbb\xbf" + utf8(ecrire_lignes(sortie, ";")), defauts


def brut_defibrillateurs(lignes: list[dict]) -> tuple[bytes, list[dict]]:
    """brutes/defibrillateurs-livraison.geojson: the defibrillators as a contractor's tool delivered them.

    Two defects, on every feature: each point is written [latitude, longitude] (the order of EPSG:4326 in
    the EPSG register, not GeoJSON's), and the old GeoJSON ``crs`` member declares Lambert 72 (EPSG:31370),
    the commune's usual system, although the values are degrees.
    """
    import json

    entites = []
    for l in lignes:
        proprietes = {"id": l["id"], "name": l["name"], "street_name": l["street_name"],
                      "house_number": l["house_number"], "indoor": l["indoor"]}
        point = {"type": "Point", "coordinates": [float(l["latitude"]), float(l["longitude"])]}
        entites.append(json.dumps({"type": "Feature", "properties": proprietes, "geometry": point}, ensure_ascii=False))
    tete = json.dumps({"type": "FeatureCollection", "name": "defibrillateurs",
                       "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::31370"}}},
                      ensure_ascii=False)[:-1]
    texte = tete + ', "features": [\n' + ",\n".join(entites) + "\n]}\n"
    n = len(lignes)
    defauts = [
        {"famille": "lat-lon-inverses", "defaut": "chaque point est écrit [latitude, longitude] au lieu de [longitude, latitude]",
         "ou": f"les {n} entités (membre « coordinates »)", "correction": "longitude puis latitude (colonnes longitude, latitude)"},
        {"famille": "mauvais-crs", "defaut": "le membre « crs » déclare Lambert 72 (EPSG:31370) alors que les valeurs sont des degrés",
         "ou": "en-tête du fichier (membre « crs »)", "correction": "WGS 84 (EPSG:4326), sans membre « crs » (RFC 7946)"},
    ]
    return utf8(texte), defauts
