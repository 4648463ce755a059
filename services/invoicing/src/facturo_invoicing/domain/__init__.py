"""Pure invoicing rules: money, totals, status and numbering; no I/O."""
