"""The data.gouv.fr quality score (atelier/qualite.py), rule by rule, on small hand-made records."""

from __future__ import annotations

from datetime import date

import pytest

from atelier.qualite import CRITERES, a_jour, criteres_datagouv, score_datagouv

LONG = "Une description de plus de cent caractères : ce que contient le jeu, son origine, ses limites, qui le tient."


def _jeu(**champs) -> dict:
    jeu = {"license": "lov2", "temporal_coverage": {"start": "2024-01-01", "end": "2024-12-31"},
           "spatial": {"zones": ["fr:commune:99999"], "geom": None}, "frequency": "monthly",
           "last_update": "2025-06-01T09:00:00+00:00", "description": LONG,
           "resources": [{"format": "csv", "filetype": "file", "type": "main", "description": "Le fichier."}]}
    return {**jeu, **champs}


def test_a_complete_record_meets_all_nine_criteria():
    criteres = criteres_datagouv(_jeu(), le=date(2025, 6, 15))
    assert [nom for nom in CRITERES if criteres[nom]] == CRITERES and score_datagouv(criteres) == 1


@pytest.mark.parametrize(("champs", "perdu"), [
    ({"license": None}, "license"),
    ({"temporal_coverage": None}, "temporal_coverage"),
    ({"spatial": {"zones": [], "geom": None, "granularity": "other"}}, "spatial"),
    ({"description": LONG[:100]}, "dataset_description_quality"),
    ({"resources": [{"format": "xlsx", "filetype": "file", "description": "x"}, {"format": "PDF", "description": "y"}]},
     "has_open_format"),
    ({"resources": [{"format": "csv", "filetype": "remote", "description": "x", "extras": {"check:available": False}}]},
     "all_resources_available"),
    ({"resources": [{"format": "csv", "filetype": "file", "type": "main", "description": None}]}, "resources_documentation"),
    ({"last_update": "2025-04-01T09:00:00+00:00"}, "update_fulfilled_in_time"),
])
def test_each_missing_element_costs_exactly_its_own_point(champs, perdu):
    criteres = criteres_datagouv(_jeu(**champs), le=date(2025, 6, 15))
    assert [nom for nom in CRITERES if not criteres.get(nom)] == [perdu]
    assert score_datagouv(criteres) == pytest.approx(8 / 9)


def test_an_unknown_frequency_scores_neither_frequency_nor_timeliness():
    criteres = criteres_datagouv(_jeu(frequency="unknown"), le=date(2025, 6, 15))
    assert criteres["update_frequency"] is False and "update_fulfilled_in_time" not in criteres
    assert score_datagouv(criteres) == pytest.approx(7 / 9)


def test_no_resource_leaves_three_criteria_out_but_still_divides_by_nine():
    criteres = criteres_datagouv(_jeu(resources=[]), le=date(2025, 6, 15))
    assert "has_resources" not in criteres and score_datagouv(criteres) == pytest.approx(6 / 9)


def test_a_documentation_resource_counts_even_without_description():
    jeu = _jeu(resources=[{"format": "csv", "type": "main"}, {"format": "pdf", "type": "documentation"}])
    assert criteres_datagouv(jeu, le=date(2025, 6, 15))["resources_documentation"] is True


def test_timeliness_allows_one_day_late_and_no_more():
    # monthly: next update expected 31 days after the last one, 2025-01-01 -> 2025-02-01
    assert a_jour("2025-01-01", "monthly", date(2025, 2, 2)) is True
    assert a_jour("2025-01-01", "monthly", date(2025, 2, 3)) is False
    assert a_jour("2025-01-01T23:59:00+00:00", "weekly", "2025-01-09") is True
    assert a_jour("2020-01-01", "irregular", date(2025, 1, 1)) is True
    assert a_jour("2020-01-01", "unknown", date(2025, 1, 1)) is None


def test_an_unknown_frequency_name_is_refused_in_french():
    with pytest.raises(ValueError, match="Fréquence inconnue : « tous les mardis »"):
        a_jour("2025-01-01", "tous les mardis", date(2025, 2, 1))
