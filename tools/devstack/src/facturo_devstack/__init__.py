"""Facturo's local development stack: fetch, start and stop the servers."""
