"""Start one learner's Jupyter kernel inside its sandbox (grading only).

    python -I -S lanceur.py SETTINGS.json -- python -m ipykernel_launcher -f CONNECTION.json ...

The grading worker (atelier/correction/bac_a_sable.py) runs this script instead of the kernel
command. It is executed by path with ``-I -S`` and imports nothing but the standard
library, so it starts in a few milliseconds and cannot be influenced by PYTHONPATH.

In the strongest mode it runs as root inside a fresh mount namespace (``unshare
--mount``, private propagation), and before exec'ing the real kernel it:

1. builds a new root file system from an **allow-list**, in a private tmpfs: the system's
   programs and libraries (``/usr``, ``/etc`` and the top-level links to them), the Python
   installation and the packages, the ``atelier`` package and the sample data, each bound
   read-only; a few device nodes; ``/proc``; a private, size-limited ``/tmp``. Nothing else of
   the machine exists in it: no solutions, no tests, no gradebook, no other copy, no home;
2. binds the notebook's fresh working directory at ``/tmp/travail`` (also HOME; read-only for
   the verdict process) and the folder holding the kernel's ``sitecustomize`` (read-only) at
   ``/tmp/.site``, then hides any ``masquer`` path that an allowed folder would contain;
3. opens the audit log (root-owned) and leaves the descriptor to the kernel;
4. enters that root (``chroot``) and drops to an unprivileged user id that belongs to this
   job alone (no capabilities: it can neither undo the mounts nor leave the root);
5. asks Linux to kill the kernel if its parent (the grading worker) dies.

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
INSIDE_WORKDIR = "/tmp/travail"
INSIDE_SITE = "/tmp/.site"


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


SYSTEM = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
DEVICES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom")
NEW_ROOT = "/tmp/.racine"


def _hide(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        _mount("-t", "tmpfs", "-o", "ro,nosuid,nodev,noexec,size=16k,mode=000", "tmpfs", path)
    elif os.path.isfile(path):
        _mount("--bind", "/dev/null", path)


def _under(path: str, roots) -> bool:
    return any(path == root or path.startswith(root + "/") for root in roots)


def _bind(fd: int, target: str, read_only: bool) -> None:
    """Bind what descriptor ``fd`` holds at ``target`` (created as an empty file or folder)."""
    source = f"/proc/{os.getpid()}/fd/{fd}"
    os.makedirs(os.path.dirname(target), mode=0o755, exist_ok=True)
    if os.path.isdir(source):
        os.makedirs(target, mode=0o755, exist_ok=True)
    elif not os.path.exists(target):
        open(target, "a").close()
    _mount("--no-canonicalize", "--bind", source, target)
    if read_only:
        _mount("-o", "remount,bind,ro,nosuid,nodev", target)


def _new_root(settings: dict, workdir_fd: int, site_fd: int | None, read_only: bool) -> str:
    """Build the allow-listed root of the kernel (or of the verdict process); return its path."""
    links, held = [], []
    for path in SYSTEM:
        if os.path.islink(path):
            links.append((path, os.readlink(path)))
        elif os.path.isdir(path):
            held.append((path, os.open(path, os.O_PATH)))
    for path in dict.fromkeys(os.path.realpath(p) for p in settings.get("exposer", [])):
        if os.path.exists(path) and not _under(path, SYSTEM):
            held.append((path, os.open(path, os.O_PATH)))
    devices = [(d, os.open(d, os.O_PATH)) for d in DEVICES if os.path.exists(d)]
    # Everything is held by descriptor: the host's /tmp may now be covered.
    _mount("-t", "tmpfs", "-o", "nosuid,nodev,size=1m,mode=755", "tmpfs", "/tmp")
    os.mkdir(NEW_ROOT, 0o755)
    _mount("-t", "tmpfs", "-o", "nosuid,nodev,size=1m,mode=755", "tmpfs", NEW_ROOT)
    os.mkdir(f"{NEW_ROOT}/tmp", 0o1777)
    _mount("-t", "tmpfs", "-o", f"nosuid,nodev,size={settings.get('tmp_mo', 256)}m,mode=1777", "tmpfs", f"{NEW_ROOT}/tmp")
    for path, target in links:
        os.symlink(target, NEW_ROOT + path)
    for path, fd in held + devices:
        _bind(fd, NEW_ROOT + path, read_only=path not in DEVICES)
        os.close(fd)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                         ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{NEW_ROOT}/dev/{name}")
    os.makedirs(f"{NEW_ROOT}/dev/shm", 0o755)
    _mount("-t", "tmpfs", "-o", "nosuid,nodev,size=64m,mode=1777", "tmpfs", f"{NEW_ROOT}/dev/shm")
    os.mkdir(f"{NEW_ROOT}/proc", 0o555)
    _mount("--rbind", "/proc", f"{NEW_ROOT}/proc")
    _bind(workdir_fd, NEW_ROOT + INSIDE_WORKDIR, read_only=read_only)
    if site_fd is not None:
        _bind(site_fd, NEW_ROOT + INSIDE_SITE, read_only=True)
    for path in settings.get("masquer", []):
        inside = NEW_ROOT + os.path.realpath(path)
        if os.path.lexists(inside):
            _hide(inside)
    return NEW_ROOT


def _drop_capabilities() -> None:
    """Give up every capability for good (bounding set, effective, permitted, ambient; no regain on exec)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in range(64):
        libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP (fails quietly past the last capability)
    libc.prctl(47, 4, 0, 0, 0)  # PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL
    # SECBIT_NOROOT, NO_SETUID_FIXUP, KEEP_CAPS_LOCKED and their locks: uid 0 gains nothing on exec.
    if libc.prctl(28, 0x2F, 0, 0, 0) != 0:  # PR_SET_SECUREBITS
        raise OSError(ctypes.get_errno(), "PR_SET_SECUREBITS")
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable: empty (two 32-bit words)
    if libc.capset(header, data) != 0:
        raise OSError(ctypes.get_errno(), "capset")
    libc.prctl(38, 1, 0, 0, 0)  # PR_SET_NO_NEW_PRIVS


