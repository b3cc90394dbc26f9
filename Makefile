# crimegraph — the project's front door. `make help` lists the targets.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/crimegraph
DATA  ?= ./data
ADDR  ?= localhost:8080
CORPUS ?= ../shared/corpus-extra
FUZZTIME ?= 10m
STATICCHECK_VERSION := v0.8.2
STATICCHECK := bin/staticcheck-$(STATICCHECK_VERSION)/staticcheck

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@awk 'BEGIN{FS=":.*## "} /^[a-z][a-zA-Z_-]*:.*## /{printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: deps
deps: ## install the Debian packages crimegraph calls at run time (poppler, librsvg, fonts)
	@scripts/deps.sh run

.PHONY: test-deps
test-deps: ## install the Debian packages the tests compare against (graphviz, xmllint, rapper, networkx, chromium)
	@scripts/deps.sh test

.PHONY: load-deps
load-deps: # test-deps and wrk, for load and soak
	@scripts/deps.sh load

.PHONY: build
build: ## build bin/crimegraph
	$(GO) build -o $(BIN) ./cmd/crimegraph

.PHONY: run
run: deps build ## build and serve the explorer (ADDR=localhost:8080, DATA=./data); an empty DATA gets the embedded corpus first
	$(BIN) serve --data $(DATA) --addr $(ADDR)

.PHONY: test
test: test-deps generate-check ## go vet, generated code current, then every test under the race detector
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

.PHONY: generate-check
generate-check: ## fail when `make generate` would change a tracked file
	$(GO) generate ./...
	@git diff --exit-code --stat -- graph schema internal/gazetteer/data || (echo "generated files are stale: run make generate and commit" >&2; exit 1)

.PHONY: bench
bench: deps ## run the benchmarks and print the figures (see docs/performance.md)
	$(GO) test -run '^$$' -bench . -benchtime 2s ./... | grep -E '^(Benchmark|ok|PASS|FAIL|goos|cpu)'

.PHONY: faults
faults: test-deps ## kill -9 `crimegraph ingest` 50 times and a loaded `serve` 10 times; each time open read-only, check, compare store and index (docs/reliability.md)
	CRIMEGRAPH_KILL_RUNS=50 $(GO) test -count=1 -timeout 30m -run 'TestKillDuringIngest|TestKillServeUnderLoad' -v ./cmd/crimegraph/ | grep -E '^(---|ok|FAIL|PASS)|kills:|clean ingest|of serve after'

.PHONY: load
load: load-deps ## 60 s of mixed load (entity pages, search, filters, diagrams) at 64 connections with wrk; latency, throughput, RSS
	scripts/load-mix.sh 60s 64

.PHONY: attack
attack: deps ## 60 s of the attack mix against a fresh server: checks RSS < 300 MB, /healthz < 100 ms, every timeout (docs/reliability.md)
	scripts/attack.sh 60s

.PHONY: load-diagrams
load-diagrams: ## diagrams under load: 120 distinct sfdp diagrams (server RSS), a small diagram while 20 heavy ones queue, killed workers (docs/diagrams.md)
	scripts/load-diagrams.sh 120

.PHONY: samples
samples: ## draw sample diagrams of the embedded corpus in every format and layout into out/samples, to look at (docs/diagrams.md)
	scripts/diagram-samples.sh out/samples

.PHONY: soak
soak: load-deps ## 30 minutes of steady mixed load; RSS and goroutines sampled into out/load/metrics.tsv
	scripts/soak.sh 30m

.PHONY: fuzz
fuzz: test-deps ## every fuzz target for FUZZTIME each (default 10m); failing inputs land in testdata/fuzz, the grown corpus stays in the Go cache
	scripts/fuzz.sh $(FUZZTIME)

.PHONY: research-bench
research-bench: test-deps ## time the research pages (data ≤ 200 ms, render ≤ 1 s) over CORPUS (default: corpus-2025, corpus-extra, corpus); docs/research.md
	scripts/research-bench.sh $(if $(filter command line,$(origin CORPUS)),$(CORPUS),../shared/corpus-2025 ../shared/corpus-extra ../shared/corpus)

.PHONY: robustness
robustness: deps build ## inspect every document of CORPUS (default ../shared/corpus-extra; try CORPUS=../shared/corpus-2025): per file family, parts, calls by form, entities, time, suspicions; then totals
	$(BIN) inspect $(CORPUS)

.PHONY: folder-ratio
folder-ratio: deps ## time ingesting every PDF of CORPUS against pdftotext alone on the same files (target within 2x, docs/robustness.md)
	scripts/folder-ratio.sh $(CORPUS) $${RUNS:-3}

.PHONY: scale
scale: build ## growth table: ingest 1, 10, 100 and 1,000 synthetic reports; sizes, memory, query latency (docs/performance.md)
	$(BIN) scale --sizes $${SIZES:-1,10,100,1000}

.PHONY: generate
generate: ## regenerate gqlgen code and gazetteer data
	$(GO) generate ./...

.PHONY: golden
golden: ## rewrite the golden files after a reviewed change (then review git diff)
	UPDATE_GOLDEN=1 $(GO) test -count=1 -run 'Golden|Layout' ./...

.PHONY: lint
lint: $(STATICCHECK) ## gofmt, go vet and staticcheck (installed into bin/ on first use)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet ./...
	$(STATICCHECK) ./...

# staticcheck, pinned: v0.8.2 is staticcheck 2026.2.2, which supports Go 1.26.
# The version is in the path, so changing the pin installs the new one.
$(STATICCHECK):
	GOBIN=$(abspath $(dir $@)) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

.PHONY: clean
clean: ## remove build output (not the data folder)
	rm -rf bin out
