"""How the checker reads a file: format, encoding, separator and sheet, found as lesson 03-02 teaches.

frictionless guesses the dialect from a sample of the file, and a real Opendatasoft export with long
text cells (``mons_patrimoine-culturel.csv``) fools it: it takes the comma for the separator and the
second line for the header. The checker does what the lesson teaches instead: UTF-8 if the bytes
decode as UTF-8, otherwise the proposal of ``charset_normalizer`` (cp1252 first when it is among
the candidates, the Windows encoding of French text); the separator counted in the header line.
Whatever it finds is printed in the report, and every choice can be given by hand.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from frictionless import Dialect, formats

SEPARATEURS = (";", ",", "\t", "|")
NOMS_SEPARATEURS = {";": "point-virgule", ",": "virgule", "\t": "tabulation", "|": "barre verticale"}
FORMATS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}


class FormatNonPrisEnCharge(ValueError):
    """The checker reads CSV and XLSX files only."""


@dataclass
class Lecture:
    """The way the file is read, as frictionless will be told."""

    format: str
    encodage: str | None = None
    separateur: str | None = None
    feuille: str | None = None
    feuilles: list[str] = field(default_factory=list)
    remarques: list[str] = field(default_factory=list)

    def options(self) -> dict:
        """Keyword arguments of frictionless.Resource for this reading."""
        if self.format == "xlsx":
            controle = formats.ExcelControl(sheet=self.feuille) if self.feuille else formats.ExcelControl()
            return {"format": "xlsx", "dialect": Dialect(header_rows=[1], controls=[controle])}
        return {"format": "csv", "encoding": self.encodage,
                "dialect": Dialect(header_rows=[1], controls=[formats.CsvControl(delimiter=self.separateur)])}

    def description(self) -> str:
        if self.format == "xlsx":
            autres = [f for f in self.feuilles if f != self.feuille]
            texte = f"classeur Excel, feuille « {self.feuille} »"
            return texte + (f" (autres feuilles, non vérifiées : {', '.join(autres)})" if autres else "")
        nom = NOMS_SEPARATEURS.get(self.separateur, repr(self.separateur))
        return f"CSV, encodage {self.encodage}, séparateur « {self.separateur} » ({nom})"


def detecter_encodage(octets: bytes) -> tuple[str, list[str]]:
    """The encoding to read ``octets`` with, and French remarks on how it was found."""
    bom = octets.startswith(codecs.BOM_UTF8)
    try:
        octets.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return ("utf-8-sig" if bom else "utf-8"), []
    from charset_normalizer import from_bytes

    candidats = [resultat.encoding for resultat in from_bytes(octets)]
    encodage = "cp1252" if "cp1252" in candidats else (candidats[0] if candidats else "cp1252")
    remarques = [
        f"Le fichier n'est pas en UTF-8 : charset_normalizer propose {', '.join(candidats[:4]) or 'aucun encodage'} ; "
        f"le vérificateur le lit en {encodage}. Vérifiez les lettres accentuées des valeurs citées plus bas ; "
        "si elles sont abîmées, donnez l'encodage vous-même (encodage=… ou --encodage)."
    ]
    if bom:
        remarques.append(
            "Le fichier commence par une marque BOM UTF-8, mais la suite n'est pas en UTF-8 : il a été enregistré deux "
            "fois avec des encodages différents. Le nom de la première colonne en garde trois caractères parasites "
            "(« ï»¿ ») ; réenregistrez le fichier en UTF-8."
        )
    return encodage, remarques


def _compter(ligne: str) -> tuple[str, dict]:
    comptes = {s: ligne.count(s) for s in SEPARATEURS}
    return max(SEPARATEURS, key=lambda s: comptes[s]), comptes


def detecter_separateur(premiere_ligne: str, suivantes: list[str] = ()) -> tuple[str, str]:
    """The separator counted in the header line, and the French sentence that says so.

    When the first line holds no separator (a title above the table), the next lines tell where
    the table seems to start; the file is still read from its first line, as a portal would.
    """
    separateur, comptes = _compter(premiere_ligne)
    if comptes[separateur]:
        detail = ", ".join(f"{n} « {s if s != chr(9) else 'tab'} »" for s, n in comptes.items() if n)
        return separateur, f"Séparateur compté dans la ligne d'en-tête : {detail}."
    candidates = [(numero, *_compter(ligne)) for numero, ligne in enumerate(suivantes[:30], start=2)]
    numero, separateur, comptes = max(candidates, key=lambda c: c[2][c[1]], default=(0, ",", {",": 0}))
    if not comptes[separateur]:
        return ",", "L'en-tête ne contient aucun séparateur connu : le fichier n'a qu'une colonne, ou un autre séparateur."
    return separateur, (
        f"La première ligne ne contient aucun séparateur : c'est sans doute un titre. Le tableau semble commencer à la "
        f"ligne {numero} ({comptes[separateur]} « {separateur} »). Un fichier à publier commence par sa ligne d'en-tête : "
        f"supprimez les lignes au-dessus (avec pandas, lisez-le avec skiprows={numero - 1})."
    )


def lire(chemin: Path, *, encodage: str | None = None, separateur: str | None = None,
         feuille: str | None = None) -> Lecture:
    """Decide how to read ``chemin``; what is given by hand is kept, the rest is detected."""
    format_ = FORMATS.get(chemin.suffix.lower())
    if format_ is None:
        raise FormatNonPrisEnCharge(
            f"Le vérificateur lit les fichiers CSV et XLSX, pas « {chemin.suffix or chemin.name} » : enregistrez le "
            "fichier en CSV UTF-8 (ou en classeur .xlsx) avant de le vérifier."
        )
    if format_ == "xlsx":
        from openpyxl import load_workbook

        classeur = load_workbook(chemin, read_only=True)
        try:
            feuilles = list(classeur.sheetnames)
        finally:
            classeur.close()
        if feuille is not None and feuille not in feuilles:
            raise ValueError(f"Le classeur n'a pas de feuille « {feuille} » ; ses feuilles : {', '.join(feuilles)}.")
        return Lecture(format="xlsx", feuille=feuille or feuilles[0], feuilles=feuilles)
    octets = chemin.read_bytes()
    remarques = []
    if encodage is None:
        encodage, remarques = detecter_encodage(octets)
    if separateur is None:
        lignes = octets.decode(encodage, errors="replace").lstrip("\ufeff").splitlines() or [""]
        separateur, phrase = detecter_separateur(lignes[0], lignes[1:])
        remarques.append(phrase)
    return Lecture(format="csv", encodage=encodage, separateur=separateur, remarques=remarques)
