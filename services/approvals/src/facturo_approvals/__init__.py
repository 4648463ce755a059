"""Facturo approvals: per-department policies and four-eyes approval requests."""
