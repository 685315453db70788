# The README's two commands: `make demo` and `make test`.
# Both check the system packages the RocksDB build needs before compiling anything.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
CARGO ?= cargo
BIND ?= 127.0.0.1:7878

.PHONY: demo test build deps conformance bench

deps:
	@scripts/ensure-build-deps.sh

build: deps
	$(CARGO) build --release --workspace

## Run the demo: an embedded store with the TEED example, serving the endpoint and web page.
demo: deps
	$(CARGO) run --release -- demo --bind $(BIND)

## Run every test: formatting, lints, unit/integration/conformance tests, real-client tests.
test: deps
	$(CARGO) fmt --all --check
	$(CARGO) clippy --release --workspace --all-targets -- -D warnings
	$(CARGO) test --release --workspace
	$(MAKE) --no-print-directory conformance
	tests/clients/run.sh
	crates/twingraph-synth/tests/python/run.sh
	crates/twingraph-ifc/tests/python/run.sh

## Print the W3C conformance counts (passed/failed/skipped per suite); part of `make test`.
conformance: deps
	$(CARGO) test --release -q --test w3c_sparql -- --nocapture 2>&1 | grep -E '^(sparql|query-|update-|syntax|gate|SKIPPED|  REGRESSION|test result)'
	$(CARGO) test --release -q -p twingraph-server --test w3c_protocol --test w3c_graph_store -- --nocapture 2>&1 | grep -E '^(protocol|graph-store-protocol|SKIPPED|test result)'
	$(CARGO) test --release -q -p twingraph-shacl --test w3c_shacl -- --nocapture 2>&1 | grep -E '^(shacl-|  SKIPPED|test result)'
	$(CARGO) test --release -q -p twingraph-rules --test srl -- --nocapture 2>&1 | grep -E '^(srl|test result)'
	$(CARGO) test --release -q -p twingraph-rml --test rml_core -- --nocapture 2>&1 | grep -E '^(rml-(core|legacy) passed|test result)'
	$(CARGO) test --release -q -p twingraph-cim --test oracle -- --nocapture 2>&1 | grep -E '^(cim oracle|test result)'

## The load benchmark against pyoxigraph (see BENCHMARKS.md).
bench: build
	benches/load_vs_pyoxigraph.sh
