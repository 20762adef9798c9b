"""Learner accounts for a training room: a CSV of participants in, hashed passwords and a printable sheet out.

The CSV is what a trainer has at hand (exported from a spreadsheet: ``;`` or ``,``, UTF-8 or
Windows' code page), one participant a line, with a ``nom`` column and optionally ``prenom``
(any capitalisation, accents allowed). Each participant gets a login made like the grading kit's
learner ids (atelier.correction.collecte: ``Zoé Dubois`` -> ``zoe-dubois``), so the grades CSV
names the same people as the hub, and a random password. Only a salted scrypt hash of the
password is kept (``comptes.json``); the passwords themselves are shown once, on the sheet the
trainer prints and cuts (``feuille-des-comptes.html``), then they are gone.

Running it again with a longer list adds the new people and keeps everybody else's password;
``renouveler`` gives new passwords to the logins named (someone lost their slip).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import html
import io
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from atelier.correction.collecte import attribuer_identifiants

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: the password is read off paper
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
FORMATEUR = "formateur"


class ErreurComptes(Exception):
    """A problem with the list of participants, explained in French."""


@dataclass
class Participant:
    nom_complet: str
    identifiant: str
    mot_de_passe: str | None = None  # only when it was just made


def mot_de_passe() -> str:
    """Ten random characters in two groups, easy to copy from paper: ``k7mwp-3xq9d``."""
    caracteres = "".join(secrets.choice(ALPHABET) for _ in range(10))
    return f"{caracteres[:5]}-{caracteres[5:]}"


def hacher(mot: str, sel: bytes | None = None) -> dict:
    sel = sel or secrets.token_bytes(16)
    empreinte = hashlib.scrypt(mot.encode("utf-8"), salt=sel, **SCRYPT)
    return {"sel": sel.hex(), "scrypt": empreinte.hex()}


def verifier(mot: str, enregistre: dict) -> bool:
    attendu = bytes.fromhex(enregistre["scrypt"])
    return hmac.compare_digest(hashlib.scrypt(mot.encode("utf-8"), salt=bytes.fromhex(enregistre["sel"]), **SCRYPT),
                               attendu)


def lire_participants(chemin: Path) -> list[str]:
    """The participants' full names (« Prénom Nom ») from the CSV, in its order."""
    octets = Path(chemin).read_bytes()
    try:
        texte = octets.decode("utf-8-sig")
    except UnicodeDecodeError:
        texte = octets.decode("cp1252")
    try:
        dialecte = csv.Sniffer().sniff(texte.split("\n", 1)[0], delimiters=";,\t")
    except csv.Error:
        dialecte = csv.excel
    lignes = list(csv.DictReader(io.StringIO(texte), dialect=dialecte))
    colonnes = {(c or "").strip().lower().replace("é", "e"): c for c in (lignes[0].keys() if lignes else [])}
    if "nom" not in colonnes:
        raise ErreurComptes(f"{chemin} : il faut une colonne « nom » (et, si vous voulez, « prenom ») ; "
                            f"colonnes trouvées : {', '.join(k for k in colonnes) or 'aucune'}.")
    noms = []
    for ligne in lignes:
        morceaux = [(ligne.get(colonnes[c]) or "").strip() for c in ("prenom", "nom") if c in colonnes]
        nom = " ".join(m for m in morceaux if m)
        if nom:
            noms.append(nom)
    if not noms:
        raise ErreurComptes(f"{chemin} : aucun participant (la colonne « nom » est vide).")
    return noms


def lire(fichier: Path) -> dict:
    if not fichier.exists():
        return {}
    return json.loads(fichier.read_text(encoding="utf-8"))


def _ecrire(fichier: Path, comptes: dict) -> None:
    fichier.parent.mkdir(parents=True, exist_ok=True)
    temporaire = fichier.with_suffix(".tmp")
    with open(os.open(temporaire, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as sortie:
        json.dump(comptes, sortie, ensure_ascii=False, indent=1, sort_keys=True)
    temporaire.replace(fichier)


def creer_comptes(fichier: Path, noms: list[str], renouveler: set[str] = frozenset(),
                  formateur: str | None = FORMATEUR) -> list[Participant]:
    """Add the accounts of ``noms`` (and the trainer's) to ``fichier``; return those that got a password now."""
    comptes = lire(fichier)
    connus = {c["nom"]: identifiant for identifiant, c in comptes.items() if not c.get("formateur")}
    ids = attribuer_identifiants(noms, connus)
    nouveaux = []
    demandes = [(nom, ids[unicodedata.normalize("NFC", nom).strip()][0], False) for nom in noms]
    if formateur:
        demandes.append(("Formateur ou formatrice", formateur, True))
    demandes += [(comptes[i]["nom"], i, comptes[i].get("formateur", False)) for i in sorted(renouveler)
                 if i in comptes and i not in {d[1] for d in demandes}]
    for nom, identifiant, est_formateur in demandes:
        if identifiant in comptes and identifiant not in renouveler:
            continue
        mot = mot_de_passe()
        comptes[identifiant] = {"nom": nom, "formateur": est_formateur, **hacher(mot)}
        nouveaux.append(Participant(nom, identifiant, mot))
    inconnus = set(renouveler) - set(comptes)
    if inconnus:
        raise ErreurComptes(f"Identifiants inconnus, rien n'a été renouvelé pour eux : {', '.join(sorted(inconnus))}.")
    _ecrire(fichier, comptes)
    return nouveaux


def ecrire_feuille(chemin: Path, participants: list[Participant], adresse: str) -> Path:
    """The sheet to print and cut: one slip per person with the hub's address, the login and the password."""
    fiches = "\n".join(
        f"""<div class="fiche"><p class="qui">{html.escape(p.nom_complet)}</p>
<p>Adresse : <b>{html.escape(adresse)}</b></p>
<p>Identifiant : <b class="code">{html.escape(p.identifiant)}</b></p>
<p>Mot de passe : <b class="code">{html.escape(p.mot_de_passe or '')}</b></p></div>"""
        for p in participants)
    page = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Comptes de l'atelier</title>
<style>
body {{ font-family: sans-serif; }}
.fiche {{ border: 1px dashed #555; padding: 0.6em 1em; margin: 0.5em 0; break-inside: avoid; }}
.qui {{ font-size: 1.2em; font-weight: bold; }}
.code {{ font-family: monospace; font-size: 1.3em; letter-spacing: 0.05em; }}
@media print {{ .consigne {{ display: none; }} }}
</style></head><body>
<p class="consigne">Imprimez cette page, découpez une fiche par personne, puis supprimez ce fichier :
les mots de passe n'existent nulle part ailleurs en clair.</p>
{fiches}
</body></html>
"""
    chemin.parent.mkdir(parents=True, exist_ok=True)
    with open(os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as sortie:
        sortie.write(page)
    return chemin
