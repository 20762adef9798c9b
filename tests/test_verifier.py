"""The French file checker (atelier/verifier/) on real files: official examples of published schemas, the Walloon
templates, the sample commune's files, pandas tables, the command, and DCAT-AP metadata.

The official examples and templates are copies in tests/real/schemas/ (source, commit and licence in its README).
"""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import requests

import atelier
from atelier.verifier import (
    FREQUENCES,
    LICENCES,
    METADONNEES_OBLIGATOIRES,
    THEMES,
    SchemaInvalide,
    charger_schema,
    comparer_au_schema,
    verifier_fichier,
    verifier_metadonnees,
)
from tests.conftest import ROOT
from tests.offline import run_offline

DATA = ROOT / "data"
REELS = ROOT / "tests" / "real" / "schemas"
SCHEMAS = sorted((DATA / "schemas").glob("*.schema.json"))
VALIDES = sorted(p for p in REELS.glob("*/*.csv") if "invalide" not in p.name)
GABARITS = sorted(REELS.glob("wallonie-*/gabarit.xlsx"))
SCDL = REELS / "scdl-subventions-2.1.1"


def _schema_de(exemple: Path) -> Path:
    return exemple.parent / "schema.json"


def _familles(rapport) -> set[tuple]:
    """(row, field, frictionless error type) of every error of a report; None for the header's row."""
    return {(None if pd.isna(l) else int(l), c, t)
            for l, c, t in rapport.erreurs[["ligne", "champ", "type d'erreur"]].itertuples(index=False)}


def _texte(rapport) -> str:
    return "\n".join(map(str, rapport.explications))


# --------------------------------------------------------------------------------------------
# Official examples of published schemas
# --------------------------------------------------------------------------------------------

def test_the_corpus_holds_the_official_examples():
    assert len(VALIDES) == 15 and len(GABARITS) == 9
    assert len(list(REELS.glob("*/exemple*invalide*.csv"))) == 4
    readme = (REELS / "README.md").read_text(encoding="utf-8")
    for fichier in REELS.rglob("*"):
        if fichier.is_file() and fichier.name != "README.md":
            assert f"`{fichier.relative_to(REELS).as_posix()}`" in readme, f"{fichier.name} is not listed in the README"


@pytest.mark.parametrize("exemple", VALIDES, ids=lambda p: p.parent.name)
def test_every_official_valid_example_has_no_error(exemple):
    rapport = verifier_fichier(exemple, _schema_de(exemple))
    assert rapport.valide, _texte(rapport)
    assert rapport.erreurs.empty and rapport.explications == []
    assert rapport.lignes_lues > 0
    assert "VALIDE : frictionless ne trouve aucune erreur." in str(rapport)


@pytest.mark.parametrize("exemple", VALIDES, ids=lambda p: p.parent.name)
def test_every_official_valid_example_fits_as_a_pandas_table(exemple):
    """Read as text, the way the lessons teach; the old hand-written comparison found differences in all 15."""
    from atelier.verifier.lecture import detecter_separateur

    separateur, _ = detecter_separateur(exemple.read_text(encoding="utf-8").splitlines()[0])
    tableau = pd.read_csv(exemple, sep=separateur, dtype=str, keep_default_na=False)
    assert comparer_au_schema(tableau, _schema_de(exemple)) == []


def test_official_valid_examples_that_swap_latitude_and_longitude_get_a_warning():
    """frictionless accepts them (each number is valid); the checker's documented extra check warns."""
    avertis = {}
    for exemple in VALIDES:
        textes = [a for a in verifier_fichier(exemple, _schema_de(exemple)).avertissements if "inversées" in a]
        if textes:
            avertis[exemple.parent.name] = textes
    assert set(avertis) == {"arbres-urbains-0.3.1", "wallonie-futurocite-patrimoine-naturel-ou-materiel"}
    # arbres-urbains: every row gives the latitude in the longitude column (49.802 « longitude » for row 2)
    assert "aux lignes 2, 3, 4, 5" in avertis["arbres-urbains-0.3.1"][0]
    # the Walloon heritage example writes its GeoJSON point [latitude, longitude]
    assert "GeoJSON" in avertis["wallonie-futurocite-patrimoine-naturel-ou-materiel"][0]
    assert "à la ligne 2" in avertis["wallonie-futurocite-patrimoine-naturel-ou-materiel"][0]


def test_stationnement_invalid_example_gives_its_two_planted_errors():
    exemple = REELS / "etalab-stationnement-0.1.5" / "exemple-invalide.csv"
    rapport = verifier_fichier(exemple, _schema_de(exemple))
    assert _familles(rapport) == {(2, "id", "constraint-error"), (2, "tarif_pmr", "constraint-error")}
    texte = _texte(rapport)
    # the pattern requires the dashes of « 75114-P-001 »: no advice to remove them, the schema's example instead
    assert "« P-001 »" in texte and "75114-P-001" in texte and "tirets" not in texte
    assert "« inconnu »" in texte and "« gratuit », « normal_payant », « tarif_special »" in texte
    # Also planted: num_siret 80295478500028 fails the SIRET key. Only the schema's Validata custom check
    # (french-siret-value) sees it; frictionless does not run it, and the report says so.
    assert any("french-siret-value (num_siret)" in a and "validata" in a for a in rapport.avertissements)


