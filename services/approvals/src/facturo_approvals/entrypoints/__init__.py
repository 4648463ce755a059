"""The approvals service's edges: HTTP routes and Kafka consumers."""
