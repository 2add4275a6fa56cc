# The README's commands. Each target sets up what it needs itself.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg
TIMEOUT := 300

CHROMIUM := /usr/bin/chromium

.PHONY: setup browser-deps report test test-unit test-notebooks test-browser lab dashboard bench rebaseline clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,dev]"
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (liveblogs)" >/dev/null
	touch $(STAMP)

## make report: execute every notebook on the bundled articles (or CORPUS=folder) and write offline HTML to reports/
CORPUS ?=
report: $(STAMP)
	$(VENV)/bin/jupyter trust $(NOTEBOOKS) >/dev/null
	$(VENV)/bin/liveblogs report $(CORPUS) --out reports --timeout $(TIMEOUT)

## Debian's chromium for the browser tests (never `playwright install`: it downloads a browser)
browser-deps:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	else echo "browser tests need Debian's chromium: sudo apt-get install chromium chromium-driver"; exit 1; fi

## make test: unit, property, notebook (strict nbval) and browser tests
test: $(STAMP) browser-deps
	$(PY) -m pytest tests $(NBVAL) notebooks

test-unit: $(STAMP)
	$(PY) -m pytest tests -m "not browser"

test-browser: $(STAMP) browser-deps
	$(PY) -m pytest tests -m browser

test-notebooks: $(STAMP)
	$(PY) -m pytest $(NBVAL) notebooks

lab: $(STAMP)
	$(VENV)/bin/jupyter trust $(NOTEBOOKS) >/dev/null
	$(VENV)/bin/jupyter lab notebooks --no-browser --ip 127.0.0.1

## make dashboard: the explore notebook as a Voilà app on localhost (widgets and charts work offline)
dashboard: $(STAMP)
	$(VENV)/bin/voila notebooks/05_explore.ipynb --no-browser --port 8866 --Voila.ip=127.0.0.1

## re-execute notebooks in place from a clean kernel (the only way outputs are re-baselined)
rebaseline: $(STAMP)
	$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=$(TIMEOUT) --ExecutePreprocessor.kernel_name=python3 \
		--ExecutePreprocessor.store_widget_state=False $(NOTEBOOKS)
	$(VENV)/bin/jupyter trust $(NOTEBOOKS) >/dev/null

## make bench: speed, memory and accuracy side by side (textacy included); not part of make test
bench: $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,dev,bench]"
	$(PY) benchmarks/run.py
	$(PY) benchmarks/explore.py

clean:
	rm -rf $(VENV) reports .pytest_cache .hypothesis