def test_covoiturage_invalid_example_gives_the_date_and_warns_of_the_swapped_point():
    exemple = REELS / "etalab-lieux-covoiturage-0.3.0" / "exemple-invalide.csv"
    rapport = verifier_fichier(exemple, _schema_de(exemple))
    assert _familles(rapport) == {(3, "date_maj", "type-error")}
    assert "« 24-06-2019 »" in _texte(rapport) and 'format="%d-%m-%Y"' in _texte(rapport)
    # Planted and invisible to frictionless: Xlong/Ylat swapped on row 3 (the checker's extra check warns)...
    assert any("« Ylat » et « Xlong »" in a and "à la ligne 3" in a for a in rapport.avertissements)
    # ...the postcode 76000 in the INSEE column (it matches the INSEE pattern: only the official list of codes
    # tells) and 3 disabled places out of 2 (a rule between two columns): no schema rule catches these two,
    # and the checker does not pretend to.
    assert not any("insee" in a.lower() or "nbre_pmr" in a for a in rapport.avertissements)


# The SCDL « Subventions » examples date from 2018. Since then the schema added dispositifAide (2.1.0, 2022:
# absent from both files) and changed pourcentageSubvention from a percentage to a proportion between 0.01
# and 1 (2.0.0: 100 and 80 fail). Both are real errors against today's schema; the others were planted.
CELLULES_SCDL = {
    (None, "dispositifAide", "missing-label"),
    (2, "pourcentageSubvention", "constraint-error"), (3, "pourcentageSubvention", "constraint-error"),
    (4, "pourcentageSubvention", "constraint-error"),
    (5, "dateConvention", "type-error"),               # 05/12/2016
    (5, "rnaBeneficiaire", "constraint-error"), (12, "rnaBeneficiaire", "constraint-error"),
    (30, "rnaBeneficiaire", "constraint-error"),       # RNA numbers too short
    (6, "montant", "type-error"),                      # decimal comma
    (6, "notificationUE", "type-error"), (8, "notificationUE", "type-error"),  # « no », « yes »
    (7, "idAttribuant", "constraint-error"),           # a 9-digit SIREN where a SIRET is due
    (8, "datesPeriodeVersement", "constraint-error"),  # « _ » instead of « / »
    (9, "pourcentageSubvention", "type-error"),        # decimal comma
    (10, "montant", "constraint-error"),               # empty
    (16, "nature", "constraint-error"),                # « , » instead of « ; » between two values
}
# Planted too, but no rule of the schema sees them: idBeneficiaire « 32402138500000.0 » (row 6: only Validata's
# french-siret-value check, named in the warnings) and « Poitiers » for « Ville de Poitiers » (row 6).


def test_scdl_cell_errors_example_gives_the_planted_errors():
    rapport = verifier_fichier(SCDL / "exemple_invalide_erreurs_cellules.csv", SCDL / "schema.json")
    assert _familles(rapport) == CELLULES_SCDL
    texte = _texte(rapport)
    assert "le vérificateur" not in " ".join(rapport.remarques)  # columns in place: one pass, by position
    assert "vrai avec « oui » et faux avec « non »" in texte and '.replace({"no": "non", "yes": "oui"})' in texte
    assert "Divisez ces valeurs par 100" in texte
    assert "« aide en numéraire,aide en nature » → « aide en numéraire;aide en nature »" in texte
    assert 'format="%d/%m/%Y"' in texte and "virgule décimale" in texte
    siren = next(e for e in rapport.explications if e.champ == "idAttribuant")
    assert "218601946" in siren.texte and "zfill" not in siren.texte, "a SIREN is not a SIRET that lost its zeros"
    assert any("french-siret-value (idBeneficiaire)" in a for a in rapport.avertissements)


def test_scdl_column_errors_example_gives_the_planted_header_errors_then_the_same_cells():
    rapport = verifier_fichier(SCDL / "exemple_invalide_erreurs_colonnes.csv", SCDL / "schema.json")
    entete = {(None, "nomAttribuant", "incorrect-label"), (None, "idAttribuant", "incorrect-label"),
              (None, "nomBeneficiaire", "incorrect-label")}
    # Columns are matched by name for the values (frictionless's fieldsMatch), so the swapped first two
    # columns do not turn the 29 names of idAttribuant into 29 pattern errors.
    assert _familles(rapport) == entete | CELLULES_SCDL
    texte = _texte(rapport)
    assert "« nomAttribuant » et « idAttribuant » sont inversées" in texte
    assert "« NOM_Beneficiaire » devrait s'appeler « nomBeneficiaire »" in texte
    assert "il manque 1 colonne(s) : dispositifAide" in texte
    assert any("fieldsMatch" in r for r in rapport.remarques)


