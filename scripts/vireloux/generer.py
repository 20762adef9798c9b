"""Generate the sample data of the fictional commune of Vireloux: build every file in memory, then write.

Everything under data/ is produced from a fixed seed, as deterministic bytes: clean CSV files and
their Table Schemas, raw files with the defects the training is about, GeoJSON layers
(EPSG:4326), a GeoPackage (EPSG:31370), an Excel workbook, the datapackage.json, the vcrpy
cassettes that replay the portals and the geoportal offline, and data/README.md.

Each data set is built by a pure function of the territory (no I/O); ``main`` writes them.
scripts/generate_data.py, the command ``make data`` runs, calls ``main``.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from vireloux.avis import fichiers_evaluation
from vireloux.catalogue import Jeu, catalogue, csv_du_jeu, datapackage
from vireloux.conseil import brut_deliberations
from vireloux.enregistrements import Reponse, cassettes
from vireloux.environnement import zones_inondables
from vireloux.equipements import brut_defibrillateurs, brut_equipements
from vireloux.finances import brut_budget, brut_subventions
from vireloux.formats import geojson_texte, geopackage, json_texte, utf8
from vireloux.geo import (
    COUCHES_GEO, couche_adresses, couche_commune, couche_cours_eau, couche_points, couche_quartiers,
    couche_rues, en_wgs84,
)
from vireloux.geoportail import reponses_geoportail
from vireloux.mobilite import brut_accidents
from vireloux.ouverture import fichiers_ouverture
from vireloux.pilotage import fichiers_pilotage
from vireloux.population import brut_population
from vireloux.portails import JeuPublie, reponses_ckan, reponses_datagouv, reponses_odwb
from vireloux.publication import reponses_mise_a_jour, reponses_publication
from vireloux.readme import readme
from vireloux.territoire import territoire


RACINE = Path(__file__).resolve().parents[2]  # the repository (this file is scripts/vireloux/generer.py)


def jeu_publie(jeu: Jeu) -> JeuPublie:
    return JeuPublie(nom=jeu.nom, identifiant=f"vireloux-{jeu.nom}", titre=f"Vireloux – {jeu.titre}",
                     description=jeu.description, themes=jeu.themes, mots_cles=jeu.mots_cles + ["Vireloux"],
                     schema=jeu.schema, lignes=jeu.lignes, modifie=jeu.modifie)


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
        sortie[f"propres/{jeu.nom}.csv"] = csv_du_jeu(jeu)
        sortie[f"schemas/{jeu.nom}.schema.json"] = utf8(json_texte(jeu.schema))
    sortie["datapackage.json"] = utf8(json_texte(datapackage(jeux)))

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
            "brutes/defibrillateurs-livraison.geojson": ("propres/defibrillateurs.csv",)
            + brut_defibrillateurs(par_nom["defibrillateurs"].lignes),
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
            sortie[f"geo/{fichier}.geojson"] = utf8(geojson_texte(fichier, en_wgs84(entites)))
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
        points_wfs = {
            "VIRELOUX:Defibrillateurs": couche_points(par_nom["defibrillateurs"].lignes,
                                                      ["id", "name", "street_name", "house_number", "ins_zone_address"]),
            "VIRELOUX:Equipements": couche_points(cat["equipements"], ["id", "name", "type", "street_name",
                                                                       "house_number", "ins_zone_address"]),
        }

        # one table published three ways, and the inventory of the commune's data (module 01)
        sortie.update(fichiers_ouverture(t, cat["population"], Path(tmp)))
        # module 07: templates and the commune's project files
        sortie.update(fichiers_pilotage(Path(tmp)))
    # the programme's forms: invented answers of participants
    sortie.update(fichiers_evaluation())

    # recordings
    publies = [jeu_publie(j) for j in jeux]
    reponses = (reponses_odwb(publies) + reponses_datagouv(publies, sortie) + reponses_ckan(publies, sortie)
                + reponses_geoportail(t, quartiers, zones, cat["population"], points_wfs) + reponses_publication(publies, sortie)
                + reponses_mise_a_jour(publies, sortie))
    for service, texte in cassettes(reponses).items():
        sortie[f"enregistrements/{service}.yaml"] = utf8(texte)

    sortie["README.md"] = utf8(readme(t, jeux, defauts, reponses, sortie))
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
