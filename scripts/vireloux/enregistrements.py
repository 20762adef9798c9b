"""Recorded answers (vcrpy cassettes): one answer, the URL requests builds, the cassette format.

All the content of the answers is invented: it is Vireloux's data, shaped exactly as each real API
answers. portails.py records the open-data portals, geoportail.py the OGC services.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass
class Reponse:
    service: str  # cassette file name, without .yaml
    url: str
    description: str  # one line, French, for data/README.md
    corps: object  # str, bytes or a JSON-able object
    type_contenu: str = "application/json; charset=utf-8"
    statut: int = 200
    methode: str = "GET"
    corps_requete: str | None = None  # the body a POST request sends (matched exactly on replay)

    def octets(self) -> bytes | str:
        if isinstance(self.corps, (bytes, str)):
            return self.corps
        return json.dumps(self.corps, ensure_ascii=False)


MESSAGES_HTTP = {200: "OK", 201: "Created", 400: "Bad Request", 404: "Not Found", 409: "Conflict"}


def adresse_requete(base: str, parametres: list[tuple[str, object]] | None = None) -> str:
    """The URL requests builds for ``requests.get(base, params=dict(parametres))``."""
    from urllib.parse import urlencode

    if not parametres:
        return base
    return base + "?" + urlencode([(k, str(v)) for k, v in parametres])


def cassettes(reponses: list[Reponse]) -> dict[str, str]:
    """{service: YAML text} in vcrpy's cassette format (version 1)."""
    import yaml

    par_service: dict[str, list[dict]] = {}
    for r in reponses:
        corps = r.octets()
        par_service.setdefault(r.service, []).append({
            "request": {"method": r.methode, "uri": r.url, "body": r.corps_requete, "headers": {}},
            "response": {
                "status": {"code": r.statut, "message": MESSAGES_HTTP[r.statut]},
                "headers": {"Content-Type": [r.type_contenu]},
                "body": {"string": corps},
            },
        })
    return {
        service: yaml.safe_dump({"version": 1, "interactions": interactions}, sort_keys=True, allow_unicode=True)
        for service, interactions in par_service.items()
    }
