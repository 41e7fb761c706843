# gitauthd — see README.md. Every target works on a machine with Go, Node and Python.
SHELL := /bin/bash
.DEFAULT_GOAL := build

PKG      := github.com/gitauthd/gitauthd
VERSION  ?= $(shell git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null || echo v0.0.0-devel)
COMMIT   ?= $(shell git rev-parse HEAD 2>/dev/null)
LDFLAGS  := -s -w -X $(PKG)/internal/general.Version=$(VERSION) -X $(PKG)/internal/general.Commit=$(COMMIT)
OAPI     := go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen
# sqlc stays out of go.mod (its dependencies are not the service's); cgo-free, it parses PostgreSQL through WebAssembly.
SQLC     := CGO_ENABLED=0 go run github.com/sqlc-dev/sqlc/cmd/sqlc@v1.31.1
GO_TEST_FLAGS ?= -count=1 -timeout 20m

.PHONY: generate
generate: ## Regenerate gen/ from api/openapi.yaml and internal/store/sqlq from the store's queries (sqlc, checked against both engines)
	$(SQLC) -f internal/store/sqlc.yaml generate
	$(SQLC) -f internal/store/sqlc.yaml vet
	$(OAPI) -config api/models.cfg.yaml api/openapi.yaml
	$(OAPI) -config api/server.cfg.yaml api/openapi.yaml
	$(OAPI) -config api/spec.cfg.yaml api/openapi.yaml
	$(OAPI) -config api/client.cfg.yaml api/openapi.yaml

.PHONY: build
build: ## Build bin/gitauthd (static: the SQLite driver is pure Go)
	CGO_ENABLED=0 go build -trimpath -ldflags '$(LDFLAGS)' -o bin/gitauthd ./cmd/server

.PHONY: run
run: build ## Run the service on embedded SQLite (data in the per-user data dir)
	./bin/gitauthd server $(ARGS)

# What `make test` ran and skipped, one record a line (tools/testsummary).
TEST_SUMMARY ?= bin/test-summary.tsv
SUMMARY      := go run ./tools/testsummary

.PHONY: test
test: test-summary-reset test-go test-browser contract-test test-clients test-readme test-compat ## Run every test, then print a summary of what ran and what was skipped (and how to run it)
	@$(SUMMARY) report $(TEST_SUMMARY)

.PHONY: test-summary-reset
test-summary-reset:
	@mkdir -p $(dir $(TEST_SUMMARY)) && : > $(TEST_SUMMARY)

.PHONY: test-go
test-go: ## Go tests: units, store conformance, end to end over loopback
	set -o pipefail; go test $(GO_TEST_FLAGS) -json ./... | $(SUMMARY) go $(TEST_SUMMARY)

.PHONY: test-readme
test-readme: ## Run the README's marked quick-start blocks verbatim against a fresh server (tests/readme)
	go test $(GO_TEST_FLAGS) -tags readme ./tests/readme/
	@$(SUMMARY) record $(TEST_SUMMARY) test-readme ran "the README's quick start and ServiceStage walkthrough, verbatim"

.PHONY: test-compat
test-compat: build ## Coder's codersdk and Huawei Cloud's ServiceStage SDK against bin/gitauthd and the fake provider (tests/compat, its own module; downloads its deps)
	cd tests/compat && go test $(GO_TEST_FLAGS) ./...
	@$(SUMMARY) record $(TEST_SUMMARY) test-compat ran "codersdk v2.24.0 and huaweicloud-sdk-go-v3 v0.1.207 (servicestage/v2) against a live server"

.PHONY: test-browser
test-browser: ## Pages in a real browser (Debian's chromium via playwright-core); skipped without chromium unless REQUIRE_BROWSER=1
	@if [ -n "$$CHROMIUM" ] || command -v chromium >/dev/null 2>&1; then \
	  bash tests/browser/run.sh && \
	  $(SUMMARY) record $(TEST_SUMMARY) test-browser ran "the web app (every page, both widths), company sign-in, the device flow and Swagger UI in Chromium"; \
	elif [ -n "$$REQUIRE_BROWSER" ]; then \
	  echo "test-browser: chromium is required (apt-get install -y chromium)"; exit 1; \
	else \
	  echo "test-browser: skipped, no chromium on this machine (apt-get install -y chromium); CI runs it"; \
	  $(SUMMARY) record $(TEST_SUMMARY) test-browser skipped "no chromium on this machine; to run it: apt-get install -y chromium (or set CHROMIUM), then make test-browser"; \
	fi

.PHONY: lint
lint: lint-spec lint-go check-generate check-clients check-breaking ## Lint the spec and the Go code; fail when gen/ or the clients are stale, or on an unlisted breaking change

.PHONY: lint-spec
lint-spec: ## Spectral (spectral:oas) and Redocly (recommended) on api/openapi.yaml
	bash tools/lint/lint-spec.sh

