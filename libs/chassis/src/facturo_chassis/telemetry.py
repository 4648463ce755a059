"""OpenTelemetry tracing, configured by the standard `OTEL_*` variables.

`OTEL_TRACES_EXPORTER` picks the exporter: `otlp` (default), `zipkin` (the
local stack's tracing UI), `console` or `none`. Endpoints and headers come from
the exporters' own `OTEL_EXPORTER_*` variables.
"""

import logging
import os
from collections.abc import Mapping
from typing import Any

from opentelemetry import propagate, trace
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SpanExporter,
)

from facturo_chassis import attributes

logger = logging.getLogger(__name__)


def _exporter(name: str) -> SpanExporter | None:
    if name == "none":
        return None
    if name == "console":
        return ConsoleSpanExporter()
    if name == "zipkin":
        from opentelemetry.exporter.zipkin.json import ZipkinExporter

        return ZipkinExporter()
    if name == "otlp":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import (
            OTLPSpanExporter,
        )

        return OTLPSpanExporter()
    raise ValueError(f"OTEL_TRACES_EXPORTER={name!r} is not supported")


def configure_tracing(
    service_name: str, extra_processors: tuple[SpanProcessor, ...] = ()
) -> TracerProvider:
    """Install the global tracer provider for this process."""
    name = os.environ.get("OTEL_SERVICE_NAME", service_name)
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: name}))
    exporter = _exporter(os.environ.get("OTEL_TRACES_EXPORTER", "otlp").strip())
    if exporter is not None:
        provider.add_span_processor(BatchSpanProcessor(exporter))
    for processor in extra_processors:
        provider.add_span_processor(processor)
    trace.set_tracer_provider(provider)
    logger.info("tracing configured", extra={"exporter": type(exporter).__name__})
    return provider


def tag_current_span(
    *, invoice_id: str | None = None, department: str | None = None, **extra: Any
) -> None:
    """Put Facturo's business attributes on the active span."""
    span = trace.get_current_span()
    if invoice_id:
        span.set_attribute(attributes.INVOICE_ID, invoice_id)
    if department:
        span.set_attribute(attributes.DEPARTMENT, department)
    for key, value in extra.items():
        if value is not None:
            span.set_attribute(key, value)


def current_trace_headers() -> dict[str, str]:
    """The W3C trace context of the active span, to store beside an event."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier


def context_from_headers(headers: Mapping[str, str]) -> Any:
    return propagate.extract(dict(headers))
