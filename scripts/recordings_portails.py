"""Extra recorded answers for module 02-portails (lessons and exercises), as vcrpy interactions.

    python scripts/recordings_portails.py                  # writes data/enregistrements/portails-module-02.yaml
    python scripts/recordings_portails.py --sortie DIR     # reads DIR/propres and DIR/enregistrements, writes there

Everything is built from the fictional commune's data written by scripts/generate_data.py, so it
must run after the generator (``make data``):

- the clean files ``propres/*.csv`` give the records, exports and aggregates;
- the generator's own cassettes (``enregistrements/odwb.yaml``, ``datagouv.yaml``,
  ``ckan-recife.yaml``) give each data set's catalogue entry as each portal describes it (ODWB
  ``metas``, udata dataset, CKAN package), so a data set looks the same here and there.

The answers have the exact shapes of the real APIs (Opendatasoft Explore v2.1, udata v1, CKAN
action API v3), errors included: Opendatasoft ``{"error_code", "message"}`` with HTTP 400, udata
(flask-restx) ``{"errors": {...}, "message": "Input payload validation failed"}`` with HTTP 400,
CKAN ``{"success": false, "error": {"__type", ...}}`` with HTTP 409. Their content is invented
(Vireloux does not exist). No URL recorded by the generator is recorded again here.

Deterministic: no clock, no randomness; the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from vireloux.portails import csv_ods, valeur_ods  # noqa: E402  (the same conversions as the generator's cassettes)

RACINE = Path(__file__).resolve().parent.parent
DONNEES = RACINE / "data"
FICHIER = "portails-module-02.yaml"

ODWB = "https://www.odwb.be/api/explore/v2.1/"
CATALOGUE = ODWB + "catalog/datasets"
DATAGOUV = "https://www.data.gouv.fr/api/1/datasets/"
CKAN = "https://dados.recife.pe.gov.br/api/3/action/"

MESSAGES_HTTP = {200: "OK", 400: "Bad Request", 404: "Not Found", 409: "Conflict"}
JSON = "application/json; charset=utf-8"


@dataclass
class Reponse:
    url: str
    description: str  # French, one line: what the answer is and who uses it
    corps: object  # str or a JSON-able object
    statut: int = 200
    type_contenu: str = JSON
    variante: bool = False  # True: a plausible learner's request, not made by the module's notebooks

    def texte(self) -> str:
        return self.corps if isinstance(self.corps, str) else json.dumps(self.corps, ensure_ascii=False)


def adresse(base: str, parametres: list[tuple[str, object]] | None = None) -> str:
    """The URL requests builds for ``requests.get(base, params=dict(parametres))``."""
    return base + ("?" + urlencode([(k, str(v)) for k, v in parametres]) if parametres else "")


def _pli(texte: str) -> str:
    """Lower case without accents: how the portals' full-text search compares words."""
    return "".join(c for c in unicodedata.normalize("NFD", texte.lower()) if unicodedata.category(c) != "Mn")


# --------------------------------------------------------------------------------------------
# Inputs: the generator's cassettes and the clean files
# --------------------------------------------------------------------------------------------

class Sources:
    def __init__(self, donnees: Path = DONNEES):
        self.donnees = Path(donnees)
        self._reponses: dict[str, str] = {}
        for service in ("odwb", "datagouv", "ckan-recife"):
            texte = (self.donnees / "enregistrements" / f"{service}.yaml").read_text(encoding="utf-8")
            for interaction in yaml.safe_load(texte)["interactions"]:
                corps = interaction["response"]["body"]["string"]
                self._reponses[interaction["request"]["uri"]] = corps.decode() if isinstance(corps, bytes) else corps

    def deja_enregistrees(self) -> set[str]:
        return set(self._reponses)

    def json(self, url: str):
        return json.loads(self._reponses[url])

    # The 18 data sets, as each portal lists them (same order everywhere).
    def jeux_odwb(self) -> list[dict]:
        return self.json(adresse(CATALOGUE, [("where", 'search("vireloux")'), ("limit", 20)]))["results"]

    def jeu_odwb(self, identifiant: str) -> dict:
        return next(j for j in self.jeux_odwb() if j["dataset_id"] == identifiant)

    def jeux_udata(self) -> list[dict]:
        jeux, url = [], adresse(DATAGOUV, [("q", "vireloux"), ("page", 1), ("page_size", 10)])
        while url:
            page = self.json(url)
            jeux += page["data"]
            url = page["next_page"]
        return jeux

    def paquets_ckan(self) -> list[dict]:
        paquets, debut = [], 0
        while True:
            page = self.json(adresse(CKAN + "package_search", [("q", "vireloux"), ("rows", 10), ("start", debut)]))
            paquets += page["result"]["results"]
            debut += 10
            if debut >= page["result"]["count"]:
                return paquets

    def lignes(self, identifiant: str) -> list[dict]:
        nom = identifiant.removeprefix("vireloux-")
        with open(self.donnees / "propres" / f"{nom}.csv", encoding="utf-8", newline="") as fichier:
            return list(csv.DictReader(fichier))


