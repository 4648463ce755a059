"""Storage of approval requests and their steps."""
