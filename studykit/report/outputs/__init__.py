"""Report output builders, one module per topic."""
