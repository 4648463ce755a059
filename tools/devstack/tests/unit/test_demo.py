from pathlib import Path

import pytest

from facturo_devstack import demo
from facturo_devstack.paths import Paths


async def test_a_finished_load_is_not_repeated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = Paths(repo=tmp_path, var=tmp_path / "var", cache=tmp_path / "cache")
    paths.var.mkdir()
    (paths.var / demo.MARKER).write_text("10 customers, 30 invoices (11 issued)\n")

    await demo.load_demo_data(paths)  # would fail to connect if it tried

    assert "already loaded (10 customers, 30 invoices" in capsys.readouterr().out


def test_the_plan_gives_about_thirty_invoices_in_every_state() -> None:
    counts = [n for plan in demo.PLAN.values() for n in plan.values()]
    outcomes = {outcome for plan in demo.PLAN.values() for outcome in plan}

    assert sum(counts) == 30
    assert {"draft", "submitted", "rejected", "issued"} <= outcomes
