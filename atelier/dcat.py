"""DCAT-AP records checked against the official SHACL shapes, offline, with French explanations.

Module 04 (lesson 2 and exercise 04a) writes the record of a data set as RDF with rdflib and
validates it with pyshacl against the DCAT-AP 3.0.1 shapes vendored in ``atelier/dcat_ap/``
(source, commit and licence in its README). Nothing is fetched: the shapes files hold no
``owl:imports`` and pyshacl is called without import resolution nor inference.

``valider(fiche)`` takes a Turtle or JSON-LD text (or an rdflib Graph) and returns the results as
plain dictionaries, most serious first, each with its French explanation (``explication``),
written once here for the lesson and the exercise alike.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DOSSIER_FORMES = Path(__file__).parent / "dcat_ap"

FORMES = {
    "obligatoire": DOSSIER_FORMES / "shapes.ttl",
    "recommande": DOSSIER_FORMES / "shapes_recommended.ttl",
    "classes": DOSSIER_FORMES / "range.ttl",
}
"""The three vendored files: mandatory constraints, recommendations (warnings), class ranges."""

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatap": "http://data.europa.eu/r5r/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "adms": "http://www.w3.org/ns/adms#",
    "locn": "http://www.w3.org/ns/locn#",
    "spdx": "http://spdx.org/rdf/terms#",
    "prov": "http://www.w3.org/ns/prov#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "gsp": "http://www.opengis.net/ont/geosparql#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}

ENTETE_TURTLE = "".join(f"@prefix {nom}: <{adresse}> .\n" for nom, adresse in PREFIXES.items() if nom != "rdf")
"""The prefix lines a learner's Turtle record starts with."""

PROPRIETES = {
    "dct:title": "le titre",
    "dct:description": "la description",
    "dcat:keyword": "les mots-clés",
    "dcat:theme": "le thème",
    "dct:publisher": "l'éditeur, qui produit le jeu",
    "dcat:contactPoint": "le point de contact",
    "dct:license": "la licence",
    "dct:accrualPeriodicity": "la fréquence de mise à jour",
    "dct:spatial": "la couverture spatiale",
    "dct:temporal": "la couverture temporelle",
    "dcat:distribution": "la distribution (le fichier téléchargeable)",
    "dcat:accessURL": "l'adresse d'accès",
    "dcat:downloadURL": "l'adresse de téléchargement",
    "dct:format": "le format",
    "dcat:mediaType": "le type de média",
    "dcat:byteSize": "la taille en octets",
    "dct:issued": "la date de première publication",
    "dct:modified": "la date de dernière modification",
    "dct:identifier": "l'identifiant",
    "dcat:landingPage": "la page web du jeu",
    "dcatap:availability": "la disponibilité prévue",
    "foaf:name": "le nom",
    "dct:type": "le type",
    "dcat:startDate": "la date de début",
    "dcat:endDate": "la date de fin",
    "vcard:hasEmail": "l'adresse électronique",
    "vcard:fn": "le nom du contact",
    "dcat:bbox": "le rectangle qui englobe le territoire",
    "dcat:centroid": "le point central du territoire",
    "skos:prefLabel": "le libellé",
}
"""French names of the properties a municipal record uses."""

CLASSES = {
    "dcat:Dataset": "le jeu de données",
    "dcat:Distribution": "la distribution",
    "dcat:Catalog": "le catalogue",
    "dcat:DataService": "le service de données",
    "foaf:Agent": "un agent (organisation ou personne)",
    "vcard:Kind": "une fiche de contact (vcard:Kind)",
    "dct:LicenseDocument": "une licence (dct:LicenseDocument)",
    "dct:Frequency": "une fréquence (dct:Frequency)",
    "dct:Location": "un lieu (dct:Location)",
    "dct:PeriodOfTime": "une période (dct:PeriodOfTime)",
    "dct:MediaTypeOrExtent": "un format (dct:MediaTypeOrExtent)",
    "skos:Concept": "un concept d'un vocabulaire (skos:Concept)",
    "skos:ConceptScheme": "un vocabulaire (skos:ConceptScheme)",
    "dct:LinguisticSystem": "une langue (dct:LinguisticSystem)",
    "dct:RightsStatement": "une déclaration de droits (dct:RightsStatement)",
    "foaf:Document": "une page web (foaf:Document)",
}

