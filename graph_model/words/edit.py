"""The edit page: forms, confirmations and the history of changes: French first, then English."""

WORDS: dict[str, tuple[str, str]] = {
}
