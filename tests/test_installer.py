"""The agent's own installation (installer.sh / installer.ps1 → scripts/installer.py), from a clean clone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import installer  # noqa: E402


def test_the_working_copy_gets_new_exercises_and_never_loses_the_learner_s_work(tmp_path):
    copie = tmp_path / "mes-exercices"
    ajoutes = installer.copier_les_exercices(copie)
    releases = sorted(p.relative_to(ROOT / "exercises") for p in (ROOT / "exercises").rglob("*.ipynb"))
    assert sorted(p.relative_to(copie) for p in ajoutes) == releases
    travail = ajoutes[0]
    travail.write_text("mon travail", encoding="utf-8")
    (ajoutes[1]).unlink()  # an exercise the learner deleted comes back, the others stay as they are
    assert installer.copier_les_exercices(copie) == [ajoutes[1]]
    assert travail.read_text(encoding="utf-8") == "mon travail"


@pytest.mark.slow
@pytest.mark.xdist_group("installer")
def test_the_linux_command_sets_everything_up_from_a_clean_clone(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    outils = tmp_path / "bin"  # uv alone on PATH (pinned in requirements.txt), not this environment's Python
    outils.mkdir()
    (outils / "uv").symlink_to(Path(sys.executable).parent / "uv")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON", "UV_"))}
    python311 = Path(sys.base_prefix) / "bin"  # the Python 3.11 this environment was made from (uv finds it)
    env.update(PATH=os.pathsep.join([str(outils), str(python311), "/usr/bin", "/bin"]), HOME=str(tmp_path),
               UV_CACHE_DIR=str(tmp_path / "cache"))
    if os.environ.get("PIP_FIND_LINKS"):  # the same local wheels pip uses on this machine
        env["UV_FIND_LINKS"] = os.environ["PIP_FIND_LINKS"]
    resultat = subprocess.run(["sh", "installer.sh"], cwd=clone, env=env, capture_output=True, text=True, timeout=1200)
    assert resultat.returncode == 0, resultat.stdout[-3000:] + resultat.stderr[-3000:]
    assert "C'est prêt" in resultat.stdout
    python = clone / ".venv" / "bin" / "python"
    verification = subprocess.run(
        [str(python), "-c", "import atelier, geopandas, nbgrader, jupyterlab_language_pack_fr_FR; print(atelier.RACINE)"],
        capture_output=True, text=True, env=env, cwd=tmp_path)
    assert verification.stdout.strip() == str(clone), verification.stderr
    for nom, destination in installer.CONFIGURATION_JUPYTERLAB.items():
        assert (clone / ".venv" / destination).read_bytes() == (ROOT / "config" / "jupyterlab" / nom).read_bytes()
    assert len(list((clone / "mes-exercices").rglob("*.ipynb"))) == len(list((ROOT / "exercises").rglob("*.ipynb")))
    lanceur = clone / "lancer-jupyterlab.sh"
    assert os.access(lanceur, os.X_OK) and "lab/tree/mes-exercices" in lanceur.read_text()
    statut = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True).stdout
    assert statut == "", f"the installation left files git would see:\n{statut}"
