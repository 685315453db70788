# The README's two commands: `make demo` and `make test`.
# Both check the system packages the RocksDB build needs before compiling anything.

CARGO ?= cargo
BIND ?= 127.0.0.1:7878

.PHONY: demo test build deps check fmt clippy client-tests bench

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
	tests/clients/run.sh

## The load benchmark against pyoxigraph (see BENCHMARKS.md).
bench: build
	benches/load_vs_pyoxigraph.sh