# --------------------------------------------------------------------------------------------
# The Walloon templates (gabarits), as an agent downloads them
# --------------------------------------------------------------------------------------------

GABARIT_ATTENDU = {
    # the template's header has a typo the schema does not have
    "wallonie-futurocite-aires-loisirs": ["« cartification_year » devrait s'appeler « certification_year »"],
    "wallonie-futurocite-circuits-touristiques": ["3 colonnes sans nom (position 27, 28, 29)", "gabarit vide"],
    "wallonie-futurocite-defibrillateurs": [],
    "wallonie-futurocite-emplacements-pmr": ["10 colonnes sans nom", "gabarit vide"],
    "wallonie-futurocite-equipements-collectifs": ["gabarit vide"],
    "wallonie-futurocite-marches": [],
    "wallonie-futurocite-patrimoine-naturel-ou-materiel": [],
    "wallonie-futurocite-stationnements-velos": ["3 colonnes sans nom (position 28, 29, 30)", "gabarit vide"],
    "wallonie-futurocite-travaux-voiries": ["gabarit vide"],
}


@pytest.mark.parametrize("gabarit", GABARITS, ids=lambda p: p.parent.name)
def test_each_empty_walloon_template_is_explained(gabarit):
    rapport = verifier_fichier(gabarit, gabarit.parent / "schema.json")
    attendus = GABARIT_ATTENDU[gabarit.parent.name]
    assert len(rapport.explications) == len(attendus), _texte(rapport)
    for explication, attendu in zip(rapport.explications, attendus):
        assert attendu in explication.texte
    assert "classeur Excel, feuille" in rapport.lecture
    if "gabarit vide" in attendus:
        # the blank row also breaks the primary key: one cause, said once
        assert set(rapport.erreurs["type d'erreur"]) >= {"blank-row", "primary-key"}
        assert "clé primaire vide (primary-key)" in rapport.explications[-1].texte
    if rapport.lignes_lues == 0:
        assert any("aucune ligne de données" in r for r in rapport.remarques)


# --------------------------------------------------------------------------------------------
# The defects of issue 12, each on the case that showed it
# --------------------------------------------------------------------------------------------

def test_a_schema_path_given_as_text_is_read(tmp_path):
    """frictionless's Schema("/…/schema.json") makes a valid file « invalide » (resource-error « not safe »)."""
    from frictionless import Resource, Schema

    exemple = REELS / "fontaine-eau-0.1.0" / "exemple-valide.csv"
    piege = Resource(path=exemple.name, basepath=str(exemple.parent), schema=Schema(str(_schema_de(exemple)))).validate()
    assert not piege.valid and piege.flatten(["type"]) == [["resource-error"]]
    for schema in (str(_schema_de(exemple)), _schema_de(exemple)):
        assert verifier_fichier(str(exemple), schema).valide


def test_errors_with_no_field_are_counted_and_explained(tmp_path):
    """Blank rows have no field: a groupby on the field dropped them from the lesson's summary."""
    propre = (DATA / "propres" / "subventions.csv").read_text(encoding="utf-8").splitlines()
    fichier = tmp_path / "subventions-lignes-vides.csv"
    fichier.write_text("\n".join(propre[:4] + [",,,,,,,,,,,,", ""] + propre[4:6] + [",,,,,,,,,,,,"]) + "\n", encoding="utf-8")
    rapport = verifier_fichier(fichier, DATA / "schemas" / "subventions.schema.json")
    assert _familles(rapport) == {(5, None, "blank-row"), (6, None, "blank-row"), (9, None, "blank-row")}
    assert rapport.explications[0].texte.startswith("3 lignes vides (lignes 5, 6 et 9) : supprimez-les.")
    familles = rapport.par_famille()
    assert familles["nombre"].sum() == rapport.nombre_erreurs == 3
    assert familles["champ"].isna().all()


def test_the_error_cap_of_frictionless_is_said(tmp_path):
    fichier = tmp_path / "mille.csv"
    fichier.write_text("a,b\n" + "x,y\n" * 1500, encoding="utf-8")
    schema = {"fields": [{"name": "a", "type": "integer"}, {"name": "b", "type": "integer"}]}
    rapport = verifier_fichier(fichier, schema)
    assert rapport.plafond == 1000 and rapport.nombre_erreurs == 1000 and rapport.lignes_lues == 500
    assert "au moins 1000 erreurs" in str(rapport)
    assert "frictionless s'est arrêté après 1000 erreurs, à la ligne 501" in str(rapport)
    complet = verifier_fichier(fichier, schema, limite_erreurs=5000)
    assert complet.plafond is None and complet.nombre_erreurs == 3000


def test_a_table_uses_the_schema_s_true_and_false_values():
    """SCDL writes booleans « oui »/« non »: a table that keeps them fits; True/False does not, and the hint says so."""
    tableau = pd.read_csv(SCDL / "exemple_valide.csv", dtype=str, keep_default_na=False)
    assert comparer_au_schema(tableau, SCDL / "schema.json") == []
    en_booleens = tableau.assign(notificationUE=tableau["notificationUE"].map({"oui": True, "non": False}))
    ecarts = comparer_au_schema(en_booleens, SCDL / "schema.json")
    assert len(ecarts) == 1 and "notificationUE" in ecarts[0]
    assert '.map({True: "oui", False: "non"})' in ecarts[0]


