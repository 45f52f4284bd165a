# The README's commands. Each does its own set-up.
SWIFT ?= swift

.PHONY: setup build demo test clean

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

clean:
	rm -rf .build
