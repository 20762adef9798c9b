# The two commands of the README: `make book` and `make test`. Everything else is a step of them.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(abspath $(VENV))/bin
# nbgrader runs the `alembic` executable from PATH: the venv's bin/ must come first.
export PATH := $(BIN):$(PATH)
export PYDEVD_DISABLE_FILE_VALIDATION := 1
INSTALLED := $(VENV)/.installed
SOUMISSIONS ?= soumissions
SORTIE ?= correction

.PHONY: help setup book lab lab-correcteur test exercises grade verifier data benchmark chromium clean

help:
	@echo "make book       installe tout, exécute les leçons hors ligne et construit le site (_build/html)"
	@echo "make test       installe tout et lance les tests"
	@echo "make lab        ouvre JupyterLab sur le dépôt (en français, pour les participants)"
	@echo "make lab-correcteur   JupyterLab avec les outils nbgrader du correcteur (Formgrader)"
	@echo "make exercises  régénère exercises/ à partir de solutions/ (nbgrader)"
	@echo "make grade SOUMISSIONS=dossier   corrige un dossier (ou un zip) de copies"
	@echo "make verifier FICHIER=f.csv SCHEMA=schema.json   vérifie un fichier avec un schéma (chemin ou adresse)"
	@echo "make data       régénère les données d'exemple de Vireloux"

# The learners' JupyterLab (French, no news, no teacher tools): config/jupyterlab/README.md
$(INSTALLED): requirements.txt pyproject.toml config/jupyterlab/overrides.json config/jupyterlab/page_config.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python scripts/installer.py --jupyterlab-seulement --venv $(VENV)
	touch $@

setup: $(INSTALLED)

chromium:
	@bash scripts/ensure_chromium.sh

book: $(INSTALLED)
	PLOTLY_RENDERER=plotly_mimetype $(BIN)/jupyter-book build . --warningiserror --keep-going
	@echo
	@echo "Le livre est prêt : ouvrez $(abspath _build/html/index.html) dans un navigateur."

# Folium maps load Leaflet & co from the copies in book/_static, served by Jupyter: no CDN needed.
lab: $(INSTALLED)
	ATELIER_CARTES_LOCALES=/files/book/_static $(BIN)/jupyter lab --notebook-dir=.

# The graders' JupyterLab: the same, with nbgrader's Formgrader and Create Assignment back.
lab-correcteur: $(INSTALLED)
	JUPYTER_CONFIG_DIR=$(abspath config/jupyterlab/grader) JUPYTER_PREFER_ENV_PATH=0 ATELIER_CARTES_LOCALES=/files/book/_static \
		$(BIN)/jupyter lab --notebook-dir=.

# Two workers (CI has 2 cores); tests sharing an expensive fixture stay on one worker.
test: $(INSTALLED) chromium
	$(BIN)/python -m pytest -n 2 --dist loadgroup

exercises: $(INSTALLED)
	$(BIN)/python -m atelier.livre.exercices

grade: $(INSTALLED)
	$(BIN)/python -m atelier.correction "$(SOUMISSIONS)" --sortie "$(SORTIE)"

# The French file checker (book/verifier-vos-fichiers.md): a CSV or XLSX file against a schema's path or URL.
verifier: $(INSTALLED)
	@test -n "$(FICHIER)" -a -n "$(SCHEMA)" || { echo "Usage : make verifier FICHIER=mon-fichier.csv SCHEMA=schema.json (ou l'adresse d'un schéma publié)"; exit 2; }
	$(BIN)/python -m atelier.verifier "$(FICHIER)" --schema "$(SCHEMA)"

# The portal answers of module 02 are built from the generated files: generator first.
data: $(INSTALLED)
	$(BIN)/python scripts/generate_data.py
	$(BIN)/python scripts/recordings_portails.py

benchmark: $(INSTALLED) chromium
	$(BIN)/python benchmarks/run.py --grading

clean:
	rm -rf _build .jupyter_cache