def test_a_table_uses_the_schema_s_missing_values():
    schema = {"fields": [{"name": "id"}, {"name": "n", "type": "integer"}], "missingValues": ["", "NA"]}
    assert comparer_au_schema(pd.DataFrame({"id": ["a", "b", "c"], "n": ["1", "NA", "3"]}), schema) == []
    ecarts = comparer_au_schema(pd.DataFrame({"id": ["a", "b"], "n": ["1", "n/a"]}), schema)
    assert "« n/a » ne compte pas comme une case vide" in ecarts[0] and "« NA »" in ecarts[0]


def test_a_published_schema_with_text_bounds_is_applied():
    """fontaine-eau writes "minimum": "-90": the old hand-written check crashed with a TypeError."""
    exemple = REELS / "fontaine-eau-0.1.0" / "exemple-valide.csv"
    tableau = pd.read_csv(exemple)
    assert comparer_au_schema(tableau, _schema_de(exemple)) == []
    ecarts = comparer_au_schema(tableau.assign(latitude=100.0), _schema_de(exemple))
    assert len(ecarts) == 1 and "« latitude »" in ecarts[0] and "au maximum 90 : « 100.0 »" in ecarts[0]


def test_the_failing_values_are_quoted_not_the_first_ones():
    schema = {"fields": [{"name": "montant", "type": "number"}]}
    ecarts = comparer_au_schema(pd.DataFrame({"montant": ["10.5", "20", "1 250,00"]}), schema)
    assert len(ecarts) == 1 and "« 1 250,00 »" in ecarts[0] and "ligne d'index 2" in ecarts[0]
    assert "10.5" not in ecarts[0] and "« 20 »" not in ecarts[0]


def test_no_advice_to_remove_dashes_the_pattern_requires():
    exemple = REELS / "etalab-stationnement-0.1.5" / "exemple-valide.csv"
    tableau = pd.read_csv(exemple, dtype=str, keep_default_na=False)
    assert comparer_au_schema(tableau, _schema_de(exemple)) == []
    ecarts = comparer_au_schema(tableau.assign(id=["75114P001", "75114-P-2"]), _schema_de(exemple))
    assert len(ecarts) == 1 and "tirets" not in ecarts[0] and "75114-P-001" in ecarts[0]
    ecarts = comparer_au_schema(tableau.assign(num_siret=["2192 0044 1000 18", "219.200.441.000.18"]),
                                _schema_de(exemple))
    assert "Correction qui convient à toutes ces valeurs : retirez les points, espaces" in ecarts[0]


def test_an_empty_column_is_not_an_example_of_anything():
    schema = {"fields": [{"name": "id"}, {"name": "n", "type": "integer"}, {"name": "requis", "type": "number",
                                                             "constraints": {"required": True}}]}
    tableau = pd.DataFrame({"id": ["a", "b"], "n": [None, None], "requis": ["", ""]})
    ecarts = comparer_au_schema(tableau, schema)
    assert ecarts == ["la colonne « requis » est obligatoire mais 2 cases sont vides : lignes d'index 0 et 1. "
                      "Remplissez-les ; si l'information n'existe pas, la ligne n'a sans doute pas sa place dans le fichier."]


@pytest.mark.parametrize("dossier,nom", [("arbres-urbains-0.3.1", "Arbres urbains"),
                                         ("decp-marches-publics-tabulaire-0.1.0",
                                          "Données essentielles de la commande publique")])
def test_a_published_schema_whose_name_is_not_a_slug_is_read(dossier, nom):
    from frictionless import FrictionlessException, Schema

    schema = REELS / dossier / "schema.json"
    with pytest.raises(FrictionlessException):
        Schema(schema)
    rapport = verifier_fichier(REELS / dossier / "exemple-valide.csv", schema)
    assert rapport.valide and any(f"s'appelle « {nom} »" in r and "slug" in r for r in rapport.remarques)


def _export_opendatasoft(chemin: Path) -> None:
    """Long text cells quoting words with commas, as in the Ville de Mons export mons_patrimoine-culturel.csv
    (not copied here: its licence is not stated): csv.Sniffer then takes the comma for the separator."""
    descriptions = [
        "Ancienne caserne, devenue \"la Maison de l'Écoute\", un lieu de concerts, de résidences et d'expositions",
        "Musée du folklore, \"le Mundaneum\", archives, affiches et collections, ouvert du mardi au dimanche",
        "Salle de spectacle, concerts, théâtre, danse et cinéma",
    ]
    lignes = ["Nom;Adresse;Code postal;Commune;Téléphone;Description"]
    lignes += [f"Lieu {i};{i} Rue de Nimy;7000;Mons;3265{i:06d};{descriptions[i % 3]}" for i in range(12)]
    chemin.write_text("\n".join(lignes) + "\n", encoding="utf-8")


