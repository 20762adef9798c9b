"""The exercises' self-check helpers (atelier/verifier.py) agree with the data and explain faults in French."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from atelier.verifier import (
    FREQUENCES,
    METADONNEES_OBLIGATOIRES,
    THEMES,
    charger_schema,
    comparer_au_schema,
    verifier_metadonnees,
)
from tests.conftest import ROOT

DATA = ROOT / "data"
SCHEMAS = sorted((DATA / "schemas").glob("*.schema.json"))


def _lire_comme_le_schema(nom: str) -> tuple[pd.DataFrame, dict]:
    """Read a clean file the way a careful learner would: text fields as text, the rest inferred."""
    schema = json.loads((DATA / "schemas" / f"{nom}.schema.json").read_text(encoding="utf-8"))
    texte = {f["name"]: str for f in schema["fields"] if f["type"] in ("string", "geojson", "time", "date")}
    return pd.read_csv(DATA / "propres" / f"{nom}.csv", dtype=texte, keep_default_na=False, na_values=[""]), schema


@pytest.mark.parametrize("chemin", SCHEMAS, ids=lambda p: p.name.removesuffix(".schema.json"))
def test_every_clean_file_fits_its_schema(chemin):
    tableau, schema = _lire_comme_le_schema(chemin.name.removesuffix(".schema.json"))
    assert comparer_au_schema(tableau, schema) == []


@pytest.fixture
def subventions():
    return _lire_comme_le_schema("subventions")


def test_schema_is_accepted_as_dict_path_or_frictionless_schema(subventions):
    from frictionless import Schema

    tableau, schema = subventions
    chemin = DATA / "schemas" / "subventions.schema.json"
    assert charger_schema(chemin) == schema
    assert charger_schema(str(chemin)) == schema
    assert charger_schema(Schema(chemin))["fields"][0]["name"] == "nomAttribuant"
    assert comparer_au_schema(tableau, chemin) == []
    with pytest.raises(FileNotFoundError, match="introuvable"):
        charger_schema(DATA / "schemas" / "absent.json")
    with pytest.raises(TypeError, match="dictionnaire"):
        charger_schema(42)


def test_a_code_read_as_a_number_is_explained(subventions):
    _, schema = subventions
    lu_par_defaut = pd.read_csv(DATA / "propres" / "subventions.csv")
    ecarts = comparer_au_schema(lu_par_defaut, schema)
    assert any("idAttribuant" in e and "zéros initiaux" in e and "dtype=str" in e for e in ecarts)


def test_lost_leading_zeros_in_text_are_explained(subventions):
    tableau, schema = subventions
    tableau["idBeneficiaire"] = tableau["idBeneficiaire"].str.lstrip("0")
    ecarts = comparer_au_schema(tableau, schema)
    assert len(ecarts) == 1
    assert "idBeneficiaire" in ecarts[0] and "zfill" in ecarts[0] and "402863182" in ecarts[0]


def test_french_amounts_and_dates_are_explained(subventions):
    tableau, schema = subventions
    tableau["montant"] = tableau["montant"].map(lambda m: f"{m:.2f}".replace(".", ","))
    tableau["dateConvention"] = pd.to_datetime(tableau["dateConvention"]).dt.strftime("%d/%m/%Y")
    ecarts = comparer_au_schema(tableau, schema)
    assert any("montant" in e and "virgule" in e for e in ecarts)
    assert any("dateConvention" in e and "pd.to_datetime" in e for e in ecarts)


def test_dates_may_be_datetimes_or_iso_text(subventions):
    tableau, schema = subventions
    assert comparer_au_schema(tableau.assign(dateConvention=pd.to_datetime(tableau["dateConvention"])), schema) == []


def test_constraints_are_checked(subventions):
    tableau, schema = subventions
    tableau.loc[0, "typeBeneficiaire"] = "personne physique"
    tableau.loc[1, "montant"] = -5.0
    tableau.loc[2, "objet"] = None
    ecarts = comparer_au_schema(tableau, schema)
    assert any("typeBeneficiaire" in e and "liste permise" in e for e in ecarts)
    assert any("montant" in e and "minimum" in e for e in ecarts)
    assert any("objet" in e and "obligatoire" in e for e in ecarts)


def test_missing_extra_and_misordered_columns(subventions):
    tableau, schema = subventions
    assert "il manque 1 colonne(s) : domaine" in comparer_au_schema(tableau.drop(columns="domaine"), schema)[0]
    avec_index = tableau.reset_index().rename(columns={"index": "Unnamed: 0"})
    assert any("Unnamed: 0" in e and "index" in e for e in comparer_au_schema(avec_index, schema))
    melange = tableau[list(reversed(tableau.columns))]
    assert comparer_au_schema(melange, schema) == [
        "les colonnes n'ont pas l'ordre du schéma : réordonnez-les avec tableau[liste_des_noms_du_schema]."]


def test_a_subset_of_fields_ignores_the_other_columns(subventions):
    tableau, schema = subventions
    partiel = tableau[["montant", "domaine"]].assign(autre=1)
    assert comparer_au_schema(partiel, schema, champs=["domaine", "montant"]) == []
    with pytest.raises(ValueError, match="absents du schéma"):
        comparer_au_schema(partiel, schema, champs=["inconnu"])


def test_primary_key_duplicates_and_booleans():
    tableau, schema = _lire_comme_le_schema("budget-2025")
    double = pd.concat([tableau, tableau.head(1)], ignore_index=True)
    assert any("clé primaire" in e and "doublons" in e for e in comparer_au_schema(double, schema))
    equipements, schema_equipements = _lire_comme_le_schema("equipements-collectifs")
    equipements["disabled_access"] = equipements["disabled_access"].map({True: "oui", False: "non"})
    assert any("disabled_access" in e and "booléens" in e for e in comparer_au_schema(equipements, schema_equipements))


def test_not_a_table():
    assert "DataFrame" in comparer_au_schema([1, 2], {"fields": []})[0]


METADONNEES = {
    "dct:title": "Budget initial 2025 de Vireloux",
    "dct:description": "Crédits de dépenses et de recettes du budget initial 2025, par fonction. " * 3,
    "dcat:keyword": ["budget", "finances", "commune"],
    "dcat:theme": "GOVE",
    "dct:publisher": "Commune de Vireloux",
    "dct:license": "https://creativecommons.org/licenses/by/4.0/",
    "dct:accrualPeriodicity": "ANNUAL",
    "dct:temporal": {"dcat:startDate": "2025-01-01", "dcat:endDate": "2025-12-31"},
    "dct:spatial": "Vireloux (code INS 92999)",
}


def test_complete_metadata_pass():
    assert verifier_metadonnees(METADONNEES) == []
    uris = {**METADONNEES,
            "dcat:theme": "http://publications.europa.eu/resource/authority/data-theme/GOVE",
            "dct:accrualPeriodicity": "http://publications.europa.eu/resource/authority/frequency/ANNUAL"}
    assert verifier_metadonnees(uris) == []
    assert set(METADONNEES) == set(METADONNEES_OBLIGATOIRES)
    assert "ANNUAL" in FREQUENCES and len(THEMES) == 13


@pytest.mark.parametrize("cle,valeur,attendu", [
    ("dct:title", "budget_2025.csv", "nom de fichier"),
    ("dct:description", "Le budget.", "au moins 100 caractères"),
    ("dcat:keyword", "budget, finances", "une liste de mots-clés"),
    ("dcat:keyword", ["budget", "Budget", ""], "au moins trois mots-clés"),
    ("dcat:theme", "Finances", "vocabulaire européen des thèmes"),
    ("dct:publisher", "", "nommer l'organisation"),
    ("dct:license", "CC BY 4.0", "adresse (URL)"),
    ("dct:license", "https://example.org/ma-licence", "licence ouverte connue"),
    ("dct:accrualPeriodicity", "annuelle", "vocabulaire européen des fréquences"),
    ("dct:temporal", "2025", "dictionnaire"),
    ("dct:temporal", {"dcat:startDate": "01/01/2025", "dcat:endDate": "2025-12-31"}, "AAAA-MM-JJ"),
    ("dct:temporal", {"dcat:startDate": "2025-12-31", "dcat:endDate": "2025-01-01"}, "postérieure"),
    ("dct:spatial", None, "territoire couvert"),
])
def test_each_metadata_fault_has_its_own_message(cle, valeur, attendu):
    problemes = verifier_metadonnees({**METADONNEES, cle: valeur})
    assert len(problemes) == 1 and attendu in problemes[0], problemes


def test_missing_metadata_are_named():
    incompletes = {k: v for k, v in METADONNEES.items() if k not in ("dct:license", "dct:spatial")}
    probleme = verifier_metadonnees(incompletes)[0]
    assert "dct:license" in probleme and "dct:spatial" in probleme
    assert "dictionnaire" in verifier_metadonnees(["dct:title"])[0]
