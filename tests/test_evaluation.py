"""atelier/evaluation.py: the trainer reads the forms' CSV files, bad ones are skipped with a French reason.

The browser side (the pages build and download these files) is tested in tests/test_book.py.
"""

from __future__ import annotations

import math

import nbformat
import pandas as pd
import pytest

from atelier import evaluation
from atelier.livre import formulaires
from tests.conftest import ROOT

DATA = ROOT / "data" / "evaluation"
HEURE = "2026-03-12T16:05:09+01:00"


def _avis(**valeurs) -> dict:
    ligne = {"seance": "explorer-le-portail", "horodatage": HEURE, "utilite": "4", "rythme": "adapté", "clarte": "5",
             "application": "oui", "a_garder": "", "a_changer": "", "nom": ""}
    return {**ligne, **valeurs}


def _auto(moment: str, niveau: int, **valeurs) -> dict:
    ligne = {"moment": moment, "horodatage": HEURE, "commune": "", "fonction": ""}
    ligne.update({e.colonne: str(niveau) for e in evaluation.ENONCES_AUTO_EVALUATION})
    return {**ligne, **valeurs}


def _ecrire(dossier, nom: str, contenu: bytes):
    chemin = dossier / nom
    chemin.write_bytes(contenu)
    return chemin


def _avis_csv(*lignes) -> bytes:
    return evaluation.csv_formulaire(evaluation.COLONNES_AVIS, list(lignes))


# --------------------------------------------------------------------------- the sample answers of data/


def test_sample_feedback_is_three_sessions_of_twelve_read_without_problem():
    avis, problemes = evaluation.lire_avis(DATA / "avis")
    assert problemes == []
    assert avis.groupby("seance").size().to_dict() == {
        "premiers-pas-jupyter": 12, "construire-un-fichier": 12, "explorer-le-portail": 12}
    assert avis["fichier"].is_unique, "two answers share a file"
    assert (DATA / "avis" / avis["fichier"][0]).read_bytes().startswith(b"\xef\xbb\xbfseance;horodatage;")


def test_sample_self_assessments_are_twelve_before_and_eleven_after():
    auto, problemes = evaluation.lire_auto_evaluations(DATA / "auto-evaluation")
    assert problemes == []
    assert auto["moment"].value_counts().to_dict() == {"avant": 12, "après": 11}
    comparaison = evaluation.comparer_avant_apres(auto)
    assert (comparaison["après"] > comparaison["avant"]).all(), "the invented cohort should progress on every statement"


def test_the_data_readme_says_the_answers_are_invented():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "`evaluation/avis/`" in readme and "**inventées**" in readme


# --------------------------------------------------------------------------- reading and summarising


def test_answers_round_trip_with_accents_separators_and_line_breaks(tmp_path):
    texte = "Les « exercices » ; très clairs\nDeuxième ligne, avec \"guillemets\""
    _ecrire(tmp_path, "a.csv", _avis_csv(_avis(a_garder=texte, nom="Élodie Crémer", rythme="trop rapide")))
    avis, problemes = evaluation.lire_avis(tmp_path / "a.csv")
    assert problemes == []
    ligne = avis.iloc[0]
    assert (ligne["a_garder"], ligne["nom"], ligne["rythme"], ligne["utilite"]) == (texte, "Élodie Crémer", "trop rapide", 4)
    assert pd.isna(ligne["a_changer"])
    assert ligne["horodatage"] == pd.Timestamp("2026-03-12 15:05:09", tz="UTC")
    assert ligne["fichier"] == "a.csv"


def test_an_answer_that_looks_like_a_formula_stays_text_in_a_spreadsheet(tmp_path):
    fichier = _ecrire(tmp_path, "a.csv", _avis_csv(_avis(a_garder="=HYPERLINK(\"http://x\")", a_changer="-- rien")))
    assert ";'=HYPERLINK(" in fichier.read_text(encoding="utf-8-sig").replace('"', "")
    avis, problemes = evaluation.lire_avis(fichier)
    assert problemes == []
    assert (avis.iloc[0]["a_garder"], avis.iloc[0]["a_changer"]) == ('=HYPERLINK("http://x")', "-- rien")


