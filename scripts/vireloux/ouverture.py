"""Opening the commune's data (module 01): one table published three ways, and the inventory of what the
commune holds.

- ``publications/population-quartiers-2025.{pdf,xlsx,csv}``: the same small table (population and area
  of each quartier on 1 January 2025) as a PDF document for the website, as the service's Excel
  workbook and as an open-data CSV, so that a lesson shows what a reuser can do with each;
- ``inventaire/inventaire-donnees-2025.csv``: the inventory of the data the commune's services hold,
  published or not, with what each service says about opening it; exercise 01a classifies it into the
  statuses of a local open-data inventory.
"""

from __future__ import annotations

from pathlib import Path

from vireloux.commune import PRODUCTEUR
from vireloux.formats import csv_texte, pdf_texte, texte_nombre, utf8, zip_deterministe
from vireloux.territoire import Territoire

TABLE = "population-quartiers-2025"
TITRE_TABLE = "Population de Vireloux par quartier au 1er janvier 2025"
COLONNES_TABLE = ["code_quartier", "nom_quartier", "superficie_km2", "population_2025"]


def table_quartiers(t: Territoire, population: list[dict]) -> list[dict]:
    """One row per quartier: code, name, area (km², 2 decimals, as text) and population on 1 January 2025."""
    lignes = []
    for code, q in t.quartiers.items():
        habitants = sum(l["population"] for l in population if l["annee"] == 2025 and l["code_quartier"] == code)
        lignes.append({"code_quartier": code, "nom_quartier": q["nom"],
                       "superficie_km2": texte_nombre(q["polygone"].area / 1e6, 2), "population_2025": habitants})
    return lignes