.PHONY: lint-go
lint-go: ## gofmt, go vet and staticcheck
	@bad=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './gen/*')); \
	  if [ -n "$$bad" ]; then echo "gofmt would change:"; echo "$$bad"; exit 1; fi
	go vet ./...
	go run honnef.co/go/tools/cmd/staticcheck ./...

.PHONY: check-generate
check-generate: generate ## Fail when gen/ or internal/store/sqlq differ from what the contract and the queries generate
	@if [ -n "$$(git status --porcelain -- gen/ internal/store/sqlq/)" ]; then \
	  echo "generated code is stale: run 'make generate' and commit the result"; git status --porcelain -- gen/ internal/store/sqlq/; exit 1; fi

.PHONY: venv
venv: ## Python tools (Schemathesis, openapi-python-client, pytest) in .venv-contract/, as tools/python/requirements.txt pins them
	@bash tools/python/venv.sh

.PHONY: contract-test
contract-test: venv ## Schemathesis (every operation, every check, stateful through links) against the real server
	bash tests/contract/run.sh
	@$(SUMMARY) record $(TEST_SUMMARY) contract-test ran "Schemathesis over every operation of api/openapi.yaml"

.PHONY: clients
clients: venv ## Regenerate the TypeScript and Python clients (clients/) from api/openapi.yaml
	bash clients/generate.sh

.PHONY: check-clients
check-clients: venv ## Fail when the generated clients differ from what api/openapi.yaml generates
	bash clients/generate.sh --check

.PHONY: test-clients
test-clients: venv ## The TypeScript and Python clients' tests against a live server
	bash clients/run-tests.sh
	@$(SUMMARY) record $(TEST_SUMMARY) test-clients ran "the TypeScript and Python clients against a live server"

.PHONY: check-breaking
check-breaking: ## Fail on a breaking change to api/openapi.yaml (oasdiff, against the last release) not listed in api/CHANGELOG.md
	bash tools/apidiff/check-breaking.sh

.PHONY: docs
docs: ## Regenerate the configuration reference and metrics list in docs/operations.md
	go run ./internal/deployment/cmd/gendocs docs/operations.md

.PHONY: bench
bench: build ## Load benchmark of bin/gitauthd against a bare Echo baseline (wrk); writes docs/benchmarks.md
	bash bench/bench.sh --server bin/gitauthd $(BENCH_ARGS)

.PHONY: bench-micro
bench-micro: ## Go micro-benchmarks: validation middleware, key verification, token decryption, rate limiter, store cache, audit records, the ServiceStage list, the buildinfo answer
	go test -run '^$$' -bench . -benchmem ./internal/server ./internal/httpmw ./internal/ratelimit ./internal/identity ./internal/store/dbcrypt ./internal/store/cache ./internal/audit ./internal/projectauth ./internal/handlers

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin

.PHONY: install
install: build ## Install bin/gitauthd as $(DESTDIR)$(BINDIR)/gitauthd (PREFIX=/usr/local; the systemd unit is in deploy/systemd)
	install -d '$(DESTDIR)$(BINDIR)'
	install -m 0755 bin/gitauthd '$(DESTDIR)$(BINDIR)/gitauthd'

.PHONY: image
image: build ## OCI image without a Docker daemon (deploy/image, go-containerregistry): bin/image/ (OCI layout) and bin/gitauthd-image.tar (docker/podman load)
	cd deploy/image && go run . --binary ../../bin/gitauthd --version '$(VERSION)' --layout ../../bin/image --tarball ../../bin/gitauthd-image.tar --tag gitauthd:$(subst +,-,$(VERSION))

.PHONY: test-image
test-image: ## Build the image and check its config, its files, and that the binary out of it serves /healthz
	cd deploy/image && go test $(GO_TEST_FLAGS) ./...
	@$(SUMMARY) record $(TEST_SUMMARY) test-image ran "the OCI image: config, layer files, /healthz from its binary"

# Helm, built from its Go module at a pinned version (no binary download).
HELM_VERSION := v4.3.2
HELM         := bin/tools/helm-$(HELM_VERSION)/helm

$(HELM):
	GOBIN=$(CURDIR)/$(dir $(HELM)) go install helm.sh/helm/v4/cmd/helm@$(HELM_VERSION)

.PHONY: test-helm
test-helm: $(HELM) ## helm lint and helm template of deploy/helm/gitauthd, both shapes checked (builds Helm v4.3.2 once)
	HELM=$(CURDIR)/$(HELM) go test $(GO_TEST_FLAGS) ./deploy/helm/
	@$(SUMMARY) record $(TEST_SUMMARY) test-helm ran "helm lint and helm template (SQLite, PostgreSQL replicas)"

.PHONY: test-packaging
test-packaging: test-image test-helm ## The OCI image and the Helm chart (the systemd unit's test is in test-go)

.PHONY: clean
clean:
	rm -rf bin

.PHONY: help
help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "%-16s %s\n", $$1, $$2}'
