"""The batch: one job per learner and module, graded by parallel servers, merged into one gradebook.

What a batch writes in the output folder:

    notes.csv          one row per learner: each notebook, each question, total, max, status
    rapport.md         what was graded, what failed and why, per learner and file (French)
    retours/           the feedback HTML of each learner, ready to send back
    cours/             the nbgrader course (source, release, gradebook.db, submitted/,
                       autograded/, feedback/): point formgrader at it for the manual questions
    journaux/          one log per learner and module (nbgrader's own messages)
    collecte/          the files extracted from the archives, while the batch runs (kept only
                       with ``--garder-collecte``)

The steps are listed in atelier/correction/__init__.py.

**Why per-learner gradebooks and a sequential merge, not one shared gradebook.** nbgrader's
gradebook is SQLite: one writer at a time, many short transactions per notebook, and no
retry when the database is locked; parallel ``nbgrader autograde`` runs on one file fail
with "database is locked" or lose writes. A lock around each write would serialise the
workers for no gain. With private copies, workers share nothing writable: a worker killed
at any moment (timeout, crash) leaves the cohort's gradebook untouched, and nothing a
learner's code does can reach it. The merge is a handful of small updates per learner,
made by one thread, so it is fast and never contended; the order in which workers finish
does not change the result (``--jobs 1`` and ``--jobs N`` give the same CSV).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from atelier.chemins import RACINE
from atelier.correction.bac_a_sable import ErreurIsolation, Isolation, sonder_isolation
from atelier.correction.collecte import (
    Copie, ErreurCorrection, collecter, inventorier, lire_exercices, reparer_metadonnees,
)
from atelier.correction.cours import config_nbgrader, env_outils, preparer_cours

SOURCES = RACINE / "solutions"
UID_BASE = 200_000


@dataclass
class Options:
    soumissions: Path | None
    sortie: Path
    module: str | None = None
    jobs: int = os.cpu_count() or 1
    timeout_cellule: int = 120
    timeout_notebook: int = 600
    motif: str | None = None
    eleve: str | None = None
    source: Path = SOURCES
    memoire_mo: int = 4096
    disque_mo: int = 512
    isolation: str = "auto"
    exporter_seulement: bool = False
    garder_travail: bool = False
    garder_collecte: bool = False
    progression: bool | None = None


@dataclass
class Travail:
    """One learner's submission to one module: graded by one worker."""

    eleve: str
    nom: str
    module: str
    copies: list[Copie]
    index: int
    dossier: Path = Path()
    bac: Path = Path()
    duree: float = 0.0
    resultat: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- one worker


def _masquer(options: Options, racine_soumissions: Path | None) -> list[str]:
    chemins = [RACINE / "solutions", RACINE / "tests", RACINE / ".git", options.source, options.sortie]
    if options.soumissions is not None:
        chemins.append(options.soumissions)
    if racine_soumissions is not None:
        chemins.append(racine_soumissions)
    vus: list[str] = []
    necessaires = [Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), RACINE / "atelier"]
    for chemin in chemins:
        chemin = Path(chemin).resolve()
        if any(chemin == n or chemin in n.parents for n in necessaires):
            raise ErreurCorrection(
                f"Le dossier {chemin} contient la formation ou son Python : il ne peut pas servir de dossier de copies "
                "ni de dossier de sortie. Placez les copies et la sortie dans des dossiers à part."
            )
        if chemin.exists() and str(chemin) not in vus:
            vus.append(str(chemin))
    return vus


