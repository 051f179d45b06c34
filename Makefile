# govkg — the two jobs of the README: `make run` (the sample into output/) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
SAMPLE := data/samples/luoyang-digest-2023-12.txt

.PHONY: run test clean

run: $(VENV)/.installed
	$(BIN)/kg build $(SAMPLE) --out-dir output
	@echo "open $(CURDIR)/output/index.html in a browser (no network needed)"

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) output/*.jsonl
