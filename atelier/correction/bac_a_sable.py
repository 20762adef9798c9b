"""The sandbox in which each learner's notebook runs while it is graded.

Three layers, from the outside in (the strongest available is chosen by
:func:`sonder_isolation` and reported in rapport.md):

* **the grading server** (one per parallel job slot, see atelier/correction/travail.py; it
  grades one learner at a time, each in a forked child) runs in its own network namespace
  (loopback only) and PID namespace (``unshare --net --pid --fork --kill-child --mount
  --mount-proc``): nothing it starts can reach the network or see or signal the other
  slots' processes; after each learner every process left in the namespace is killed, and
  killing the server kills everything it started, however deep;
* **the kernel** of each notebook is started through ``lanceur.py`` in a nested
  mount namespace where the repository's solutions/, tests/ and .git/, the output folder
  (gradebook, other learners' copies) and the submissions are hidden behind empty tmpfs
  mounts, ``/tmp`` and the other world-writable folders are private, the working directory
  is a fresh folder holding only the exercise's supporting files, and the process runs
  under a user id of its own with resource limits (memory, CPU time, file size, processes);
* **inside the kernel**, a ``sitecustomize`` module installs a Python audit hook (PEP 578;
  it cannot be removed once installed) that refuses non-loopback connections, writes and
  deletions outside the working directory, reading the hidden folders or any notebook or
  database outside the working directory, new processes and signals to other processes,
  and logs every refused attempt for the report.

Without root only the last layer, the working directory, the resource limits and (when
unprivileged user namespaces are allowed) the network namespace remain. book/guide-correcteur.md
says what is and is not protected in each case.

:class:`ExecutionIsolee` replaces nbgrader's ``Execute`` preprocessor. It starts the kernel
with :class:`NoyauIsole`, enforces a wall-clock limit per notebook on top of nbgrader's
per-cell timeout, caps the output kept per cell, and when the kernel dies, hangs or runs
out of time it marks the cells that did not run as failed, so the notebook is graded on
what it finished instead of failing as a whole.
"""

from __future__ import annotations

import fcntl
import functools
import json
import math
import os
import shutil
import socket
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

LANCEUR = Path(__file__).resolve().parent / "lanceur.py"
ECHANGES = ".atelier"
"""Folder of the working directory where the kernel writes the values the tests read."""
PAQUET = Path(__file__).resolve().parent.parent
"""The atelier package, which grading kernels may read (the grading code itself included)."""
ENAME_DELAI = "DelaiDepasse"
ENAME_NON_EXECUTEE = "CelluleNonExecutee"
ENAME_NOYAU = "NoyauArrete"

# Filled by the worker before nbgrader runs; read by ExecutionIsolee and NoyauIsole.
REGLAGES: dict = {}
# notebook name -> list of events (timeouts, kernel death, truncated output) for the report.
EVENEMENTS: dict[str, list[dict]] = {}


# --------------------------------------------------------------------------- isolation level


@dataclass
class Isolation:
    """What the machine allows. ``niveau`` is "complete", "partielle" or "minimale"."""

    niveau: str
    prefixe_travailleur: list[str] = field(default_factory=list)
    prefixe_noyau: list[str] = field(default_factory=list)
    utilisateur_dedie: bool = False
    racine_autorisee: bool = False  # the kernel sees an allow-listed root (lanceur.py), not the machine
    reseau_coupe: bool = False

    def description(self) -> str:
        if self.niveau == "complete":
            return (
                "complète : chaque copie s'exécute sans réseau, sous un utilisateur système dédié, "
                "dans une arborescence réduite à Python, aux bibliothèques et aux données d'exemple "
                "(ni solutions, ni bases de notes, ni autres copies), avec une place disque limitée"
            )
        if self.niveau == "partielle":
            return (
                "partielle : chaque copie s'exécute sans réseau, dans une arborescence réduite à Python, aux "
                "bibliothèques et aux données d'exemple (ni solutions, ni bases de notes, ni autres copies), "
                "avec une place disque limitée, mais sous votre propre compte (lancez la correction en root "
                "pour un utilisateur dédié)"
            )
        return (
            "minimale (demandée) : aucune séparation par le système ; seule la garde Python protège, et elle "
            "peut être contournée : une copie malveillante pourrait lire ou modifier ce que votre compte "
            "peut lire ou modifier, bases de notes comprises"
        )


