"""DCAT-AP validation (atelier/dcat.py): official shapes vendored unedited, offline, explained in French."""

from __future__ import annotations

import hashlib
import re
import socket

import pytest

from atelier import dcat
from tests.conftest import ROOT

COMPLETE = dcat.ENTETE_TURTLE + """
<https://vireloux.example/jeux/defibrillateurs> a dcat:Dataset ;
    dct:title "Défibrillateurs de Vireloux"@fr ;
    dct:description "Emplacement, accès et horaires des défibrillateurs accessibles au public."@fr ;
    dcat:keyword "défibrillateur"@fr, "santé"@fr ;
    dcat:theme <http://publications.europa.eu/resource/authority/data-theme/HEAL> ;
    dct:publisher <https://vireloux.example/commune> ;
    dcat:contactPoint <https://vireloux.example/contact> ;
    dct:spatial <https://vireloux.example/territoire> ;
    dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2018-01-01"^^xsd:date ; dcat:endDate "2025-12-31"^^xsd:date ] ;
    dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/IRREG> ;
    dcat:distribution <https://vireloux.example/jeux/defibrillateurs/csv> .
<https://vireloux.example/jeux/defibrillateurs/csv> a dcat:Distribution ;
    dcat:accessURL <https://vireloux.example/defibrillateurs.csv> ;
    dct:description "Le fichier CSV."@fr ;
    dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ;
    dct:license <https://creativecommons.org/licenses/by/4.0/> ;
    dcatap:availability <http://publications.europa.eu/resource/authority/planned-availability/STABLE> ;
    dcat:byteSize "4096"^^xsd:nonNegativeInteger .
<https://vireloux.example/commune> a foaf:Agent ; foaf:name "Commune de Vireloux"@fr ;
    dct:type <http://purl.org/adms/publishertype/LocalAuthority> .
<https://vireloux.example/contact> a vcard:Kind ; vcard:fn "Service population" ;
    vcard:hasEmail <mailto:population@vireloux.example> .
<https://vireloux.example/territoire> a dct:Location ;
    dcat:centroid "POINT(4.77 50.37)"^^gsp:wktLiteral ;
    dcat:bbox "POLYGON((4.74 50.35, 4.80 50.35, 4.80 50.39, 4.74 50.39, 4.74 50.35))"^^gsp:wktLiteral .
"""


def _without(text: str, fragment: str, replacement: str = "") -> str:
    assert fragment in text, fragment
    return text.replace(fragment, replacement, 1)


