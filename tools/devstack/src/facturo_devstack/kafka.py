"""Kafka in KRaft mode: one combined broker and controller on 127.0.0.1."""

from __future__ import annotations

import base64
import logging
import subprocess
import uuid
from pathlib import Path

from facturo_devstack.java import FAST_START, default_java
from facturo_devstack.process import ProcessSpec

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"
BROKER_PORT = 9092
CONTROLLER_PORT = 9093
BOOTSTRAP = f"{HOST}:{BROKER_PORT}"
HEAP = ["-Xms384m", "-Xmx384m", "-XX:+UseSerialGC", *FAST_START]


def broker_properties(data_dir: Path, host: str = HOST) -> dict[str, str]:
    """Settings for a single node; every internal topic has one replica."""
    return {
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.voters": f"1@{host}:{CONTROLLER_PORT}",
        "listeners": f"PLAINTEXT://{host}:{BROKER_PORT},"
        f"CONTROLLER://{host}:{CONTROLLER_PORT}",
        "advertised.listeners": f"PLAINTEXT://{host}:{BROKER_PORT}",
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": "PLAINTEXT",
        "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs": str(data_dir),
        "num.partitions": "1",
        "offsets.topic.replication.factor": "1",
        "offsets.topic.num.partitions": "1",
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "share.coordinator.state.topic.replication.factor": "1",
        "share.coordinator.state.topic.min.isr": "1",
        "group.initial.rebalance.delay.ms": "0",
        "auto.create.topics.enable": "false",
    }


def render_properties(properties: dict[str, str]) -> str:
    lines = [f"{key}={value}" for key, value in properties.items()]
    return "\n".join(["# written by facturo-devstack", *lines, ""])


def new_cluster_id() -> str:
    """A random id in Kafka's own format: 16 bytes, URL-safe base64, no padding."""
    return base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()


def classpath(lib: Path) -> str:
    return f"{lib}/*"


def write_config(kafka_dir: Path) -> Path:
    config = kafka_dir / "server.properties"
    kafka_dir.mkdir(parents=True, exist_ok=True)
    config.write_text(render_properties(broker_properties(kafka_dir / "data")))
    return config


def is_formatted(kafka_dir: Path) -> bool:
    return (kafka_dir / "data" / "meta.properties").is_file()


def format_storage(kafka_dir: Path, lib: Path, log_dir: Path) -> None:
    """Format var/kafka/data once, with a fresh cluster id."""
    if is_formatted(kafka_dir):
        return
    config = write_config(kafka_dir)
    cluster_id = new_cluster_id()
    command = [default_java(), *HEAP, "-cp", classpath(lib)]
    command += [
        "kafka.tools.StorageTool",
        "format",
        "-t",
        cluster_id,
        "-c",
        str(config),
    ]
    log_dir.mkdir(parents=True, exist_ok=True)
    with (log_dir / "kafka-format.log").open("ab") as log:
        subprocess.run(command, stdout=log, stderr=log, check=True)  # noqa: S603
    logger.info("formatted kafka storage, cluster id %s", cluster_id)


def process_spec(kafka_dir: Path, lib: Path) -> ProcessSpec:
    config = write_config(kafka_dir)
    logging_opts = [
        "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
    ]
    argv = [default_java(), *HEAP, *logging_opts, "-cp", classpath(lib)]
    return ProcessSpec("kafka", [*argv, "kafka.Kafka", str(config)], "kafka.Kafka")