LIBELLES_THEMES = {
    "AGRI": "Agriculture, pêche, sylviculture et alimentation", "ECON": "Économie et finances",
    "EDUC": "Éducation, culture et sport", "ENER": "Énergie", "ENVI": "Environnement",
    "GOVE": "Gouvernement et secteur public", "HEAL": "Santé", "INTR": "Questions internationales",
    "JUST": "Justice, système juridique et sécurité publique", "REGI": "Régions et villes",
    "SOCI": "Population et société", "TECH": "Science et technologie", "TRAN": "Transports",
}
"""French labels of the EU « Data theme » table (publications.europa.eu/resource/authority/data-theme)."""

LIBELLES_FREQUENCES = {
    "ANNUAL": "annuelle", "QUARTERLY": "trimestrielle", "MONTHLY": "mensuelle", "WEEKLY": "hebdomadaire",
    "DAILY": "quotidienne", "IRREG": "irrégulière", "NEVER": "jamais", "UNKNOWN": "inconnue",
    "UPDATE_CONT": "mise à jour continue",
}
"""The frequencies a municipality announces most, from the EU « Frequency » table."""

FORMATS_FICHIERS = {"CSV": "CSV", "JSON": "JSON", "GEOJSON": "GeoJSON", "XLSX": "XLSX", "PDF": "PDF",
                    "ZIP": "ZIP", "SHP": "Shapefile"}
"""File types of the EU « File type » table (publications.europa.eu/resource/authority/file-type)."""

DISPONIBILITES = {"STABLE": "stable", "AVAILABLE": "disponible", "TEMPORARY": "temporaire",
                  "EXPERIMENTAL": "expérimentale"}
"""The EU « Planned availability » table, for dcatap:availability."""

URI_AUTORITE = "http://publications.europa.eu/resource/authority/"


def _vocabulaires_turtle() -> str:
    from atelier.verifier.metadonnees import AUTRES_ADRESSES, LICENCES

    lignes = [ENTETE_TURTLE]
    for table, libelles in (("data-theme", LIBELLES_THEMES), ("frequency", LIBELLES_FREQUENCES),
                            ("file-type", FORMATS_FICHIERS), ("planned-availability", DISPONIBILITES)):
        classe = {"frequency": " , dct:Frequency", "file-type": " , dct:MediaTypeOrExtent"}.get(table, "")
        for code, libelle in libelles.items():
            lignes.append(f'<{URI_AUTORITE}{table}/{code}> a skos:Concept{classe} ; skos:prefLabel "{libelle}"@fr .')
    for code, libelle in (("LocalAuthority", "Local Authority"), ("NationalAuthority", "National authority"),
                          ("RegionalAuthority", "Regional authority")):
        lignes.append(f'<http://purl.org/adms/publishertype/{code}> a skos:Concept ; skos:prefLabel "{libelle}"@en .')
    lignes.append('<http://purl.org/adms/licencetype/Attribution> a skos:Concept ; skos:prefLabel "Attribution"@en .')
    lignes.append('<http://purl.org/adms/licencetype/PublicDomain> a skos:Concept ; skos:prefLabel "Public domain"@en .')
    for adresse, nom in {**LICENCES, **AUTRES_ADRESSES}.items():
        type_licence = "PublicDomain" if nom.startswith("CC0") else "Attribution"
        lignes.append(f'<{adresse}> a dct:LicenseDocument ; dct:title "{nom}" ; '
                      f'dct:type <http://purl.org/adms/licencetype/{type_licence}> .')
    return "\n".join(lignes) + "\n"


VOCABULAIRES_TURTLE = _vocabulaires_turtle()
"""What the official validator imports from the EU vocabularies, reduced to the codes a commune
uses: each theme, frequency, file type and availability as a skos:Concept with its label, each
open licence of the curriculum as a dct:LicenseDocument (under each of its official addresses), and the ADMS publisher types of public
authorities. ``valider`` adds it to the record, so a
record only describes its own nodes (producer, contact, place, period)."""

GRAVITES = {"Violation": "erreur", "Warning": "recommandation", "Info": "information"}
ORDRE_GRAVITE = {"erreur": 0, "recommandation": 1, "information": 2}


