"""Neo4j: connection, console guard, loads and the local server: French first, then English."""

WORDS: dict[str, tuple[str, str]] = {
}
