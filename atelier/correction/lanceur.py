"""Start one learner's Jupyter kernel inside its sandbox (grading only).

    python -I -S lanceur.py SETTINGS.json -- python -m ipykernel_launcher -f CONNECTION.json ...

The grading worker (atelier/correction/bac_a_sable.py) runs this script instead of the kernel
command. It is executed by path with ``-I -S`` and imports nothing but the standard
library, so it starts in a few milliseconds and cannot be influenced by PYTHONPATH.

In the strongest mode it runs as root inside a fresh mount namespace (``unshare
--mount``, private propagation), and before exec'ing the real kernel it:

0. makes the Python installation and the packages reachable by an unprivileged user (when
   one of their folders is private, only they are exposed, read-only);
1. hides the paths listed in ``masquer`` (the repository's solutions/, tests/ and .git/,
   the output folder holding the gradebook and the other learners' copies, the folder of
   submissions) behind empty read-only tmpfs mounts;
2. gives the kernel a private, size-limited ``/tmp`` (and ``/var/tmp``, ``/dev/shm``,
   ``/run/lock``): the only world-writable places of a standard Linux system; what step 0
   exposes from under them (a repository cloned in /tmp) is bound back, read-only;
3. bind-mounts the notebook's fresh working directory at ``/tmp/travail`` (also HOME) and
   the folder holding the kernel's ``sitecustomize`` (read-only) at ``/tmp/.site``;
4. opens the audit log (root-owned) and leaves the descriptor to the kernel;
5. drops to an unprivileged user id that belongs to this job alone (no capabilities: it
   can neither undo the mounts nor read the root-only course folders);
6. asks Linux to kill the kernel if its parent (the grading worker) dies.

Without root (``uid`` is null) only the resource limits, the working directory, the
audit descriptor and the parent-death signal apply.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import subprocess
import sys

PR_SET_PDEATHSIG = 1
WORLD_WRITABLE = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")
INSIDE_WORKDIR = "/tmp/travail"
INSIDE_SITE = "/tmp/.site"


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _hide(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        _mount("-t", "tmpfs", "-o", "ro,nosuid,nodev,noexec,size=16k,mode=000", "tmpfs", path)
    elif os.path.isfile(path):
        _mount("--bind", "/dev/null", path)


def _expose(paths: list[str]) -> None:
    """Make ``paths`` (the Python installation, the packages) reachable by an unprivileged user.

    When one of their ancestors is not world-traversable (a Python installed under /root,
    a repository in a private home), that ancestor is covered by an empty tmpfs into which
    only these paths are bind-mounted, read-only: the rest of it stays out of reach.
    """
    groups: dict[str, list[tuple[str, int]]] = {}
    for path in dict.fromkeys(os.path.realpath(p) for p in paths):
        if not os.path.exists(path):
            continue
        parts = path.strip("/").split("/")
        ancestor = None
        for depth in range(1, len(parts)):
            candidate = "/" + "/".join(parts[:depth])
            if not os.stat(candidate).st_mode & 0o001:
                ancestor = candidate
                break
        if ancestor is not None:
            groups.setdefault(ancestor, []).append((path, os.open(path, os.O_PATH)))
    for ancestor, entries in groups.items():
        _mount("-t", "tmpfs", "-o", "nosuid,nodev,size=64k,mode=755", "tmpfs", ancestor)
        _rebind(entries)


def _under(path: str, roots) -> bool:
    return any(path == root or path.startswith(root + "/") for root in roots)


def _keep(paths: list[str], roots) -> list[tuple[str, int]]:
    """Hold the exposed paths that lie under ``roots`` (a repository cloned in /tmp, say), by descriptor."""
    kept = []
    for path in dict.fromkeys(os.path.realpath(p) for p in paths):
        if os.path.exists(path) and _under(path, roots):
            kept.append((path, os.open(path, os.O_PATH)))
    return kept


def _rebind(kept: list[tuple[str, int]]) -> None:
    """Put paths held by descriptor back, read-only, inside the fresh tmpfs that now covers them."""
    for path, fd in kept:
        os.makedirs(os.path.dirname(path), mode=0o755, exist_ok=True)
        if os.path.isdir(f"/proc/{os.getpid()}/fd/{fd}"):
            os.makedirs(path, mode=0o755, exist_ok=True)
        else:
            open(path, "a").close()
        _mount("--no-canonicalize", "--bind", f"/proc/{os.getpid()}/fd/{fd}", path)
        _mount("-o", "remount,bind,ro", path)
        os.close(fd)


def _limit(name: str, value: int | None) -> None:
    if value is None:
        return
    which = getattr(resource, name)
    soft, hard = resource.getrlimit(which)
    value = int(value)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, value if name != "RLIMIT_CPU" else max(value, value + 5)))


def main(argv: list[str]) -> int:
    settings_path, separator, *command = argv
    assert separator == "--", "usage: lanceur.py SETTINGS.json -- KERNEL COMMAND"
    with open(settings_path, encoding="utf-8") as handle:
        settings = json.load(handle)
    workdir = settings["dossier"]
    uid, gid = settings.get("uid"), settings.get("gid")
    env = dict(os.environ)

    # The audit log is opened before anything is hidden or any privilege dropped.
    audit_fd = os.open(settings["audit"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.set_inheritable(audit_fd, True)
    env["ATELIER_AUDIT_FD"] = str(audit_fd)

    read_only = bool(settings.get("lecture_seule"))  # the verdict process: reads the working folder only
    if uid is not None:
        index = command.index("-f") + 1 if "-f" in command else None
        connection = None
        if index is not None:
            with open(command[index], encoding="utf-8") as handle:
                connection = handle.read()
        workdir_fd = os.open(workdir, os.O_RDONLY | os.O_DIRECTORY)
        site_fd = os.open(settings["site"], os.O_RDONLY | os.O_DIRECTORY) if settings.get("site") else None
        _expose(settings.get("exposer", []))
        for path in settings.get("masquer", []):
            _hide(path)
        private = [os.path.realpath(p) for p in WORLD_WRITABLE if os.path.isdir(p)]
        kept = _keep(settings.get("exposer", []), private)
        for path in private:
            _mount("-t", "tmpfs", "-o", f"nosuid,nodev,size={settings.get('tmp_mo', 256)}m,mode=1777", "tmpfs", path)
        _rebind(kept)
        for path in settings.get("masquer", []):
            real = os.path.realpath(path)
            if _under(real, [p for p, _ in kept]):
                _hide(real)
        os.mkdir(INSIDE_WORKDIR, 0o700)
        _mount("--no-canonicalize", "--bind", f"/proc/{os.getpid()}/fd/{workdir_fd}", INSIDE_WORKDIR)
        os.close(workdir_fd)
        if site_fd is not None:
            os.mkdir(INSIDE_SITE, 0o755)
            _mount("--no-canonicalize", "--bind", f"/proc/{os.getpid()}/fd/{site_fd}", INSIDE_SITE)
            _mount("-o", "remount,bind,ro", INSIDE_SITE)
            os.close(site_fd)
        if read_only:
            _mount("-o", "remount,bind,ro", INSIDE_WORKDIR)
        else:
            os.chown(INSIDE_WORKDIR, uid, gid)
        if connection is not None:
            kernel_dir = "/tmp/.noyau"
            os.mkdir(kernel_dir, 0o700)
            os.chown(kernel_dir, uid, gid)
            connection_file = os.path.join(kernel_dir, "connexion.json")
            with open(connection_file, "w", encoding="utf-8") as handle:
                handle.write(connection)
            os.chmod(connection_file, 0o600)
            os.chown(connection_file, uid, gid)
            command[index] = connection_file
        workdir = INSIDE_WORKDIR
        env["PWD"] = workdir

    os.chdir(workdir)
    os.umask(0o022)
    limits = settings.get("limites", {})
    _limit("RLIMIT_AS", limits.get("memoire"))
    _limit("RLIMIT_FSIZE", limits.get("fichier"))
    _limit("RLIMIT_CPU", limits.get("cpu"))
    _limit("RLIMIT_CORE", 0)
    _limit("RLIMIT_NOFILE", limits.get("fichiers_ouverts", 1024))
    if uid is not None:
        _limit("RLIMIT_NPROC", limits.get("processus", 512))
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != settings.get("parent", os.getppid()):  # the worker is already gone
        return 1
    os.execvpe(command[0], command, env)
    return 1  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