def test_vendored_shapes_are_the_official_bytes():
    readme = (dcat.DOSSIER_FORMES / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([\w.]+\.ttl)` \|.*\| `([0-9a-f]{64})` \|$", readme, re.MULTILINE))
    assert set(listed) == {p.name for p in dcat.FORMES.values()}
    for name, digest in listed.items():
        assert hashlib.sha256((dcat.DOSSIER_FORMES / name).read_bytes()).hexdigest() == digest, name


def test_shapes_import_nothing_from_the_web():
    for path in dcat.FORMES.values():
        assert "owl:imports" not in path.read_text(encoding="utf-8"), path.name


def test_complete_record_passes_every_shape_in_turtle_and_json_ld():
    assert dcat.valider(COMPLETE) == []
    graph = dcat.lire_fiche(COMPLETE)
    assert dcat.valider(graph.serialize(format="json-ld")) == []


def test_validation_opens_no_connection_even_when_the_record_imports(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network cut by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    record = COMPLETE + "<https://vireloux.example/fiche> <http://www.w3.org/2002/07/owl#imports> <https://www.w3.org/ns/dcat2.ttl> .\n"
    assert dcat.valider(record) == []
    assert attempts == []


@pytest.mark.parametrize("broken,severity,sentence", [
    (_without(COMPLETE, '    dct:title "Défibrillateurs de Vireloux"@fr ;\n'), "erreur",
     "Il manque le titre (dct:title) pour le jeu de données : DCAT-AP l'exige."),
    (_without(COMPLETE, '"défibrillateur"@fr,', "<https://vireloux.example/mots/defibrillateur>,"), "erreur",
     "Pour le jeu de données, la propriété dcat:keyword (les mots-clés) doit recevoir un texte entre guillemets"),
    (_without(COMPLETE, "dct:publisher <https://vireloux.example/commune> ;",
              "dct:publisher <https://vireloux.example/commune>, <https://vireloux.example/commune> ;\n"
              "    dct:publisher <https://vireloux.example/cpas> ;"), "erreur",
     "la propriété dct:publisher (l'éditeur, qui produit le jeu) a plusieurs valeurs"),
    (_without(COMPLETE, '"4096"^^xsd:nonNegativeInteger', '"4096"'), "erreur",
     "la propriété dcat:byteSize (la taille en octets) doit porter des valeurs du type xsd:nonNegativeInteger"),
    (_without(COMPLETE, "<https://vireloux.example/contact> a vcard:Kind ;", "<https://vireloux.example/contact>"), "erreur",
     "ajoutez « <https://vireloux.example/contact> a vcard:Kind . » à la fiche"),
    (_without(COMPLETE, "    dcat:accessURL <https://vireloux.example/defibrillateurs.csv> ;\n"), "erreur",
     "Il manque l'adresse d'accès (dcat:accessURL) pour la distribution"),
    (_without(COMPLETE, "    dcat:contactPoint <https://vireloux.example/contact> ;\n"), "recommandation",
     "DCAT-AP recommande de renseigner le point de contact (dcat:contactPoint) pour le jeu de données"),
], ids=["title", "keyword-iri", "two-publishers", "untyped-size", "untyped-contact", "access-url", "contact"])
def test_each_problem_is_explained_in_french(broken, severity, sentence):
    results = dcat.valider(broken)
    assert results, "the broken record passes"
    assert results[0]["gravite"] == severity
    assert any(sentence in r["explication"] for r in results), [r["explication"] for r in results]
    if severity == "erreur":
        assert sentence in " ".join(dcat.erreurs(broken))


def test_a_text_where_a_node_is_expected_is_explained_once():
    broken = _without(COMPLETE, "dcat:contactPoint <https://vireloux.example/contact> ;",
                      'dcat:contactPoint "population@vireloux.example" ;')
    about_contact = [r for r in dcat.valider(broken) if r["propriete"] == "dcat:contactPoint"]
    assert [r["contrainte"] for r in about_contact] == ["NodeKind"], about_contact
    assert "pas un texte entre guillemets" in about_contact[0]["explication"]


def test_options_leave_out_recommendations_and_class_ranges():
    bare = dcat.ENTETE_TURTLE + '<https://v.example/j> a dcat:Dataset ; dct:title "T"@fr ; dct:description "D"@fr ;\n' \
        "    dct:publisher <https://v.example/commune> .\n"
    assert dcat.valider(bare, recommandations=False, classes=False) == []
    assert {r["gravite"] for r in dcat.valider(bare, classes=False)} == {"recommandation"}
    assert {r["contrainte"] for r in dcat.valider(bare, recommandations=False)} == {"Class"}


def test_report_lists_errors_before_recommendations():
    report = dcat.rapport_en_francais(dcat.valider(_without(COMPLETE, '    dct:title "Défibrillateurs de Vireloux"@fr ;\n')
                                                   .replace("    dcat:contactPoint <https://vireloux.example/contact> ;\n", "")))
    lines = report.splitlines()
    assert lines[0] == "1 erreur(s), 1 recommandation(s) :"
    assert lines[1].startswith("- [erreur] Il manque le titre") and lines[2].startswith("- [recommandation]")
    assert dcat.rapport_en_francais([]).startswith("La fiche respecte les formes DCAT-AP")
