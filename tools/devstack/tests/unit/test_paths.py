from pathlib import Path

from facturo_devstack.paths import VAR_MARKER, Paths, find_repo_root


def test_overrides_come_from_the_environment(tmp_path: Path) -> None:
    env = {
        "FACTURO_REPO": str(tmp_path / "repo"),
        "FACTURO_VAR": str(tmp_path / "state"),
        "FACTURO_CACHE": str(tmp_path / "cache"),
    }

    paths = Paths.from_env(env)

    assert paths.repo == tmp_path / "repo"
    assert paths.var == tmp_path / "state"
    assert paths.cache == tmp_path / "cache"
    assert paths.mail == tmp_path / "state" / "mail"
    assert paths.venv_python == tmp_path / "repo" / ".venv" / "bin" / "python"


def test_defaults_are_repo_var_and_home_cache(tmp_path: Path) -> None:
    paths = Paths.from_env({"FACTURO_REPO": str(tmp_path)})

    assert paths.var == tmp_path / "var"
    assert paths.cache == Path.home() / ".cache" / "facturo"


def test_repo_root_is_the_uv_workspace(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.uv.workspace]\nmembers = []\n")
    nested = tmp_path / "tools" / "devstack" / "src"
    nested.mkdir(parents=True)
    (tmp_path / "tools" / "devstack" / "pyproject.toml").write_text("[project]\n")

    assert find_repo_root(nested) == tmp_path


def test_prepare_var_marks_the_folder(tmp_path: Path) -> None:
    paths = Paths(repo=tmp_path, var=tmp_path / "var", cache=tmp_path / "cache")

    paths.prepare_var()

    assert (tmp_path / "var" / VAR_MARKER).is_file()
    assert (tmp_path / "var" / "run").is_dir()
    assert (tmp_path / "var" / "mail").is_dir()
