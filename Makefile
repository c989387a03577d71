# The two commands of the README: `make demo` and `make test`. Both work on a fresh
# clone with only Python 3.11+ on the machine; everything else is installed here.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN    := $(VENV)/.installed-run
DEV    := $(VENV)/.installed-dev

.PHONY: demo test test-min check docs wheel smoke clean office fuzz

# LibreOffice (Writer for documents, Calc for workbooks) and poppler turn what yifeng
# writes into PDFs for the layout tests; free Chinese fonts for 仿宋, 楷体, 黑体 and
# 小标宋 (yifeng._fonts.FREE) let them draw the documents' type hierarchy; headless
# Chromium draws the Jupyter tables for the screenshot tests (tests/browser.py).
# Installed once, from Debian's packages (as root, or with sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
office:
	@if command -v soffice >/dev/null && command -v pdftotext >/dev/null && fc-list | grep -q "AR PL UKai CN" \
	        && fc-list | grep -q "Noto Serif CJK SC" && command -v chromium >/dev/null \
	        && ls /usr/lib/libreoffice/program/ | grep -q '^libsclo'; then \
	    echo "LibreOffice Writer and Calc, poppler-utils, Chromium and the Chinese fonts are installed"; \
	else \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	        --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk \
	        fonts-arphic-ukai chromium; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# pip >= 25.1 (installed above) reads PEP 735 dependency groups.
$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $@ $(RUN)

demo: $(RUN)
	$(BIN)/yifeng demo -o out

test: check docs smoke

check: $(DEV) office
	$(BIN)/python -m ruff check src tests tools examples benchmarks
	YIFENG_REQUIRE_LIBREOFFICE=1 $(BIN)/python -m pytest
	$(BIN)/python -m mypy --strict src

docs: $(DEV)
	$(BIN)/python -m sphinx -W -n --keep-going -q -b html docs docs/_build/html

wheel: $(DEV)
	rm -rf dist
	$(BIN)/python -m build --sdist --wheel --outdir dist .

# What the index team checks before taking a release (metadata, wheel contents, the
# sdist holding every file `make test` needs), then the wheel installed into a clean
# environment and used as a user would.
smoke: wheel
	$(BIN)/python -m twine check --strict dist/*
	$(BIN)/python -m check_wheel_contents dist/*.whl
	$(BIN)/python tools/check_release.py dist
	rm -rf build/smoke
	$(PYTHON) -m venv build/smoke
	build/smoke/bin/python -m pip install --quiet --upgrade pip
	build/smoke/bin/python -m pip install --quiet dist/yifeng-*.whl
	cd build && smoke/bin/python ../tools/smoke_wheel.py

# The suite against the oldest versions pyproject.toml admits (each >= floor pinned).
MIN := build/min-venv
test-min:
	rm -rf $(MIN)
	$(PYTHON) -m venv $(MIN)
	$(MIN)/bin/python -m pip install --quiet --upgrade pip
	mkdir -p build && $(PYTHON) tools/min_requirements.py > build/min-requirements.txt
	$(MIN)/bin/python -m pip install --quiet -e . --group dev -c build/min-requirements.txt
	$(MIN)/bin/python tools/min_requirements.py --verify
	YIFENG_REQUIRE_LIBREOFFICE=1 $(MIN)/bin/python -m pytest -q -p no:randomly

# Mutated workbooks and Word files through every reader and engine, each case in a
# supervised worker (10 s, 1 GB); a reproducer for each new failure in build/fuzz.
# `make test` runs a short fixed-seed slice (tests/test_fuzz.py).
fuzz: $(DEV)
	$(BIN)/python tools/fuzz.py --cases $(or $(CASES),3000) --out build/fuzz

clean:
	rm -rf $(VENV) build dist out docs/_build