def test_the_separator_is_counted_in_the_header_not_guessed(tmp_path):
    from frictionless import Resource

    fichier = tmp_path / "export.csv"
    _export_opendatasoft(fichier)
    devine = Resource(path=fichier.name, basepath=str(tmp_path))
    assert not devine.validate().valid, "frictionless's own guess is wrong on this export"
    schema = {"fields": [{"name": n, "type": "string"} for n in ["Nom", "Adresse", "Code postal", "Commune",
                                                                 "Téléphone", "Description"]]}
    rapport = verifier_fichier(fichier, schema)
    assert rapport.valide and rapport.lignes_lues == 12
    assert "séparateur « ; » (point-virgule)" in rapport.lecture
    assert any("5 « ; »" in r for r in rapport.remarques)


def test_encoding_and_separator_are_detected_and_said(tmp_path):
    propre = pd.read_csv(DATA / "propres" / "subventions.csv", dtype=str, keep_default_na=False)
    windows = tmp_path / "subventions-windows.csv"
    propre.to_csv(windows, sep=";", index=False, encoding="cp1252")
    rapport = verifier_fichier(windows, DATA / "schemas" / "subventions.schema.json")
    assert rapport.valide and rapport.lignes_lues == len(propre)
    assert rapport.lecture == "CSV, encodage cp1252, séparateur « ; » (point-virgule)"
    assert any("charset_normalizer" in r for r in rapport.remarques)
    double = tmp_path / "bom-puis-windows.csv"
    double.write_bytes(codecs.BOM_UTF8 + windows.read_bytes())
    rapport = verifier_fichier(double, DATA / "schemas" / "subventions.schema.json")
    assert any("marque BOM UTF-8" in r for r in rapport.remarques)
    assert "« ï»¿nomAttribuant » devrait s'appeler « nomAttribuant »" in _texte(rapport)


def test_title_lines_above_the_header_are_found():
    """The finance service's raw export starts with four title lines (data/README.md lists the defect)."""
    rapport = verifier_fichier(DATA / "brutes" / "subventions-2024.csv", DATA / "schemas" / "subventions.schema.json")
    assert not rapport.valide and "séparateur « ; »" in rapport.lecture
    assert any("Le tableau semble commencer à la ligne 5" in r and "skiprows=4" in r for r in rapport.remarques)


def test_a_resource_error_is_explained_in_french():
    from frictionless import Resource, Schema

    from atelier.verifier.explications import Contexte, expliquer
    from atelier.verifier.schema import preparer_schema

    exemple = REELS / "fontaine-eau-0.1.0" / "exemple-valide.csv"
    piege = Resource(path=exemple.name, basepath=str(exemple.parent), schema=Schema(str(_schema_de(exemple)))).validate()
    (explication,) = expliquer(piege.tasks[0].errors, Contexte(schema=preparer_schema(_schema_de(exemple))), 0, "CSV")
    assert explication.famille == "resource-error" and "is not safe" in explication.texte
    assert "donnez un Path" in explication.texte and "n'a peut-être aucun défaut" in explication.texte


def test_a_workbook_is_checked_and_number_cells_in_text_fields_are_explained(tmp_path):
    exemple = REELS / "wallonie-futurocite-equipements-collectifs" / "exemple-valide.csv"
    en_texte = tmp_path / "equipements.xlsx"
    pd.read_csv(exemple, dtype=str, keep_default_na=False).to_excel(en_texte, index=False, sheet_name="Équipements")
    rapport = verifier_fichier(en_texte, _schema_de(exemple))
    assert rapport.valide and rapport.lecture == "classeur Excel, feuille « Équipements »"
    en_nombres = tmp_path / "equipements-nombres.xlsx"
    with pd.ExcelWriter(en_nombres) as classeur:
        pd.read_csv(exemple).to_excel(classeur, index=False, sheet_name="Données")
        pd.DataFrame({"note": ["à ignorer"]}).to_excel(classeur, index=False, sheet_name="Notes")
    rapport = verifier_fichier(en_nombres, _schema_de(exemple))
    assert {c for _, c, _ in _familles(rapport)} == {"ins_code", "street_number", "street_number_rrn", "house_number"}
    assert all("au format Texte" in e.texte for e in rapport.explications)
    assert "autres feuilles, non vérifiées : Notes" in rapport.lecture
    notes = verifier_fichier(en_nombres, _schema_de(exemple), feuille="Notes")
    assert notes.lecture.startswith("classeur Excel, feuille « Notes »") and "colonne(s) : id, name" in _texte(notes)


def test_foreign_keys_to_another_table_are_left_out_and_said():
    rapport = verifier_fichier(DATA / "propres" / "budget-participatif-votes.csv",
                               DATA / "schemas" / "budget-participatif-votes.schema.json")
    assert rapport.valide and any("budget-participatif-projets" in r and "datapackage" in r for r in rapport.remarques)


# --------------------------------------------------------------------------------------------
# Published schemas by their URL, replayed offline
# --------------------------------------------------------------------------------------------

