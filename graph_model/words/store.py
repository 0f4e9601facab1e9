"""Neo4j: connection, console guard, loads and the local server: French first, then English."""

WORDS: dict[str, tuple[str, str]] = {
    # what the Store says when the driver fails (opcomap.store.database)
    "store.auth": (
        "Neo4j ({uri}) refuse l'identifiant ou le mot de passe : vérifiez NEO4J_USER et NEO4J_PASSWORD.",
        "Neo4j ({uri}) refuses the user name or password: check NEO4J_USER and NEO4J_PASSWORD.",
    ),
    "store.unreachable": (
        "Neo4j est injoignable à {uri} ({reason}) : démarrez-le (opcomap neo4j start) ou corrigez NEO4J_URI.",
        "Neo4j cannot be reached at {uri} ({reason}): start it (opcomap neo4j start) or correct NEO4J_URI.",
    ),
    "store.read_refused": (
        "Neo4j a refusé la lecture ({code}) : {detail}",
        "Neo4j refused the read ({code}): {detail}",
    ),
    "store.write_refused": (
        "Neo4j a refusé l'écriture ({code}) : {detail}",
        "Neo4j refused the write ({code}): {detail}",
    ),
    "store.load_lost": (
        "Neo4j ne répond plus après {rows} lignes écrites ({reason}) : relancez la même commande, "
        "le chargement reprend là où il s'est arrêté, sans doublon.",
        "Neo4j stopped answering after {rows} rows written ({reason}): run the same command again, "
        "the load resumes where it stopped, without duplicates.",
    ),
    "store.load_refused": (
        "Neo4j a refusé l'écriture après {rows} lignes ({code}) : relancez la même commande, "
        "le chargement converge sans doublon.",
        "Neo4j refused the write after {rows} rows ({code}): run the same command again, "
        "the load converges without duplicates.",
    ),
    "store.load_missing": (
        "{n} ligne(s) n'ont pas trouvé dans Neo4j l'acteur ou la relation attendus : relancez la même commande.",
        "{n} row(s) did not find the expected actor or relationship in Neo4j: run the same command again.",
    ),
    "store.edit_lost": (
        "Neo4j ne répond pas ({reason}) : la modification n'a pas été enregistrée.",
        "Neo4j is not answering ({reason}): the change was not saved.",
    ),
    "store.edit_refused": (
        "Neo4j a refusé la modification ({code}) : rien n'a été enregistré.",
        "Neo4j refused the change ({code}): nothing was saved.",
    ),
    "store.query_error": ("Neo4j a renvoyé une erreur : {detail}", "Neo4j returned an error: {detail}"),
    # names placed in Cypher text (opcomap.store.statements)
    "store.not_a_schema_name": (
        "« {name} » n'est pas un genre ni un type de relation du schéma.",
        "“{name}” is not a kind or relationship type of the schema.",
    ),
    "store.names_outside_schema": (
        "le jeu de données cite des genres ou types absents du schéma : {names}",
        "the dataset names kinds or types the schema lacks: {names}",
    ),
    # the edit store
    "store.undo_missing": (
        "La modification à annuler est introuvable dans l'historique.",
        "The change to undo is not in the history.",
    ),
    "store.undo_twice": ("Cette modification a déjà été annulée.", "This change has already been undone."),
    # the local server (opcomap.store.local_server)
    "server.password_unanswered": (
        "Neo4j ne répond pas pour définir le mot de passe initial.",
        "Neo4j does not answer to set the initial password.",
    ),
    "server.password_failed": (
        "Impossible de définir le mot de passe initial : {detail}",
        "Cannot set the initial password: {detail}",
    ),
    "server.password_refused": (
        "Neo4j a démarré mais refuse NEO4J_PASSWORD : le mot de passe de {home} a été défini autrement "
        "au premier démarrage. Utilisez ce mot de passe-là ou supprimez ce dossier.",
        "Neo4j started but refuses NEO4J_PASSWORD: the password of {home} was set differently at the "
        "first start. Use that password or delete this folder.",
    ),
    "server.bolt_unanswered": (
        "Neo4j ne répond pas sur Bolt après le démarrage.",
        "Neo4j does not answer on Bolt after starting.",
    ),
    "server.database_not_ready": (
        "Neo4j répond mais la base n'est pas prête : {detail}",
        "Neo4j answers but the database is not ready: {detail}",
    ),
}
