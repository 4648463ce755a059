"""Generate the AsyncAPI 3.0 document from the event schemas.

Usage: `python -m facturo_contracts.asyncapi [OUTPUT]` (default: the committed
`contracts/asyncapi/facturo.json`). Needs the `asyncapi` extra
(the workspace has it through the chassis).
"""

import json
import sys
from pathlib import Path

from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI

from facturo_contracts import envelope, topics
from facturo_contracts.registry import EVENT_MODELS

DEFAULT_OUTPUT = Path(__file__).resolve().parents[2] / "asyncapi" / "facturo.json"

DESCRIPTION = (
    "Events of Facturo. Each record is a CloudEvents 1.0 event in Kafka binary "
    "mode: the body is the JSON schema below; headers carry "
    f"{envelope.H_ID}, {envelope.H_TYPE}, {envelope.H_SOURCE}, {envelope.H_TIME}, "
    f"{envelope.H_SUBJECT}, {envelope.H_DEPARTMENT}, {envelope.H_ACTOR} and the "
    f"W3C {envelope.H_TRACEPARENT}. Records are keyed by the aggregate id. "
    f"A record that keeps failing is copied to <topic>{topics.DLQ_SUFFIX}."
)


def build_document() -> dict[str, object]:
    broker = KafkaBroker("kafka:9092")
    for model in EVENT_MODELS:
        broker.publisher(
            model.TOPIC,
            schema=model,
            title=f"{model.TOPIC}:{model.TYPE}",
            description=(model.__doc__ or model.TYPE).strip(),
        )
    spec = AsyncAPI(
        broker, title="Facturo events", version="1", description=DESCRIPTION
    )
    document: dict[str, object] = json.loads(spec.to_specification().to_json())
    return document


def render() -> str:
    return json.dumps(build_document(), indent=2, sort_keys=True) + "\n"


def main() -> None:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(), encoding="utf-8")
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