PUBLIES = {
    "https://raw.githubusercontent.com/FuturoCite/aires-loisirs/main/schema.json": "wallonie-futurocite-aires-loisirs",
    "https://raw.githubusercontent.com/FuturoCite/standard-circuits-touristiques/main/schema.json":
        "wallonie-futurocite-circuits-touristiques",
    "https://raw.githubusercontent.com/FuturoCite/standard-defibrillateurs/main/schema.json":
        "wallonie-futurocite-defibrillateurs",
    "https://raw.githubusercontent.com/FuturoCite/standard-emplacements-PMR/main/schema.json":
        "wallonie-futurocite-emplacements-pmr",
    "https://raw.githubusercontent.com/FuturoCite/standard-equipements-collectifs/main/schema.json":
        "wallonie-futurocite-equipements-collectifs",
    "https://raw.githubusercontent.com/FuturoCite/standard-marches/main/schema.json": "wallonie-futurocite-marches",
    "https://raw.githubusercontent.com/FuturoCite/standard-patrimoine-naturel-ou-materiel/main/schema.json":
        "wallonie-futurocite-patrimoine-naturel-ou-materiel",
    "https://raw.githubusercontent.com/FuturoCite/standard-stationnements-velos/main/schema.json":
        "wallonie-futurocite-stationnements-velos",
    "https://raw.githubusercontent.com/FuturoCite/standard-travaux-voiries/main/schema.json":
        "wallonie-futurocite-travaux-voiries",
    "https://schema.data.gouv.fr/schemas/scdl/budget/0.8.3/schema.json": "scdl-budget-0.8.3",
    "https://schema.data.gouv.fr/schemas/scdl/deliberations/2.1.5/schema.json": "scdl-deliberations-2.1.5",
    "https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json": "scdl-subventions-2.1.1",
}


def test_the_recorded_schemas_are_the_copies_of_the_published_ones(offline):
    import yaml

    cassette = yaml.safe_load((DATA / "enregistrements" / "schemas-publies.yaml").read_text(encoding="utf-8"))
    assert [i["request"]["uri"] for i in cassette["interactions"]] == list(PUBLIES)
    for adresse, dossier in PUBLIES.items():
        assert requests.get(adresse, timeout=5).content == (REELS / dossier / "schema.json").read_bytes()


@pytest.mark.parametrize("adresse", [a for a, d in PUBLIES.items() if (REELS / d / "exemple-valide.csv").exists()
                                     or (REELS / d / "exemple_valide.csv").exists()])
def test_an_official_example_checked_against_its_published_url(adresse, offline):
    exemple = next((REELS / PUBLIES[adresse]).glob("exemple*valide.csv"))
    rapport = verifier_fichier(exemple, adresse)
    assert rapport.valide and rapport.schema.startswith(adresse)


def test_the_sample_commune_s_files_against_the_standards_they_follow(offline):
    """Vireloux adapts the Walloon standards (INS 92999, extra columns): checked against the published schema,
    its clean file gets explained differences, not a crash."""
    rapport = verifier_fichier(DATA / "propres" / "defibrillateurs.csv",
                               "https://raw.githubusercontent.com/FuturoCite/standard-defibrillateurs/main/schema.json")
    assert not rapport.valide and rapport.explications
    assert all(e.texte for e in rapport.explications)


def test_no_connection_fails_in_french(monkeypatch):
    def sans_connexion(*args, **kwargs):
        raise requests.ConnectionError("no route")

    monkeypatch.setattr(requests, "get", sans_connexion)
    with pytest.raises(FileNotFoundError, match="pas de connexion Internet .* atelier.mode_hors_ligne"):
        charger_schema("https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json")


def test_an_unrecorded_schema_url_fails_in_french(offline):
    with pytest.raises(atelier.EnregistrementIntrouvable, match="Aucune réponse enregistrée"):
        verifier_fichier(VALIDES[0], "https://raw.githubusercontent.com/FuturoCite/standard-inexistant/main/schema.json")


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------

def _commande(*arguments: str) -> subprocess.CompletedProcess:
    return run_offline([sys.executable, "-m", "atelier.verifier", *arguments], cwd=ROOT, timeout=300)


def test_the_command_prints_the_report_and_its_status_says_the_verdict():
    exemple = REELS / "wallonie-futurocite-defibrillateurs" / "exemple-valide.csv"
    valide = _commande(str(exemple), "--schema",
                       "https://raw.githubusercontent.com/FuturoCite/standard-defibrillateurs/main/schema.json")
    assert valide.returncode == 0, valide.stderr
    assert "VALIDE : frictionless ne trouve aucune erreur." in valide.stdout
    invalide = _commande(str(SCDL / "exemple_invalide_erreurs_cellules.csv"), "--schema", str(SCDL / "schema.json"))
    assert invalide.returncode == 1 and "NON VALIDE : 16 erreurs" in invalide.stdout
    absent = _commande("absent.csv", "--schema", str(SCDL / "schema.json"))
    assert absent.returncode == 2 and "introuvable" in absent.stderr
    inconnu = _commande(str(exemple), "--schema", "https://example.org/schema.json")
    assert inconnu.returncode == 2 and "--en-ligne" in inconnu.stderr


