"""Facturo's shared contracts: topics, the event envelope and event schemas.

Nothing here runs: services import these definitions so that every producer
and consumer agrees on names and shapes.
"""
