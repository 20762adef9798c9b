"""Find the submissions in a folder or a zip, tell whose they are, and check they can be graded.

**Whose a file is** comes from the learning platform's own layout, read from the *outside in*:
the first folder (or file-name prefix) of a file's path that names a learner decides, and
nothing found deeper inside that learner's upload (a file or an archive named after someone
else) can change it. Three layouts are recognised, and a folder or zip may mix them (inside a
top folder too):

* Moodle's export, one folder or one file-name prefix per learner:
  ``Jean Dupont_12345_assignsubmission_file_/…`` or
  ``Jean Dupont_12345_assignsubmission_file_exercice-00-premiers-pas.ipynb``;
* nbgrader's own: ``<eleve>/<module>/…/<notebook>.ipynb`` (the folder above a known module);
* one flat file per learner: ``<eleve>__<notebook>.ipynb``.

``--motif`` replaces them with the grader's regular expression (groups ``eleve``, optionally
``notebook`` and ``module``), applied to the file's path relative to the submissions.
:class:`CollecteurAtelier` is an nbgrader ``FileNameCollectorPlugin`` (usable with
``nbgrader zip_collect --collector=...``); nbgrader's ``zip_collect`` app itself is not used
(it stops the whole batch on a duplicate and does not look inside the files), nor its
``ExtractorPlugin`` (it applies the archive's file modes, extracts nested archives without
any size limit and leaves them on disk).

**The learner's id** (nbgrader's student id, the ``eleve`` column) is the raw name
transliterated to lower-case ASCII (python-slugify): ``Jean Dupont_12345`` -> ``jean-dupont_12345``,
``Иван`` -> ``ivan``. Raw names that differ (« Zoé », « Zoe », « ZOE ») stay different
learners: when two of them give the same id, each gets a short stable suffix (a hash of its raw
name) and the report says which names collided. An output folder remembers the ids it gave
(cours/etat-correction.json), so a late submission never renames a learner already graded.

**Archives** (the zip given, and zips found inside it or inside the folder) are read with
:mod:`zipfile` member by member, never with ``extractall``: each file is written under a
numbered name of its own in the collection folder (so no member name can reach outside it),
with mode 0o600 and the current date (no mode, owner or date comes from the archive), symbolic
links and paths leaving the archive are refused, and one budget of bytes and files is shared by
an archive and every archive nested in it. A nested archive is extracted under that budget, then
deleted; one that does not fit is refused with a French line. The collection folder lives in the
output folder and is removed at the end of the batch (``--garder-collecte`` keeps it).

Every file gets a verdict; a bad one never stops the others.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import os
import re
import shutil
import stat
import threading
import unicodedata
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

import nbformat
from nbgrader.plugins import FileNameCollectorPlugin
from slugify import slugify
from traitlets import List, Unicode

from atelier.correction.analyse import Analyse

TAILLE_MAX = 20 * 1024 * 1024  # one notebook
ARCHIVE_MAX = 2 * 1024**3  # everything decompressed from the archives of one batch, nested ones included
FICHIERS_MAX = 20000  # files in those archives
NIVEAUX_ARCHIVES = 3  # an archive in an archive in an archive, no deeper
PROFONDEUR_JSON = 100  # nesting of a notebook's JSON (real notebooks stay under 20)
IGNORES = {"__MACOSX", ".ipynb_checkpoints", ".DS_Store", "Thumbs.db", "desktop.ini"}

MOODLE = re.compile(r"^(?P<eleve>.+?_\d+)_assign(?:submission|feedback)_(?:file|onlinetext)(?:_(?P<reste>.*))?$")


class ErreurCorrection(Exception):
    """A problem with the whole batch (not with one file): the message is in French, for the grader."""


@dataclass
class Exercice:
    """One exercise notebook of a module (nbgrader source)."""

    module: str
    nom: str
    source: Path
    ids: frozenset = frozenset()
    points: dict = field(default_factory=dict)


@dataclass
class Copie:
    """One submitted file and its verdict.

    ``chemin`` is where its bytes are on disk (None for a file refused before it was
    extracted), ``relatif`` its path as the grader knows it (inside archives too), ``date``
    the date that decides between two files of one learner (the file's, or the archive's).
    """

    chemin: Path | None
    relatif: str
    eleve: str | None = None
    nom: str = ""
    module: str | None = None
    notebook: str | None = None
    probleme: str | None = None
    categorie: str | None = None
    ignore: bool = False
    remarques: list[str] = field(default_factory=list)
    analyse: Analyse | None = None
    contenu: nbformat.NotebookNode | None = None
    date: float = 0.0
    taille: int = 0
    brut: str | None = None
    reparations: list[str] = field(default_factory=list)

    @property
    def cle(self) -> tuple:
        return (self.eleve, self.module, self.notebook)

    def refuser(self, categorie: str, probleme: str) -> Copie:
        self.categorie, self.probleme = categorie, probleme
        return self

    def deposer(self, cible: Path) -> None:
        """Write the file to grade at ``cible``: the submitted bytes, or the repaired notebook."""
        if self.reparations:
            nbformat.write(self.contenu, cible)
        else:
            shutil.copyfile(self.chemin, cible)


# --------------------------------------------------------------------------- names and ids


def _ascii(texte: str) -> str:
    return unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()


def _brut(texte: str) -> str:
    """The same name whatever the system wrote (macOS zips decompose accents: NFD)."""
    return unicodedata.normalize("NFC", texte).strip()


def identifiant(brut: str) -> str:
    """The readable part of a learner's id: ``Jean Dupont_12345`` -> ``jean-dupont_12345``, ``Иван`` -> ``ivan``.

    Empty when nothing of the name can be written in ASCII (an emoji). Not unique on its own:
    :func:`attribuer_identifiants` makes it so.
    """
    texte = slugify(_brut(brut), regex_pattern=r"[^a-z0-9_.-]+", entities=False, decimal=False, hexadecimal=False)
    return texte[:64].strip("-._")


def _empreinte(brut: str, longueur: int) -> str:
    return hashlib.sha256(_brut(brut).encode("utf-8")).hexdigest()[:longueur]


def attribuer_identifiants(bruts, connus: dict[str, str] | None = None) -> dict[str, tuple[str, list[str]]]:
    """One id per raw learner name: ``{brut: (id, other raw names that gave the same readable id)}``.

    ``connus`` are the ids an output folder already gave (raw name -> id): they are kept. A
    readable id shared by several raw names (in this batch or known) gets, for each new name,
    a suffix made of the start of the SHA-256 of the raw name; so does a name with no readable
    part at all. Never the same id for two raw names.
    """
    connus = {_brut(b): i for b, i in (connus or {}).items()}
    bruts = sorted({_brut(b) for b in bruts})
    groupes: dict[str, set[str]] = {}
    for brut in set(bruts) | set(connus):
        groupes.setdefault(identifiant(brut), set()).add(brut)
    pris = {i: b for b, i in connus.items()}
    resultat = {}
    for brut in bruts:
        base = identifiant(brut)
        rivaux = sorted(groupes[base] - {brut})
        if brut in connus:
            choisi = connus[brut]
        elif base and not rivaux and base not in pris:
            choisi = base
        else:
            longueur = 6
            while (choisi := f"{base or 'eleve'}-{_empreinte(brut, longueur)}") in pris and pris[choisi] != brut:
                longueur += 6
        pris[choisi] = brut
        resultat[brut] = (choisi, rivaux)
    return resultat


def nom_affiche(brut: str) -> str:
    """The name to show: ``Jean Dupont_12345`` -> ``Jean Dupont``; an id that is already clean -> ""."""
    correspondance = re.fullmatch(r"(.+?)_\d+", brut)
    if correspondance:
        return correspondance.group(1).strip()
    return "" if identifiant(brut) == brut else brut.strip()


def _normaliser(nom: str) -> str:
    nom = _ascii(nom).lower()
    nom = re.sub(r"^(copie de |copy of )", "", nom)
    nom = re.sub(r"\s*\(\d+\)$", "", nom)
    nom = re.sub(r"[-_ ]*(copie|copy)(\d+)?$", "", nom)
    return re.sub(r"[^a-z0-9]+", "-", nom).strip("-")


def _decoder_nom(octets: bytes, repli: str) -> tuple[str, bool]:
    """A file name's bytes as text: UTF-8 when they are, else the ``repli`` code page; True when it was not UTF-8."""
    try:
        return octets.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    try:
        return octets.decode(repli), repli != "cp437"
    except UnicodeDecodeError:
        return octets.decode("latin-1"), True