def test_summary_per_session_counts_averages_and_collects_comments(tmp_path):
    _ecrire(tmp_path, "1.csv", _avis_csv(_avis(utilite="5", clarte="3", rythme="trop lent", a_garder="Le portail")))
    _ecrire(tmp_path, "2.csv", _avis_csv(_avis(utilite="2", clarte="4", application="non", a_changer="Plus lent")))
    _ecrire(tmp_path, "3.csv", _avis_csv(_avis(seance="premiers-pas-jupyter", utilite="1", a_garder="La pause")))
    avis, _ = evaluation.lire_avis(tmp_path)
    resume = evaluation.resume_par_seance(avis)
    assert list(resume.index) == ["premiers-pas-jupyter", "explorer-le-portail"], "programme order"
    portail = resume.loc["explorer-le-portail"]
    assert portail["reponses"] == 2
    assert portail["utilite_moyenne"] == 3.5 and portail["clarte_moyenne"] == 3.5
    assert portail["rythme_adapte"] == 0.5 and portail["application_oui"] == 0.5
    assert portail["a_garder"] == ["Le portail"] and portail["a_changer"] == ["Plus lent"]
    assert portail["titre"].startswith("Explorer le portail régional")


def test_before_after_comparison_per_statement(tmp_path):
    colonnes = evaluation.COLONNES_AUTO_EVALUATION
    _ecrire(tmp_path, "avant-1.csv", evaluation.csv_formulaire(colonnes, [_auto("avant", 1)]))
    _ecrire(tmp_path, "avant-2.csv", evaluation.csv_formulaire(colonnes, [_auto("avant", 2, licence="4")]))
    _ecrire(tmp_path, "apres.csv", evaluation.csv_formulaire(colonnes, [_auto("après", 3)]))
    auto, problemes = evaluation.lire_auto_evaluations(tmp_path)
    assert problemes == []
    comparaison = evaluation.comparer_avant_apres(auto)
    assert list(comparaison.index) == [e.colonne for e in evaluation.ENONCES_AUTO_EVALUATION]
    assert comparaison.loc["inventaire", ["avant", "après", "progrès"]].tolist() == [1.5, 3.0, 1.5]
    assert comparaison.loc["licence", ["avant", "progrès"]].tolist() == [2.5, 0.5]
    assert comparaison.loc["licence", "axe"] == "cadre"
    assert comparaison.loc["inventaire", ["reponses_avant", "reponses_après"]].tolist() == [2, 1]


def test_a_comparison_with_no_answer_after_gives_no_number(tmp_path):
    _ecrire(tmp_path, "a.csv", evaluation.csv_formulaire(evaluation.COLONNES_AUTO_EVALUATION, [_auto("avant", 2)]))
    auto, _ = evaluation.lire_auto_evaluations(tmp_path)
    assert math.isnan(evaluation.comparer_avant_apres(auto).loc["roles", "après"])


# --------------------------------------------------------------------------- bad input


def _classeur(chemin):
    pd.DataFrame([_avis()]).to_excel(chemin, index=False)
    return chemin.read_bytes()


MAUVAIS = {
    # name: (bytes, what the message must say)
    "reenregistre.csv": (_avis_csv(_avis(nom="Hélène")).decode("utf-8-sig").encode("cp1252"), "pas encodé en UTF-8"),
    "vide.csv": (b"", "il est vide"),
    "blanc.csv": ("\ufeff\r\n".encode(), "il est vide"),
    "entete-seule.csv": (_avis_csv(), "aucune réponse"),
    "colonnes.csv": ("seance;utilite\r\nexplorer-le-portail;4\r\n".encode(), "il manque les colonnes horodatage, rythme"),
    "virgules.csv": (_avis_csv(_avis()).decode("utf-8-sig").replace(";", ",").encode(), "séparées par des virgules"),
    "lettre.csv": ("Bonjour,\nvoici mon avis : très bien !\n".encode(), "il manque les colonnes"),
    "auto.csv": (evaluation.csv_formulaire(evaluation.COLONNES_AUTO_EVALUATION, [_auto("avant", 2)]),
                 "lisez-le avec lire_auto_evaluations"),
    "hors-echelle.csv": (_avis_csv(_avis(utilite="7")), "ligne 2 ignorée : utilite vaut « 7 »"),
    "rythme.csv": (_avis_csv(_avis(rythme="rapide")), "rythme vaut « rapide »"),
    "vide-obligatoire.csv": (_avis_csv(_avis(clarte="")), "clarte est vide, alors que la réponse est obligatoire"),
    "seance.csv": (_avis_csv(_avis(seance="seance-inventee")), "séance « seance-inventee » inconnue"),
    "heure.csv": (_avis_csv(_avis(horodatage="hier soir")), "horodatage « hier soir » illisible"),
}


