"""Find the submissions in a folder or a zip, tell whose they are, and check they can be graded.

Two layouts are recognised, file by file (a zip may mix them, and may sit in a top folder):

* nbgrader's own: ``<eleve>/<module>/<notebook>.ipynb``;
* one flat file per learner, whose name carries the learner, as Moodle exports them:
  ``Jean Dupont_12345_assignsubmission_file_exercice-00-premiers-pas.ipynb`` (also in a
  folder ``Jean Dupont_12345_assignsubmission_file/…``), or ``<eleve>__<notebook>.ipynb``.

The mapping of file names to learners is a regular expression with the named groups
``eleve`` and optionally ``notebook`` and ``module`` (``--motif``), applied to the file's
path relative to the submissions folder. It plugs into nbgrader: :class:`CollecteurAtelier`
is a ``FileNameCollectorPlugin`` (``nbgrader zip_collect --collector=...``), and zips are
opened with nbgrader's ``ExtractorPlugin`` (nested archives included, paths escaping the
folder skipped). nbgrader's ``zip_collect`` app itself is not used: it stops the whole
batch on a duplicate submission and does not look inside the files.

Every file gets a verdict; a bad one never stops the others.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import nbformat
from nbgrader.plugins import ExtractorPlugin, FileNameCollectorPlugin
from traitlets import List, Unicode

from atelier.correction.analyse import Analyse

TAILLE_MAX = 20 * 1024 * 1024
ARCHIVE_MAX = 2 * 1024**3
IGNORES = {"__MACOSX", ".ipynb_checkpoints", ".DS_Store", "Thumbs.db", "desktop.ini"}

MOTIFS_PAR_DEFAUT = [
    # Moodle, one flat file per learner and file.
    r"^(?:.*/)?(?P<eleve>[^/]+?_\d+)_assign(?:submission|feedback)_(?:file|onlinetext)_(?P<notebook>[^/]+?)(?:\.[^./]*)?$",
    # Moodle, one folder per learner.
    r"^(?:.*/)?(?P<eleve>[^/]+?_\d+)_assign(?:submission|feedback)_(?:file|onlinetext)[^/]*/(?:.*/)?(?P<notebook>[^/]+?)(?:\.[^./]*)?$",
    # nbgrader: <eleve>/<module>/<notebook>.ipynb ({modules} is replaced by the known modules).
    r"^(?:.*/)?(?P<eleve>[^/]+)/(?P<module>{modules})/(?P<notebook>[^/]+?)(?:\.[^./]*)?$",
    # <eleve>__<notebook>.ipynb
    r"^(?:.*/)?(?P<eleve>[^/]+?)__(?P<notebook>[^/]+?)(?:\.[^./]*)?$",
]


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
    """One submitted file and its verdict."""

    chemin: Path
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

    @property
    def cle(self) -> tuple:
        return (self.eleve, self.module, self.notebook)


def _ascii(texte: str) -> str:
    return unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()


def identifiant(brut: str) -> str:
    """A safe nbgrader student id: ``Jean Dupont_12345`` -> ``jean-dupont_12345``."""
    texte = re.sub(r"[^a-z0-9_.-]+", "-", _ascii(brut).lower()).strip("-.")
    return texte or "inconnu"


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


# --------------------------------------------------------------------------- nbgrader plugins


class CollecteurAtelier(FileNameCollectorPlugin):
    """nbgrader collector plugin: the learner and the notebook from a file's path.

    ``motifs``: regular expressions with the groups ``eleve`` (required), ``notebook`` and
    ``module`` (optional); the first that matches wins. Returned to nbgrader as
    ``student_id`` / ``file_id`` so ``nbgrader zip_collect`` can use it too.
    """

    motifs = List(Unicode(), default_value=[m for m in MOTIFS_PAR_DEFAUT if "{modules}" not in m]).tag(config=True)
    valid_ext = List(default_value=[]).tag(config=True)  # every file gets a verdict, not only .ipynb

    def collect(self, submitted_file: str):
        chemin = submitted_file.replace(os.sep, "/")
        for motif in self.motifs:
            correspondance = re.match(motif, chemin)
            if correspondance and correspondance.groupdict().get("eleve"):
                groupes = correspondance.groupdict()
                brut = groupes["eleve"]
                notebook = groupes.get("notebook") or ""
                return {
                    "student_id": identifiant(brut),
                    "file_id": f"{notebook}.ipynb" if notebook else "",
                    "first_name": nom_affiche(brut),
                    "last_name": "",
                    "eleve_brut": brut,
                    "notebook": notebook or None,
                    "module": groupes.get("module"),
                }
        return None


def ouvrir(soumissions: Path, dossier: Path) -> Path:
    """The folder to walk: ``soumissions`` itself, or the zip extracted into ``dossier``."""
    if soumissions.is_dir():
        return soumissions
    if not soumissions.exists():
        raise ErreurCorrection(f"Le dossier ou fichier de copies « {soumissions} » n'existe pas.")
    if not zipfile.is_zipfile(soumissions):
        raise ErreurCorrection(
            f"« {soumissions.name} » n'est ni un dossier ni une archive .zip : indiquez le dossier des copies "
            "ou l'archive téléchargée depuis Moodle."
        )
    try:
        with zipfile.ZipFile(soumissions) as archive:
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > ARCHIVE_MAX or len(infos) > 20000:
                raise ErreurCorrection(f"L'archive « {soumissions.name} » est trop grande une fois décompressée.")
            archive.testzip()
    except zipfile.BadZipFile as erreur:
        raise ErreurCorrection(f"L'archive « {soumissions.name} » est abîmée ({erreur}).") from erreur
    archives = dossier / "archive"
    extrait = dossier / "extrait"
    for d in (archives, extrait):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
    os.symlink(soumissions.resolve(), archives / soumissions.name)
    ExtractorPlugin(zip_ext=[".zip"]).extract(str(archives), str(extrait))
    # Keep each file's date from the archive: when a learner sent two files, the newer one counts.
    dossier_archive = extrait / soumissions.stem
    for info in infos:
        chemin = dossier_archive / info.filename
        if not info.is_dir() and chemin.is_file():
            horodatage = datetime(*info.date_time).timestamp()
            os.utime(chemin, (horodatage, horodatage))
    return extrait


# --------------------------------------------------------------------------- inventory


def motifs(modules: list[str], motif: str | None) -> list[str]:
    if motif:
        try:
            compile_ = re.compile(motif)
        except re.error as erreur:
            raise ErreurCorrection(f"Le motif --motif n'est pas une expression régulière valide : {erreur}") from erreur
        if "eleve" not in compile_.groupindex:
            raise ErreurCorrection("Le motif --motif doit contenir le groupe nommé (?P<eleve>...).")
        return [motif]
    choix = "|".join(re.escape(m) for m in modules) or "(?!)"
    return [m.replace("{modules}", choix) for m in MOTIFS_PAR_DEFAUT]


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


def inventorier(racine: Path, exercices: dict[str, list[Exercice]], motif: str | None = None,
                module: str | None = None, eleve: str | None = None, exclure: tuple[Path, ...] = ()) -> list[Copie]:
    """Every file under ``racine`` (but ``exclure``), attributed to a learner and an exercise when possible."""
    exclus = {p.resolve() for p in exclure}
    collecteur = CollecteurAtelier(motifs=motifs(sorted(exercices), motif))
    tous = [e for m in sorted(exercices) for e in exercices[m]]
    copies: list[Copie] = []
    for dossier, sous_dossiers, fichiers in os.walk(racine):
        sous_dossiers[:] = sorted(d for d in sous_dossiers if d not in IGNORES and not d.startswith(".")
                                  and (Path(dossier) / d).resolve() not in exclus)
        for fichier in sorted(fichiers):
            if fichier in IGNORES or fichier.startswith(".") or fichier.startswith("~$"):
                continue
            chemin = Path(dossier) / fichier
            relatif = chemin.relative_to(racine).as_posix()
            copie = Copie(chemin, relatif)
            infos = collecteur.collect(relatif)
            if infos is None:
                copie.categorie = "nom_inconnu"
                copie.probleme = (
                    "nom de fichier non reconnu : impossible de savoir à qui il appartient "
                    "(attendu : <personne>/<module>/<notebook>.ipynb, un export Moodle, "
                    "<personne>__<notebook>.ipynb, ou le motif donné par --motif)."
                )
                copies.append(copie)
                continue
            copie.eleve, copie.nom = infos["student_id"], infos["first_name"]
            if eleve and eleve not in (copie.eleve, infos["eleve_brut"]):
                continue
            copie.module = infos["module"]
            if module and copie.module and copie.module != module:
                copie.ignore, copie.categorie = True, "autre_module"
                copie.probleme = f"fichier du module {copie.module}, non corrigé (seul le module {module} est demandé)."
                copies.append(copie)
                continue
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
            _verifier(copie, exercices, tous, module, infos["notebook"])
            copies.append(copie)
    _doublons(copies)
    return copies


def _verifier(copie: Copie, exercices: dict[str, list[Exercice]], tous: list[Exercice],
              module: str | None, nom_donne: str | None) -> None:
    """Read the file and decide whether it can be graded; ``copie.probleme`` says why not."""
    chemin = copie.chemin
    if chemin.suffix.lower() != ".ipynb":
        extension = chemin.suffix or "aucune extension"
        copie.probleme = f"ce fichier n'est pas un notebook Jupyter (.ipynb) mais un fichier « {extension} »."
        copie.categorie = "pas_notebook"
        return
    taille = chemin.stat().st_size
    if taille == 0:
        copie.probleme = "le fichier est vide (0 octet) : l'envoi a sans doute échoué."
        copie.categorie = "vide"
        return
    if taille > TAILLE_MAX:
        copie.probleme = f"le fichier est trop volumineux ({taille / 1024 / 1024:.0f} Mo) pour être un exercice."
        copie.categorie = "trop_gros"
        return
    try:
        brut = json.loads(chemin.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        copie.probleme = "le fichier n'est pas un notebook lisible (ce n'est pas du texte UTF-8)."
        copie.categorie = "illisible"
        return
    except json.JSONDecodeError as erreur:
        copie.probleme = (
            "le fichier n'est pas un notebook lisible : son contenu n'est pas du JSON valide "
            f"(ligne {erreur.lineno}, colonne {erreur.colno}) ; il a peut-être été abîmé ou enregistré "
            "dans un autre format."
        )
        copie.categorie = "illisible"
        return
    if not isinstance(brut, dict) or not isinstance(brut.get("cells", brut.get("worksheets")), list):
        copie.probleme = "ce fichier JSON n'est pas un notebook Jupyter (pas de liste de cellules)."
        copie.categorie = "illisible"
        return
    try:
        notebook = nbformat.reads(json.dumps(brut), as_version=4)
        nbformat.validate(notebook)
    except Exception as erreur:  # nbformat raises several kinds of errors
        copie.probleme = f"la structure du notebook est invalide ({str(erreur).splitlines()[0][:150]})."
        copie.categorie = "illisible"
        return
    if not notebook.cells:
        copie.probleme = "le notebook est vide : il ne contient aucune cellule."
        copie.categorie = "notebook_vide"
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
            copie.probleme = f"aucun exercice à corriger ne correspond à {nom}."
            copie.categorie = "exercice_inconnu"
            return
    attendu = next(e for e in tous if (e.module, e.nom) == (copie.module, copie.notebook))
    commun = ids & attendu.ids
    if meilleur is not None and meilleur is not attendu and len(ids & meilleur.ids) > len(commun):
        copie.probleme = (
            f"ce notebook est celui de l'exercice « {meilleur.nom} » (module {meilleur.module}), "
            f"pas celui de « {attendu.nom} » : il n'a pas été corrigé."
        )
        copie.categorie = "autre_exercice"
        return
    if not commun:
        copie.probleme = (
            f"ce notebook ne contient aucune des cellules de l'exercice « {attendu.nom} » (métadonnées "
            "nbgrader absentes ou effacées) : il a sans doute été recréé ou copié dans un nouveau notebook. "
            "Demandez le fichier de l'exercice lui-même."
        )
        copie.categorie = "sans_exercice"
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
        groupe.sort(key=lambda c: (c.chemin.stat().st_mtime, c.relatif))
        gardee = groupe[-1]
        gardee.remarques.append(f"{len(groupe)} fichiers reçus pour cet exercice : seul le plus récent est corrigé")
        for autre in groupe[:-1]:
            autre.ignore, autre.categorie = True, "doublon"
            autre.probleme = f"doublon : un fichier plus récent de la même personne a été corrigé à sa place (« {gardee.relatif} »)."
    for copie in copies:
        if copie.probleme is not None and not copie.ignore and copie.eleve and copie.cle in groupes:
            copie.ignore = True
            copie.probleme += f" Ce fichier est ignoré : « {groupes[copie.cle][-1].relatif} » a été corrigé."