def _limit(name: str, value: int | None) -> None:
    if value is None:
        return
    which = getattr(resource, name)
    soft, hard = resource.getrlimit(which)
    value = int(value)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, value if name != "RLIMIT_CPU" else max(value, value + 5)))


def entrer(settings: dict, command: list[str], env: dict) -> None:
    """Everything but the exec: audit log, allow-listed root, limits, user, parent-death signal.

    ``command`` (the kernel's, which names its connection file after ``-f``) and ``env`` are
    updated in place. The verdict process is forked by the worker and calls this directly.
    """
    workdir = settings["dossier"]
    uid, gid = settings.get("uid"), settings.get("gid")

    # The audit log is opened before anything is hidden or any privilege dropped.
    audit_fd = os.open(settings["audit"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.set_inheritable(audit_fd, True)
    env["ATELIER_AUDIT_FD"] = str(audit_fd)

    read_only = bool(settings.get("lecture_seule"))  # the verdict process: reads the working folder only
    allow_list = uid is not None or bool(settings.get("racine_autorisee"))
    if allow_list:
        index = command.index("-f") + 1 if "-f" in command else None
        connection = None
        if index is not None:
            with open(command[index], encoding="utf-8") as handle:
                connection = handle.read()
        workdir_fd = os.open(workdir, os.O_RDONLY | os.O_DIRECTORY)
        site_fd = os.open(settings["site"], os.O_RDONLY | os.O_DIRECTORY) if settings.get("site") else None
        root = _new_root(settings, workdir_fd, site_fd, read_only)
        for fd in (workdir_fd, site_fd):
            if fd is not None:
                os.close(fd)
        if not read_only and uid is not None:
            os.chown(root + INSIDE_WORKDIR, uid, gid)
        if connection is not None:
            kernel_dir = root + "/tmp/.noyau"
            os.mkdir(kernel_dir, 0o700)
            connection_file = os.path.join(kernel_dir, "connexion.json")
            with open(connection_file, "w", encoding="utf-8") as handle:
                handle.write(connection)
            os.chmod(connection_file, 0o600)
            if uid is not None:
                os.chown(kernel_dir, uid, gid)
                os.chown(connection_file, uid, gid)
            command[index] = "/tmp/.noyau/connexion.json"
        os.chroot(root)
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
    elif allow_list:
        _drop_capabilities()  # root of a user namespace: keep its uid, lose every power over the mounts
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def main(argv: list[str]) -> int:
    settings_path, separator, *command = argv
    assert separator == "--", "usage: lanceur.py SETTINGS.json -- KERNEL COMMAND"
    with open(settings_path, encoding="utf-8") as handle:
        settings = json.load(handle)
    env = dict(os.environ)
    entrer(settings, command, env)
    if os.getppid() != settings.get("parent", os.getppid()):  # the worker is already gone
        return 1
    os.execvpe(command[0], command, env)
    return 1  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
