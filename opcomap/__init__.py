"""opcomap: a graph-based relationship mapper of the French vocational-training ecosystem."""

__version__ = "0.1.0"
