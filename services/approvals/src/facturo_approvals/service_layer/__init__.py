"""Approval use cases: plain async handlers over a unit of work."""
