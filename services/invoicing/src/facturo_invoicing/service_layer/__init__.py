"""Use cases of the invoicing service: plain functions over a unit of work."""