# --------------------------------------------------------------------------------------------
# Opendatasoft Explore API v2.1
# --------------------------------------------------------------------------------------------

def enregistrements(sources: Sources, identifiant: str) -> list[dict]:
    champs = sources.jeu_odwb(identifiant)["fields"]
    return [{c["name"]: valeur_ods(c["type"], ligne.get(c["name"])) for c in champs}
            for ligne in sources.lignes(identifiant)]


def export_csv(sources: Sources, identifiant: str) -> str:
    """exports/csv, as the generator writes it for the other data sets."""
    champs = sources.jeu_odwb(identifiant)["fields"]
    return csv_ods([c["name"] for c in champs], enregistrements(sources, identifiant))


def cherche_odwb(jeu: dict, mot: str) -> bool:
    meta = jeu["metas"]["default"]
    description = re.sub(r"<[^>]+>", " ", meta["description"].split("</p>")[0])
    texte = " ".join([meta["title"], description, " ".join(meta["keyword"]), " ".join(meta["theme"])])
    return _pli(mot) in _pli(texte)


def catalogue(jeux: list[dict], limite: int = 10) -> dict:
    return {"total_count": len(jeux), "results": jeux[:limite]}


def erreur_limit(valeur) -> dict:
    return {"error_code": "InvalidRESTParameterError",
            "message": f"Invalid value for limit API parameter: {valeur} was found but -1 <= limit <= 100 is expected."}