@pytest.mark.parametrize("nom", sorted(MAUVAIS) + ["classeur.csv"])
def test_a_bad_file_is_skipped_with_a_french_reason_and_the_others_are_read(tmp_path, nom):
    _ecrire(tmp_path, "bon.csv", _avis_csv(_avis(nom="Anaïs")))
    if nom == "classeur.csv":
        contenu, attendu = _classeur(tmp_path / "classeur.xlsx"), "c'est un classeur"
        (tmp_path / "classeur.xlsx").unlink()
    else:
        contenu, attendu = MAUVAIS[nom]
    _ecrire(tmp_path, nom, contenu)
    avis, problemes = evaluation.lire_avis(tmp_path)
    assert avis["nom"].tolist() == ["Anaïs"]
    assert len(problemes) == 1, problemes
    assert f"« {nom} »" in problemes[0] and attendu in problemes[0], problemes[0]


def test_only_the_bad_rows_of_a_file_are_skipped(tmp_path):
    _ecrire(tmp_path, "fusion.csv", _avis_csv(_avis(nom="A"), _avis(utilite="0", nom="B"), _avis(nom="C")))
    avis, problemes = evaluation.lire_avis(tmp_path)
    assert avis["nom"].tolist() == ["A", "C"]
    assert problemes == ["Fichier « fusion.csv », ligne 3 ignorée : utilite vaut « 0 », attendu : 1 ou 2 ou 3 ou 4 ou 5."]


def test_a_feedback_file_given_to_the_self_assessment_reader_is_named(tmp_path):
    chemin = _ecrire(tmp_path, "avis.csv", _avis_csv(_avis()))
    auto, problemes = evaluation.lire_auto_evaluations([chemin, tmp_path / "absent.csv"])
    assert auto.empty
    assert problemes == ["Fichier « avis.csv » ignoré : c'est un avis de séance, pas une auto-évaluation : lisez-le "
                         "avec lire_avis.", "Fichier « absent.csv » ignoré : ce fichier n'existe pas."]


def test_an_empty_folder_says_so(tmp_path):
    avis, problemes = evaluation.lire_avis(tmp_path)
    assert avis.empty and list(avis.columns) == ["fichier", *evaluation.COLONNES_AVIS]
    assert problemes == [f"Aucun fichier CSV dans « {tmp_path} »."]


# --------------------------------------------------------------------------- the forms and their pages


def test_the_feedback_form_lists_the_sixteen_sessions_and_a_field_per_column():
    page = formulaires.formulaire_html("avis")
    sessions = evaluation.seances()
    assert len(sessions) == 16
    for session in sessions:
        assert f'<option value="{session["slug"]}">' in page
    for colonne in evaluation.COLONNES_AVIS:
        if colonne != "horodatage":  # the script adds it
            assert f'name="{colonne}"' in page, colonne


def test_the_self_assessment_has_eight_to_twelve_statements_on_the_governance_axes():
    enonces = evaluation.ENONCES_AUTO_EVALUATION
    assert 8 <= len(enonces) <= 12
    axes = {e.axe for e in enonces}
    lecon = (ROOT / "notebooks" / "07-pilotage" / "06-gouvernance-et-maturite.ipynb").read_text(encoding="utf-8")
    # every axis of the governance self-diagnosis is covered, and only those
    assert axes == {"strategie", "organisation", "inventaire", "qualite", "publication", "usages", "cadre"}
    assert all(f'\\"{axe}\\": \\"' in lecon for axe in axes), "the lesson names its axes differently"
    page = formulaires.formulaire_html("auto-evaluation")
    assert page.count('type="radio"') == 2 + 4 * len(enonces)


def test_the_pages_and_the_trainer_notebook_are_in_the_table_of_contents_and_clean():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for page in ("donner-votre-avis", "auto-evaluation", "lire-les-avis"):
        assert f"book/seances/{page}\n" in toc
    notebook = nbformat.read(ROOT / "book" / "seances" / "lire-les-avis.ipynb", as_version=4)
    for cellule in notebook.cells:
        if cellule.cell_type == "code":
            assert cellule.outputs == [] and cellule.execution_count is None