def court(adresse) -> str:
    """A full address written with its prefix (dct:title), or left as it is."""
    texte = str(adresse)
    for nom, debut in PREFIXES.items():
        if texte.startswith(debut):
            return f"{nom}:{texte[len(debut):]}"
    return texte


def _nom(propriete: str) -> str:
    return f"{PROPRIETES[propriete]} ({propriete})" if propriete in PROPRIETES else propriete


def _propriete(propriete: str) -> str:
    return f"la propriété {propriete} ({PROPRIETES[propriete]})" if propriete in PROPRIETES else f"la propriété {propriete}"


def _classe(classe: str) -> str:
    return CLASSES.get(classe, classe)


@lru_cache(maxsize=4)
def formes(*noms: str):
    """The shapes graph made of the vendored files named (keys of FORMES), parsed once."""
    from rdflib import Graph

    graphe = Graph()
    for nom in noms or ("obligatoire", "recommande", "classes"):
        graphe.parse(FORMES[nom], format="turtle")
    return graphe


def lire_fiche(fiche, format: str | None = None):
    """An rdflib Graph from a Turtle or JSON-LD text (guessed when format is None) or a Graph."""
    from rdflib import Graph

    if isinstance(fiche, Graph):
        return fiche
    texte = str(fiche)
    if format is None:
        format = "json-ld" if texte.lstrip().startswith(("{", "[")) else "turtle"
    return Graph().parse(data=texte, format=format)


def explication(resultat: dict) -> str:
    """The French sentence that says what a SHACL result means and what to change."""
    sujet = _classe(resultat["classe"]) if resultat["classe"] else "le nœud"
    if resultat["classe"] not in ("dcat:Dataset", "") and resultat["noeud"].startswith("<"):
        sujet = f"{sujet} {resultat['noeud']}"
    elif not resultat["classe"]:
        sujet = f"{sujet} {resultat['noeud']}"
    propriete, valeur = resultat["propriete"], resultat["valeur"]
    composant, attendu = resultat["contrainte"], resultat["attendu"]
    nom, la_propriete = _nom(propriete), _propriete(propriete)
    if composant == "MinCount":
        if resultat["gravite"] == "erreur":
            return f"Il manque {nom} pour {sujet} : DCAT-AP l'exige."
        return f"DCAT-AP recommande de renseigner {nom} pour {sujet} (recommandation, pas une erreur)."
    if composant == "MaxCount":
        return f"Pour {sujet}, {la_propriete} a plusieurs valeurs : DCAT-AP n'en permet qu'une seule."
    if composant == "NodeKind":
        if attendu == "Literal":
            return (f"Pour {sujet}, {la_propriete} doit recevoir un texte entre guillemets, pas une adresse entre chevrons "
                    f"(valeur trouvée : {valeur}).")
        return (f"Pour {sujet}, {la_propriete} doit recevoir une adresse entre chevrons (<https://…>) ou un nœud décrit, "
                f"pas un texte entre guillemets (valeur trouvée : {valeur}).")
    if composant == "Class":
        return (f"Pour {sujet}, la valeur {valeur} de {la_propriete} doit être déclarée comme {_classe(attendu)} : "
                f"ajoutez « {valeur} a {attendu} . » à la fiche.")
    if composant == "Datatype":
        return (f"Pour {sujet}, {la_propriete} doit porter des valeurs du type {attendu}, écrites \"…\"^^{attendu} "
                f"(valeur trouvée : {valeur}).")
    if composant in ("Or", "Node"):
        return f"Pour {sujet}, {la_propriete} doit recevoir une date (xsd:date) ou une date et heure (xsd:dateTime)."
    return f"Pour {sujet}, {la_propriete} ne respecte pas la contrainte {composant} de DCAT-AP : {resultat['message']}"


def _attendu(graphe_formes, forme, composant: str) -> str:
    from rdflib import Namespace

    SH = Namespace("http://www.w3.org/ns/shacl#")
    parametre = {"MaxCount": SH.maxCount, "MinCount": SH.minCount, "NodeKind": SH.nodeKind,
                 "Class": SH["class"], "Datatype": SH.datatype}.get(composant)
    if parametre is None:
        return ""
    valeur = graphe_formes.value(forme, parametre)
    if valeur is None:
        return ""
    texte = court(valeur)
    return texte.removeprefix("http://www.w3.org/ns/shacl#")