def _remarque_nom(relatif: str) -> str:
    return (f"le nom de ce fichier n'est pas écrit en UTF-8 ; il a été lu comme « {relatif} » "
            "(s'il contient le nom d'une personne, vérifiez son orthographe)")


def _ignore(nom: str) -> bool:
    return nom in IGNORES or nom.startswith(".") or nom.startswith("~$")


def lire_exercices(source: Path) -> dict[str, list[Exercice]]:
    """The exercises by module, read from the nbgrader sources (solutions/<module>/*.ipynb)."""
    modules: dict[str, list[Exercice]] = {}
    if not source.is_dir():
        raise ErreurCorrection(f"Le dossier des sources des exercices est introuvable : {source}")
    for dossier in sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        exercices = []
        for chemin in sorted(dossier.glob("*.ipynb")):
            notebook = nbformat.read(chemin, as_version=4)
            ids, points = set(), {}
            for cell in notebook.cells:
                meta = cell.metadata.get("nbgrader", {})
                if meta.get("grade_id") and (meta.get("grade") or meta.get("solution")):
                    ids.add(meta["grade_id"])
                    if meta.get("grade"):
                        points[meta["grade_id"]] = float(meta.get("points", 0))
            exercices.append(Exercice(dossier.name, chemin.stem, chemin, frozenset(ids), points))
        if exercices:
            modules[dossier.name] = exercices
    return modules


