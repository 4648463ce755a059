import base64
from pathlib import Path

from facturo_devstack import kafka


def test_single_node_kraft_settings(tmp_path: Path) -> None:
    props = kafka.broker_properties(tmp_path / "data")

    assert props["process.roles"] == "broker,controller"
    assert props["controller.quorum.voters"] == "1@127.0.0.1:9093"
    assert props["listeners"] == (
        "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093"
    )
    assert props["advertised.listeners"] == "PLAINTEXT://127.0.0.1:9092"
    assert props["controller.listener.names"] == "CONTROLLER"
    assert props["log.dirs"] == str(tmp_path / "data")


def test_every_internal_topic_has_one_replica(tmp_path: Path) -> None:
    props = kafka.broker_properties(tmp_path)

    one = {
        key: value
        for key, value in props.items()
        if key.endswith((".replication.factor", ".min.isr"))
    }
    assert set(one.values()) == {"1"}
    assert "share.coordinator.state.topic.replication.factor" in one
    assert "transaction.state.log.min.isr" in one
    assert props["group.initial.rebalance.delay.ms"] == "0"
    assert props["auto.create.topics.enable"] == "false"


def test_render_properties_writes_one_key_per_line() -> None:
    text = kafka.render_properties({"a.b": "1", "c": "x,y"})

    assert text.splitlines()[1:] == ["a.b=1", "c=x,y"]
    assert text.endswith("\n")


def test_cluster_id_is_sixteen_random_bytes_in_url_safe_base64() -> None:
    first, second = kafka.new_cluster_id(), kafka.new_cluster_id()

    assert len(first) == 22
    assert "=" not in first
    assert len(base64.urlsafe_b64decode(first + "==")) == 16
    assert first != second


def test_write_config_round_trips(tmp_path: Path) -> None:
    config = kafka.write_config(tmp_path / "kafka")

    lines = config.read_text().splitlines()
    assert "node.id=1" in lines
    assert f"log.dirs={tmp_path / 'kafka' / 'data'}" in lines
    assert not kafka.is_formatted(tmp_path / "kafka")


def test_process_spec_runs_the_broker_main_class(tmp_path: Path) -> None:
    spec = kafka.process_spec(tmp_path / "kafka", tmp_path / "lib")

    assert spec.name == "kafka"
    assert spec.argv[-2:] == ["kafka.Kafka", str(tmp_path / "kafka/server.properties")]
    assert "-Xmx384m" in spec.argv
    assert "-XX:+UseSerialGC" in spec.argv
    assert spec.argv[spec.argv.index("-cp") + 1] == f"{tmp_path / 'lib'}/*"
