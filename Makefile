# gitauthd — see README.md. Every target works on a machine with Go, Node and Python.
SHELL := /bin/bash
.DEFAULT_GOAL := build

PKG      := github.com/gitauthd/gitauthd
VERSION  ?= $(shell git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null || echo v0.0.0-devel)
COMMIT   ?= $(shell git rev-parse HEAD 2>/dev/null)
LDFLAGS  := -s -w -X $(PKG)/internal/deployment.Version=$(VERSION) -X $(PKG)/internal/deployment.Commit=$(COMMIT)
OAPI     := go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen
GO_TEST_FLAGS ?= -count=1 -timeout 20m

.PHONY: generate
generate: ## Regenerate gen/ from api/openapi.yaml
	$(OAPI) -config api/models.cfg.yaml api/openapi.yaml
	$(OAPI) -config api/server.cfg.yaml api/openapi.yaml
	$(OAPI) -config api/spec.cfg.yaml api/openapi.yaml
	$(OAPI) -config api/client.cfg.yaml api/openapi.yaml

.PHONY: build
build: ## Build bin/gitauthd
	go build -trimpath -ldflags '$(LDFLAGS)' -o bin/gitauthd ./cmd/server

.PHONY: run
run: build ## Run the service on embedded SQLite (data in the per-user data dir)
	./bin/gitauthd server $(ARGS)

.PHONY: test
test: test-go test-browser ## Run every test

.PHONY: test-go
test-go: ## Go tests: units, store conformance, end to end over loopback
	go test $(GO_TEST_FLAGS) ./...

.PHONY: test-browser
test-browser: ## Pages in a real browser (Debian's chromium via playwright-core); skipped without chromium unless REQUIRE_BROWSER=1
	@if [ -n "$$CHROMIUM" ] || command -v chromium >/dev/null 2>&1; then \
	  bash tests/browser/run.sh; \
	elif [ -n "$$REQUIRE_BROWSER" ]; then \
	  echo "test-browser: chromium is required (apt-get install -y chromium)"; exit 1; \
	else \
	  echo "test-browser: skipped, no chromium on this machine (apt-get install -y chromium); CI runs it"; \
	fi

.PHONY: lint
lint: lint-spec lint-go check-generate ## Lint the spec and the Go code; fail when gen/ is stale

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
check-generate: generate ## Fail when gen/ differs from what api/openapi.yaml generates
	@if [ -n "$$(git status --porcelain -- gen/)" ]; then \
	  echo "gen/ is stale: run 'make generate' and commit the result"; git status --porcelain -- gen/; exit 1; fi

.PHONY: clean
clean:
	rm -rf bin

.PHONY: help
help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "%-16s %s\n", $$1, $$2}'