def reponses_odwb(s: Sources) -> list[Reponse]:
    r: list[Reponse] = []
    jeux = s.jeux_odwb()
    vireloux = [j for j in jeux if cherche_odwb(j, "vireloux")]
    velo = [j for j in jeux if cherche_odwb(j, "vélo")]
    mobilite = [j for j in vireloux if "Mobilité" in j["metas"]["default"]["theme"]]
    mot_mobilite = [j for j in vireloux if "mobilité" in j["metas"]["default"]["keyword"]]

    r.append(Reponse(adresse(CATALOGUE, [("where", 'search("vireloux")')]),
                     "Catalogue ODWB : recherche « vireloux » sans limit (10 résultats par défaut, total_count complet) "
                     "— leçon 2", catalogue(vireloux)))
    for parametres, variante in (([("where", 'search("velo")')], True),
                                 ([("where", 'search("vélo")'), ("limit", 20)], True),
                                 ([("where", 'search("vélo")'), ("limit", 100)], True)):
        limite = next((v for k, v in parametres if k == "limit"), 10)
        r.append(Reponse(adresse(CATALOGUE, parametres),
                         "Catalogue ODWB : recherche « vélo », variante d'écriture (sans accent ou avec limit) "
                         "— exercice 02a", catalogue(velo, limite), variante=variante))
    for parametres in ([("where", 'search("vireloux")'), ("refine", 'theme:"Mobilité"'), ("limit", 20)],
                       [("where", 'search("vireloux")'), ("refine", 'theme:"Mobilité"'), ("limit", 100)],
                       [("where", 'search("vireloux")'), ("refine", "theme:Mobilité")]):
        limite = next((v for k, v in parametres if k == "limit"), 10)
        r.append(Reponse(adresse(CATALOGUE, parametres),
                         "Catalogue ODWB : « vireloux » affiné sur le thème Mobilité, variante d'écriture — exercice 02a",
                         catalogue(mobilite, limite), variante=True))
    r.append(Reponse(adresse(CATALOGUE, [("where", 'search("vireloux")'), ("refine", 'keyword:"mobilité"')]),
                     "Catalogue ODWB : « vireloux » affiné sur le mot-clé mobilité (et non le thème) — erreur "
                     "plausible de l'exercice 02a", catalogue(mot_mobilite), variante=True))

    for identifiant in ("vireloux-stationnements-velos", "vireloux-accidents", "vireloux-comptages-trafic"):
        r.append(Reponse(f"{CATALOGUE}/{identifiant}",
                         f"Fiche (métadonnées et champs) du jeu {identifiant} — leçon 5, exercice 02b",
                         s.jeu_odwb(identifiant)))
        r.append(Reponse(f"{CATALOGUE}/{identifiant}/exports/csv",
                         f"Export CSV complet de {identifiant} (séparateur ;, BOM UTF-8) — leçon 5, exercice 02b",
                         export_csv(s, identifiant), type_contenu="text/csv; charset=utf-8"))

    # Every record of the accidents, page by page: the pagination exercise (02b).
    accidents = enregistrements(s, "vireloux-accidents")
    base = f"{CATALOGUE}/vireloux-accidents/records"
    for taille, variante in ((100, False), (50, True), (20, True)):
        for debut in range(0, len(accidents), taille):
            r.append(Reponse(adresse(base, [("limit", taille), ("offset", debut)]),
                             f"Enregistrements de vireloux-accidents, limit={taille}, offset={debut} — exercice 02b",
                             {"total_count": len(accidents), "results": accidents[debut:debut + taille]},
                             variante=variante))
    r.append(Reponse(adresse(base, [("limit", 100)]),
                     "Enregistrements de vireloux-accidents, limit=100 sans offset (= offset 0) — exercice 02b",
                     {"total_count": len(accidents), "results": accidents[:100]}, variante=True))
    for parametres in ([("limit", 200)], [("limit", 200), ("offset", 0)], [("limit", 1000)],
                       [("limit", 1000), ("offset", 0)]):
        r.append(Reponse(adresse(base, parametres),
                         "Erreur 400 : limit au-delà de 100 sur vireloux-accidents — erreur plausible de l'exercice 02b",
                         erreur_limit(parametres[0][1]), statut=400, variante=True))

    # ODSQL: a filter on a text value and a date, a choice of columns, a sort (lesson 3).
    cyclistes = sorted((a for a in accidents if a["cycliste_implique"] == "true" and a["date"] >= "2023-01-01"),
                       key=lambda a: a["date"])
    r.append(Reponse(
        adresse(base, [("select", "date, street_name, gravite"),
                       ("where", "cycliste_implique = \"true\" AND date >= date'2023-01-01'"),
                       ("order_by", "date"), ("limit", 20)]),
        "Accidents avec un cycliste depuis le 1er janvier 2023 (where sur un texte et une date, select, order_by) "
        "— leçon 3",
        {"total_count": len(cyclistes),
         "results": [{k: a[k] for k in ("date", "street_name", "gravite")} for a in cyclistes[:20]]}))

    # Server-side aggregate for the first chart (lesson 6), as the portal's « Analyse » tab computes it.
    places: dict[str, int] = {}
    for v in enregistrements(s, "vireloux-stationnements-velos"):
        places[v["zone_address"]] = places.get(v["zone_address"], 0) + v["available_places"]
    r.append(Reponse(
        adresse(f"{CATALOGUE}/vireloux-stationnements-velos/records",
                [("select", "zone_address, sum(available_places) as places"), ("group_by", "zone_address"),
                 ("order_by", "places desc")]),
        "Places de stationnement vélo par quartier (sum + group_by + order_by) — leçon 6",
        {"results": [{"zone_address": k, "places": n} for k, n in sorted(places.items(), key=lambda kv: (-kv[1], kv[0]))]}))
    return r


# --------------------------------------------------------------------------------------------
# data.gouv.fr (udata API v1)
# --------------------------------------------------------------------------------------------

def cherche_udata(jeu: dict, mot: str) -> bool:
    return _pli(mot) in _pli(" ".join([jeu["title"], jeu["description"], " ".join(jeu["tags"])]))


def page_udata(jeux: list[dict], mot: str, page: int, taille: int) -> dict:
    pages = math.ceil(len(jeux) / taille)
    lien = lambda p: adresse(DATAGOUV, [("q", mot), ("page", p), ("page_size", taille)])  # noqa: E731
    return {"data": jeux[(page - 1) * taille:page * taille], "page": page, "page_size": taille, "total": len(jeux),
            "next_page": lien(page + 1) if page < pages else None,
            "previous_page": lien(page - 1) if page > 1 else None}


