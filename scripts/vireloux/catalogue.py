"""The catalogue of clean data sets: what datapackage.json and data/README.md say about each."""

from __future__ import annotations

from dataclasses import dataclass

from vireloux.agenda import evenements, schema_evenements, schema_travaux, travaux_voiries
from vireloux.commune import LICENCE, MENTION_FICTIVE, SOURCE
from vireloux.conseil import deliberations, schema_deliberations, seances_2025
from vireloux.environnement import (
    aires_de_jeux, arbres_remarquables, qualite_air, schema_aires, schema_arbres, schema_qualite_air,
)
from vireloux.equipements import (
    defibrillateurs, equipements_collectifs, schema_defibrillateurs, schema_equipements,
)
from vireloux.finances import budget, schema_budget, schema_subventions, subventions
from vireloux.formats import csv_texte, utf8
from vireloux.geo import COUCHES_GEO
from vireloux.mobilite import (
    accidents, arrets_bus, comptages_trafic, schema_accidents, schema_arrets_bus, schema_comptages_trafic,
    schema_sites_comptage, schema_stationnements_velos, sites_comptage, stationnements_velos,
)
from vireloux.participation import (
    budget_participatif, schema_budget_participatif_projets, schema_budget_participatif_votes,
)
from vireloux.population import population_quartiers, schema_population
from vireloux.territoire import Territoire


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


def catalogue(t: Territoire) -> dict:
    """Every data set, built once: {"jeux": [Jeu]} and the rows other parts reuse ("population", "equipements",
    "deliberations")."""
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


def csv_du_jeu(jeu: Jeu) -> bytes:
    colonnes = [c["name"] for c in jeu.schema["fields"]]
    return utf8(csv_texte(colonnes, jeu.lignes))


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
