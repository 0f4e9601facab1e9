"""The command line: help texts, summaries and its messages: French first, then English."""

WORDS: dict[str, tuple[str, str]] = {
}
