"""The runtime every Facturo service is built on."""
