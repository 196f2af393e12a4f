# The README's two commands are `make demo` and `make test`; both install what they need.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test check lint install chromium web clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# The web UI's front-end libraries: the npm packages pinned in src/tidings/web/package-lock.json,
# installed into build/web and copied into src/tidings/web/static/vendor (never committed).
# Without npm the pages still work, with their server-drawn figures.
WEB    := src/tidings/web
VENDOR := $(WEB)/static/vendor/manifest.json

web: $(VENDOR)

$(VENDOR): $(WEB)/package.json $(WEB)/package-lock.json $(WEB)/copy-vendor.mjs
	@if command -v npm >/dev/null 2>&1; then \
	  mkdir -p build/web && cp $(WEB)/package.json $(WEB)/package-lock.json build/web/ && \
	  (cd build/web && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) && \
	  node $(WEB)/copy-vendor.mjs build/web/node_modules $(WEB)/static/vendor \
	  || echo "could not install the web UI's npm packages: pages use server-drawn figures"; \
	else echo "npm not found: the web UI's pages use server-drawn figures only"; fi

# Build the store from the bundled sample corpus (SQLite, ./tidings.db) and print a summary.
demo: $(STAMP) web
	$(BIN)/tidings demo

# Debian's Chromium for the browser tests (never a browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  || echo "could not install chromium: browser tests will be skipped"; }

# Every test, the quality gate and the browser tests included.
test: $(STAMP) chromium web
	$(BIN)/pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

check: lint test

clean:
	rm -rf $(VENV) build *.egg-info tidings.db tidings.db-wal tidings.db-shm $(WEB)/static/vendor
