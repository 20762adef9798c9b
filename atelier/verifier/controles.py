"""Checks frictionless does not make, reported as warnings beside its verdict: swapped coordinates, Validata checks.

A schema checks each cell on its own; a latitude and a longitude swapped are both valid numbers
(the official « invalid » carpool example, ``exemple-invalide.csv`` of etalab/lieux-covoiturage,
plants one and frictionless does not see it). When the schema names its country (``countryCode``
BE or FR), a point that falls outside the country but inside it once swapped is reported. The
French schemas' ``custom_checks`` (SIRET keys, opening hours…) are run by Validata, not by
frictionless: the report names them so that nobody believes they were checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from atelier.verifier.schema import SchemaLu

# Generous boxes around each country (latitude min, max, longitude min, max); overseas France is left out
# on purpose: a point there never falls in mainland France once swapped, so it is never reported.
PAYS = {"BE": ("Belgique", 49.45, 51.55, 2.5, 6.45), "FR": ("France", 41.3, 51.15, -5.2, 9.6)}
_PAIRES = (("latitude", "longitude"), ("ylat", "xlong"), ("lat", "lon"), ("lat", "long"), ("lat", "lng"))


@dataclass
class CoordonneesInversees:
    """Collects, row by row during frictionless's pass, the points that look swapped."""

    schema: SchemaLu
    paires: list[tuple[str, str]] = field(default_factory=list)
    points: list[str] = field(default_factory=list)
    suspects: dict = field(default_factory=dict)

    def __post_init__(self):
        pays = str(self.schema.descripteur.get("countryCode", "")).upper()
        self.pays = PAYS.get(pays)
        if self.pays is None:
            return
        champs = {c["name"]: c.get("type") for c in self.schema.descripteur.get("fields", [])}
        for nom in champs:
            bas = nom.lower()
            for lat, lon in _PAIRES:
                partenaire = next((n for n in champs if lat in bas and n.lower() == bas.replace(lat, lon)), None)
                if partenaire:
                    if (nom, partenaire) not in self.paires:
                        self.paires.append((nom, partenaire))
                    break
        self.points = [n for n, t in champs.items() if t in ("geojson", "geopoint")]

    def _dedans(self, lat: float, lon: float) -> bool:
        _, lat_min, lat_max, lon_min, lon_max = self.pays
        return lat_min <= lat <= lat_max and lon_min <= lon <= lon_max

    def _examiner(self, colonnes: str, numero: int, lat, lon) -> None:
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            return
        if not self._dedans(lat, lon) and self._dedans(lon, lat):
            self.suspects.setdefault(colonnes, []).append((numero, lat, lon))

    def __call__(self, ligne) -> None:
        if self.pays is None:
            return
        for lat, lon in self.paires:
            self._examiner(f"« {lat} » et « {lon} »", ligne.row_number, ligne[lat], ligne[lon])
        for nom in self.points:
            valeur = ligne[nom]
            if isinstance(valeur, dict) and valeur.get("type") == "Point" and len(valeur.get("coordinates") or []) >= 2:
                lon, lat = valeur["coordinates"][:2]
                self._examiner(f"« {nom} » (GeoJSON, longitude d'abord)", ligne.row_number, lat, lon)
            elif isinstance(valeur, (list, tuple)) and len(valeur) == 2:
                lon, lat = valeur
                self._examiner(f"« {nom} »", ligne.row_number, lat, lon)

    def avertissements(self) -> list[str]:
        textes = []
        for colonnes, points in self.suspects.items():
            rangs = ", ".join(str(n) for n, _, _ in points[:5]) + ("…" if len(points) > 5 else "")
            n, lat, lon = points[0]
            textes.append(
                f"{colonnes} : latitude et longitude semblent inversées {'à la ligne' if len(points) == 1 else 'aux lignes'} "
                f"{rangs} (ligne {n} : latitude {lat:g}, longitude {lon:g} tombe hors de {self.pays[0]} ; inversé, le "
                f"point est en {self.pays[0]}). frictionless ne le voit pas : chaque nombre est valide. Vérifiez sur une "
                "carte, puis échangez les deux valeurs."
            )
        return textes


def controles_validata(schema: SchemaLu) -> list[str]:
    """A sentence naming the schema's custom_checks, which frictionless does not run."""
    controles = schema.descripteur.get("custom_checks") or []
    noms = []
    for controle in controles:
        if isinstance(controle, dict) and controle.get("name"):
            colonnes = [str(v) for k, v in (controle.get("params") or {}).items() if "column" in k]
            noms.append(controle["name"] + (f" ({', '.join(colonnes)})" if colonnes else ""))
    if not noms:
        return []
    return [
        "Ce schéma déclare aussi des contrôles propres à Validata (custom_checks), que frictionless n'exécute pas et que "
        f"ce rapport n'a donc pas faits : {', '.join(noms)}. Pour eux, validez aussi le fichier sur https://validata.fr."
    ]
