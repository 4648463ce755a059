# Facturo: the two commands a newcomer needs are `make up` and `make test`.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
RUN := $(UV) run --frozen
PYTEST_PATHS := contracts libs services tools tests
PACKAGES := facturo_contracts facturo_chassis facturo_identity facturo_invoicing \
	facturo_approvals facturo_audit facturo_notifications facturo_devstack

.PHONY: help install up down status reset test test-unit test-system lint format asyncapi

help:
	@echo "make up      start Kafka, Keycloak, Zipkin, SMTP and the services, with demo data"
	@echo "make down    stop everything 'make up' started"
	@echo "make status  show what is running"
	@echo "make test    run the whole test suite (starts the servers it needs)"
	@echo "make lint    ruff and mypy"

install:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --frozen --quiet

up: install
	@$(RUN) python -m facturo_devstack up

down:
	@$(RUN) python -m facturo_devstack down

status:
	@$(RUN) python -m facturo_devstack status

reset:
	@$(RUN) python -m facturo_devstack reset

test: install
	@$(RUN) python -m facturo_devstack fetch
	@$(RUN) pytest $(PYTEST_PATHS)

test-unit: install
	@$(RUN) pytest $(PYTEST_PATHS) -m "not system and not integration"

test-system: install
	@$(RUN) pytest tests -m system

lint: install
	@$(RUN) ruff check .
	@$(RUN) ruff format --check .
	@$(RUN) mypy $(addprefix -p ,$(PACKAGES))

format: install
	@$(RUN) ruff format .
	@$(RUN) ruff check --fix .

asyncapi: install
	@$(RUN) python -m facturo_contracts.asyncapi
