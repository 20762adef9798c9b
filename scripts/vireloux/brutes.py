"""What the raw files share: how an agent types a street, a number or a date, and how rows are written.

A raw file is the clean data as an agent really has it, with the defects the training is about.
Each theme module builds its own raw files; each builder returns (bytes, defects), a defect being
{"famille", "defaut", "ou", "correction"}, listed in data/README.md. tests/test_data.py proves each
family is really in the bytes.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date

from vireloux.formats import date_fr


def sans_accents(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", texte) if unicodedata.category(c) != "Mn")


ABREVIATIONS = {"Rue": "R.", "Chaussée": "Chée", "Route": "Rte", "Avenue": "Av.", "Place": "Pl.", "Chemin": "Ch."}


def variante_rue(nom: str, k: int) -> str:
    """The k-th way an agent types a street name (k = 0: the official name)."""
    k %= 6
    if k == 0:
        return nom
    if k == 1:
        return sans_accents(nom).lower().replace("'", " ")
    if k == 2:
        premier, _, reste = nom.partition(" ")
        return f"{ABREVIATIONS.get(premier, premier)} {sans_accents(reste)}"
    if k == 3:
        return nom.upper()
    if k == 4:
        return nom.replace("É", "E").replace("é", "e").replace("’", "'") + " "
    return nom.replace(" ", "  ", 1)


def cp1252(texte: str) -> bytes:
    return texte.replace("\n", "\r\n").encode("cp1252")


def nombre_fr(valeur: float, decimales: int = 2, milliers: bool = True) -> str:
    texte = f"{valeur:,.{decimales}f}" if milliers else f"{valeur:.{decimales}f}"
    return texte.replace(",", " ").replace(".", ",")


def date_variee(iso: str, k: int) -> str:
    d = date.fromisoformat(iso)
    return [d.strftime("%d/%m/%Y"), d.isoformat(), date_fr(d), d.strftime("%d-%m-%y")][k % 4]


def ligne_suivante(rangees: list[list[str]]) -> int:
    """Physical line number (1-based) of the next row appended to ``rangees`` (cells may hold line breaks)."""
    return 1 + sum(1 + sum(str(c).count("\n") for c in r) for r in rangees)


def paires_de_lignes(paires: list[tuple[int, int]]) -> str:
    return " ; ".join(f"lignes {a} et {b}" for a, b in paires)


def ecrire_lignes(lignes: list[list[str]], separateur: str) -> str:
    tampon = io.StringIO()
    csv.writer(tampon, delimiter=separateur, lineterminator="\n").writerows(lignes)
    return tampon.getvalue()
