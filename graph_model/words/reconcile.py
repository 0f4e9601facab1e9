"""Reconciling a registry import with the map: kinds of difference and their notes: French first, then English."""

WORDS: dict[str, tuple[str, str]] = {
}