# --------------------------------------------------------------------------- nbgrader plugin


def _sans_extension(nom: str) -> str:
    return PurePosixPath(nom).stem if "." in nom[1:] else nom


class CollecteurAtelier(FileNameCollectorPlugin):
    """nbgrader collector plugin: the learner and the notebook from a file's path.

    Without ``motifs``, the layouts of the module docstring, read from the outside in (the
    first component of the path that names a learner wins). With ``motifs`` (``--motif``):
    regular expressions with the groups ``eleve`` (required), ``notebook`` and ``module``
    (optional), applied to the whole path; the first that matches wins. Returned to nbgrader
    as ``student_id`` / ``file_id`` so ``nbgrader zip_collect`` can use it too.
    """

    motifs = List(Unicode(), default_value=[]).tag(config=True)
    modules = List(Unicode(), default_value=[]).tag(config=True)
    valid_ext = List(default_value=[]).tag(config=True)  # every file gets a verdict, not only .ipynb

    def _reperer(self, chemin: str) -> tuple[str, str | None, str | None] | None:
        if self.motifs:
            for motif in self.motifs:
                correspondance = re.match(motif, chemin)
                if correspondance and correspondance.groupdict().get("eleve"):
                    groupes = correspondance.groupdict()
                    return groupes["eleve"], groupes.get("module"), groupes.get("notebook")
            return None
        parties = chemin.split("/")
        dernier = len(parties) - 1
        for i, partie in enumerate(parties):
            moodle = MOODLE.match(partie)
            if moodle:
                notebook = moodle.group("reste") or "" if i == dernier else parties[-1]
                return moodle.group("eleve"), None, _sans_extension(notebook) or None
            if i <= dernier - 2 and parties[i + 1] in self.modules:
                return partie, parties[i + 1], _sans_extension(parties[-1])
            if i == dernier and "__" in partie.strip("_"):
                eleve, _, notebook = partie.partition("__")
                return eleve, None, _sans_extension(notebook)
        return None

    def collect(self, submitted_file: str):
        trouve = self._reperer(submitted_file.replace(os.sep, "/"))
        if trouve is None or not _brut(trouve[0]):
            return None
        brut, module, notebook = trouve
        return {
            "student_id": identifiant(brut) or f"eleve-{_empreinte(brut, 6)}",
            "file_id": f"{notebook}.ipynb" if notebook else "",
            "first_name": nom_affiche(brut),
            "last_name": "",
            "eleve_brut": _brut(brut),
            "notebook": notebook or None,
            "module": module,
        }


# --------------------------------------------------------------------------- archives and folders


@dataclass
class Budget:
    """What the archives of one batch may hold once decompressed, nested archives included."""

    octets: int = ARCHIVE_MAX
    fichiers: int = FICHIERS_MAX
    niveaux: int = NIVEAUX_ARCHIVES


_VERROU_ZIP = threading.RLock()


@contextmanager
def _noms_bruts():
    """Let zipfile read every member name as cp437 (a bijection of bytes); :meth:`_Collecte.membre` decodes them.

    zipfile decodes the names flagged UTF-8 without catching errors (CPython gh-153426): one
    name with invalid bytes makes ``ZipFile()`` fail, and the whole archive with it. Collection
    runs before any grading thread starts; the lock keeps two collections apart.
    """
    with _VERROU_ZIP:
        ancien = zipfile._MASK_UTF_FILENAME
        zipfile._MASK_UTF_FILENAME = 0
        try:
            yield
        finally:
            zipfile._MASK_UTF_FILENAME = ancien


def _date_zip(date_time) -> float:
    try:
        return datetime(*date_time).timestamp()
    except (ValueError, OverflowError):
        return 0.0


