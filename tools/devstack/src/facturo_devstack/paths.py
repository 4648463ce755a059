"""Where the stack keeps its downloads (cache) and its state (var)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

VAR_MARKER = ".facturo-devstack"


def find_repo_root(start: Path | None = None) -> Path:
    """Return the nearest folder holding the uv workspace's pyproject.toml."""
    origin = (start or Path(__file__)).resolve()
    for folder in (origin, *origin.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.uv.workspace]" in pyproject.read_text():
            return folder
    return Path.cwd()


@dataclass(frozen=True)
class Paths:
    repo: Path
    var: Path
    cache: Path

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Paths:
        env = dict(os.environ if env is None else env)
        repo = Path(env["FACTURO_REPO"]) if "FACTURO_REPO" in env else None
        repo = repo or find_repo_root()
        var = Path(env.get("FACTURO_VAR") or repo / "var")
        cache = Path(env.get("FACTURO_CACHE") or Path.home() / ".cache" / "facturo")
        return cls(repo=repo.resolve(), var=var.resolve(), cache=cache.resolve())

    @property
    def run(self) -> Path:
        return self.var / "run"

    @property
    def log(self) -> Path:
        return self.var / "log"

    @property
    def mail(self) -> Path:
        return self.var / "mail"

    @property
    def data(self) -> Path:
        return self.var / "data"

    @property
    def realm_dir(self) -> Path:
        return self.repo / "deploy" / "keycloak"

    @property
    def venv_python(self) -> Path:
        return self.repo / ".venv" / "bin" / "python"

    def prepare_var(self) -> None:
        """Create the state folders, marking var/ as ours so reset may delete it."""
        for folder in (self.run, self.log, self.mail, self.data):
            folder.mkdir(parents=True, exist_ok=True)
        (self.var / VAR_MARKER).touch()