def test_the_console_script_and_the_make_target_exist():
    import tomllib

    projet = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert projet["project"]["scripts"]["atelier-verifier"] == "atelier.verifier.__main__:main"
    assert "atelier.verifier" in projet["tool"]["setuptools"]["packages"]
    assert "verifier:" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_report_displays_itself_in_a_notebook():
    rapport = verifier_fichier(SCDL / "exemple_invalide_erreurs_cellules.csv", SCDL / "schema.json")
    markdown = rapport._repr_markdown_()
    assert "**NON VALIDE : 16 erreurs, en 11 familles à corriger.**" in markdown
    assert "Lecture : CSV, encodage utf-8, séparateur « , » (virgule) ; 29 ligne(s) de données lue(s)." in markdown
    assert markdown.count("\n1. ") == 3  # errors, warnings, remarks


# --------------------------------------------------------------------------------------------
# The sample commune's files, and pandas tables as the exercises check them
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("chemin", SCHEMAS, ids=lambda p: p.name.removesuffix(".schema.json"))
def test_every_clean_file_fits_its_schema(chemin):
    nom = chemin.name.removesuffix(".schema.json")
    assert verifier_fichier(DATA / "propres" / f"{nom}.csv", chemin).valide
    en_texte = pd.read_csv(DATA / "propres" / f"{nom}.csv", dtype=str, keep_default_na=False)
    assert comparer_au_schema(en_texte, chemin) == []


@pytest.fixture
def subventions():
    schema = json.loads((DATA / "schemas" / "subventions.schema.json").read_text(encoding="utf-8"))
    return pd.read_csv(DATA / "propres" / "subventions.csv", dtype=str, keep_default_na=False), schema


def test_schema_is_accepted_as_dict_path_or_frictionless_schema(subventions):
    from frictionless import Schema

    tableau, schema = subventions
    chemin = DATA / "schemas" / "subventions.schema.json"
    assert charger_schema(chemin) == schema
    assert charger_schema(str(chemin)) == schema
    assert charger_schema(Schema(chemin))["fields"][0]["name"] == "nomAttribuant"
    assert comparer_au_schema(tableau, chemin) == comparer_au_schema(tableau, Schema(chemin)) == []
    with pytest.raises(FileNotFoundError, match="introuvable"):
        charger_schema(DATA / "schemas" / "absent.json")
    with pytest.raises(TypeError, match="dictionnaire"):
        charger_schema(42)
    with pytest.raises(SchemaInvalide, match="frictionless refuse le schéma"):
        verifier_fichier(DATA / "propres" / "subventions.csv", {"fields": [{"name": "a", "type": "texte"}]})


def test_a_code_read_as_a_number_is_explained(subventions):
    _, schema = subventions
    ecarts = comparer_au_schema(pd.read_csv(DATA / "propres" / "subventions.csv"), schema)
    assert any("idAttribuant" in e and "zéros initiaux" in e and "dtype=str" in e for e in ecarts)


def test_lost_leading_zeros_in_text_are_explained(subventions):
    tableau, schema = subventions
    tableau["idBeneficiaire"] = tableau["idBeneficiaire"].str.lstrip("0")
    ecarts = comparer_au_schema(tableau, schema)
    assert len(ecarts) == 1
    assert "idBeneficiaire" in ecarts[0] and ".str.zfill(10)" in ecarts[0] and "402863182" in ecarts[0]


def test_french_amounts_and_dates_are_explained(subventions):
    tableau, schema = subventions
    tableau["montant"] = tableau["montant"].map(lambda m: f"{float(m):.2f}".replace(".", ","))
    tableau["dateConvention"] = pd.to_datetime(tableau["dateConvention"]).dt.strftime("%d/%m/%Y")
    ecarts = comparer_au_schema(tableau, schema)
    assert any("montant" in e and "virgule" in e and "attend des nombres (number)" in e for e in ecarts)
    assert any("dateConvention" in e and "pd.to_datetime" in e for e in ecarts)


def test_dates_may_be_datetimes_or_iso_text(subventions):
    tableau, schema = subventions
    assert comparer_au_schema(tableau.assign(dateConvention=pd.to_datetime(tableau["dateConvention"])), schema) == []


def test_constraints_are_checked(subventions):
    tableau, schema = subventions
    tableau.loc[0, "typeBeneficiaire"] = "personne physique"
    tableau.loc[1, "montant"] = "-5.0"
    tableau.loc[2, "objet"] = ""
    ecarts = comparer_au_schema(tableau, schema)
    assert any("typeBeneficiaire" in e and "liste permise" in e and "→ « Personne physique »" in e for e in ecarts)
    assert any("montant" in e and "minimum" in e and "ligne d'index 1" in e for e in ecarts)
    assert any("objet" in e and "obligatoire" in e for e in ecarts)


