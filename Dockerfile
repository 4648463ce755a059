# One image for every Facturo service; the command picks the service:
#   docker run facturo:dev python -m facturo_identity
# Build context: the repository root (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH"

RUN pip install --no-cache-dir "uv==0.13.9"

WORKDIR /app

# Only what `uv sync` installs: the workspace members and the lock file.
# The environment lives in /opt/venv, so a host .venv is never used.
COPY pyproject.toml uv.lock ./
COPY contracts contracts
COPY libs libs
COPY services services
COPY tools tools
RUN uv sync --frozen --no-dev

RUN useradd --create-home --uid 10001 facturo \
    && mkdir -p /app/var/data \
    && chown -R facturo /app/var
USER facturo

# Overridden per service by docker-compose.yml.
CMD ["python", "-m", "facturo_identity"]
