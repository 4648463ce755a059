"""How requests and events reach the invoicing use cases."""
