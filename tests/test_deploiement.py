"""The deployment for a cohort (deploiement/): what can be checked without a cluster nor a container runtime.

* the Zero to JupyterHub values file, merged with the chart's defaults as Helm merges them,
  passes the chart's values schema (copies in tests/fixtures/z2jh/, see its README);
* the image builds its Python environment from the project's lock and leaves out the hidden tests;
* the image's Jupyter settings make the same choices as the workshop hub's learner servers.

Not checked here: that the image builds (no container runtime in the tests) and that the chart
installs (no cluster).
"""

from __future__ import annotations

import copy
import hashlib
import json
import re

import jsonschema
import pytest
import yaml

from atelier.hub.etat import COURS
from atelier.hub.poste import EXTENSIONS_SERVEUR_COUPEES
from tests.conftest import ROOT

DEPLOIEMENT = ROOT / "deploiement"
Z2JH = ROOT / "tests" / "fixtures" / "z2jh"


def fusion(defauts: dict, valeurs: dict) -> dict:
    """Helm's merge of user values into a chart's defaults: dictionaries deep, everything else replaced."""
    resultat = copy.deepcopy(defauts)
    for cle, valeur in valeurs.items():
        if isinstance(valeur, dict) and isinstance(resultat.get(cle), dict):
            resultat[cle] = fusion(resultat[cle], valeur)
        else:
            resultat[cle] = copy.deepcopy(valeur)
    return resultat


@pytest.fixture(scope="module")
def schema():
    return yaml.safe_load((Z2JH / "values.schema.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def valeurs():
    return yaml.safe_load((DEPLOIEMENT / "zero-to-jupyterhub" / "values.yaml").read_text(encoding="utf-8"))


def test_the_schema_copies_are_the_bytes_named_in_their_readme():
    readme = (Z2JH / "README.md").read_text(encoding="utf-8")
    for nom in ("values.schema.yaml", "values.yaml"):
        (empreinte,) = re.findall(rf"^\| {re.escape(nom)} \|.*\| ([0-9a-f]{{64}}) \|$", readme, re.MULTILINE)
        assert hashlib.sha256((Z2JH / nom).read_bytes()).hexdigest() == empreinte, nom


def test_the_values_file_passes_the_chart_schema(schema, valeurs):
    defauts = yaml.safe_load((Z2JH / "values.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(fusion(defauts, valeurs), schema)


def test_the_schema_check_catches_a_misspelt_key(schema, valeurs):
    """The check above can fail: a key the chart does not know is refused."""
    defauts = yaml.safe_load((Z2JH / "values.yaml").read_text(encoding="utf-8"))
    faute = copy.deepcopy(valeurs)
    faute["singleuser"]["memoire"] = faute["singleuser"].pop("memory")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(fusion(defauts, faute), schema)


def test_the_exchange_is_one_shared_volume_mounted_where_nbgrader_looks(valeurs):
    singleuser = valeurs["singleuser"]
    (volume,) = singleuser["storage"]["extraVolumes"]
    (montage,) = singleuser["storage"]["extraVolumeMounts"]
    pvc = yaml.safe_load((DEPLOIEMENT / "zero-to-jupyterhub" / "echange-pvc.yaml").read_text(encoding="utf-8"))
    assert volume["persistentVolumeClaim"]["claimName"] == pvc["metadata"]["name"] == montage["name"]
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]
    nbgrader = (DEPLOIEMENT / "jupyter" / "nbgrader_config.py").read_text(encoding="utf-8")
    assert f'c.Exchange.root = "{montage["mountPath"]}"' in nbgrader
    assert f'c.CourseDirectory.course_id = "{COURS}"' in nbgrader
    assert f'"{COURS}"' in (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    assert singleuser["extraEnv"]["ATELIER_HUB_ECHANGE"] == montage["mountPath"]


def test_the_image_installs_the_lock_and_leaves_out_the_hidden_tests():
    dockerfile = (DEPLOIEMENT / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install --no-cache-dir -r /opt/formation/requirements.txt" in dockerfile
    assert "COPY requirements.txt /opt/formation/requirements.txt" in dockerfile
    assert "FROM python:3.11" in dockerfile
    ignores = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {"solutions", "tests", ".venv", ".hub"} <= set(ignores)


def test_the_image_hides_the_grader_tools_like_the_hub(valeurs):
    # the learners' JupyterLab settings (French, no teacher tools) go into the image's environment, as make setup does
    dockerfile = (DEPLOIEMENT / "Dockerfile").read_text(encoding="utf-8")
    assert "scripts/installer.py --jupyterlab-seulement --venv /opt/venv" in dockerfile
    serveur = (DEPLOIEMENT / "jupyter" / "jupyter_server_config.py").read_text(encoding="utf-8")
    for extension in EXTENSIONS_SERVEUR_COUPEES:
        assert f'"{extension}": False' in serveur
    assert 'os.environ.pop("ATELIER_EN_DIRECT", None)' in serveur
