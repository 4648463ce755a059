"""`python -m facturo_devstack fetch|up|down|status|reset|demo|replay`."""

from __future__ import annotations

import argparse
import asyncio
import logging

from facturo_devstack import demo, events, fetch, stack
from facturo_devstack.lock import exclusive
from facturo_devstack.paths import Paths
from facturo_devstack.pins import load_pins


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="facturo_devstack", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    fetch_cmd = commands.add_parser("fetch", help="download the pinned servers")
    fetch_cmd.add_argument(
        "--verify", action="store_true", help="re-check the cached sha256 values"
    )
    up_cmd = commands.add_parser("up", help="start what is not running yet")
    up_cmd.add_argument(
        "--no-services", action="store_true", help="infrastructure only"
    )
    up_cmd.add_argument(
        "--no-demo", action="store_true", help="start without loading demo data"
    )
    commands.add_parser("demo", help="load the demo company into a running stack")
    replay = commands.add_parser(
        "replay", help="publish again every event of the given aggregate ids"
    )
    replay.add_argument("ids", nargs="+")
    commands.add_parser("down", help="stop everything the stack started")
    commands.add_parser("status", help="show what is running")
    commands.add_parser("reset", help="down, then delete var/ (keeps the cache)")
    return root


def configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
    logging.getLogger("httpx").setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    configure_logging()
    paths, pins = Paths.from_env(), load_pins()
    if args.command == "fetch":
        fetch.fetch_all(paths.cache, pins)
        if args.verify:
            fetch.verify_cached(paths.cache, pins)
        return 0
    if args.command == "status":
        return stack.status(paths, pins)
    if args.command == "demo":
        asyncio.run(demo.load_demo_data(paths))
        return 0
    if args.command == "replay":
        count = asyncio.run(events.replay_events_of(*args.ids))
        print(f"replayed {count} records")
        return 0
    with exclusive(paths.var):
        if args.command == "up":
            return asyncio.run(
                stack.up(paths, pins, not args.no_services, not args.no_demo)
            )
        if args.command == "down":
            return asyncio.run(stack.down(paths, pins))
        return asyncio.run(stack.reset(paths, pins))
