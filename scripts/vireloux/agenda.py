"""What happens in the commune: the 2025 events calendar and the 2023-2025 roadworks, with their schemas."""

from __future__ import annotations

import json
from datetime import date, timedelta

from vireloux.commune import INS, PRODUCTEUR, aleatoire
from vireloux.equipements import CPAS
from vireloux.formats import texte_nombre
from vireloux.schemas import (
    C_LAT_SEULE, C_LON_SEULE, C_QUARTIER, champ, localisation_wallonne, standard_wallon, table_schema,
)
from vireloux.territoire import Territoire, colonnes_rue, sur_rue, wgs84


def evenements(t: Territoire, equipements: list[dict], delibs_futures: list[date]) -> list[dict]:
    """The commune's events calendar for 2025."""
    rng = aleatoire("evenements")
    par_nom = {e["name"]: e for e in equipements}
    lignes = []

    def ajouter(titre, categorie, jour, debut, fin, lieu, public, gratuit, prix, organisateur, description, duree=0):
        e = par_nom.get(lieu)
        if e:
            lat, lon, code, nom_lieu, id_eq = e["latitude"], e["longitude"], e["ins_zone_address"], e["name"], e["id"]
        else:
            point = sur_rue(t, rng, lieu, decalage=10)
            lon_, lat_ = wgs84(point.x, point.y)
            lat, lon, code, nom_lieu, id_eq = (texte_nombre(lat_, 6), texte_nombre(lon_, 6), t.quartier_de(point),
                                               lieu, None)
        lignes.append({
            "titre": titre, "categorie": categorie, "date_debut": jour.isoformat(),
            "date_fin": (jour + timedelta(days=duree)).isoformat(), "heure_debut": debut, "heure_fin": fin,
            "id_equipement": id_eq, "lieu": nom_lieu, "code_quartier": code, "latitude": lat, "longitude": lon,
            "public": public, "gratuit": gratuit, "prix_eur": texte_nombre(prix, 2) if prix else None,
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


def schema_evenements() -> dict:
    s = table_schema(
        "evenements", "Agenda des événements 2025",
        "Événements organisés ou soutenus par la commune en 2025 (fêtes, marchés, culture, sport, citoyenneté).",
        [champ("id", "string", "Identifiant", "Identifiant de l'événement.", requis=True, unique=True,
               pattern=r"^EV25-\d{3}$"),
         champ("titre", "string", "Titre", "Titre de l'événement.", requis=True),
         champ("categorie", "string", "Catégorie", "Catégorie de l'événement.", requis=True,
               enum=["Marché", "Citoyenneté", "Fête locale", "Jeunesse", "Environnement", "Culture", "Sport",
                     "Seniors"]),
         champ("date_debut", "date", "Date de début", "Premier jour.", requis=True),
         champ("date_fin", "date", "Date de fin", "Dernier jour.", requis=True),
         champ("heure_debut", "time", "Heure de début", "HH:MM.", requis=True, format_="%H:%M"),
         champ("heure_fin", "time", "Heure de fin", "HH:MM.", requis=True, format_="%H:%M"),
         champ("id_equipement", "string", "Équipement", "Identifiant de l'équipement qui accueille l'événement "
               "(voir equipements-collectifs) ; vide en plein air.", pattern=r"^\d{5}-\d{3}$"),
         champ("lieu", "string", "Lieu", "Nom du lieu.", requis=True),
         C_QUARTIER, C_LAT_SEULE, C_LON_SEULE,
         champ("public", "string", "Public", "Public visé.", requis=True,
               enum=["Tout public", "Enfants", "Jeunes", "Seniors"]),
         champ("gratuit", "boolean", "Gratuit", "L'entrée est-elle gratuite ?", requis=True),
         champ("prix_eur", "number", "Prix (€)", "Prix d'entrée.", minimum=0),
         champ("organisateur", "string", "Organisateur", "Organisateur.", requis=True),
         champ("description", "string", "Description", "Description.", requis=True)],
        cle=["id"],
    )
    s["foreignKeys"] = [{"fields": "id_equipement",
                         "reference": {"resource": "equipements-collectifs", "fields": "id"}}]
    return s


def travaux_voiries(t: Territoire) -> list[dict]:
    """Roadworks 2023-2025, Walloon standard « travaux de voiries » (FuturoCité)."""
    rng = aleatoire("travaux")
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
        coords = [list(wgs84(x, y)) for x, y in troncon.coords]
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
            **colonnes_rue(t, code, nom_rue),
            "roadworks_type": type_,
            "roadworks_type_description": precision,
            "status": statut,
            "year": debut.year,
            "start_date": debut.isoformat(),
            "end_date": fin.isoformat(),
            "geometry": json.dumps({"type": "LineString", "coordinates": coords}),
            "length": texte_nombre(troncon.length, 1),
            "validated_by_authorities": True,
            "impact": rng.choice(["Mobilité", "Bruit", "Mobilité et bruit", "Accès riverains limité"]),
            "traffic_adaptation": rng.choice(adaptations),
            "provider": PRODUCTEUR if type_ != "Impétrant" else rng.choice(["SWDE", "Proximus", "ORES"]),
            "contractor": rng.choice(["Entreprise Routière Mosane", "TP Viroule SA", "Génie civil du Condroz"]),
            "projected_budget": texte_nombre(prevu, 2),
            "effective_amount": texte_nombre(round(prevu * rng.uniform(0.92, 1.18), -2), 2) if statut == "Réalisé" else None,
            "created_date": (debut - timedelta(days=rng.randint(20, 90))).isoformat(),
            "last_modified_date": min(reference, fin + timedelta(days=rng.randint(0, 20))).isoformat(),
        })
    return lignes


