"""The identity schema: only the outbox and inbox so far (Keycloak owns users)."""

from sqlalchemy.orm import DeclarativeBase

from facturo_chassis.messaging.tables import messaging_tables


class Base(DeclarativeBase):
    pass


messaging = messaging_tables(Base.metadata)