def valider(fiche, *, recommandations: bool = True, classes: bool = True, vocabulaires: bool = True,
            format: str | None = None) -> list[dict]:
    """Validate a record against the vendored DCAT-AP shapes; plain results, most serious first.

    Each result: gravite (« erreur » or « recommandation »), classe and noeud of the focus node,
    propriete, valeur, contrainte (the SHACL component without its suffix), attendu, message
    (pyshacl's English one) and explication (French).
    """
    from pyshacl import validate
    from rdflib import RDF, BNode, Graph, Namespace

    SH = Namespace("http://www.w3.org/ns/shacl#")
    noms = ("obligatoire",) + (("recommande",) if recommandations else ()) + (("classes",) if classes else ())
    graphe_formes = formes(*noms)
    donnees = lire_fiche(fiche, format)
    if vocabulaires:
        donnees = donnees + Graph().parse(data=VOCABULAIRES_TURTLE, format="turtle")
    _, rapport, _ = validate(donnees, shacl_graph=graphe_formes, inference="none", abort_on_first=False,
                             allow_warnings=True, allow_infos=True, do_owl_imports=False, advanced=False)
    assert isinstance(rapport, Graph)
    resultats = []
    for res in rapport.subjects(RDF.type, SH.ValidationResult):
        noeud = rapport.value(res, SH.focusNode)
        valeur = rapport.value(res, SH.value)
        composant = court(rapport.value(res, SH.sourceConstraintComponent)).removeprefix(
            "http://www.w3.org/ns/shacl#").removesuffix("ConstraintComponent")
        types = sorted(court(t) for t in donnees.objects(noeud, RDF.type))
        connus = [t for t in types if t in CLASSES]
        resultat = {
            "gravite": GRAVITES.get(court(rapport.value(res, SH.resultSeverity)).split("#")[-1], "information"),
            "classe": (connus or types or [""])[0],
            "noeud": "[nœud anonyme]" if isinstance(noeud, BNode) else f"<{noeud}>",
            "propriete": court(rapport.value(res, SH.resultPath) or ""),
            "valeur": "" if valeur is None else (f"<{valeur}>" if not hasattr(valeur, "language") else f"\"{valeur}\""),
            "contrainte": composant,
            "attendu": _attendu(graphe_formes, rapport.value(res, SH.sourceShape), composant),
            "message": str(rapport.value(res, SH.resultMessage) or ""),
        }
        resultat["explication"] = explication(resultat)
        resultats.append(resultat)
    # A text where a described node is expected fails twice (node kind, then class): keep the clearer one.
    textes_refuses = {(r["noeud"], r["propriete"], r["valeur"]) for r in resultats if r["contrainte"] == "NodeKind"}
    resultats = [r for r in resultats
                 if not (r["contrainte"] == "Class" and (r["noeud"], r["propriete"], r["valeur"]) in textes_refuses)]
    resultats.sort(key=lambda r: (ORDRE_GRAVITE[r["gravite"]], r["classe"] != "dcat:Dataset", r["classe"],
                                  r["propriete"], r["contrainte"], r["valeur"]))
    uniques = []
    for resultat in resultats:
        if resultat not in uniques:
            uniques.append(resultat)
    return uniques


def erreurs(fiche, **options) -> list[str]:
    """The French explanations of the errors (severity Violation) only, most useful first."""
    return [r["explication"] for r in valider(fiche, **options) if r["gravite"] == "erreur"]


def rapport_en_francais(resultats: list[dict]) -> str:
    """A validation report a producer can read: one line per result, errors first."""
    if not resultats:
        return "La fiche respecte les formes DCAT-AP : aucune erreur, aucune recommandation en attente."
    nb_erreurs = sum(r["gravite"] == "erreur" for r in resultats)
    lignes = [f"{nb_erreurs} erreur(s), {len(resultats) - nb_erreurs} recommandation(s) :"]
    lignes += [f"- [{r['gravite']}] {r['explication']}" for r in resultats]
    return "\n".join(lignes)