def test_missing_extra_and_misordered_columns(subventions):
    tableau, schema = subventions
    assert comparer_au_schema(tableau.drop(columns="domaine"), schema)[0].startswith("il manque 1 colonne(s) : domaine")
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
    budget = pd.read_csv(DATA / "propres" / "budget-2025.csv", dtype=str, keep_default_na=False)
    double = pd.concat([budget, budget.head(1)], ignore_index=True)
    ecarts = comparer_au_schema(double, DATA / "schemas" / "budget-2025.schema.json")
    assert len(ecarts) == 1 and "clé primaire" in ecarts[0] and "doublons" in ecarts[0]
    assert f"ligne d'index {len(budget)}" in ecarts[0] and "déjà vue ligne d'index 0" in ecarts[0]
    equipements = pd.read_csv(DATA / "propres" / "equipements-collectifs.csv", dtype=str, keep_default_na=False)
    equipements["disabled_access"] = equipements["disabled_access"].map({"true": "oui", "false": "non", "": ""})
    ecarts = comparer_au_schema(equipements, DATA / "schemas" / "equipements-collectifs.schema.json")
    assert any("disabled_access" in e and "booléens" in e for e in ecarts)


def test_not_a_table():
    assert "DataFrame" in comparer_au_schema([1, 2], {"fields": []})[0]


# --------------------------------------------------------------------------------------------
# DCAT-AP metadata
# --------------------------------------------------------------------------------------------

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


@pytest.mark.parametrize("licence", [
    "https://creativecommons.org/licenses/by/2.0/be/",  # the licence of the Walloon standards
    "etalab-2.0",                                       # SPDX identifier, the name of a Data Package licence
    "https://www.etalab.gouv.fr/wp-content/uploads/2017/04/ETALAB-Licence-Ouverte-v2.0.pdf",  # Opendatasoft's
    "https://spdx.org/licenses/etalab-2.0.html",
    "http://creativecommons.org/licenses/by/4.0/deed.fr",
    "https://opendatacommons.org/licenses/odbl/1-0",
])
def test_the_open_licences_agents_meet_are_accepted(licence):
    assert verifier_metadonnees({**METADONNEES, "dct:license": licence}) == []


def test_the_licences_read_from_the_real_schemas_and_portal_answers_are_known():
    """The licences the corpus's schemas declare are recognised by their address or SPDX name."""
    from atelier.verifier import nom_de_licence

    for schema in REELS.glob("*/schema.json"):
        for licence in json.loads(schema.read_text(encoding="utf-8")).get("licenses", []):
            assert nom_de_licence(licence.get("path")) or nom_de_licence(licence.get("name")), (schema, licence)
    assert set(LICENCES.values()) >= {"CC BY 2.0 BE", "Licence Ouverte 2.0"}


def test_exercise_3c_hidden_tests_accept_the_licences_its_visible_check_accepts():
    """Hidden tests may not call atelier.verifier: their copy of the list of licence addresses must not drift."""
    import ast
    import re

    from atelier.verifier.metadonnees import AUTRES_ADRESSES, cle_de_licence

    import nbformat

    solution = nbformat.read(ROOT / "solutions" / "03-fichiers" / "exercice-03c-schema-et-metadonnees.ipynb", as_version=4)
    copies = [ast.literal_eval(m) for c in solution.cells for m in re.findall(r"_ouvertes = (\{.*?\})\n", c.source, re.DOTALL)]
    assert len(copies) == 2
    assert all(copie == {cle_de_licence(u) for u in {**LICENCES, **AUTRES_ADRESSES}} for copie in copies)


@pytest.mark.parametrize("cle,valeur,attendu", [
    ("dct:title", "budget_2025.csv", "nom de fichier"),
    ("dct:description", "Le budget.", "au moins 100 caractères"),
    ("dcat:keyword", "budget, finances", "une liste de mots-clés"),
    ("dcat:keyword", ["budget", "Budget", ""], "au moins trois mots-clés"),
    ("dcat:theme", "Finances", "vocabulaire européen des thèmes"),
    ("dct:publisher", "", "nommer l'organisation"),
    ("dct:license", "CC BY 4.0", "l'adresse (URL) de la licence"),
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


# --------------------------------------------------------------------------------------------
# The book page for agents
# --------------------------------------------------------------------------------------------

def test_the_book_page_shows_the_report_as_the_command_prints_it(offline, monkeypatch):
    import re

    monkeypatch.chdir(ROOT)
    page = (ROOT / "book" / "verifier-vos-fichiers.md").read_text(encoding="utf-8")
    exemple = re.search(r"```text\n(.*?)\n```", page, re.DOTALL).group(1)
    rapport = verifier_fichier("data/propres/defibrillateurs.csv",
                               "https://raw.githubusercontent.com/FuturoCite/standard-defibrillateurs/main/schema.json")
    assert str(rapport) == exemple
    assert all(f"`{adresse}`" in page for adresse in PUBLIES), "every recorded schema is listed on the page"
    assert "verifier-vos-fichiers" in (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "{doc}`../verifier-vos-fichiers`" in (ROOT / "book" / "modules" / "03-fichiers.md").read_text(encoding="utf-8")
