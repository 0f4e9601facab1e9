"""Network analysis: pure functions of a NetworkX graph."""
