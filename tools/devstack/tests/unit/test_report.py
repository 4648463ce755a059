from pathlib import Path

from facturo_devstack.paths import Paths
from facturo_devstack.report import summary_lines


def test_summary_names_every_url_and_the_mail_folder(tmp_path: Path) -> None:
    paths = Paths(repo=tmp_path, var=tmp_path / "var", cache=tmp_path / "c")

    text = "\n".join(summary_lines(paths, ["identity"]))

    assert "http://127.0.0.1:8080/admin" in text
    assert "http://127.0.0.1:9411" in text
    assert "http://127.0.0.1:8001/docs\n" in text
    assert "http://127.0.0.1:8002/docs  (not started)" in text
    assert "http://127.0.0.1:8000" in text
    assert str(tmp_path / "var" / "mail") in text
    assert "claire (clerk, SAL)" in text
    assert "password facturo-demo" in text
