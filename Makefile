# refkit: two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lab app lint bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet -e ".[dev]"  # quiet unless it fails
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/refkit demo data_samples -o out --force

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest tests refkit

# serves the repository, so links to files the notebooks write (data_samples/out/) open;
# a relative REFKIT_WORKSPACE is made absolute, since kernels run in notebooks/;
# JupyterLab refuses to start as root (containers) unless told it may
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

# no "Jupyter news" pop-up and no update check: nothing is fetched from the network
LAB_SETTINGS = $(BIN)/../share/jupyter/lab/settings

lab: $(STAMP)
	mkdir -p $(LAB_SETTINGS)
	printf '%s\n' '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' > $(LAB_SETTINGS)/overrides.json
	$(if $(REFKIT_WORKSPACE),REFKIT_WORKSPACE="$(abspath $(REFKIT_WORKSPACE))") $(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" notebooks/00_start_here.ipynb $(ROOT_FLAG) $(LAB_ARGS)

# the session page (app/session.ipynb) served by Voila, code hidden, on this machine only;
# its template (app/share/jupyter/voila/templates/refkit) links nothing from a CDN
PORT ?= 8866

app: $(STAMP)
	@echo "refkit app: open http://127.0.0.1:$(PORT)/ in your browser (Ctrl+C stops it)"
	$(if $(REFKIT_WORKSPACE),REFKIT_WORKSPACE="$(abspath $(REFKIT_WORKSPACE))") JUPYTER_PATH="$(CURDIR)/app/share/jupyter$(if $(JUPYTER_PATH),:$(JUPYTER_PATH))" $(BIN)/voila app/session.ipynb --template=refkit --no-browser --Voila.ip=127.0.0.1 --port=$(PORT) --Voila.port_retries=0 $(APP_ARGS)

screenshots: $(STAMP)
	REFKIT_SCREENSHOTS=docs $(BIN)/python -m pytest tests/test_browser_view.py tests/test_lab_browser.py tests/test_app_browser.py -q

bench: $(STAMP)
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
