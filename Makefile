# Shortcuts for tasks.py, which needs nothing but python3.
.PHONY: demo test lint format schema check-schema bench ci

demo:
	python3 tasks.py demo

test:
	python3 tasks.py test

lint:
	python3 tasks.py lint

format:
	python3 tasks.py format

schema:
	python3 tasks.py schema

check-schema:
	python3 tasks.py check-schema

bench:
	python3 tasks.py bench

ci:
	bash .ci/run
