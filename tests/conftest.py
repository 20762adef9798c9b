"""Shared fixtures: the repository's layout and one book build for every test that needs it."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import subprocess
import sys
from pathlib import Path

import pytest

from tests.offline import run_offline

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _notebooks(folder: str) -> list[Path]:
    # JupyterLab's checkpoints (a notebook opened in a local lab) are not part of the repository
    return sorted(p for p in (ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def lesson_notebooks() -> list[Path]:
    return _notebooks("notebooks")


def solution_notebooks() -> list[Path]:
    return _notebooks("solutions")


def release_notebooks() -> list[Path]:
    return _notebooks("exercises")


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


def launch_chromium(playwright):
    """Debian's chromium, headless, with none of its own background requests."""
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is required (make test installs it)"
    return playwright.chromium.launch(
        executable_path=chromium,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run"],
    )


@pytest.fixture(scope="module")
def offline_chromium():
    """Chromium with every request blocked but loopback; opens a URL and reports what it tried to reach."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)

        def visit(url: str, timeout: float = 30_000):
            context = browser.new_context()
            blocked, errors = [], []

            def route(route):
                if route.request.url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "about:", "blob:")):
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.on("console", lambda message: message.type == "error" and errors.append(message.text))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(url, timeout=timeout)
            page.wait_for_load_state("networkidle", timeout=timeout)
            return page, blocked, errors

        yield visit
        browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # one line per file served would drown the test report
        pass


@pytest.fixture(scope="module")
def browser_pages(built_book, offline_chromium):
    """Serve the built site on loopback and open its pages in chromium with the outside world blocked."""
    handler = functools.partial(_QuietHandler, directory=str(built_book.html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    yield lambda path: offline_chromium(base + path)
    server.shutdown()


def folium_maps(page, path: str) -> list:
    """The frames of a page that hold a folium map, each checked to draw at least one feature."""
    frames = [f for f in page.frames if f is not page.main_frame and f.locator(".leaflet-container").count() > 0]
    for frame in frames:
        drawn = frame.locator("path.leaflet-interactive, .leaflet-marker-icon").count()
        assert drawn > 0, f"{path}: a folium map shows no feature"
    return frames
