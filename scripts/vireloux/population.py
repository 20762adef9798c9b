"""Population by quartier, age band and year (2015-2025): the data set, its schema and its raw wide table."""

from __future__ import annotations

from vireloux.brutes import ecrire_lignes, nombre_fr
from vireloux.commune import aleatoire
from vireloux.formats import utf8
from vireloux.schemas import champ, table_schema
from vireloux.territoire import QUARTIERS, Territoire


TRANCHES_AGE = ["0-14", "15-29", "30-44", "45-64", "65-79", "80+"]
ANNEES_POPULATION = list(range(2015, 2026))

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
    rng = aleatoire("population")
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


def schema_population() -> dict:
    return table_schema(
        "population-quartiers", "Population de Vireloux par quartier, tranche d'âge et année",
        "Nombre d'habitants au 1er janvier de chaque année, de 2015 à 2025, par quartier et par tranche "
        "d'âge (format long : une ligne par année, quartier et tranche). Schéma propre à la formation.",
        [
            champ("annee", "integer", "Année", "Année (situation au 1er janvier).", requis=True,
                  minimum=2015, maximum=2025),
            champ("code_quartier", "string", "Code du quartier", "Code du quartier, de Q01 à Q08.",
                  requis=True, enum=[q[0] for q in QUARTIERS]),
            champ("nom_quartier", "string", "Nom du quartier", "Nom du quartier.", requis=True,
                  enum=[q[1] for q in QUARTIERS]),
            champ("tranche_age", "string", "Tranche d'âge", "Tranche d'âge en années révolues.",
                  requis=True, enum=TRANCHES_AGE),
            champ("population", "integer", "Population", "Nombre d'habitants.", requis=True, minimum=0),
        ],
        cle=["annee", "code_quartier", "tranche_age"],
    )


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
        sortie.append([f"Total {nom}", ""] + [nombre_fr(totaux[a], 0) for a in annees])
        lignes_total.append(len(sortie))
        sortie.append([])
        for a in annees:
            totaux_commune[a] += totaux[a]
    sortie.append(["TOTAL COMMUNE", ""] + [nombre_fr(totaux_commune[a], 0) for a in annees])
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
    return b"\xef\xbb\xbf" + utf8(ecrire_lignes(sortie, ";")), defauts