def _preparer_travail(travail: Travail, options: Options, isolation: Isolation, masquer: list[str]) -> None:
    cours = options.sortie / "cours"
    journal = options.sortie / "journaux" / travail.module / f"{travail.eleve}.log"
    journal.parent.mkdir(parents=True, exist_ok=True)
    dossier = options.sortie / "travail" / travail.module / travail.eleve
    shutil.rmtree(dossier, ignore_errors=True)
    dossier.mkdir(parents=True)
    os.chmod(options.sortie / "travail", 0o700)
    travail.dossier = dossier
    (dossier / "nbgrader_config.py").write_text(config_nbgrader(dossier, autograde=True, options=options), encoding="utf-8")
    shutil.copyfile(cours / ".modele-gradebook.db", dossier / "gradebook.db")
    shutil.copytree(cours / "exercises" / travail.module, dossier / "exercises" / travail.module)
    # The exercise's supporting files, never its source notebooks (solutions, hidden tests).
    shutil.copytree(cours / "solutions" / travail.module, dossier / "solutions" / travail.module,
                    ignore=shutil.ignore_patterns("*.ipynb", ".*"))
    soumis = dossier / "submitted" / travail.eleve / travail.module
    soumis.mkdir(parents=True)
    for copie in travail.copies:
        copie.deposer(soumis / f"{copie.notebook}.ipynb")
    base = Path(tempfile.gettempdir())
    if any(base == Path(m) or Path(m) in base.parents for m in masquer):
        raise ErreurCorrection(f"Le dossier temporaire du système ({base}) ne doit pas être dans le dossier de sortie ni des copies.")
    travail.bac = Path(tempfile.mkdtemp(prefix="atelier-bac-", dir=base))
    uid = UID_BASE + travail.index if isolation.utilisateur_dedie else None
    spec = {
        "cours": str(dossier),
        "module": travail.module,
        "eleve": travail.eleve,
        "notebooks": [c.notebook for c in travail.copies],
        "racine_bac": str(travail.bac),
        "uid": uid,
        "racine_autorisee": isolation.racine_autorisee,
        "gid": uid,
        "masquer": masquer,
        "prefixe_noyau": isolation.prefixe_noyau,
        "limites": {
            "memoire": options.memoire_mo * 1024 * 1024,
            "disque": options.disque_mo * 1024 * 1024,
            "fichier": 100 * 1024 * 1024,
            "cpu": options.timeout_notebook + 60,
            "processus": 512,
        },
        "resultat": str(dossier / "resultat.json"),
        "journal": str(journal),
        "limite": len(travail.copies) * (options.timeout_notebook + 60) + 120,
    }
    (dossier / "spec.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")


