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
# The workshop hub (atelier/hub/): its proxy comes from npm, pinned by atelier/hub/proxy/package-lock.json.
PROXY := .hub/proxy/node_modules/.bin/configurable-http-proxy
HUB_OPTIONS := $(if $(PARTICIPANTS),"$(PARTICIPANTS)") $(if $(SALLE),--salle) $(if $(PORT),--port $(PORT))

.PHONY: help setup book slides polycopies lab lab-correcteur test exercises grade verifier data benchmark chromium clean hub hub-proxy hub-comptes hub-publier hub-collecter hub-retours benchmark-hub

help:
	@echo "make book       installe tout, exécute les leçons hors ligne et construit le site (_build/html)"
	@echo "make slides     construit le diaporama reveal.js de chaque leçon (_build/html/diapositives)"
	@echo "make polycopies imprime le polycopié PDF de chaque module (après make book)"
	@echo "make test       installe tout et lance les tests"
	@echo "make lab        ouvre JupyterLab sur le dépôt (en français, pour les participants)"
	@echo "make lab-correcteur   JupyterLab avec les outils nbgrader du correcteur (Formgrader)"
	@echo "make exercises  régénère exercises/ à partir de solutions/ (nbgrader)"
	@echo "make grade SOUMISSIONS=dossier   corrige un dossier (ou un zip) de copies"
	@echo "make verifier FICHIER=f.csv SCHEMA=schema.json   vérifie un fichier avec un schéma (chemin ou adresse)"
	@echo "make data       régénère les données d'exemple de Vireloux"
	@echo "make hub PARTICIPANTS=liste.csv   démarre le hub de l'atelier (JupyterHub) sur http://127.0.0.1:8000/ (SALLE=1 : réseau de la salle)"
	@echo "make hub-publier MODULE=00-prise-en-main    publie un exercice dans « Assignments »"
	@echo "make hub-collecter MODULE=00-prise-en-main  collecte les copies rendues (puis make grade SOUMISSIONS=.hub/soumissions)"
	@echo "make hub-retours MODULE=00-prise-en-main SORTIE=correction   renvoie les retours aux participants"

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

# The build ends by writing the lessons' slide decks and printing the modules' handouts (chromium).
book: $(INSTALLED) chromium
	PLOTLY_RENDERER=plotly_mimetype $(BIN)/jupyter-book build . --warningiserror --keep-going
	@echo
	@echo "Le livre est prêt : ouvrez $(abspath _build/html/index.html) dans un navigateur."

# The decks on their own: they reuse the lessons executed by the last `make book`, or execute them.
slides: $(INSTALLED)
	$(BIN)/python -m atelier.livre.diapositives

polycopies: $(INSTALLED) chromium
	@test -f _build/html/index.html || { echo "Construisez d'abord le livre : make book"; exit 2; }
	$(BIN)/python -m atelier.livre.polycopies

# Folium maps load Leaflet & co from the copies in book/_static, served by Jupyter: no CDN needed.
lab: $(INSTALLED)
	ATELIER_CARTES_LOCALES=/files/book/_static $(BIN)/jupyter lab --notebook-dir=.

# The graders' JupyterLab: the same, with nbgrader's Formgrader and Create Assignment back.
lab-correcteur: $(INSTALLED)
	JUPYTER_CONFIG_DIR=$(abspath config/jupyterlab/grader) JUPYTER_PREFER_ENV_PATH=0 ATELIER_CARTES_LOCALES=/files/book/_static \
		$(BIN)/jupyter lab --notebook-dir=.

# Two workers (CI has 2 cores); tests sharing an expensive fixture stay on one worker.
test: $(INSTALLED) chromium $(PROXY)
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

# Learners served at once by the workshop hub (several minutes): book/guide-formateur.md, « Combien de participants ».
benchmark-hub: $(INSTALLED) $(PROXY)
	$(BIN)/python benchmarks/hub.py $(if $(PALIERS),--paliers $(PALIERS))

$(PROXY): atelier/hub/proxy/package.json atelier/hub/proxy/package-lock.json
	mkdir -p .hub/proxy
	cp atelier/hub/proxy/package.json atelier/hub/proxy/package-lock.json .hub/proxy/
	cd .hub/proxy && npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $@

hub-proxy: $(PROXY)

hub: $(INSTALLED) $(PROXY)
	$(BIN)/python -m atelier.hub demarrer $(HUB_OPTIONS)

hub-comptes: $(INSTALLED)
	@test -n "$(PARTICIPANTS)" || { echo "Usage : make hub-comptes PARTICIPANTS=liste.csv"; exit 2; }
	$(BIN)/python -m atelier.hub comptes "$(PARTICIPANTS)"

hub-publier hub-collecter: hub-%: $(INSTALLED)
	@test -n "$(MODULE)" || { echo "Usage : make $@ MODULE=00-prise-en-main"; exit 2; }
	$(BIN)/python -m atelier.hub $* "$(MODULE)"

hub-retours: $(INSTALLED)
	@test -n "$(MODULE)" || { echo "Usage : make hub-retours MODULE=00-prise-en-main SORTIE=correction"; exit 2; }
	$(BIN)/python -m atelier.hub retourner "$(MODULE)" --sortie "$(SORTIE)"

clean:
	rm -rf _build .jupyter_cache
