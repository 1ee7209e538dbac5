# Base de connaissances MIT Gers — commandes de travail.
# `make serve` et `make test` font toute l'installation sur une machine neuve.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve site test check schemas clean system-deps bench

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 est requis ($(PYTHON) introuvable)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## serve: installer, construire et servir le site sur http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mitkb apercu --port 8000

## site: construire le site statique dans site/ (échoue au moindre avertissement)
site: $(STAMP)
	$(BIN)/mitkb build

## check: vérifier tout le contenu et les données
check: $(STAMP)
	$(BIN)/mitkb check

## schemas: régénérer les schémas JSON des éditeurs (schemas/)
schemas: $(STAMP)
	$(BIN)/mitkb schemas

## test: installer si besoin et lancer toute la suite de tests
test: $(STAMP)
	$(BIN)/python -m pytest

## bench: mesurer la construction à 100 et 1 000 guides, écrire benchmarks/RESULTS.md (~15 min)
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf site .pytest_cache