class Serveur:
    """One grading server (atelier/correction/travail.py --serveur): grades one job at a time.

    It runs inside the worker-level sandbox (its own network and PID namespaces in the
    complete isolation), is fed the path of a job spec on stdin and answers ``fini``. If it
    does not answer in time it is killed with everything it started, and a fresh one
    replaces it for the next job.
    """

    def __init__(self, commande: list[str], journal: Path):
        journal.parent.mkdir(parents=True, exist_ok=True)
        self.journal = open(journal, "a", encoding="utf-8")
        self.processus = subprocess.Popen(commande, env=env_outils(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=self.journal, text=True, bufsize=1, start_new_session=True)

    def traiter(self, spec: Path, limite: float) -> bool:
        import select

        try:
            self.processus.stdin.write(f"{spec}\n")
            self.processus.stdin.flush()
            prets, _, _ = select.select([self.processus.stdout], [], [], limite)
            return bool(prets) and self.processus.stdout.readline().strip() == "fini"
        except (OSError, ValueError):
            return False

    def arreter(self, brutalement: bool = False) -> None:
        if not brutalement:
            try:
                self.processus.stdin.close()
                self.processus.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                brutalement = True
        if brutalement:
            try:
                os.killpg(self.processus.pid, signal.SIGKILL)
            except OSError:
                pass
            self.processus.wait()
        self.journal.close()


class Atelier:
    """The pool of grading servers, one per parallel job (``--jobs``)."""

    def __init__(self, isolation: Isolation, sortie: Path):
        self.commande = [*isolation.prefixe_travailleur, sys.executable, "-m", "atelier.correction.travail", "--serveur"]
        if isolation.reseau_coupe:
            self.commande.append("--boucle-locale")
        self.journal = sortie / "journaux" / "serveurs.log"
        self.local = threading.local()
        self.serveurs: list[Serveur] = []
        self.verrou = threading.Lock()

    def lancer(self, travail: Travail, options: Options) -> Travail:
        limite = len(travail.copies) * (options.timeout_notebook + 60) + 120
        debut = time.monotonic()
        serveur = getattr(self.local, "serveur", None)
        if serveur is None or serveur.processus.poll() is not None:
            serveur = self.local.serveur = Serveur(self.commande, self.journal)
            with self.verrou:
                self.serveurs.append(serveur)
        if not serveur.traiter(travail.dossier / "spec.json", limite + 60):
            serveur.arreter(brutalement=True)
            self.local.serveur = None
            travail.resultat = {"erreur": "le correcteur ne répondait plus ; il a été arrêté"}
        travail.duree = time.monotonic() - debut
        fichier = travail.dossier / "resultat.json"
        if not travail.resultat:
            if fichier.exists():
                travail.resultat = json.loads(fichier.read_text(encoding="utf-8"))
            else:
                travail.resultat = {"erreur": "le correcteur s'est arrêté sans résultat"}
        shutil.rmtree(travail.bac, ignore_errors=True)
        return travail

    def fermer(self, brutalement: bool = False) -> None:
        for serveur in self.serveurs:
            serveur.arreter(brutalement)


# --------------------------------------------------------------------------- merge


def fusionner(gradebook, travail: Travail, cours: Path) -> None:
    """Copy one worker's grades and files into the cohort's course (main thread only)."""
    from nbgrader.api import Gradebook, MissingEntry

    eleve, module = travail.eleve, travail.module
    for dossier in ("submitted", "autograded", "feedback"):
        shutil.rmtree(cours / dossier / eleve / module, ignore_errors=True)
    corriges = [n for n, infos in travail.resultat.get("notebooks", {}).items() if infos.get("corrige")]
    if not corriges:
        try:
            gradebook.remove_submission(module, eleve)
        except MissingEntry:
            pass
        return
    with Gradebook(f"sqlite:///{travail.dossier / 'gradebook.db'}") as copie:
        soumission = copie.find_submission(module, eleve)
        donnees = [
            (n.name, n.flagged, [(g.name, g.auto_score, g.needs_manual_grade) for g in n.grades],
             [(c.name, c.auto_comment) for c in n.comments])
            for n in soumission.notebooks
        ]
        horodatage = soumission.timestamp
    prenom, _, nom = travail.nom.partition(" ")
    gradebook.update_or_create_student(eleve, first_name=prenom or None, last_name=nom or None)
    gradebook.update_or_create_submission(module, eleve, timestamp=horodatage)
    for notebook, signale, notes, commentaires in donnees:
        soumis = gradebook.find_submission_notebook(notebook, module, eleve)
        soumis.flagged = signale
        for nom_cellule, auto, a_revoir in notes:
            grade = gradebook.find_grade(nom_cellule, notebook, module, eleve)
            grade.auto_score = auto
            grade.needs_manual_grade = bool(a_revoir or grade.manual_score is not None)
        for nom_cellule, commentaire in commentaires:
            gradebook.find_comment(nom_cellule, notebook, module, eleve).auto_comment = commentaire
    gradebook.db.commit()
    for dossier in ("submitted", "autograded", "feedback"):
        origine = travail.dossier / dossier / eleve / module
        if origine.exists():
            shutil.copytree(origine, cours / dossier / eleve / module)


# --------------------------------------------------------------------------- the batch


def _entree(copie: Copie, statut: str, raison: str | None = None) -> dict:
    entree = {
        "fichier": copie.relatif, "eleve": copie.eleve, "nom": copie.nom, "module": copie.module,
        "notebook": copie.notebook, "statut": statut, "raison": raison, "remarques": list(copie.remarques),
        "categorie": copie.categorie,
    }
    if copie.reparations:
        entree["reparations"] = list(copie.reparations)
    if copie.analyse is not None:
        entree["retouchees"] = [list(r) for r in copie.analyse.cellules_retouchees]
        entree["soupcons"] = list(copie.analyse.soupcons)
    return entree


def _resultat_notebook(copie: Copie, travail: Travail) -> dict:
    if "erreur" in travail.resultat:
        entree = _entree(copie, "echec", "le correcteur automatique n'a pas pu traiter cette copie "
                         f"({travail.resultat['erreur'].strip().splitlines()[-1][:200]}) ; voir journaux/{travail.module}/{travail.eleve}.log")
        entree["categorie"] = "correcteur"
        return entree
    infos = travail.resultat.get("notebooks", {}).get(copie.notebook, {})
    if not infos.get("corrige"):
        detail = "; ".join(infos.get("erreurs_nbgrader", [])[-1:]) or "raison inconnue"
        entree = _entree(copie, "echec", "nbgrader n'a pas pu corriger ce notebook "
                         f"({detail[:200]}) ; voir journaux/{travail.module}/{travail.eleve}.log")
        entree["categorie"] = "correcteur"
    else:
        entree = _entree(copie, "a_verifier" if infos.get("suspendu") else "corrigee")
    for cle in ("tests", "erreurs", "evenements", "audit", "suspendu"):
        if cle in infos:
            entree[cle] = infos[cle]
    return entree


def _recueillir(travail: Travail, entrees: dict[str, list[dict]]) -> None:
    """The report entries of one graded job."""
    for copie in travail.copies:
        entree = _resultat_notebook(copie, travail)
        entree["duree_s"] = round(travail.duree, 1)
        entrees.setdefault(travail.eleve, []).append(entree)
    for notebook, infos in travail.resultat.get("notebooks", {}).items():
        if infos.get("manquant"):
            entrees[travail.eleve].append({
                "fichier": None, "eleve": travail.eleve, "nom": travail.nom, "module": travail.module,
                "notebook": notebook, "statut": "manquant",
                "raison": "aucun fichier reçu pour ce notebook du module : il compte 0.", "remarques": [],
            })


def _charger_etat(chemin: Path) -> dict:
    try:
        etat = json.loads(chemin.read_text(encoding="utf-8"))
        if isinstance(etat, dict) and isinstance(etat.get("eleves"), dict):
            return etat
    except (OSError, ValueError):
        pass
    if chemin.exists():  # damaged (an older version could leave it empty): kept aside, the gradebook still has the points
        chemin.replace(chemin.with_name(chemin.name + ".abime"))
    return {"eleves": {}, "non_attribues": [], "modules": []}


def corriger(options: Options) -> dict:
    """Run one batch; returns the run's statistics (also written to rapport.md and notes.csv).

    The collection folder (the files extracted from archives) is removed however the batch
    ends, unless ``--garder-collecte`` was given.
    """
    try:
        return _corriger(options)
    finally:
        if not options.garder_collecte:
            shutil.rmtree(options.sortie.resolve() / "collecte", ignore_errors=True)


def _corriger(options: Options) -> dict:
    import warnings

    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning
    from tqdm import tqdm

    warnings.filterwarnings("ignore", category=SAWarning)  # nbgrader's own session warnings

    from atelier.correction import rapport
    from atelier.correction.analyse import analyser
    from atelier.correction.travail import accelerer_nbgrader

    accelerer_nbgrader()  # no `alembic` subprocess when a gradebook is created here

    options.sortie = options.sortie.resolve()
    options.source = options.source.resolve()
    options.sortie.mkdir(parents=True, exist_ok=True)
    cours = options.sortie / "cours"
    etat_fichier = cours / "etat-correction.json"
    exercices = lire_exercices(options.source)
    if not exercices:
        raise ErreurCorrection(f"Aucun exercice à corriger : {options.source} ne contient aucun module (<module>/*.ipynb).")
    if options.module and options.module not in exercices:
        raise ErreurCorrection(
            f"Le module « {options.module} » n'existe pas dans {options.source} ; modules disponibles : "
            + (", ".join(sorted(exercices)) or "aucun")
        )
    try:
        isolation = sonder_isolation(options.isolation)
    except ErreurIsolation as erreur:
        raise ErreurCorrection(str(erreur)) from None
    if options.exporter_seulement:
        if not (cours / "gradebook.db").exists():
            raise ErreurCorrection(f"Aucune correction trouvée dans {options.sortie} : lancez d'abord la correction.")
        etat = _charger_etat(etat_fichier)
        rapport.regenerer_retours(cours, options.sortie, env_outils())
        return rapport.publier(options.sortie, etat, exercices, isolation, stats=None)

    if options.soumissions is None:
        raise ErreurCorrection("Indiquez le dossier ou l'archive .zip des copies à corriger.")
    options.soumissions = options.soumissions.resolve()
    etat = _charger_etat(etat_fichier)
    collecte = options.sortie / "collecte"
    shutil.rmtree(collecte, ignore_errors=True)
    copies = collecter(options.soumissions, collecte, exclure=(options.sortie,))
    connus = {infos["brut"]: eleve for eleve, infos in etat["eleves"].items() if infos.get("brut")}
    copies = inventorier(copies, exercices, options.motif, options.module, options.eleve, connus)
    if not copies:
        qui = f" pour « {options.eleve} »" if options.eleve else ""
        raise ErreurCorrection(f"Aucun fichier à corriger{qui} dans {options.soumissions}.")

    acceptees = [c for c in copies if c.probleme is None]
    modules = sorted({c.module for c in acceptees})
    masquer = _masquer(options, None)
    preparer_cours(cours, options.source, modules, options)
    exercices_par_cle = {(e.module, e.nom): e for m in exercices.values() for e in m}
    import nbformat

    lus: dict[tuple[str, str], tuple] = {}
    for copie in acceptees:
        cle = (copie.module, copie.notebook)
        if cle not in lus:
            lus[cle] = (nbformat.read(cours / "exercises" / copie.module / f"{copie.notebook}.ipynb", as_version=4),
                        nbformat.read(exercices_par_cle[cle].source, as_version=4))
        reparer_metadonnees(copie, lus[cle][0])
        try:
            copie.analyse = analyser(copie.contenu, *lus[cle])
        except Exception as erreur:  # an odd notebook must not stop the batch; it is still graded
            copie.remarques.append(f"lecture préalable du code impossible ({type(erreur).__name__})")

    groupes: dict[tuple[str, str], list[Copie]] = {}
    for copie in acceptees:
        groupes.setdefault((copie.eleve, copie.module), []).append(copie)
    travaux = [Travail(e, g[0].nom, m, g, i) for i, ((e, m), g) in enumerate(sorted(groupes.items()))]
    for travail in travaux:
        _preparer_travail(travail, options, isolation, masquer)
    if not options.garder_collecte:  # every copy to grade is in its job's folder now
        shutil.rmtree(collecte, ignore_errors=True)

    entrees: dict[str, list[dict]] = {}
    for copie in copies:
        if copie.eleve is None:
            continue
        if copie.probleme is not None:
            entrees.setdefault(copie.eleve, []).append(_entree(copie, "ignoree" if copie.ignore else "echec", copie.probleme))
    debut = time.monotonic()
    atelier = Atelier(isolation, options.sortie)
    with Gradebook(f"sqlite:///{cours / 'gradebook.db'}") as gradebook, \
            ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool, \
            tqdm(total=len(travaux), desc="Correction", unit="copie", disable=options.progression is False,
                 file=sys.stderr) as barre:
        futurs = [pool.submit(atelier.lancer, t, options) for t in travaux]
        try:
            for futur in as_completed(futurs):
                travail = futur.result()
                try:
                    fusionner(gradebook, travail, cours)
                except Exception as erreur:  # a broken copy gradebook must not stop the batch
                    gradebook.db.rollback()
                    travail.resultat = {"erreur": f"fusion des notes impossible : {erreur}"}
                _recueillir(travail, entrees)
                if not options.garder_travail:
                    shutil.rmtree(travail.dossier, ignore_errors=True)
                barre.update(1)
        except BaseException:
            for futur in futurs:
                futur.cancel()
            atelier.fermer(brutalement=True)
            raise
        # Learners whose every file was rejected: no submission any more for those modules.
        for eleve, liste in entrees.items():
            for entree in liste:
                if entree["statut"] == "echec" and entree.get("module") and (eleve, entree["module"]) not in groupes:
                    from nbgrader.api import MissingEntry

                    try:
                        gradebook.remove_submission(entree["module"], eleve)
                    except MissingEntry:
                        pass
                    for dossier in ("submitted", "autograded", "feedback"):
                        shutil.rmtree(cours / dossier / eleve / entree["module"], ignore_errors=True)
    atelier.fermer()
    duree = time.monotonic() - debut
    if not options.garder_travail:
        shutil.rmtree(options.sortie / "travail", ignore_errors=True)

    maintenant = datetime.now().isoformat(timespec="seconds")
    bruts = {c.eleve: c.brut for c in copies if c.eleve}
    for eleve, liste in entrees.items():
        ancien = etat["eleves"].get(eleve, {"entrees": []})
        touches = {(e.get("module"), e.get("notebook")) for e in liste}
        modules_touches = {e.get("module") for e in liste}
        gardees = [e for e in ancien["entrees"]
                   if (e.get("module"), e.get("notebook")) not in touches and e.get("module") not in modules_touches]
        nom = next((e["nom"] for e in liste if e.get("nom")), ancien.get("nom", ""))
        etat["eleves"][eleve] = {"nom": nom, "brut": bruts.get(eleve, ancien.get("brut")), "entrees": gardees + liste,
                                 "date": maintenant}
    non_attribues = [_entree(c, "echec", c.probleme) for c in copies if c.eleve is None]
    if options.eleve:
        etat["non_attribues"] = etat.get("non_attribues", [])
    else:
        etat["non_attribues"] = non_attribues
    etat["modules"] = sorted(set(etat.get("modules", [])) | set(modules))
    etat["isolation"] = isolation.description()
    etat_fichier.parent.mkdir(parents=True, exist_ok=True)
    rapport.ecrire(etat_fichier, json.dumps(etat, indent=1))  # ASCII: any text a copy printed can be written
    stats = {
        "entrees": [e for liste in entrees.values() for e in liste] + non_attribues,
        "duree": duree,
        "jobs": options.jobs,
    }
    return rapport.publier(options.sortie, etat, exercices, isolation, stats=stats)