def _milliers(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _pdf(lignes: list[dict]) -> bytes:
    """The table as the communication service lays it out in a PDF for the website."""
    colonnes = (72, 120, 330, 450)
    texte = [(72, 780, 15, TITRE_TABLE),
             (72, 758, 10, "Service Population - document publié sur le site de la commune"),
             (colonnes[0], 720, 10, "Code"), (colonnes[1], 720, 10, "Quartier"),
             (colonnes[2], 720, 10, "Superficie (km²)"), (colonnes[3], 720, 10, "Habitants")]
    y = 700
    for l in lignes:
        texte += [(colonnes[0], y, 10, l["code_quartier"]), (colonnes[1], y, 10, l["nom_quartier"]),
                  (colonnes[2], y, 10, l["superficie_km2"].replace(".", ",")),
                  (colonnes[3], y, 10, _milliers(l["population_2025"]))]
        y -= 18
    total = sum(l["population_2025"] for l in lignes)
    texte += [(colonnes[1], y - 6, 10, "Total de la commune"), (colonnes[3], y - 6, 10, _milliers(total))]
    texte.append((72, 90, 8, "Données fictives : Vireloux est une commune inventée pour la formation."))
    return pdf_texte(texte, TITRE_TABLE)


def _xlsx(lignes: list[dict], dossier: Path) -> bytes:
    """The table as the population service keeps it: a title, a source line, the header, a total row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Population 2025"
    feuille["A1"] = TITRE_TABLE
    feuille["A1"].font = Font(bold=True, size=13)
    feuille.merge_cells("A1:D1")
    feuille["A2"] = "Source : service Population, registre au 1er janvier 2025"
    for colonne, entete in enumerate(["Code", "Quartier", "Superficie (km²)", "Habitants"], start=1):
        feuille.cell(4, colonne, entete).font = Font(bold=True)
    for rang, l in enumerate(lignes, start=5):
        feuille.cell(rang, 1, l["code_quartier"])
        feuille.cell(rang, 2, l["nom_quartier"])
        feuille.cell(rang, 3, float(l["superficie_km2"])).number_format = "0.00"
        feuille.cell(rang, 4, l["population_2025"]).number_format = "#,##0"
    total = 5 + len(lignes)
    feuille.cell(total, 2, "Total").font = Font(bold=True)
    feuille.cell(total, 4, sum(l["population_2025"] for l in lignes)).number_format = "#,##0"
    for lettre, largeur in zip("ABCD", (8, 18, 16, 12)):
        feuille.column_dimensions[lettre].width = largeur
    classeur.properties.creator = PRODUCTEUR
    from datetime import datetime

    classeur.properties.created = datetime(2025, 1, 15, 9, 0, 0)
    chemin = dossier / f"{TABLE}.xlsx"
    classeur.save(chemin)
    return zip_deterministe(chemin.read_bytes())


def publications(t: Territoire, population: list[dict], dossier: Path) -> dict[str, bytes]:
    """The same table as PDF, XLSX and CSV, under publications/."""
    lignes = table_quartiers(t, population)
    return {
        f"publications/{TABLE}.pdf": _pdf(lignes),
        f"publications/{TABLE}.xlsx": _xlsx(lignes, dossier),
        f"publications/{TABLE}.csv": utf8(csv_texte(COLONNES_TABLE, lignes)),
    }


# --------------------------------------------------------------------------------------------
# The inventory of the commune's data
# --------------------------------------------------------------------------------------------

COLONNES_INVENTAIRE = ["id", "jeu", "service", "contenu", "format", "ou_le_trouver", "licence", "avis_du_service"]

INVENTAIRE = [
    ("INV-01", "Équipements collectifs", "Travaux", "Bâtiments et équipements publics : adresse, horaires, "
     "accessibilité.", "CSV", "ODWB", "CC BY 4.0", "Mis à jour chaque trimestre."),
    ("INV-02", "Arbres remarquables", "Environnement", "Espèce, dimensions et position des arbres remarquables.",
     "CSV", "ODWB", "CC BY 4.0", "Publié en 2024, à compléter avec les arbres des écoles."),
    ("INV-03", "Comptes annuels 2024", "Finances", "Dépenses et recettes réalisées en 2024, par fonction.", "PDF",
     "site de la commune", "aucune", "Le PDF est sur le site ; nous avons aussi le classeur Excel d'origine et "
     "sommes d'accord pour le publier."),
    ("INV-04", "Registre de population", "Population", "Nom, adresse, date de naissance et nationalité de chaque "
     "habitant.", "base du logiciel Population", "interne", "aucune", "Ce sont les données des habitants."),
    ("INV-05", "Naissances par année et par quartier", "État civil", "Nombre de naissances par année et par "
     "quartier depuis 2015, sans aucun nom.", "XLSX", "interne", "aucune", "D'accord pour le publier : il faut "
     "seulement l'exporter en CSV."),
    ("INV-06", "Réseau d'eau potable", "Travaux", "Emplacement des réservoirs, des captages et des vannes de "
     "coupure.", "plans DWG", "interne", "aucune", "La police et les pompiers ont demandé que ces emplacements ne "
     "soient pas diffusés."),
    ("INV-07", "Photos aériennes 2023", "Urbanisme", "Photos aériennes achetées à un bureau d'études privé ; le "
     "contrat n'en permet qu'un usage interne.", "GeoTIFF", "interne", "licence du bureau d'études",
     "Le bureau d'études reste propriétaire des images."),
    ("INV-08", "Délibérations du conseil communal", "Secrétariat", "Objet, matière et votes de chaque point "
     "adopté en séance publique.", "CSV", "ODWB", "CC BY 4.0", "Publiées après chaque séance."),
    ("INV-09", "Consommation d'énergie des bâtiments communaux", "Énergie", "Relevés mensuels d'électricité, de "
     "gaz et de mazout de chaque bâtiment.", "XLSX", "interne", "aucune", "Les chiffres de l'école du Centre sont "
     "mauvais : cela ferait mauvaise impression."),
    ("INV-10", "Marchés publics attribués", "Marchés publics", "Objet, montant et entreprise attributaire de "
     "chaque marché.", "XLSX", "interne", "aucune", "Si nous publions, les entreprises vont nous poser des "
     "questions."),
    ("INV-11", "Signalements des habitants", "Propreté", "Date, rue et type de problème signalé (dépôt "
     "clandestin, nid-de-poule…), avec le nom et le téléphone de la personne qui signale.", "CSV", "interne",
     "aucune", "D'accord pour publier la date, la rue et le type de problème, sans les noms ni les téléphones."),
    ("INV-12", "Vidéos aériennes par drone", "Communication", "Vidéos du territoire tournées par la commune en "
     "2024.", "MP4", "sur demande", "aucune", "Une copie est fournie contre une redevance de 50 € (règlement-"
     "redevance communal)."),
    ("INV-13", "Registre canicule", "Affaires sociales", "Personnes isolées ou fragiles à appeler en cas de forte "
     "chaleur : nom, adresse, téléphone, état de santé.", "XLSX", "interne", "aucune",
     "Les personnes se sont inscrites pour être aidées, pas pour être connues."),
    ("INV-14", "Fréquentation de la bibliothèque", "Culture", "Prêts et visites par mois et par tranche d'âge.",
     "XLSX", "partagé avec la Fédération Wallonie-Bruxelles", "aucune", "Transmis chaque année au ministère ; "
     "la convention en réserve l'usage aux administrations."),
]


def inventaire() -> bytes:
    """inventaire/inventaire-donnees-2025.csv: one row per data set a service holds."""
    lignes = [dict(zip(COLONNES_INVENTAIRE, valeurs)) for valeurs in INVENTAIRE]
    return utf8(csv_texte(COLONNES_INVENTAIRE, lignes))


def fichiers_ouverture(t: Territoire, population: list[dict], dossier: Path) -> dict[str, bytes]:
    """Every file of this module, as {path relative to data/: bytes}."""
    sortie = publications(t, population, dossier)
    sortie["inventaire/inventaire-donnees-2025.csv"] = inventaire()
    return sortie


def readme_ouverture() -> list[str]:
    """The lines of data/README.md that describe this module's files."""
    return [
        "## Une table publiée de trois façons, et l'inventaire des données",
        "",
        f"`publications/` contient **la même table** (superficie et population au 1er janvier 2025 de chacun des "
        f"huit quartiers, tirée de `propres/population-quartiers.csv`) publiée de trois façons, pour la leçon 1 du "
        f"module 01-open-data :",
        "",
        "| fichier | ce que c'est |",
        "| --- | --- |",
        f"| `publications/{TABLE}.pdf` | le document mis en ligne sur le site de la commune : un titre, le tableau mis "
        "en page (virgule décimale, espace des milliers), une ligne de total ; du texte placé sur une page, sans "
        "cellules |",
        f"| `publications/{TABLE}.xlsx` | le classeur du service Population : un titre fusionné sur A1:D1, une ligne "
        "de source, l'en-tête en ligne 4, une ligne « Total » sous les huit quartiers |",
        f"| `publications/{TABLE}.csv` | la version open data : UTF-8, virgule, point décimal, un en-tête, une ligne "
        "par quartier, pas de total |",
        "",
        "`inventaire/inventaire-donnees-2025.csv` est l'inventaire (fictif) des données que détiennent les services de "
        "Vireloux, publiées ou non : pour chaque jeu, son contenu, son format, où on le trouve, sa licence et ce qu'en "
        "dit le service. L'exercice 01a le classe selon les statuts d'un inventaire local (déjà ouverte, à ouvrir, "
        "non accessible sans raison valable, non ouvrable, autres cas) ; les jeux « déjà ouverts » sont ceux du "
        "catalogue ci-dessus. Colonnes : " + ", ".join(f"`{c}`" for c in COLONNES_INVENTAIRE) + ".",
        "",
    ]