class _Collecte:
    """The files of one batch: walks the folder, extracts the archives, refuses what is unsafe."""

    def __init__(self, dossier: Path, budget: Budget, exclure: tuple[Path, ...]):
        self.dossier = dossier
        self.budget = budget
        self.exclus = {p.resolve() for p in exclure}
        self.copies: list[Copie] = []
        self.numero = 0

    def _refus(self, relatif: str, categorie: str, probleme: str, **champs) -> None:
        self.copies.append(Copie(None, relatif, **champs).refuser(categorie, probleme))

    def _fichier_prive(self, suffixe: str) -> Path:
        """A new file of the collection folder: numbered (never a name from the archive), 0o600."""
        self.dossier.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.numero += 1
        suffixe = suffixe.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,12}", suffixe) else ""
        return self.dossier / f"{self.numero:06d}{suffixe}"

    # ---- folders

    def dossier_soumis(self, racine: Path) -> None:
        piles = [(racine, "", False)]
        while piles:
            dossier, prefixe, mal_nomme = piles.pop()
            try:
                entrees = sorted(os.scandir(dossier), key=lambda e: e.name)
            except OSError as erreur:
                self._refus(prefixe.rstrip("/") or ".", "illisible", f"dossier illisible ({erreur.strerror}) : son contenu n'a pas été lu.")
                continue
            sous_dossiers = []
            for entree in entrees:
                nom, pas_utf8 = _decoder_nom(os.fsencode(entree.name), "cp1252")
                if _ignore(nom):
                    continue
                relatif, pas_utf8 = prefixe + nom, mal_nomme or pas_utf8
                remarques = [_remarque_nom(relatif)] if pas_utf8 else []
                try:
                    infos = entree.stat(follow_symlinks=False)
                except OSError as erreur:
                    self._refus(relatif, "illisible", f"fichier illisible ({erreur.strerror}).", remarques=remarques)
                    continue
                if stat.S_ISLNK(infos.st_mode):
                    self._refus(relatif, "lien", "c'est un lien symbolique, pas un fichier : il n'a pas été suivi (un lien "
                                "peut désigner n'importe quel fichier de la machine, ou aucun).", remarques=remarques)
                elif stat.S_ISDIR(infos.st_mode):
                    if Path(entree.path).resolve() not in self.exclus:
                        sous_dossiers.append((Path(entree.path), relatif + "/", pas_utf8))
                elif not stat.S_ISREG(infos.st_mode):
                    self._refus(relatif, "lien", "ce n'est pas un fichier ordinaire (tube, périphérique…) : il n'a pas été lu.",
                                remarques=remarques)
                elif nom.lower().endswith(".zip"):
                    self.archive_imbriquee(Path(entree.path), relatif, 1, infos.st_mtime, remarques)
                else:
                    self.copies.append(Copie(Path(entree.path), relatif, date=infos.st_mtime, taille=infos.st_size,
                                             remarques=remarques))
            piles.extend(reversed(sous_dossiers))

    # ---- archives

    def archive(self, chemin: Path, prefixe: str, niveau: int, date: float) -> str | None:
        """Extract one archive; returns why it is refused as a whole (nothing then comes out of it)."""
        try:
            with _noms_bruts(), zipfile.ZipFile(chemin) as archive:
                infos = [i for i in archive.infolist() if not i.is_dir()]
                if len(infos) > self.budget.fichiers:
                    return (f"l'archive contient trop de fichiers ({len(infos)} ; au plus {self.budget.fichiers} "
                            "pour l'ensemble des archives) : elle n'a pas été décompressée.")
                if niveau > 0 and sum(i.file_size for i in infos) > self.budget.octets:
                    return ("l'archive est trop grande une fois décompressée "
                            f"({sum(i.file_size for i in infos) / 1024**2:.0f} Mo ; il reste {self.budget.octets / 1024**2:.0f} Mo "
                            "pour l'ensemble des archives) : elle n'a pas été décompressée.")
                self.budget.fichiers -= len(infos)
                for info in infos:
                    self.membre(archive, info, prefixe, niveau, date)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError) as erreur:
            return f"l'archive .zip est abîmée ou illisible ({type(erreur).__name__}) : elle n'a pas été décompressée."
        return None

    def archive_imbriquee(self, chemin: Path, relatif: str, niveau: int, date: float, remarques: list[str]) -> None:
        if niveau > self.budget.niveaux:
            self._refus(relatif, "archive", f"archive dans une archive au-delà de {self.budget.niveaux} niveaux : "
                        "elle n'a pas été décompressée.", date=date, remarques=remarques)
            return
        raison = self.archive(chemin, relatif + "/", niveau, date)
        if raison:
            self._refus(relatif, "archive", raison, date=date, remarques=remarques)

    def membre(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, prefixe: str, niveau: int, date_archive: float) -> None:
        repli = "cp1252" if info.flag_bits & 0x800 else "cp437"
        nom, pas_utf8 = _decoder_nom(info.orig_filename.encode("cp437"), repli)
        parties = [p for p in nom.replace("\\", "/").split("/") if p not in ("", ".")]
        dangereux = nom.startswith(("/", "\\")) or ".." in parties or re.match(r"^[A-Za-z]:", nom)
        if not parties or (not dangereux and any(_ignore(p) for p in parties)):
            return
        relatif = prefixe + "/".join(parties)
        remarques = [_remarque_nom(relatif)] if pas_utf8 else []
        date = _date_zip(info.date_time) or date_archive
        champs = {"date": date, "remarques": remarques}
        if dangereux:
            self._refus(relatif, "chemin", f"nom de fichier dangereux dans l'archive (« {nom} » sort du dossier de "
                        "l'archive) : il n'a pas été décompressé.", **champs)
            return
        if stat.S_ISLNK(info.external_attr >> 16):
            self._refus(relatif, "lien", "c'est un lien symbolique dans l'archive, pas un fichier : il n'a pas été "
                        "décompressé.", **champs)
            return
        if info.flag_bits & 0x1:
            self._refus(relatif, "illisible", "fichier protégé par un mot de passe dans l'archive : il n'a pas pu "
                        "être lu.", **champs)
            return
        est_archive = parties[-1].lower().endswith(".zip")
        if not est_archive and info.file_size > TAILLE_MAX:
            self._refus(relatif, "trop_gros", f"le fichier est trop volumineux ({info.file_size / 1024**2:.0f} Mo) "
                        "pour être un exercice.", **champs)
            return
        if info.file_size > self.budget.octets:
            self._refus(relatif, "archive", "ce fichier dépasse la taille totale permise pour le contenu des archives : "
                        "il n'a pas été décompressé.", **champs)
            return
        cible = self._fichier_prive(PurePosixPath(parties[-1]).suffix)
        try:
            descripteur = os.open(cible, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(descripteur, "wb") as sortie, archive.open(info) as source:
                ecrits = 0
                while bloc := source.read(1024 * 1024):
                    ecrits += len(bloc)
                    if ecrits > info.file_size or ecrits > self.budget.octets:
                        raise zipfile.BadZipFile("more bytes than declared")
                    sortie.write(bloc)
        except Exception as erreur:  # zipfile, zlib, bz2 and lzma raise many kinds of errors on a damaged member
            cible.unlink(missing_ok=True)
            self._refus(relatif, "illisible", f"fichier abîmé dans l'archive ({type(erreur).__name__}) : il n'a pas "
                        "pu être décompressé.", **champs)
            return
        self.budget.octets -= ecrits
        if est_archive:
            self.archive_imbriquee(cible, relatif, niveau + 1, date, remarques)
            cible.unlink()
            return
        self.copies.append(Copie(cible, relatif, date=date, taille=ecrits, remarques=remarques))


def collecter(soumissions: Path, dossier: Path, exclure: tuple[Path, ...] = (), budget: Budget | None = None) -> list[Copie]:
    """Every file of the submissions (a folder or a zip), archives extracted into ``dossier``.

    Files refused at this step (links, unsafe or damaged members, archives over budget) come
    with their verdict already set; the others are read by :func:`inventorier`.
    """
    collecte = _Collecte(dossier, budget or Budget(), exclure)
    if soumissions.is_dir():
        collecte.dossier_soumis(soumissions)
        return collecte.copies
    if not soumissions.exists():
        raise ErreurCorrection(f"Le dossier ou fichier de copies « {soumissions} » n'existe pas.")
    if not zipfile.is_zipfile(soumissions):
        raise ErreurCorrection(
            f"« {soumissions.name} » n'est ni un dossier ni une archive .zip : indiquez le dossier des copies "
            "ou l'archive téléchargée depuis Moodle."
        )
    raison = collecte.archive(soumissions, "", 0, soumissions.stat().st_mtime)
    if raison:
        raise ErreurCorrection(f"« {soumissions.name} » : {raison}")
    return collecte.copies


# --------------------------------------------------------------------------- inventory


def motifs(modules: list[str], motif: str | None) -> list[str]:
    """The grader's ``--motif``, checked (no motif: the built-in layouts)."""
    if not motif:
        return []
    try:
        compile_ = re.compile(motif)
    except re.error as erreur:
        raise ErreurCorrection(f"Le motif --motif n'est pas une expression régulière valide : {erreur}") from erreur
    if "eleve" not in compile_.groupindex:
        raise ErreurCorrection("Le motif --motif doit contenir le groupe nommé (?P<eleve>...).")
    return [motif]


def _rattacher(nom: str, candidats: list[Exercice]) -> tuple[Exercice | None, str | None]:
    for exercice in candidats:
        if exercice.nom == nom:
            return exercice, None
    cible = _normaliser(nom)
    for exercice in candidats:
        if _normaliser(exercice.nom) == cible:
            return exercice, f"nom de fichier « {nom} » rattaché à l'exercice « {exercice.nom} »"
    proches = [e for e in candidats if cible.startswith(_normaliser(e.nom)) or _normaliser(e.nom).startswith(cible)]
    if proches and cible:
        exercice = max(proches, key=lambda e: len(e.nom))
        return exercice, f"nom de fichier « {nom} » rattaché à l'exercice « {exercice.nom} »"
    return None, None


def _homonymes(brut: str, identifiant_: str, rivaux: list[str]) -> str:
    autres = ", ".join(f"« {r} »" for r in rivaux)
    return (f"le nom « {brut} » ne se distingue de {autres} que par les majuscules, les accents ou l'écriture : "
            f"ce sont des personnes distinctes pour la correction (identifiant « {identifiant_} »). "
            "Si c'est la même personne, rangez ses fichiers sous un seul nom et corrigez-la à nouveau")


def inventorier(copies: list[Copie], exercices: dict[str, list[Exercice]], motif: str | None = None,
                module: str | None = None, eleve: str | None = None, connus: dict[str, str] | None = None) -> list[Copie]:
    """The collected files attributed to a learner and an exercise when possible, and read.

    ``connus``: the ids an output folder already gave (raw name -> id), kept as they are.
    """
    collecteur = CollecteurAtelier(motifs=motifs(sorted(exercices), motif), modules=sorted(exercices))
    infos = {id(c): collecteur.collect(c.relatif) for c in copies}
    ids = attribuer_identifiants({i["eleve_brut"] for i in infos.values() if i}, connus)
    tous = [e for m in sorted(exercices) for e in exercices[m]]
    eleve = _brut(eleve) if eleve else None
    retenues: list[Copie] = []
    for copie in copies:
        trouve = infos[id(copie)]
        if trouve is None:
            if copie.probleme is None:
                copie.refuser("nom_inconnu", "nom de fichier non reconnu : impossible de savoir à qui il appartient "
                              "(attendu : <personne>/<module>/<notebook>.ipynb, un export Moodle, "
                              "<personne>__<notebook>.ipynb, ou le motif donné par --motif).")
            retenues.append(copie)
            continue
        copie.brut = trouve["eleve_brut"]
        copie.eleve, rivaux = ids[copie.brut]
        copie.nom = nom_affiche(copie.brut) or ("" if copie.eleve == copie.brut else copie.brut)
        if eleve and eleve not in (copie.eleve, copie.brut):
            continue
        if rivaux:
            copie.remarques.append(_homonymes(copie.brut, copie.eleve, rivaux))
        retenues.append(copie)
        if copie.probleme is not None:  # refused when collected: only its module is worth knowing
            copie.module = trouve["module"] if trouve["module"] in exercices else None
            continue
        try:
            _attribuer(copie, trouve, exercices, tous, module)
        except Exception as erreur:  # an odd file must never stop the batch
            copie.refuser("illisible", f"ce fichier n'a pas pu être lu ({type(erreur).__name__}) ; il n'a pas été corrigé.")
    _doublons(retenues)
    return retenues


def _attribuer(copie: Copie, infos: dict, exercices: dict[str, list[Exercice]], tous: list[Exercice],
               module: str | None) -> None:
    copie.module = infos["module"]
    if module and copie.module and copie.module != module:
        copie.ignore = True
        copie.refuser("autre_module", f"fichier du module {copie.module}, non corrigé (seul le module {module} est demandé).")
        return
    candidats = exercices.get(copie.module, []) if copie.module else tous
    if module:
        candidats = [e for e in candidats if e.module == module]
    if infos["notebook"]:
        exercice, remarque = _rattacher(infos["notebook"], candidats)
        if exercice is None and len(candidats) == 1 and module:
            exercice, remarque = candidats[0], (
                f"nom de fichier « {infos['notebook']} » inattendu ; rattaché à « {candidats[0].nom} », "
                "seul exercice du module"
            )
    else:
        exercice, remarque = (candidats[0], None) if len(candidats) == 1 else (None, None)
    if exercice is not None:
        copie.module, copie.notebook = exercice.module, exercice.nom
        if remarque:
            copie.remarques.append(remarque)
    _verifier(copie, tous, module, infos["notebook"])


def _profondeur(valeur) -> int:
    """How deeply a JSON value nests (without recursion: the value may come from a hostile file)."""
    plus, pile = 0, [(valeur, 1)]
    while pile:
        valeur, niveau = pile.pop()
        plus = max(plus, niveau)
        if niveau > PROFONDEUR_JSON:
            break
        enfants = valeur.values() if isinstance(valeur, dict) else valeur if isinstance(valeur, list) else ()
        pile.extend((e, niveau + 1) for e in enfants if isinstance(e, (dict, list)))
    return plus


def _verifier(copie: Copie, tous: list[Exercice], module: str | None, nom_donne: str | None) -> None:
    """Read the file and decide whether it can be graded; ``copie.probleme`` says why not."""
    extension = PurePosixPath(copie.relatif).suffix
    if extension.lower() != ".ipynb":
        copie.refuser("pas_notebook", "ce fichier n'est pas un notebook Jupyter (.ipynb) mais un fichier "
                      f"« {extension or 'aucune extension'} ».")
        return
    if copie.taille == 0:
        copie.refuser("vide", "le fichier est vide (0 octet) : l'envoi a sans doute échoué.")
        return
    if copie.taille > TAILLE_MAX:
        copie.refuser("trop_gros", f"le fichier est trop volumineux ({copie.taille / 1024 / 1024:.0f} Mo) pour être un exercice.")
        return
    trop_profond = ("le notebook contient des données imbriquées sur plus de "
                    f"{PROFONDEUR_JSON} niveaux : ce n'est pas un notebook d'exercice normal ; il n'a pas été corrigé.")
    try:
        with open(copie.chemin, "rb") as fichier:
            brut = json.loads(fichier.read(TAILLE_MAX + 1).decode("utf-8"))
    except OSError as erreur:
        copie.refuser("illisible", f"le fichier n'a pas pu être lu ({erreur.strerror}).")
        return
    except UnicodeDecodeError:
        copie.refuser("illisible", "le fichier n'est pas un notebook lisible (ce n'est pas du texte UTF-8).")
        return
    except json.JSONDecodeError as erreur:
        copie.refuser("illisible", "le fichier n'est pas un notebook lisible : son contenu n'est pas du JSON valide "
                      f"(ligne {erreur.lineno}, colonne {erreur.colno}) ; il a peut-être été abîmé ou enregistré "
                      "dans un autre format.")
        return
    except RecursionError:
        copie.refuser("illisible", trop_profond)
        return
    if _profondeur(brut) > PROFONDEUR_JSON:
        copie.refuser("illisible", trop_profond)
        return
    if not isinstance(brut, dict) or not isinstance(brut.get("cells", brut.get("worksheets")), list):
        copie.refuser("illisible", "ce fichier JSON n'est pas un notebook Jupyter (pas de liste de cellules).")
        return
    try:
        notebook = nbformat.reads(json.dumps(brut), as_version=4)
        nbformat.validate(notebook)
    except Exception as erreur:  # nbformat raises several kinds of errors
        copie.refuser("illisible", f"la structure du notebook est invalide ({str(erreur).splitlines()[0][:150]}).")
        return
    if not notebook.cells:
        copie.refuser("notebook_vide", "le notebook est vide : il ne contient aucune cellule.")
        return
    ids = set()
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader")
        if isinstance(meta, dict) and isinstance(meta.get("grade_id"), str):
            ids.add(meta["grade_id"])
    portee = [e for e in tous if module is None or e.module == module]
    meilleur = max(tous, key=lambda e: (len(ids & e.ids), e.module == copie.module), default=None)
    if copie.notebook is None:
        if meilleur is not None and ids & meilleur.ids and meilleur in portee:
            copie.module, copie.notebook = meilleur.module, meilleur.nom
            copie.remarques.append(f"rattaché à l'exercice « {meilleur.nom} » d'après son contenu")
        else:
            nom = f"« {nom_donne} »" if nom_donne else "ce fichier"
            copie.refuser("exercice_inconnu", f"aucun exercice à corriger ne correspond à {nom}.")
            return
    attendu = next(e for e in tous if (e.module, e.nom) == (copie.module, copie.notebook))
    commun = ids & attendu.ids
    if meilleur is not None and meilleur is not attendu and len(ids & meilleur.ids) > len(commun):
        copie.refuser("autre_exercice", f"ce notebook est celui de l'exercice « {meilleur.nom} » (module {meilleur.module}), "
                      f"pas celui de « {attendu.nom} » : il n'a pas été corrigé.")
        return
    if not commun:
        copie.refuser("sans_exercice", f"ce notebook ne contient aucune des cellules de l'exercice « {attendu.nom} » "
                      "(métadonnées nbgrader absentes ou effacées) : il a sans doute été recréé ou copié dans un nouveau "
                      "notebook. Demandez le fichier de l'exercice lui-même.")
        return
    copie.contenu = notebook


def _doublons(copies: list[Copie]) -> None:
    """Keep one file per learner and exercise: the most recent (then the last by name).

    A rejected file of a learner who also sent a gradable file for the same exercise is only
    ignored: the learner's grade does not depend on it.
    """
    groupes: dict[tuple, list[Copie]] = {}
    for copie in copies:
        if copie.probleme is None:
            groupes.setdefault(copie.cle, []).append(copie)
    for groupe in groupes.values():
        if len(groupe) < 2:
            continue
        groupe.sort(key=lambda c: (c.date, c.relatif))
        gardee = groupe[-1]
        gardee.remarques.append(f"{len(groupe)} fichiers reçus pour cet exercice : seul le plus récent est corrigé")
        for autre in groupe[:-1]:
            autre.ignore = True
            autre.refuser("doublon", "doublon : un fichier plus récent de la même personne a été corrigé à sa place "
                          f"(« {gardee.relatif} »).")
    for copie in copies:
        if copie.probleme is not None and not copie.ignore and copie.eleve and copie.cle in groupes:
            copie.ignore = True
            copie.probleme += f" Ce fichier est ignoré : « {groupes[copie.cle][-1].relatif} » a été corrigé."


# --------------------------------------------------------------------------- nbgrader metadata of the wrong type

_DRAPEAUX = ("grade", "solution", "locked", "task")


def _apercu(valeur) -> str:
    texte = json.dumps(valeur, ensure_ascii=False, default=str)
    return texte if len(texte) <= 40 else texte[:39] + "…"


def _defaut_nbgrader(meta) -> str | None:
    """What nbgrader would stumble on in a cell's nbgrader metadata (French), or None."""
    if not isinstance(meta, dict):
        return f"{_apercu(meta)} au lieu d'un dictionnaire"
    if "grade_id" in meta and not isinstance(meta["grade_id"], str):
        return f"grade_id vaut {_apercu(meta['grade_id'])} au lieu d'un texte"
    for cle in _DRAPEAUX:
        if cle in meta and not isinstance(meta[cle], bool):
            return f"{cle} vaut {_apercu(meta[cle])} au lieu de true ou false"
    points = meta.get("points")
    if "points" in meta and (isinstance(points, bool) or not isinstance(points, (int, float)) or not math.isfinite(points)):
        return f"points vaut {_apercu(points)} au lieu d'un nombre"
    if "grade_id" not in meta and any(meta.get(c) for c in _DRAPEAUX):
        return "grade_id manquant"
    return None


def reparer_metadonnees(copie: Copie, publication: nbformat.NotebookNode) -> None:
    """Give nbgrader a notebook it can read when some cells' nbgrader metadata have the wrong type.

    nbgrader's own preprocessors stop on them (``"nbgrader": "oui"``, ``"grade_id": 5``,
    ``"points": "dix"``…), and the copy would fail with an English traceback. Such a cell
    gets the release's metadata of the official cell it is (by its ``grade_id`` when that is
    text, else by its content, identical to an official cell of the release), or none at all;
    the official cells are then restored from the gradebook at grading time anyway
    (pretraitements.RestaurerCellules), so nothing can be gained this way. Each repair is
    explained, in French, in ``copie.reparations``.
    """
    officielles, par_contenu = {}, {}
    for cell in publication.cells:
        meta = cell.metadata.get("nbgrader")
        if isinstance(meta, dict) and isinstance(meta.get("grade_id"), str):
            officielles[meta["grade_id"]] = meta
            par_contenu.setdefault((cell.cell_type, cell.source), meta["grade_id"])
    presentes = {c.metadata["nbgrader"]["grade_id"] for c in copie.contenu.cells
                 if _defaut_nbgrader(c.metadata.get("nbgrader", {})) is None and "grade_id" in c.metadata.get("nbgrader", {})}
    for numero, cell in enumerate(copie.contenu.cells, start=1):
        if "nbgrader" not in cell.metadata or (defaut := _defaut_nbgrader(cell.metadata["nbgrader"])) is None:
            continue
        meta = cell.metadata["nbgrader"]
        grade_id = meta.get("grade_id") if isinstance(meta, dict) and isinstance(meta.get("grade_id"), str) else None
        reconnue = grade_id is None and par_contenu.get((cell.cell_type, cell.source))
        grade_id = grade_id or reconnue
        debut = f"Cellule {numero} : métadonnées nbgrader d'un type inattendu ({defaut})"
        if grade_id in officielles and grade_id not in presentes:
            presentes.add(grade_id)
            cell.metadata["nbgrader"] = copy.deepcopy(officielles[grade_id])
            comment = "reconnue à son contenu comme" if reconnue else "c'est"
            copie.reparations.append(f"{debut} ; {comment} la cellule officielle « {grade_id} », dont les métadonnées "
                                     "ont été rétablies avant la correction.")
        else:
            del cell.metadata["nbgrader"]
            copie.reparations.append(f"{debut} ; elles ont été retirées : la cellule est corrigée comme une cellule "
                                     "ordinaire, et les cellules officielles de l'exercice ont été rétablies.")
