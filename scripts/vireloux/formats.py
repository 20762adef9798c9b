"""Writers: deterministic text and bytes for CSV, JSON, GeoJSON, GeoPackage and zip (xlsx) files.

Nothing here knows the commune: these are the formats every module writes its files with, and the
French spelling of a date (« 1er mars 2024 ») that clean and raw files share.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path


def utf8(texte: str) -> bytes:
    return texte.encode("utf-8")


def texte_nombre(valeur, decimales: int) -> str:
    if valeur is None:
        return ""
    texte = f"{valeur:.{decimales}f}"
    if texte.startswith("-") and float(texte) == 0:
        texte = texte[1:]
    return texte


def point_geojson(lon: float, lat: float) -> str:
    return json.dumps({"type": "Point", "coordinates": [lon, lat]})


def _valeur_csv(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        raise TypeError("format floats explicitly before writing them")
    return str(v)


def csv_texte(colonnes: list[str], lignes: list[dict], separateur: str = ",") -> str:
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=separateur, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    ecrivain.writerow(colonnes)
    for ligne in lignes:
        ecrivain.writerow([_valeur_csv(ligne.get(c)) for c in colonnes])
    return tampon.getvalue()


def json_texte(objet) -> str:
    return json.dumps(objet, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def coords_json(geom) -> dict:
    from shapely.geometry import mapping

    def listes(o):
        if isinstance(o, (list, tuple)):
            if o and isinstance(o[0], (int, float)):
                return [float(v) for v in o[:2]]
            return [listes(e) for e in o]
        return o

    m = mapping(geom)
    return {"type": m["type"], "coordinates": listes(m["coordinates"])}


def geojson_texte(nom: str, entites: list[tuple[dict, object]]) -> str:
    """A FeatureCollection in EPSG:4326 (RFC 7946), one feature per line."""
    lignes = []
    for proprietes, geom in entites:
        entite = {"type": "Feature", "properties": proprietes, "geometry": coords_json(geom)}
        lignes.append(json.dumps(entite, ensure_ascii=False))
    tete = json.dumps({"type": "FeatureCollection", "name": nom}, ensure_ascii=False)[:-1]
    return tete + ', "features": [\n' + ",\n".join(lignes) + "\n]}\n"


MOIS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"]


def date_fr(d: date) -> str:
    return f"{d.day}{'er' if d.day == 1 else ''} {MOIS_FR[d.month - 1]} {d.year}"


def zip_deterministe(contenu: bytes) -> bytes:
    """Rewrite a zip (xlsx) with fixed timestamps, stored (not deflated) so the bytes never depend on zlib."""
    import zipfile

    entree = zipfile.ZipFile(io.BytesIO(contenu))
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", compression=zipfile.ZIP_STORED) as sortie:
        for info in entree.infolist():
            donnees = entree.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                import re

                donnees = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>2025-01-15T09:00:00Z\g<2>", donnees)
            nouvelle = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 15, 9, 0, 0))
            nouvelle.compress_type = zipfile.ZIP_STORED
            nouvelle.external_attr = 0o600 << 16
            sortie.writestr(nouvelle, donnees)
    return tampon.getvalue()


def geopackage(couches: dict[str, list[tuple[dict, object]]], dossier: Path) -> bytes:
    """All layers in one GeoPackage (EPSG:31370), written byte-for-byte reproducibly."""
    import geopandas as gpd

    chemin = dossier / "vireloux.gpkg"
    if chemin.exists():
        chemin.unlink()
    ancien = os.environ.get("OGR_CURRENT_DATE")
    os.environ["OGR_CURRENT_DATE"] = "2025-01-15T09:00:00.000Z"
    try:
        for nom, entites in couches.items():
            cadre = gpd.GeoDataFrame([p for p, _ in entites], geometry=[g for _, g in entites], crs="EPSG:31370")
            cadre.to_file(chemin, layer=nom, driver="GPKG", engine="pyogrio")
    finally:
        if ancien is None:
            del os.environ["OGR_CURRENT_DATE"]
        else:
            os.environ["OGR_CURRENT_DATE"] = ancien
    # GDAL stamps gpkg_contents.last_change with OGR_CURRENT_DATE; nothing else in the file depends on the
    # time. The file is written by the SQLite bundled with pyogrio's GDAL (pinned), never by Python's sqlite3,
    # whose version (stored in the file header) varies from one machine to another.
    return chemin.read_bytes()


def _texte_pdf(texte: str) -> bytes:
    """A PDF string literal in WinAnsiEncoding (cp1252), with ( ) and \\ escaped."""
    brut = texte.encode("cp1252")
    return b"(" + brut.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_texte(lignes: list[tuple[float, float, float, str]], titre: str) -> bytes:
    """A one-page A4 PDF 1.4 that shows text only: each line is (x, y, font size, text), in points.

    Written by hand so that the bytes never depend on a library version or on the time of the run:
    Helvetica is one of the 14 standard PDF fonts, so nothing is embedded. The title goes into the
    document information dictionary, without any date.
    """
    flux = bytearray()
    for x, y, taille, texte in lignes:
        flux += b"BT /F1 %s Tf %s %s Td " % (texte_nombre(taille, 1).encode(), texte_nombre(x, 1).encode(),
                                             texte_nombre(y, 1).encode())
        flux += _texte_pdf(texte) + b" Tj ET\n"
    objets = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(flux) + bytes(flux) + b"endstream",
        b"<< /Title " + _texte_pdf(titre) + b" /Producer (Generateur de Vireloux) >>",
    ]
    sortie = bytearray(b"%PDF-1.4\n")
    positions = []
    for numero, objet in enumerate(objets, start=1):
        positions.append(len(sortie))
        sortie += b"%d 0 obj\n" % numero + objet + b"\nendobj\n"
    debut_xref = len(sortie)
    sortie += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objets) + 1)
    for position in positions:
        sortie += b"%010d 00000 n \n" % position
    sortie += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objets) + 1, len(objets), debut_xref)
    return bytes(sortie)