def schema_travaux() -> dict:
    o = "le chantier"
    return table_schema(
        "travaux-voiries", "Travaux de voirie 2023-2025",
        "Chantiers sur la voirie communale, réalisés, en cours ou planifiés à la date d'extraction (15 janvier 2025). "
        "Standard wallon « Travaux de voiries » (FuturoCité).",
        [champ("id", "string", "Identifiant", "Identifiant unique local.", requis=True, unique=True,
               pattern=r"^\d{5}-T\d{3}$"),
         champ("name", "string", "Nom", "Nom du chantier.", requis=True),
         champ("description", "string", "Description", "Description des travaux."),
         *localisation_wallonne(o, coordonnees=False)[:-1],
         champ("roadworks_type", "string", "Type de travaux", "Type de travaux.", requis=True,
               enum=["Aménagement de voiries", "Impétrant", "Réfection de voiries", "Création de voiries", "Autre"]),
         champ("roadworks_type_description", "string", "Nature des travaux", "Précision sur la nature des travaux."),
         champ("status", "string", "Statut", "Statut au 15 janvier 2025.", requis=True,
               enum=["Planifié", "En cours", "Réalisé", "Inconnu"]),
         champ("year", "year", "Année", "Année de début.", requis=True),
         champ("start_date", "date", "Début", "Date de début.", requis=True),
         champ("end_date", "date", "Fin", "Date de fin (prévue ou réelle).", requis=True),
         champ("geometry", "geojson", "Tronçon (GeoJSON)", "Tronçon concerné : LineString GeoJSON en WGS 84."),
         champ("length", "number", "Longueur (m)", "Longueur du tronçon en mètres.", minimum=0),
         champ("validated_by_authorities", "boolean", "Validé", "Chantier autorisé ?"),
         champ("impact", "string", "Impact", "Impact prévu."),
         champ("traffic_adaptation", "string", "Adaptation de la circulation", "Dispositif de circulation.",
               enum=["Sens unique", "Sens unique limité", "Réduction du nombre de bandes", "Circulation alternée",
                     "Voie fermée", "Vitesse réduite", "Limitation selon le gabarit du véhicule", "Autre"]),
         champ("provider", "string", "Commanditaire", "Commanditaire du chantier.", requis=True),
         champ("contractor", "string", "Entrepreneur", "Entreprise qui exécute le chantier."),
         champ("projected_budget", "number", "Budget prévu (€ TVAC)", "Budget prévisionnel.", minimum=0),
         champ("effective_amount", "number", "Montant effectif (€ TVAC)", "Montant final (chantiers réalisés).",
               minimum=0),
         champ("created_date", "date", "Date de création", "Date de création de la donnée."),
         champ("last_modified_date", "date", "Date de modification", "Date de dernière modification.")],
        cle=["id"], standard=standard_wallon("standard-travaux-voiries", "Travaux de voiries", "0.1.0"),
    )
