"""At-least-once delivery: outbox, relay, idempotent consumers, dead letters."""
