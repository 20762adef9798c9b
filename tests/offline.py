"""Run a command with the network unavailable.

Preferred: a new network namespace (`unshare -n`, loopback only), which cuts every
process the command starts, Jupyter kernels included. Where namespaces are not
permitted, a sitecustomize module (tests/sans_reseau/) makes every Python process
of the command refuse non-loopback connections and DNS look-ups.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

GUARD = Path(__file__).resolve().parent / "sans_reseau"


@functools.cache
def namespaces_available() -> bool:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    probe = subprocess.run(["unshare", "-n", "ip", "link", "set", "lo", "up"], capture_output=True)
    return probe.returncode == 0


def offline_command(command: list[str]) -> list[str]:
    if namespaces_available():
        return ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *command]
    return command


def offline_env(env: dict | None = None) -> dict:
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(GUARD), env.get("PYTHONPATH", "")) if p)
    env["ATELIER_SANS_RESEAU"] = "1"
    env.pop("ATELIER_EN_DIRECT", None)
    return env


def run_offline(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run ``command`` with no network: namespace if possible, Python guard always."""
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    return subprocess.run(offline_command(command), env=offline_env(kwargs.pop("env", None)), **kwargs)
