"""What a running service is made of, wired once by its `bootstrap`."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from faststream.kafka import KafkaBroker
from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware
from faststream.kafka.prometheus import KafkaPrometheusMiddleware
from prometheus_client import REGISTRY
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from facturo_chassis import db
from facturo_chassis.auth.tokens import JwksCache, TokenVerifier
from facturo_chassis.messaging.consumer import Consumer
from facturo_chassis.messaging.outbox import Outbox, OutboxRelay
from facturo_chassis.messaging.tables import MessagingTables, messaging_tables
from facturo_chassis.settings import ServiceSettings
from facturo_chassis.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)


def make_broker(settings: ServiceSettings) -> KafkaBroker:
    return KafkaBroker(
        settings.kafka_bootstrap,
        client_id=f"facturo-{settings.service_name}",
        enable_idempotence=True,
        acks="all",
        # Through the service's own handlers (JSON with the trace id); one
        # line per record at DEBUG, so a busy consumer does not flood the log.
        logger=logging.getLogger("facturo.kafka"),
        log_level=logging.DEBUG,
        middlewares=[
            KafkaTelemetryMiddleware(),
            KafkaPrometheusMiddleware(
                registry=REGISTRY, app_name=settings.service_name
            ),
        ],
    )


@dataclass
class Runtime:
    settings: ServiceSettings
    metadata: MetaData
    migrations: Path
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    broker: KafkaBroker
    tables: MessagingTables
    outbox: Outbox
    relay: OutboxRelay
    verifier: TokenVerifier
    consumers: list[Consumer] = field(default_factory=list)

    @classmethod
    def create(
        cls, settings: ServiceSettings, metadata: MetaData, migrations: Path
    ) -> "Runtime":
        """`metadata` is the service's own; the outbox and inbox join it."""
        tables = metadata.tables
        messaging = (
            MessagingTables(outbox=tables["outbox"], inbox=tables["inbox"])
            if "outbox" in tables
            else messaging_tables(metadata)
        )
        engine = db.create_engine(settings.database_url)
        sessions = db.session_factory(engine)
        broker = make_broker(settings)
        return cls(
            settings=settings,
            metadata=metadata,
            migrations=migrations,
            engine=engine,
            sessions=sessions,
            broker=broker,
            tables=messaging,
            outbox=Outbox(messaging.outbox, source=f"/facturo/{settings.service_name}"),
            relay=OutboxRelay(
                messaging.outbox,
                sessions,
                broker,
                settings.outbox_poll_seconds,
                lock_name=settings.service_name,
            ),
            verifier=TokenVerifier(
                settings.oidc_issuer,
                settings.oidc_audience,
                JwksCache(settings.jwks_url),
            ),
        )

    def unit_of_work(self, actor: str | None) -> UnitOfWork:
        return UnitOfWork(self.sessions, self.outbox, self.relay, actor)

    def consumer(self, name: str, topics: Sequence[str], **kwargs: object) -> Consumer:
        """Declare a consumer group; it is subscribed when the broker starts."""
        consumer = Consumer(
            name=name,
            topics=tuple(topics),
            unit_of_work=self.unit_of_work,
            inbox=self.tables.inbox,
            retries=self.settings.consumer_retries,
            **kwargs,  # type: ignore[arg-type]
        )
        consumer.register(self.broker)
        self.consumers.append(consumer)
        return consumer

    @contextlib.asynccontextmanager
    async def running(self, *, with_relay: bool = True) -> AsyncIterator[None]:
        """Migrate, connect to Kafka, relay the outbox; undo it all on exit."""
        await db.upgrade(self.engine, self.migrations)
        await self.broker.start()
        relay = asyncio.create_task(self.relay.run()) if with_relay else None
        logger.info("%s started", self.settings.service_name)
        try:
            yield
        finally:
            if relay is not None:
                relay.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await relay
            await self.broker.stop()
            await self.engine.dispose()
            logger.info("%s stopped", self.settings.service_name)
