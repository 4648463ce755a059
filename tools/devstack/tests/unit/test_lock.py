import subprocess
import sys
import textwrap
import time
from pathlib import Path

from facturo_devstack.lock import exclusive

HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from facturo_devstack.lock import exclusive
    with exclusive(Path(sys.argv[1])):
        print("held", flush=True)
        time.sleep(1.0)
    """
)


def test_a_second_holder_waits_for_the_first(tmp_path: Path) -> None:
    holder = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "held\n"
    started = time.monotonic()

    with exclusive(tmp_path):
        waited = time.monotonic() - started

    holder.wait(10)
    assert waited > 0.5
    assert holder.returncode == 0