def _essai(commande: list[str]) -> bool:
    try:
        return subprocess.run(commande, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@functools.cache
def sonder_isolation(demande: str = "auto") -> Isolation:
    """Probe once what this machine allows; ``demande`` may lower the level (tests, debugging).

    Raises ErreurIsolation when nothing separates the copies from the grader and the minimal
    level was not asked for explicitly.
    """
    travailleur = ["unshare", "--net", "--pid", "--fork", "--kill-child", "--mount", "--mount-proc", "--propagation", "private"]
    noyau = ["unshare", "--mount", "--propagation", "private"]
    essai_montage = [*noyau, "mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", "/tmp"]
    if demande == "minimale":
        return Isolation("minimale")
    if shutil.which("unshare") and shutil.which("mount"):
        if demande == "auto" and os.geteuid() == 0 and _essai([*travailleur, *essai_montage]):
            return Isolation("complete", travailleur, noyau, utilisateur_dedie=True, reseau_coupe=True, racine_autorisee=True)
        # Without root (or when asked): the same namespaces inside a user namespace, as the grader's own uid.
        utilisateur = [] if os.geteuid() == 0 else ["unshare", "--user", "--map-root-user"]
        if _essai([*utilisateur, *travailleur, *essai_montage]):
            return Isolation("partielle", [*utilisateur, *travailleur], noyau, reseau_coupe=True, racine_autorisee=True)
    raise ErreurIsolation(
        "Cette machine ne permet pas de séparer les copies du correcteur (pas d'espaces de noms Linux) : le code "
        "d'une copie pourrait lire les solutions ou modifier les bases de notes. Corrigez sur une machine Linux "
        "récente, en root si possible (machine virtuelle ou conteneur jetable). Si vous connaissez toutes les "
        "copies et acceptez ce risque, relancez avec --isolation minimale."
    )


class ErreurIsolation(Exception):
    """No isolation is available and the minimal level was not asked for."""


def activer_boucle_locale() -> None:
    """Bring the loopback interface up (a new network namespace starts with it down).

    The worker talks to its kernels over 127.0.0.1, like every Jupyter client.
    """
    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        demande = struct.pack("16sh14x", b"lo", 0)
        flags = struct.unpack("16sh14x", fcntl.ioctl(s, siocgifflags, demande))[1]
        if not flags & iff_up:
            fcntl.ioctl(s, siocsifflags, struct.pack("16sh14x", b"lo", flags | iff_up))


# --------------------------------------------------------------------------- inside the kernel

SITECUSTOMIZE = r'''
"""Installed in every grading kernel (atelier/correction/bac_a_sable.py): a PEP 578 audit hook."""
import os as _os
import sys as _sys

def _installer():
    import ipaddress, json, threading
    fd = _os.environ.pop("ATELIER_AUDIT_FD", None)
    travail = _os.path.realpath(_os.getcwd())
    sensibles = tuple(p for p in _os.environ.pop("ATELIER_CHEMINS_SENSIBLES", "").split(_os.pathsep) if p)
    ecrire, dumps, realpath, join, getcwd, getpid = _os.write, json.dumps, _os.path.realpath, _os.path.join, _os.getcwd, _os.getpid
    fd = int(fd) if fd else None
    local = threading.local()
    compte = [0]
    ECRITURE = _os.O_WRONLY | _os.O_RDWR | _os.O_CREAT | _os.O_TRUNC | _os.O_APPEND
    PROCESSUS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "pty.spawn"}
    MODIFICATIONS = {"os.remove", "os.rmdir", "os.mkdir", "os.rename", "os.chmod", "os.chown", "os.symlink", "os.link", "os.truncate", "os.utime", "shutil.rmtree", "shutil.move", "shutil.copyfile"}
    LECTURES = {"os.listdir", "os.scandir", "os.chdir", "glob.glob", "sqlite3.connect"}
    DEUX = {"os.rename", "shutil.move", "os.link"}
    DESTINATION = {"os.symlink", "shutil.copyfile"}
    LIBRES = ("/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty")

    def journal(quoi, detail, refuse):
        if fd is None or compte[0] >= 200:
            return
        compte[0] += 1
        try:
            ecrire(fd, (dumps({"quoi": quoi, "detail": str(detail)[:300], "refuse": refuse}) + "\n").encode())
        except Exception:
            pass

    def chemin(p):
        if isinstance(p, int) or p is None:
            return None
        try:
            p = _os.fsdecode(p)
            if p.startswith(("/proc/self/fd/", "/dev/fd/", "/proc/thread-self/fd/")) or p.startswith("/proc/") and "/fd/" in p:
                return realpath(p)  # a descriptor's path names what it holds: check that, not the link
            if p.startswith(LIBRES):
                return p
            return realpath(p if p.startswith("/") else join(getcwd(), p))
        except Exception:
            return None

    ecriture = realpath(_os.environ.pop("ATELIER_ECRITURE", "") or travail)  # the verdict process: its own tmp

    def dedans(p):
        return p is not None and (p in (travail, ecriture) or p.startswith((travail + "/", ecriture + "/", *LIBRES)))

    def sensible(p):
        if p is None or dedans(p):
            return False
        # Notebooks and databases are never read from outside the working directory: they could be
        # sources, graded copies or gradebooks of any correction on this machine.
        if p.endswith((".ipynb", ".db", ".sqlite")) or "/.git/" in p:
            return True
        return any(p == s or p.startswith(s + "/") for s in sensibles)

    def refuser(quoi, detail, message):
        journal(quoi, detail, True)
        raise PermissionError(message)

    def crochet(evenement, args):
        if getattr(local, "actif", False):
            return
        if evenement not in SURVEILLES:
            return
        local.actif = True
        try:
            if evenement == "open":
                p = chemin(args[0])
                flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
                mode = args[1] if len(args) > 1 and isinstance(args[1], str) else ""
                ecrit = bool(flags & ECRITURE) or any(c in mode for c in "wax+")
                if sensible(p):
                    refuser("lecture", p, f"Accès refusé pendant la correction : {p}")
                if ecrit and p is not None and not dedans(p):
                    refuser("ecriture", p, f"Écriture interdite hors du dossier de travail pendant la correction : {p}")
            elif evenement in MODIFICATIONS:
                cibles = args[:2] if evenement in DEUX else args[1:2] if evenement in DESTINATION else args[:1]
                for a in cibles:
                    p = chemin(a) if isinstance(a, (str, bytes, _os.PathLike)) else None
                    if p is not None and not dedans(p):
                        refuser("ecriture", p, f"Modification interdite hors du dossier de travail pendant la correction : {p}")
            elif evenement in LECTURES:
                p = chemin(args[0]) if args else None
                if sensible(p):
                    refuser("lecture", p, f"Accès refusé pendant la correction : {p}")
                if evenement == "sqlite3.connect" and p is not None and not dedans(p) and not str(args[0]).startswith(":memory:"):
                    refuser("ecriture", p, f"Base de données interdite hors du dossier de travail : {p}")
            elif evenement in ("socket.connect", "socket.sendto", "socket.bind"):
                adresse = args[1] if len(args) > 1 else None
                if isinstance(adresse, tuple) and adresse:
                    hote = str(adresse[0])
                    try:
                        locale = hote in ("localhost", "") or ipaddress.ip_address(hote.split("%")[0]).is_loopback
                    except ValueError:
                        locale = False
                    if not locale:
                        refuser("reseau", f"{hote}:{adresse[1] if len(adresse) > 1 else ''}",
                                f"Le réseau est coupé pendant la correction (connexion vers {hote} refusée).")
            elif evenement == "socket.getaddrinfo":
                hote = args[0].decode() if isinstance(args[0], bytes) else args[0]
                if hote not in (None, "localhost", "127.0.0.1", "::1", ""):
                    refuser("reseau", hote, f"Le réseau est coupé pendant la correction (nom « {hote} » non résolu).")
            elif evenement in PROCESSUS:
                refuser("processus", args[0] if args else evenement,
                        "Les commandes système et nouveaux processus sont désactivés pendant la correction.")
            elif evenement in ("os.kill", "os.killpg"):
                if args[0] not in (0, getpid() if evenement == "os.kill" else _os.getpgrp()):
                    refuser("signal", args, "Envoyer un signal à un autre processus est interdit pendant la correction.")
                journal("signal", args, False)
        finally:
            local.actif = False

    SURVEILLES = {"open", "socket.connect", "socket.sendto", "socket.bind", "socket.getaddrinfo", "os.kill", "os.killpg"}
    SURVEILLES |= PROCESSUS | MODIFICATIONS | LECTURES
    _sys.addaudithook(crochet)

if _os.environ.get("ATELIER_BAC_A_SABLE") == "1":
    # plotly's fig.show() imports nbformat, hence jsonschema, which builds a large grammar when
    # it finds rfc3987_syntax (about 3 s per kernel here) for "iri" formats no exercise checks.
    _sys.modules.setdefault("rfc3987_syntax", None)
    import platform as _platform
    _platform.uname().processor  # debugpy asks at start-up; it runs `uname -p`, which is refused later
    del _platform
    _installer()
del _installer
'''


def ecrire_sitecustomize(dossier: Path) -> Path:
    dossier.mkdir(parents=True, exist_ok=True)
    (dossier / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    os.chmod(dossier, 0o755)
    os.chmod(dossier / "sitecustomize.py", 0o644)
    return dossier


# --------------------------------------------------------------------------- kernel manager

from jupyter_client.manager import AsyncKernelManager  # noqa: E402
from nbclient.exceptions import CellTimeoutError, DeadKernelError  # noqa: E402
import nbformat  # noqa: E402
from nbformat.notebooknode import NotebookNode  # noqa: E402
from nbgrader.preprocessors import Execute  # noqa: E402
from traitlets import Integer  # noqa: E402

from atelier.correction import lanceur  # noqa: E402


class NoyauIsole(AsyncKernelManager):
    """Kernel manager that starts the kernel through lanceur.py with a clean environment."""

    bac: dict | None = None

    async def _async_pre_start_kernel(self, **kw):
        commande, kw = await super()._async_pre_start_kernel(**kw)
        bac = self.bac
        if bac is None:
            return commande, kw
        env = {k: v for k, v in (kw.get("env") or os.environ).items() if k.startswith("JPY_")}
        env.update(bac["env"])
        kw["env"] = env
        kw["cwd"] = bac["dossier"]
        reglages = bac["reglages_lanceur"]
        reglages["parent"] = os.getpid()
        chemin = Path(bac["racine"]) / f"lanceur-{bac['nom']}.json"
        chemin.write_text(json.dumps(reglages), encoding="utf-8")
        os.chmod(chemin, 0o600)
        commande = [*bac["prefixe"], sys.executable, "-I", "-S", str(LANCEUR), str(chemin), "--", *commande]
        return commande, kw


def _espace_de_montage_prive() -> None:
    """What ``unshare --mount --propagation private`` does for a kernel, in this (forked) process."""
    import ctypes

    if ctypes.CDLL(None, use_errno=True).unshare(0x00020000) != 0:  # CLONE_NEWNS
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWNS)")
    subprocess.run(["mount", "--make-rprivate", "/"], check=True, capture_output=True)


class ProcessusVerdict:
    """The worker's end of the verdict process (atelier/correction/verdict.py): one per notebook."""

    def __init__(self, bac: dict, delai: int):
        self.delai = delai
        commandes_lecture, self._commandes = os.pipe()
        self._reponses, reponses_ecriture = os.pipe()
        reglages = dict(bac["reglages_lanceur"], lecture_seule=True, parent=os.getpid(),
                        audit=str(Path(bac["racine"]) / f"audit-verdict-{bac['nom']}.jsonl"))
        if reglages.get("racine_autorisee"):
            temporaire = "/tmp"  # its private tmpfs (lanceur.py)
        else:
            temporaire = str(Path(bac["racine"]) / f"verdict-{bac['nom']}")
            os.makedirs(temporaire, mode=0o700, exist_ok=True)
        env = dict(bac["env"], TMPDIR=temporaire, IPYTHONDIR=f"{temporaire}/.ipython", MPLCONFIGDIR=temporaire)
        env.pop("ATELIER_BAC_A_SABLE", None)  # the learner's guard: this process runs no learner code
        # Forked, not started: the imports this process needs are already in the grading server
        # (about 1.5 s of CPU saved per notebook). The child never runs a learner's cell.
        self.pid = os.fork()
        if self.pid == 0:
            code = 1
            try:
                os.close(self._commandes)
                os.close(self._reponses)
                os.setsid()
                if reglages.get("racine_autorisee"):
                    _espace_de_montage_prive()
                lanceur.entrer(reglages, [], env)
                os.environ.clear()
                os.environ.update(env)
                from atelier.correction import verdict

                code = verdict.servir(commandes_lecture, reponses_ecriture)
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                os._exit(code)
        os.close(commandes_lecture)
        os.close(reponses_ecriture)
        self._tampon = b""
        self._pret = False

    def _ecrire(self, message: dict) -> None:
        os.write(self._commandes, (json.dumps(message, ensure_ascii=False) + "\n").encode())

    def _lire(self, delai: float) -> dict | None:
        import select

        echeance = time.monotonic() + delai
        while b"\n" not in self._tampon:
            reste = echeance - time.monotonic()
            if reste <= 0 or not select.select([self._reponses], [], [], reste)[0]:
                return None
            morceau = os.read(self._reponses, 1 << 20)
            if not morceau:
                return None
            self._tampon += morceau
        ligne, self._tampon = self._tampon.split(b"\n", 1)
        return json.loads(ligne)

    def executer(self, code: str, *, cache: bool = False, silencieux: bool = False, export: dict | None = None,
                 appeler=None) -> dict:
        if not self._pret:
            self._pret = (self._lire(60) or {}).get("op") == "pret"
            if not self._pret:
                return self._echec("le processus de vérification n'a pas démarré")
        try:
            self._ecrire({"op": "executer", "code": code, "cache": cache, "silencieux": silencieux, "export": export})
        except OSError:
            return self._echec("le processus de vérification s'est arrêté")
        while True:
            message = self._lire(self.delai * 4 + 30)
            if message is None:
                self.arreter()
                return self._echec("le processus de vérification ne répond plus")
            if message.get("op") == "fin":
                return message
            if message.get("op") == "appel" and appeler is not None:
                try:
                    self._ecrire({"op": "retour", **appeler(str(message.get("nom")), message.get("appel"))})
                except (DeadKernelError, CellTimeoutError):
                    self._ecrire({"op": "retour", "erreur": "la fonction de la copie n'a pas répondu à temps"})
                    raise

    def _echec(self, raison: str) -> dict:
        message = f"le test n'a pas pu être exécuté : {raison}."
        return {"echec": True, "sorties": [{"output_type": "error", "ename": "Correcteur", "evalue": message,
                                            "traceback": [f"Correcteur: {message}"]}]}

    def arreter(self) -> None:
        if self.pid:
            try:
                os.killpg(self.pid, 9)
            except OSError:
                pass
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = 0
        for fd in (self._commandes, self._reponses):
            try:
                os.close(fd)
            except OSError:
                pass
        self._commandes = self._reponses = -1


def _erreur(ename: str, message: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=message, traceback=[f"{ename}: {message}"])


class ExecutionIsolee(Execute):
    """nbgrader's Execute, with a sandboxed kernel, a notebook deadline and an output cap.

    Settings come from :data:`REGLAGES` (written by the worker) and from traitlets config:
    ``ExecutionIsolee.timeout`` (per cell, seconds), ``ExecutionIsolee.delai_notebook``
    (whole notebook, seconds), ``ExecutionIsolee.octets_par_cellule``.
    """

    delai_notebook = Integer(600, help="Wall-clock limit for the whole notebook, in seconds.").tag(config=True)
    octets_par_cellule = Integer(1_000_000, help="Output kept per cell, in bytes.").tag(config=True)

    def __init__(self, **kw):
        kw.setdefault("kernel_manager_class", NoyauIsole)
        super().__init__(**kw)
        self.shutdown_kernel = "immediate"
        self.startup_timeout = 60
        self.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--IPKernelApp.ignore_cwd=True"]

    # -- kernel start -------------------------------------------------------------------

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        km.bac = self._bac
        return km

    def _preparer_dossier(self, nom: str, source: str) -> dict:
        racine = Path(REGLAGES["racine"])
        dossier = racine / f"travail-{nom}"
        shutil.rmtree(dossier, ignore_errors=True)
        dossier.mkdir(mode=0o700)
        # Supporting files of the exercise (never notebooks: the one under grading holds hidden tests).
        for chemin in sorted(Path(source).rglob("*")):
            relatif = chemin.relative_to(source)
            if chemin.suffix == ".ipynb" or any(p.startswith(".") for p in relatif.parts):
                continue
            cible = dossier / relatif
            if chemin.is_dir():
                cible.mkdir(exist_ok=True)
            elif chemin.is_file():
                cible.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(chemin, cible)
        (dossier / ".tmp").mkdir()
        cache = REGLAGES.get("cache_matplotlib")
        if cache and Path(cache).is_dir():  # built once per server (travail._preparer_matplotlib)
            for fichier in Path(cache).glob("fontlist-*.json"):
                shutil.copyfile(fichier, dossier / ".tmp" / fichier.name)
        (dossier / ECHANGES).mkdir()
        uid, gid = REGLAGES.get("uid"), REGLAGES.get("gid")
        if uid is not None:
            for chemin in [dossier, *dossier.rglob("*")]:
                os.chown(chemin, uid, gid)
        racine_autorisee = bool(REGLAGES.get("racine_autorisee"))
        interieur = "/tmp/travail" if racine_autorisee else str(dossier)
        env = {
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "HOME": interieur,
            "TMPDIR": f"{interieur}/.tmp",
            "MPLCONFIGDIR": f"{interieur}/.tmp",
            "PYTHONPATH": "/tmp/.site" if racine_autorisee else REGLAGES["site"],
            "PYTHONNOUSERSITE": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "ATELIER_BAC_A_SABLE": "1",
            "ATELIER_CHEMINS_SENSIBLES": os.pathsep.join(REGLAGES.get("masquer", [])),
        }
        for cle in ("ATELIER_DONNEES",):
            if cle in os.environ:
                env[cle] = os.environ[cle]
        audit = racine / f"audit-{nom}.jsonl"
        audit.unlink(missing_ok=True)
        return {
            "nom": nom,
            "racine": str(racine),
            "dossier": str(dossier),
            "audit": str(audit),
            "env": env,
            "prefixe": REGLAGES.get("prefixe_noyau", []),
            "reglages_lanceur": {
                "dossier": str(dossier),
                "audit": str(audit),
                "uid": uid,
                "racine_autorisee": racine_autorisee,
                "gid": gid,
                "masquer": REGLAGES.get("masquer", []) if racine_autorisee else [],
                "site": REGLAGES["site"],
                "exposer": [sys.base_prefix, sys.prefix, str(PAQUET), str(PAQUET.parent / "data"),
                            *([os.environ["ATELIER_DONNEES"]] if os.environ.get("ATELIER_DONNEES") else []),
                            *REGLAGES.get("exposer", [])],
                "limites": REGLAGES.get("limites", {}),
            },
        }

    # -- execution ----------------------------------------------------------------------

    def preprocess(self, nb, resources=None, km=None):
        nom = resources["nbgrader"]["notebook"]
        self._evenements = EVENEMENTS.setdefault(nom, [])
        source = resources["metadata"]["path"]
        self._bac = self._preparer_dossier(nom, source)
        resources["metadata"]["path"] = self._bac["dossier"]
        try:
            return self._executer(nb, resources, km)
        finally:
            resources["metadata"]["path"] = source
            shutil.rmtree(self._bac["dossier"], ignore_errors=True)

    def _evenement(self, type_: str, index: int | None, **extra) -> None:
        evenement = {"type": type_, "cellule": index, **extra}
        if index is not None and index < len(self.nb.cells):
            grade_id = self.nb.cells[index].metadata.get("nbgrader", {}).get("grade_id")
            if grade_id:
                evenement["grade_id"] = grade_id
        self._evenements.append(evenement)

    def _executer(self, nb, resources, km):
        from nbclient.client import NotebookClient

        NotebookClient.__init__(self, nb, km)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        self.error_on_timeout = {
            "ename": ENAME_DELAI,
            "evalue": f"la cellule a dépassé le délai de {self.timeout} s ; elle a été interrompue.",
            "traceback": [f"{ENAME_DELAI}: la cellule a dépassé le délai de {self.timeout} s ; elle a été interrompue."],
        }
        self._octets: dict[int, int] = {}
        self._tronquees: set[int] = set()
        echeance = time.monotonic() + self.delai_notebook
        self.timeout_func = lambda cell: max(1, min(self.timeout, math.ceil(echeance - time.monotonic())))
        arret: tuple[str, int | None] | None = None
        self._preparer_verdict(resources)
        try:
            with self.setup_kernel():
                info = self.wait_for_reply(self.kc.kernel_info())
                self.nb.metadata["language_info"] = info["content"]["language_info"]
                for index, cell in enumerate(self.nb.cells):
                    if cell.cell_type != "code" or not cell.source.strip():
                        continue
                    if time.monotonic() >= echeance:
                        arret = ("delai_notebook", index)
                        break
                    try:
                        if self._est_test(cell):
                            self._verifier(cell, index)
                        else:
                            self.preprocess_cell(cell, resources, index)
                    except DeadKernelError:
                        arret = ("noyau_arrete", index)
                        break
                    except CellTimeoutError:
                        arret = ("noyau_bloque", index)
                        break
                    if any(o.get("ename") == ENAME_DELAI for o in cell.get("outputs", [])):
                        self._evenement("delai_cellule", index, delai=self.timeout)
        except (DeadKernelError, CellTimeoutError):
            arret = arret or ("noyau_arrete", None)
        except RuntimeError as erreur:
            if arret is not None:
                pass
            elif "kernel" in str(erreur).lower():
                arret = ("demarrage", 0)
            else:
                raise
        finally:
            self._verdict.arreter()
        if arret is not None:
            self._marquer_non_executees(*arret)
        self.set_widgets_metadata()
        return self.nb, self.resources

    # -- tests: in the verdict process, on the kernel's plain data -----------------------

    @staticmethod
    def _est_test(cell) -> bool:
        meta = cell.metadata.get("nbgrader", {})
        return isinstance(meta, dict) and bool(meta.get("grade")) and not meta.get("solution") and cell.cell_type == "code"

    def _preparer_verdict(self, resources) -> None:
        """Start the verdict process and list the official code it runs before each test."""
        from atelier.correction.verdict import noms_lies

        publication = Path.cwd() / "exercises" / resources["nbgrader"]["assignment"] / f"{resources['nbgrader']['notebook']}.ipynb"
        officielles: list[tuple[str | None, str]] = []  # (grade_id of a test, or None for setup code; source)
        try:
            for cell in nbformat.read(publication, as_version=4).cells:
                meta = cell.metadata.get("nbgrader", {})
                if cell.cell_type != "code" or meta.get("solution"):
                    continue
                officielles.append((meta.get("grade_id") if self._est_test(cell) else None, cell.source))
        except (OSError, ValueError):
            pass
        self._officiels = set().union(*(noms_lies(s) for test, s in officielles if test is None))
        self._a_executer = officielles
        self._appels = 0
        self._verdict = ProcessusVerdict(self._bac, self.timeout)

    def _chemins(self, nom: str) -> tuple[str, str]:
        """The same exchange file, as the kernel sees it and as this worker does."""
        return (f"{self._bac['env']['HOME']}/{ECHANGES}/{nom}", f"{self._bac['dossier']}/{ECHANGES}/{nom}")

    def _noyau(self, code: str, index: int) -> None:
        """Run training-infrastructure code in the learner's kernel; its outputs are dropped."""
        officielle = self.nb.cells[index]
        try:
            self.execute_cell(nbformat.v4.new_code_cell(code), index, store_history=False)
        finally:
            self.nb.cells[index] = officielle  # nbclient puts the cell it ran at that index

    def _verifier(self, cell, index: int) -> None:
        from atelier.correction.verdict import noms_a_exporter, segments

        grade_id = cell.metadata["nbgrader"].get("grade_id")
        while self._a_executer:
            test, source = self._a_executer.pop(0)
            if test == grade_id:
                break
            if test is None:
                self._verdict.executer(source, silencieux=True)
        dedans, _ = self._chemins(f"export-{index}.jsonl")
        noms = noms_a_exporter(cell.source)
        self._noyau(f"__import__('atelier.correction.donnees').correction.donnees.exporter(globals(), {noms!r}, {dedans!r})", index)
        sorties: list[dict] = []
        for numero, (code, cache) in enumerate(segments(cell.source)):
            export = {"fichier": dedans, "officiels": sorted(self._officiels), "dossier": self._bac["env"]["HOME"]}
            reponse = self._verdict.executer(code, cache=cache, export=export if numero == 0 else None,
                                             appeler=lambda nom, appel: self._appel(nom, appel, index))
            sorties.extend(reponse.get("sorties", []))
            if reponse.get("echec"):
                break
        cell.outputs = [nbformat.from_dict(s) for s in sorties]

    def _appel(self, nom: str, appel, index: int) -> dict:
        """A test calls the learner's function ``nom``: run it in the kernel, return the result file's path."""
        self._appels += 1
        entree, entree_dehors = self._chemins(f"appel-{self._appels}.json")
        retour, retour_dehors = self._chemins(f"retour-{self._appels}.json")
        Path(entree_dehors).write_text(json.dumps(appel, ensure_ascii=False), encoding="utf-8")
        Path(retour_dehors).unlink(missing_ok=True)
        self._noyau(f"__import__('atelier.correction.donnees').correction.donnees.appeler(globals(), {nom!r}, {entree!r}, {retour!r})", index)
        return {"fichier": retour}

    def _marquer_non_executees(self, cause: str, depuis: int | None) -> None:
        messages = {
            "noyau_arrete": "le noyau Python s'est arrêté pendant cette cellule (sortie du programme ou plantage).",
            "noyau_bloque": "le noyau ne répondait plus après l'interruption ; il a été arrêté.",
            "delai_notebook": f"le délai total du notebook ({self.delai_notebook} s) est dépassé.",
            "demarrage": "le noyau Python n'a pas pu démarrer.",
        }
        depuis = 0 if depuis is None else depuis
        self._evenement(cause, depuis, delai=self.delai_notebook)
        for index, cell in enumerate(self.nb.cells):
            if index < depuis or cell.cell_type != "code" or not cell.source.strip():
                continue
            cell.setdefault("outputs", [])
            if index == depuis and cause in ("noyau_arrete", "noyau_bloque"):
                cell.outputs.append(_erreur(ENAME_NOYAU, messages[cause]))
            else:
                cell.outputs = [_erreur(ENAME_NON_EXECUTEE, "cellule non exécutée : " + messages[cause])]

    # -- output cap ---------------------------------------------------------------------

    def output(self, outs, msg, display_id, cell_index):
        taille = len(json.dumps(msg.get("content", {}), default=str))
        total = self._octets.get(cell_index, 0) + taille
        self._octets[cell_index] = total
        if total <= self.octets_par_cellule:
            return super().output(outs, msg, display_id, cell_index)
        if cell_index not in self._tronquees:
            self._tronquees.add(cell_index)
            self._evenement("sortie_tronquee", cell_index, octets=self.octets_par_cellule)
            outs.append(NotebookNode(output_type="stream", name="stdout",
                                     text=f"\n[… sortie tronquée : plus de {self.octets_par_cellule // 1000} ko …]\n"))
        type_ = msg["msg_type"]
        contenu = msg.get("content", {})
        # Never drop what decides a grade: errors, stderr, and the result of the last expression.
        if type_ == "error":
            outs.append(NotebookNode(output_type="error", ename=str(contenu.get("ename", ""))[:200],
                                     evalue=str(contenu.get("evalue", ""))[:2000],
                                     traceback=[str(t)[:2000] for t in contenu.get("traceback", [])[-20:]]))
        elif type_ == "stream" and contenu.get("name") == "stderr" and not any(
            o.get("output_type") == "stream" and o.get("name") == "stderr" for o in outs
        ):
            outs.append(NotebookNode(output_type="stream", name="stderr", text=str(contenu.get("text", ""))[:2000]))
        elif type_ == "execute_result":
            donnees = {k: (v[:10000] if isinstance(v, str) else v) for k, v in contenu.get("data", {}).items() if k == "text/plain"}
            outs.append(NotebookNode(output_type="execute_result", data=donnees, metadata={},
                                     execution_count=contenu.get("execution_count")))
        return None
