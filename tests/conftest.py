"""Shared fixtures: the repository's layout and one book build for every test that needs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.offline import run_offline

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def lesson_notebooks() -> list[Path]:
    return sorted((ROOT / "notebooks").rglob("*.ipynb"))


def solution_notebooks() -> list[Path]:
    return sorted((ROOT / "solutions").rglob("*.ipynb"))


def release_notebooks() -> list[Path]:
    return sorted((ROOT / "exercises").rglob("*.ipynb"))


def tool_env() -> dict:
    """Environment with the venv's bin/ first (nbgrader calls `alembic` through PATH)."""
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


@pytest.fixture
def offline(monkeypatch):
    """Offline mode on the repository's recordings, with every real network connection forbidden."""
    import socket

    import atelier
    from atelier import hors_ligne

    monkeypatch.delenv(hors_ligne.VARIABLE_DIRECT, raising=False)
    monkeypatch.delenv(hors_ligne.VARIABLE_ENREGISTRER, raising=False)

    def no_network(*args, **kwargs):
        raise AssertionError(f"a real network connection was attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    atelier.mode_hors_ligne(hors_ligne.DOSSIER_ENREGISTREMENTS, silencieux=True)
    yield
    hors_ligne._arreter()


class BookBuild:
    def __init__(self, html: Path, log: str, returncode: int):
        self.html = html
        self.log = log
        self.returncode = returncode


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> BookBuild:
    """A cold build of the whole book, offline, as `make book` does it."""
    output = tmp_path_factory.mktemp("book")
    env = {**tool_env(), "PLOTLY_RENDERER": "plotly_mimetype"}
    result = run_offline(
        [str(BIN / "jupyter-book"), "build", str(ROOT), "--path-output", str(output), "--keep-going"],
        env=env, cwd=ROOT, timeout=1800,
    )
    log = result.stdout + result.stderr
    return BookBuild(output / "_build" / "html", log, result.returncode)
