"""Module 01's recipes hold on real portal answers (tests/real/, see its README), and the lessons use them.

The licence lesson teaches two recipes (cells tagged `recette`, read by tests.recettes): one turns the
licence label a portal shows into a short name, or None when only the dataset page can tell; one writes
the attribution line. The expected names below say what each real label means, read by a person.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT
from tests.recettes import lesson_calls, recette

REAL = ROOT / "tests" / "real"
LESSON_LICENCES = "01-open-data/03-les-licences"


def _json(relative: str):
    return json.loads((REAL / relative).read_text(encoding="utf-8"))


ODS = [item["dataset"]["metas"]["default"]
       for item in _json("api/ods/ods_v2.0_catalog_datasets_data-economie-gouv.json")["datasets"]]
CKAN = _json("api/ckan/ckan_package_search_demo-ckan-org_rows3.json")["result"]["results"]
DATAGOUV = _json("api/datagouv/datagouv_api1_dataset_catalogue-des-donnees.json")

# What each real label means: the Etalab licence says its version; CKAN's « cc-by » and its
# opendefinition.org address do not; « Other (Open) » only says the producer calls it open.
MEANING = {
    "Licence Ouverte v2.0 (Etalab)": "Licence Ouverte 2.0",
    "https://www.etalab.gouv.fr/wp-content/uploads/2017/04/ETALAB-Licence-Ouverte-v2.0.pdf": "Licence Ouverte 2.0",
    "lov2": "Licence Ouverte 2.0",
    "cc-by": "CC BY (version à vérifier)",
    "Creative Commons Attribution": "CC BY (version à vérifier)",
    "http://www.opendefinition.org/licenses/cc-by": "CC BY (version à vérifier)",
    "other-open": None,
    "Other (Open)": None,
}


def _real_labels() -> set[str]:
    labels = {d["license"] for d in ODS} | {d["license_url"] for d in ODS} | {DATAGOUV["license"]}
    for package in CKAN:
        labels |= {package["license_id"], package["license_title"], package.get("license_url")}
    return {label for label in labels if label}


def test_the_corpus_still_holds_the_labels_the_lesson_quotes():
    assert _real_labels() == set(MEANING)


@pytest.mark.parametrize("label", sorted(MEANING))
def test_every_real_licence_label_is_read_for_what_it_says(label):
    reconnaitre_licence = recette(LESSON_LICENCES, "reconnaitre_licence")["reconnaitre_licence"]
    assert reconnaitre_licence(label) == MEANING[label]


def test_labels_that_forbid_commercial_use_or_changes_are_not_open_licences():
    reconnaitre_licence = recette(LESSON_LICENCES, "reconnaitre_licence")["reconnaitre_licence"]
    for label in ("CC BY-NC 4.0", "cc-by-nc-sa", "CC BY-ND 4.0", "Creative Commons Attribution-NonCommercial", "", None):
        assert reconnaitre_licence(label) is None, label
    assert reconnaitre_licence("CC BY-SA 4.0") == "CC BY-SA (partage à l'identique)"
    assert reconnaitre_licence("odc-odbl") == reconnaitre_licence("Open Database License (ODbL)") == "ODbL 1.0"
    assert reconnaitre_licence("https://creativecommons.org/publicdomain/zero/1.0/") == "CC0 1.0"
    assert reconnaitre_licence("https://creativecommons.org/licenses/by/4.0/") == "CC BY 4.0"
    assert reconnaitre_licence("CC-BY 2.0 BE") == "CC BY 2.0 BE"


def test_the_attribution_line_names_producer_title_licence_address_date_and_changes():
    mention_source = recette(LESSON_LICENCES, "mention_source")["mention_source"]
    real = DATAGOUV
    line = mention_source(real["organization"]["name"], real["title"], "Licence Ouverte 2.0", real["page"],
                          mise_a_jour=real["last_modified"][:10], modifie=True)
    for part in (real["organization"]["name"], real["title"], "Licence Ouverte 2.0", real["page"],
                 real["last_modified"][:10], "modifiées"):
        assert part in line
    assert "mise à jour" not in mention_source("Commune de Vireloux", "Arbres", "CC BY 4.0", "https://x.example/")


def test_the_licence_lesson_uses_its_recipes():
    assert lesson_calls(LESSON_LICENCES, "reconnaitre_licence")
    assert lesson_calls(LESSON_LICENCES, "mention_source")
