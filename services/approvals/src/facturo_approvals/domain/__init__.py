"""Pure approval rules: policies, request status and four-eyes; no I/O."""
