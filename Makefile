# The README's commands. Each does its own set-up.
SWIFT ?= swift

.PHONY: setup build demo test bench bench-small fuzz release test-install clean

setup:
	@bash scripts/setup

build: setup
	$(SWIFT) build

## The main job end to end on the examples.
demo: setup
	@bash scripts/demo

## The whole test suite.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## The benchmark: a 2,000-course district planned and applied against canvas-sim
## (docs/benchmark.md). BENCH_ARGS passes options: make bench BENCH_ARGS="--steps plan-match-report".
bench: setup
	@python3 scripts/bench $(BENCH_ARGS)

## The benchmark's CI smoke: 100 courses, 600 users, 3,000 enrollments.
bench-small: setup
	@python3 scripts/bench --small $(BENCH_ARGS)

## The libFuzzer targets (docs/fuzzing.md), FUZZ_SECONDS each (default 60); exits 1 on a crash.
FUZZ_SECONDS ?= 60
fuzz: setup
	@FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz

## easel and canvas-sim for machines without Swift: dist/ gets the tarball, both .debs and
## SHA256SUMS (scripts/release says what is in each).
release: setup
	@bash scripts/release

## Installs dist/'s .deb into a clean Debian bookworm root and runs easel there (root only).
test-install:
	@bash scripts/test-install

clean:
	rm -rf .build .build-fuzz .build-release dist
