# Base de connaissances MIT Gers — commandes de travail.
# `make serve` et `make test` font toute l'installation sur une machine neuve.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EDITEUR := editeur/node_modules/.package-lock.json
REMPLIR := node_modules/.package-lock.json
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve site test check schemas clean system-deps bench build-deps remplir editeur editeur-installer

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 est requis ($(PYTHON) introuvable)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## build-deps: Chromium, qui imprime les PDF des guides (paquet Debian, installé s'il manque)
build-deps:
	bash .ci/system-deps chromium

## serve: installer, construire et servir le site sur http://127.0.0.1:8000
serve: $(STAMP) $(EDITEUR) build-deps
	$(BIN)/mitkb previsualiser --port 8000

## site: construire le site statique dans site/ (échoue au moindre avertissement)
site: $(STAMP) $(EDITEUR) build-deps
	$(BIN)/mitkb build

## check: vérifier tout le contenu et les données
check: $(STAMP)
	$(BIN)/mitkb check

## schemas: régénérer les schémas JSON des éditeurs (schemas/)
schemas: $(STAMP)
	$(BIN)/mitkb schemas

## remplir: reconstruire le script « Remplir en ligne » des modèles (npm ci, puis esbuild)
remplir: $(REMPLIR)
	npm run build

$(REMPLIR): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Node.js 20 ou plus (avec npm) est requis pour le script « Remplir en ligne »."; exit 1; }
	npm ci --no-audit --no-fund
	touch $(REMPLIR)

## editeur-installer: installer l'éditeur web (Decap CMS) aux versions et sommes de contrôle de editeur/package-lock.json
editeur-installer: $(EDITEUR)

$(EDITEUR): editeur/package.json editeur/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Node.js 20 ou plus (avec npm) est requis pour l'éditeur web."; exit 1; }
	cd editeur && npm ci --no-audit --no-fund --ignore-scripts
	touch $(EDITEUR)

## editeur: ouvrir l'éditeur web sur les fichiers du dossier, sans GitHub (http://127.0.0.1:8002/edition/)
editeur: $(STAMP) $(EDITEUR)
	$(BIN)/mitkb editeur

## test: installer si besoin et lancer toute la suite de tests
test: $(STAMP) $(EDITEUR) $(REMPLIR)
	$(BIN)/python -m pytest

## bench: mesurer la construction à 100 et 1 000 guides, écrire benchmarks/RESULTS.md (~15 min)
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf site .pytest_cache
