"""The learners' JupyterLab (config/jupyterlab/): French, no news pop-up, no teacher tools; and every
menu path the guides and exercises name exists, word for word, in the pinned French language pack."""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT, launch_chromium

LANGUAGE_PACK = Path(sys.prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / \
    "site-packages" / "jupyterlab_language_pack_fr_FR" / "locale" / "fr_FR" / "LC_MESSAGES" / "jupyterlab.json"
NBGRADER_LAB = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader" / "static"
MENU_PATH = re.compile(r"(?:\*\*|\*|«\s?)([^*«»\n]{1,40}(?: › [^*«»\n]{1,90})+?)(?:\*\*|\*|\s?»)")
pytestmark = pytest.mark.xdist_group("jupyterlab")  # one worker starts the JupyterLabs of this file
TEACHER_TOOLS = {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                 "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:validate-assignment"}


def _texts_for_learners():
    for path in [*ROOT.glob("book/**/*.md"), ROOT / "README.md", *ROOT.glob("notebooks/**/*.ipynb"),
                 *ROOT.glob("solutions/**/*.ipynb")]:
        yield path, path.read_text(encoding="utf-8").replace("\\n\",\n    \"", " ")


def _labels() -> dict:
    """Labels of the pinned JupyterLab, English (the pack's keys) and French (its translations): the
    main menu's titles, and every other label; nbgrader's lab extension has English labels only."""
    messages = json.loads(LANGUAGE_PACK.read_text(encoding="utf-8"))
    labels = {"menus en": set(), "menus fr": set(), "en": set(), "fr": set()}
    for key, value in messages.items():
        if key and isinstance(value, list):
            context, _, english = key.rpartition("\x04")
            labels["menus en" if context == "menu" else "en"].add(english)
            labels["menus fr" if context == "menu" else "fr"].update(value)
    nbgrader = set(re.findall(r'label\s*[:=]\s*"([^"]+)"', "".join(p.read_text() for p in NBGRADER_LAB.glob("*.js"))))
    assert {"Nbgrader", "Formgrader"} <= nbgrader, "nbgrader's labels are no longer found in its lab extension"
    labels["menus fr"] |= {"Nbgrader"}  # shown in English in the French interface
    labels["fr"] |= nbgrader
    return labels


def test_every_menu_path_in_the_guides_is_the_pinned_jupyterlab_s():
    labels = _labels()
    paths = [(p, m.group(1)) for p, text in _texts_for_learners() for m in MENU_PATH.finditer(text)]
    assert len(paths) >= 5, "the menu-path pattern no longer finds the guides' menu paths"
    wrong = []
    for path, menu in paths:
        steps = [s.strip() for s in re.sub(r"\s+", " ", menu).split("›")]
        if not (steps[0] in labels["menus fr"] and all(s in labels["fr"] | labels["menus fr"] for s in steps[1:])):
            wrong.append(f"{path.relative_to(ROOT)}: « {menu} »")
    assert not wrong, "menu paths the French JupyterLab 4.6 does not show:\n" + "\n".join(wrong)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """Start JupyterLab as `make lab` and `make lab-correcteur` do, on loopback; stop it afterwards."""
    started = []

    def start(config_dir: Path | None):
        home = tmp_path_factory.mktemp("lab")
        port, token = _free_port(), secrets.token_hex(16)
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(config_dir or home / "config"),
               "JUPYTER_PREFER_ENV_PATH": "1" if config_dir is None else "0",
               "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(home / "ws"),
               "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "HOME": str(home)}
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
             f"--ServerApp.port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}", "--allow-root",
             # an opened notebook's checkpoint goes to the test's folder, not next to the lesson
             f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            if process.poll() is not None:
                break
            try:
                if requests.get(f"{base}/api/status?token={token}", timeout=2).ok:
                    return base, token
            except requests.ConnectionError:
                time.sleep(0.5)
        process.kill()
        pytest.fail(f"JupyterLab did not start: {process.stderr.read()[-2000:]}")

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=30)
    assert all(p.poll() is not None for p in started)


def _page_config(base: str, token: str) -> dict:
    page = requests.get(f"{base}/lab?token={token}", timeout=30).text
    return json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S).group(1))


def test_learners_do_not_get_the_teacher_tools_and_graders_do(jupyterlab):
    learner = _page_config(*jupyterlab(None))
    assert TEACHER_TOOLS <= set(learner["disabledExtensions"])
    assert "@jupyter/nbgrader:assignment-list" not in learner["disabledExtensions"]
    grader = _page_config(*jupyterlab(ROOT / "config" / "jupyterlab" / "grader"))
    assert not TEACHER_TOOLS & set(grader["disabledExtensions"])


@contextlib.contextmanager
def _lab_page(base: str):
    """A chromium page that may reach this JupyterLab and nothing else; yields it and the refused addresses."""
    from playwright.sync_api import sync_playwright

    outside = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context()
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                      else (outside.append(r.request.url), r.abort()))
        yield context.new_page(), outside
        browser.close()


def test_jupyterlab_is_in_french_with_no_news_pop_up(jupyterlab):
    base, token = jupyterlab(None)
    with _lab_page(base) as (page, outside):
        page.goto(f"{base}/lab?token={token}")
        page.wait_for_selector(".lm-MenuBar-itemLabel", timeout=60000)
        page.wait_for_timeout(3000)  # the news question would appear by now
        menus = page.locator(".lm-MenuBar-itemLabel").all_text_contents()
        toasts = page.locator(".Toastify__toast").all_text_contents()
    assert {"Fichier", "Édition", "Affichage", "Exécution", "Noyau", "Aide"} <= set(menus), menus
    assert not toasts, f"a notification covers the page: {toasts}"
    assert not outside, f"JupyterLab tried to reach {outside}"


def test_trainers_present_a_lesson_live_with_rise(jupyterlab):
    """jupyterlab-rise cuts the lesson by the slideshow metadata the decks use, and runs its cells, offline."""
    import nbformat

    lesson = "notebooks/00-prise-en-main/01-decouvrir-le-notebook.ipynb"
    cells = nbformat.read(ROOT / lesson, as_version=4).cells
    slides = sum(c.metadata.get("slideshow", {}).get("slide_type") == "slide" for c in cells)
    first_code = next(c.source for c in cells if c.cell_type == "code"
                      and c.metadata["slideshow"]["slide_type"] not in ("skip", "notes"))
    base, token = jupyterlab(None)
    with _lab_page(base) as (page, outside):
        page.goto(f"{base}/rise/{lesson}?token={token}")
        page.wait_for_selector(".reveal .slides > section", timeout=60000)
        shown = page.locator(".reveal .slides > section").count()
        for _ in range(len(cells)):  # forward to the first slide that holds code
            if page.locator(".reveal section.present .jp-CodeCell").count():
                break
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(300)
        cell = page.locator(".reveal section.present .jp-CodeCell").first
        source = cell.locator(".cm-content").inner_text()
        cell.locator(".cm-content").click()
        page.keyboard.press("Shift+Enter")
        output = cell.locator(".jp-OutputArea-output").first
        output.wait_for(timeout=60000)
        result = output.inner_text().strip()
        failed = cell.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count()
    assert shown == slides, f"RISE shows {shown} slides, the notebook's metadata opens {slides}"
    assert source.strip() == first_code.strip(), "the first code slide is not the lesson's first code cell"
    assert result and not failed, f"the cell did not run live: « {result} »"
    assert not outside, f"the live slideshow tried to reach {outside}"
