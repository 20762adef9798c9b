"""The learner's kernel: French help under a failed cell (atelier/aide.py), French plotly (atelier/graphiques.py)."""

import re

import nbformat
import pytest
from IPython.core.interactiveshell import InteractiveShell
from nbclient import NotebookClient

import atelier
from atelier import aide
from atelier.graphiques import CONFIG, lire_locale


@pytest.fixture
def shell(capsys):
    """A fresh IPython shell with the help on, and a function giving what a cell printed as an error."""
    InteractiveShell.clear_instance()
    coquille = InteractiveShell.instance(colors="nocolor")
    assert aide.activer(coquille)
    coquille.run_cell("import pandas as pd\nimport atelier\n"
                      "population = pd.read_csv(atelier.donnees('propres/population-quartiers.csv'))")
    capsys.readouterr()

    def run(code: str) -> str:
        coquille.run_cell(code)
        return re.sub(r"\x1b\[[0-9;]*m", "", capsys.readouterr().out)

    yield run
    InteractiveShell.clear_instance()


@pytest.mark.parametrize("code, attendu", [
    ("population['année']", "Vouliez-vous dire « annee » ?"),
    ("population[['annee', 'quartier']]", "« quartier » n'existe pas"),
    ("populaton.head()", "Vouliez-vous dire « population » ?"),
    ("population.colums", "Vouliez-vous dire « columns »"),
    ("x = (1,", "n'est pas refermé"),
    ("print(“a”)", "guillemets typographiques"),
    ("int('14 015')", "« 14 015 » ne peut pas être lu comme un nombre"),
    ("'14015' + 1", "Un nombre écrit entre guillemets"),
    ("pd.to_datetime(['31/12/2024'], format='%Y-%m-%d')", "format exact"),
    ("open('donnes.csv')", "« donnes.csv » est introuvable"),
    ("raise NotImplementedError()", "effacez les lignes « # VOTRE CODE ICI »"),
])
def test_a_failed_answer_cell_explains_its_error_in_french_above_a_short_traceback(shell, code, attendu):
    sortie = shell(code)
    assert attendu in sortie
    assert len(sortie.strip().splitlines()) <= 5, sortie  # not fifty lines of pandas internals
    assert "Traceback" not in sortie and "site-packages" not in sortie


def test_a_failed_self_check_is_one_line_and_blames_a_failed_answer_cell_only(shell):
    verification = "# Auto-vérification de la question 1\nassert 'reponse' in globals(), 'Indice : la variable reponse n’existe pas.'"
    shell("reponse = population['année'].sum()")
    apres_erreur = shell(verification)
    assert apres_erreur.strip().splitlines() == [f"✗ {aide.CELLULE_EN_ERREUR}"]
    assert shell(verification).strip() == f"✗ {aide.CELLULE_EN_ERREUR}"  # run twice: still the answer's fault
    shell("autre = 1")
    assert shell(verification).strip() == "✗ Indice : la variable reponse n’existe pas."
    shell("reponse = '14015'")
    sortie = shell("# Auto-vérification\nassert isinstance(reponse, int), 'Indice : reponse doit être un nombre.'")
    assert sortie.strip() == "✗ Indice : reponse doit être un nombre."
    # a self-check that crashes on a wrong kind of answer still says one French line
    assert shell("# Auto-vérification\nlen(3)").strip().startswith("✗ Indice : votre réponse n'a pas la forme attendue.")


def test_the_error_stays_the_same_for_nbgrader_and_the_tests():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in (
        "import pandas as pd\nimport atelier", "pd.DataFrame({'annee': [1]})['année']", "reponse = 2",
        "# Auto-vérification\nassert False, 'Indice : essayez encore.'")])
    NotebookClient(notebook, kernel_name="python3", allow_errors=True, timeout=120).execute()
    erreurs = [o for c in notebook.cells[1:] for o in c.outputs if o.output_type == "error"]
    assert [(e.ename, e.evalue) for e in erreurs] == [("KeyError", "'année'"), ("AssertionError", "Indice : essayez encore.")]
    assert "Vouliez-vous dire « annee » ?" in erreurs[0].traceback[0]
    assert erreurs[1].traceback == ["\x1b[31m✗ Indice : essayez encore.\x1b[0m"]


def test_plotly_speaks_french_and_offers_no_cloud_upload():
    import plotly.io as pio

    locale = lire_locale()
    assert locale["dictionary"]["Download plot as a PNG"] == "Télécharger le graphique en fichier PNG"
    assert locale["format"]["decimal"] == "," and locale["format"]["months"][7] == "Août"
    assert atelier.graphiques.CONFIG is CONFIG
    for nom in ("jupyterlab", "plotly_mimetype", "notebook", "browser"):
        config = pio.renderers[nom].config
        assert config["locale"] == "fr" and config["displaylogo"] is False and config["showSendToCloud"] is False
