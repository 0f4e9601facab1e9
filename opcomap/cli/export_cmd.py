"""Commands registered by this module (being built)."""