def reponses_datagouv(s: Sources) -> list[Reponse]:
    jeux = s.jeux_udata()
    velo = [j for j in jeux if cherche_udata(j, "vélo")]
    return [
        Reponse(adresse(DATAGOUV, [("q", "vireloux"), ("page", 1), ("page_size", 20)]),
                "data.gouv.fr : recherche « vireloux », page_size=20 (tout tient sur une page) — exercice 02c",
                page_udata(jeux, "vireloux", 1, 20)),
        Reponse(adresse(DATAGOUV, [("q", "vélo"), ("page", 1), ("page_size", 10)]),
                "data.gouv.fr : recherche « vélo » — exercice 02c", page_udata(velo, "vélo", 1, 10)),
        Reponse(adresse(DATAGOUV, [("q", "vireloux"), ("page", 1), ("page_size", "dix")]),
                "data.gouv.fr : erreur 400, page_size qui n'est pas un nombre (message de validation) — exercice 02c",
                {"errors": {"page_size": "The page size invalid literal for int() with base 10: 'dix'"},
                 "message": "Input payload validation failed"}, statut=400),
    ]


# --------------------------------------------------------------------------------------------
# CKAN action API v3 (Recife's portal)
# --------------------------------------------------------------------------------------------

def cherche_ckan(paquet: dict, mot: str) -> bool:
    texte = " ".join([paquet["title"], paquet["notes"], " ".join(t["name"] for t in paquet["tags"])])
    return _pli(mot) in _pli(texte)


def recherche_ckan(paquets: list[dict], debut: int, lignes: int) -> dict:
    return {"help": f"{CKAN}help_show?name=package_search", "success": True,
            "result": {"count": len(paquets), "facets": {}, "sort": "score desc, metadata_modified desc",
                       "results": paquets[debut:debut + lignes], "search_facets": {}}}


def reponses_ckan(s: Sources) -> list[Reponse]:
    paquets = s.paquets_ckan()
    velo = [p for p in paquets if cherche_ckan(p, "vélo")]
    recherche = CKAN + "package_search"
    return [
        Reponse(adresse(recherche, [("q", "vireloux"), ("rows", 20), ("start", 0)]),
                "CKAN (Recife) : package_search « vireloux », rows=20 (tout tient sur une page) — exercice 02c",
                recherche_ckan(paquets, 0, 20)),
        Reponse(adresse(recherche, [("q", "vélo"), ("rows", 10), ("start", 0)]),
                "CKAN (Recife) : package_search « vélo » — exercice 02c", recherche_ckan(velo, 0, 10)),
        Reponse(adresse(recherche, [("q", "zzvireloux"), ("rows", 10), ("start", 0)]),
                "CKAN (Recife) : recherche sans résultat (count = 0) — leçon 4, exercice 02c",
                recherche_ckan([], 0, 10)),
        Reponse(adresse(recherche, [("q", "vireloux"), ("rows", "dix"), ("start", 0)]),
                "CKAN (Recife) : erreur 409, rows qui n'est pas un nombre (success: false) — exercice 02c",
                {"help": f"{CKAN}help_show?name=package_search", "success": False,
                 "error": {"__type": "Validation Error", "rows": ["Invalid integer"]}}, statut=409),
    ]


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

def reponses(donnees: Path = DONNEES) -> list[Reponse]:
    sources = Sources(donnees)
    toutes = reponses_odwb(sources) + reponses_datagouv(sources) + reponses_ckan(sources)
    urls = [r.url for r in toutes]
    assert len(urls) == len(set(urls)), "a URL is recorded twice"
    deja = set(urls) & sources.deja_enregistrees()
    assert not deja, f"already recorded by scripts/generate_data.py: {sorted(deja)}"
    return toutes


def interaction(r: Reponse) -> dict:
    return {
        "request": {"method": "GET", "uri": r.url, "body": None, "headers": {}},
        "response": {"status": {"code": r.statut, "message": MESSAGES_HTTP[r.statut]},
                     "headers": {"Content-Type": [r.type_contenu]},
                     "body": {"string": r.texte()}},
    }


def interactions(donnees: Path = DONNEES) -> list[dict]:
    """The extra vcrpy interactions of module 02-portails (same shape as the generator's cassettes)."""
    return [interaction(r) for r in reponses(donnees)]


def cassette(donnees: Path = DONNEES) -> str:
    return yaml.safe_dump({"version": 1, "interactions": interactions(donnees)}, sort_keys=True, allow_unicode=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sortie", type=Path, default=DONNEES,
                        help="data folder to read (propres/, enregistrements/) and write into (default: data/)")
    args = parser.parse_args(argv)
    cible = args.sortie / "enregistrements" / FICHIER
    cible.write_text(cassette(args.sortie), encoding="utf-8")
    print(f"{cible}: {len(reponses(args.sortie))} réponses enregistrées")
    return 0


if __name__ == "__main__":
    sys.exit(main())
