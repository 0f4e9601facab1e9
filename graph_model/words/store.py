"""Neo4j: connection, console guard, loads and the local server: French first, then English."""

WORDS: dict[str, tuple[str, str]] = {
    # what the Store says when the driver fails (opcomap.store.database)
    "store.auth": (
        "Neo4j ({uri}) refuse l'identifiant ou le mot de passe : vérifiez NEO4J_USER et NEO4J_PASSWORD.",
        "Neo4j ({uri}) refuses the user name or password: check NEO4J_USER and NEO4J_PASSWORD.",
    ),
    "store.console_auth": (
        "Neo4j ({uri}) refuse l'utilisateur de la console : vérifiez NEO4J_CONSOLE_USER et NEO4J_CONSOLE_PASSWORD.",
        "Neo4j ({uri}) refuses the console's user: check NEO4J_CONSOLE_USER and NEO4J_CONSOLE_PASSWORD.",
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
        "Neo4j ne répond plus après {rows} {rows:ligne écrite|lignes écrites} ({reason}) : relancez la même "
        "commande, le chargement reprend là où il s'est arrêté, sans doublon.",
        "Neo4j stopped answering after {rows} {rows:row|rows} written ({reason}): run the same command "
        "again, the load resumes where it stopped, without duplicates.",
    ),
    "store.load_refused": (
        "Neo4j a refusé l'écriture après {rows} {rows:ligne|lignes} ({code}) : relancez la même commande, le "
        "chargement converge sans doublon.",
        "Neo4j refused the write after {rows} {rows:row|rows} ({code}): run the same command again, the load "
        "converges without duplicates.",
    ),
    "store.schema_missing": (
        "Il manque à la base Neo4j des contraintes ou des index ({names}) et cet utilisateur n'a pas le droit "
        "de les créer : faites lancer « opcomap schema apply » par un utilisateur qui a les droits sur le "
        "schéma, puis relancez la même commande.",
        "The Neo4j database lacks constraints or indexes ({names}) and this user may not create them: have "
        "a user with schema rights run \"opcomap schema apply\", then run the same command again.",
    ),
    "store.schema_rights": (
        "Neo4j refuse de créer les contraintes et index manquants ({names}) : cet utilisateur n'a pas les droits "
        "sur le schéma (rôle architect ou admin, ou CONSTRAINT MANAGEMENT et INDEX MANAGEMENT).",
        "Neo4j refuses to create the missing constraints and indexes ({names}): this user has no schema "
        "rights (the architect or admin role, or CONSTRAINT MANAGEMENT and INDEX MANAGEMENT).",
    ),
    "store.load_missing": (
        "{n} {n:ligne n'a|lignes n'ont} pas trouvé dans Neo4j l'acteur ou la relation attendus : relancez la "
        "même commande.",
        "{n} {n:row|rows} did not find the expected actor or relationship in Neo4j: run the same command "
        "again.",
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
    # the console's guard (opcomap.store.runner)
    "store.query_empty": ("La requête est vide.", "The query is empty."),
    "store.refused_w": (
        "Requête refusée : la console ne fait que lire, or celle-ci écrit dans le graphe.",
        "Query refused: the console only reads, and this one writes to the graph.",
    ),
    "store.refused_rw": (
        "Requête refusée : la console ne fait que lire, or celle-ci lit et écrit dans le graphe.",
        "Query refused: the console only reads, and this one reads and writes the graph.",
    ),
    "store.refused_s": (
        "Requête refusée : la console ne fait que lire, or celle-ci modifie le schéma, l'administration ou le serveur.",
        "Query refused: the console only reads, and this one changes the schema, the administration or the server.",
    ),
    "store.refused_not_read": (
        "Requête refusée : la console ne fait que lire, or celle-ci ne se contente pas de lire.",
        "Query refused: the console only reads, and this one does more than read.",
    ),
    "store.refused_load_csv": (
        "Requête refusée : LOAD CSV lit des fichiers du serveur ; la console ne fait que lire le graphe.",
        "Query refused: LOAD CSV reads the server's files; the console only reads the graph.",
    ),
    "store.refused_terminate": (
        "Requête refusée : TERMINATE TRANSACTIONS arrête le travail d'autres utilisateurs ; "
        "la console ne fait que lire le graphe.",
        "Query refused: TERMINATE TRANSACTIONS stops other users' work; the console only reads the graph.",
    ),
    "store.refused_in_transactions": (
        "Requête refusée : CALL … IN TRANSACTIONS valide des lots de transactions ; "
        "la console ne fait que lire le graphe.",
        "Query refused: CALL … IN TRANSACTIONS commits batches of transactions; the console only reads the graph.",
    ),
    "store.refused_administration": (
        "Requête refusée : c'est une commande d'administration ; la console ne fait que lire le graphe.",
        "Query refused: it is an administration command; the console only reads the graph.",
    ),
    "store.refused_procedure": (
        "Requête refusée : la procédure {name} n'est pas sur la liste de la console "
        "(schéma : db.labels, db.relationshipTypes, db.propertyKeys, db.schema.* ; recherche : "
        "db.index.fulltext.queryNodes, queryRelationships).",
        "Query refused: the procedure {name} is not on the console's list "
        "(schema: db.labels, db.relationshipTypes, db.propertyKeys, db.schema.*; search: "
        "db.index.fulltext.queryNodes, queryRelationships).",
    ),
    "store.refused_function": (
        "Requête refusée : {name} n'est pas une fonction de Cypher ; la console n'appelle que les fonctions "
        "intégrées (SHOW FUNCTIONS les liste).",
        "Query refused: {name} is not a Cypher function; the console calls only built-in functions "
        "(SHOW FUNCTIONS lists them).",
    ),
    "store.refused_show": (
        "Requête refusée : SHOW {command} renseigne sur le serveur ou ses utilisateurs ; la console ne montre "
        "que SHOW INDEXES, CONSTRAINTS, FUNCTIONS et PROCEDURES.",
        "Query refused: SHOW {command} tells about the server or its users; the console shows only "
        "SHOW INDEXES, CONSTRAINTS, FUNCTIONS and PROCEDURES.",
    ),
    "store.refused_range": (
        "Requête refusée : range() doit avoir des bornes numériques écrites dans la requête, et ses appels "
        "font au plus {limit} {limit:élément|éléments} ensemble (le serveur ne sait pas arrêter une "
        "expression en cours).",
        "Query refused: range() must have number bounds written in the query, and its calls make at most "
        "{limit} {limit:item|items} together (the server cannot stop an expression while it runs).",
    ),
    "store.refused_access_mode": (
        "Requête refusée : elle tente d'écrire, et la console ne fait que lire.",
        "Query refused: it tries to write, and the console only reads.",
    ),
    "store.refused_one_statement": (
        "Requête refusée : une seule instruction à la fois (pas de « ; » entre deux requêtes).",
        "Query refused: one statement at a time (no “;” between two queries).",
    ),
    "store.refused_unplannable": (
        "Requête refusée : Neo4j ne peut pas la planifier comme une lecture ({detail}).",
        "Query refused: Neo4j cannot plan it as a read ({detail}).",
    ),
    "store.query_timeout": (
        "La requête a dépassé {seconds} s et a été arrêtée (limite OPCOMAP_QUERY_TIMEOUT) : "
        "restreignez-la (LIMIT, filtres) ou augmentez la limite.",
        "The query ran past {seconds} s and was stopped (limit OPCOMAP_QUERY_TIMEOUT): "
        "narrow it (LIMIT, filters) or raise the limit.",
    ),
    "store.parameter_missing": ("Paramètre manquant : {name}.", "Missing parameter: {name}."),
    "store.query_failed": ("La requête a échoué : {detail}", "The query failed: {detail}"),
    "store.syntax_error": ("Syntaxe Cypher invalide : {detail}", "Invalid Cypher syntax: {detail}"),
    # named queries (opcomap.store.named_queries)
    "store.param_expects_str": (
        "Le paramètre « {name} » attend un texte ; reçu : {value}.",
        "The parameter “{name}” expects a text; got: {value}.",
    ),
    "store.param_expects_int": (
        "Le paramètre « {name} » attend un nombre entier ; reçu : {value}.",
        "The parameter “{name}” expects a whole number; got: {value}.",
    ),
    "store.param_expects_float": (
        "Le paramètre « {name} » attend un nombre ; reçu : {value}.",
        "The parameter “{name}” expects a number; got: {value}.",
    ),
    "store.param_expects_bool": (
        "Le paramètre « {name} » attend oui ou non (true/false) ; reçu : {value}.",
        "The parameter “{name}” expects yes or no (true/false); got: {value}.",
    ),
    "store.param_expects_date": (
        "Le paramètre « {name} » attend une date AAAA-MM-JJ ; reçu : {value}.",
        "The parameter “{name}” expects a date YYYY-MM-DD; got: {value}.",
    ),
    "store.param_expects_fulltext": (
        "Le paramètre « {name} » attend des mots à rechercher ; reçu : {value}.",
        "The parameter “{name}” expects words to search for; got: {value}.",
    ),
    "store.param_expects_region": (
        "Le paramètre « {name} » attend une Région (code INSEE, nom ou identifiant) ; reçu : {value}. "
        "Régions connues : {known}.",
        "The parameter “{name}” expects a Région (INSEE code, name or id); got: {value}. Known Régions: {known}.",
    ),
    "store.param_unknown": (
        "La requête « {query} » n'a pas de paramètre « {param} » (paramètres : {known}).",
        "The query “{query}” has no parameter “{param}” (parameters: {known}).",
    ),
    "store.param_unknown_none": (
        "La requête « {query} » n'a pas de paramètre « {param} » (paramètres : aucun).",
        "The query “{query}” has no parameter “{param}” (parameters: none).",
    ),
    "store.param_missing_one": (
        "La requête « {query} » attend le paramètre manquant : {names}.",
        "The query “{query}” expects the missing parameter: {names}.",
    ),
    "store.param_missing_many": (
        "La requête « {query} » attend les paramètres manquants : {names}.",
        "The query “{query}” expects the missing parameters: {names}.",
    ),
    "store.param_unreadable": (
        "Paramètre « {pair} » illisible : écrivez --param nom=valeur.",
        "Unreadable parameter “{pair}”: write --param name=value.",
    ),
    "store.query_unknown": (
        "Aucune requête nommée « {name} ». Voir : opcomap query --list.",
        "No query named “{name}”. See: opcomap query --list.",
    ),
    "store.query_unknown_close": (
        "Aucune requête nommée « {name} ». Vouliez-vous dire : {close} ?",
        "No query named “{name}”. Did you mean: {close}?",
    ),
    "store.header_name": (
        "le nom doit être en minuscules, chiffres et _ (ex. shared_actors)",
        "the name must be lower-case letters, digits and _ (e.g. shared_actors)",
    ),
    "store.header_param": (
        "paramètre illisible ; forme attendue : nom: type [= défaut] [-- aide]",
        "unreadable parameter; expected form: name: type [= default] [-- help]",
    ),
    "store.header_param_type": (
        "type « {type} » inconnu (types : {types})",
        "unknown type “{type}” (types: {types})",
    ),
    "store.header_default": ("valeur par défaut invalide : {detail}", "invalid default value: {detail}"),
    "store.header_missing": (
        "l'en-tête doit contenir « // {field}: … »",
        "the header must hold “// {field}: …”",
    ),
    "store.header_twice": ("paramètre « {name} » déclaré deux fois", "parameter “{name}” declared twice"),
    "store.query_name_taken": (
        "nom « {name} » déjà pris par {path}",
        "name “{name}” already taken by {path}",
    ),
    # load --initial (opcomap.store.initial)
    "store.initial_not_local": (
        "--initial remplit la base du Neo4j local lancé par `opcomap neo4j start` ; {uri} n'en est pas un "
        "(ou il est arrêté). Utilisez `opcomap load` sans --initial, ou démarrez-le.",
        "--initial fills the database of the local Neo4j started by `opcomap neo4j start`; {uri} is not one "
        "(or it is stopped). Use `opcomap load` without --initial, or start it.",
    ),
    "store.initial_not_empty": (
        "--initial ne remplit qu'une base vide, et celle de {uri} contient {n} {n:nœud|nœuds} : rien n'a été "
        "modifié. Utilisez `opcomap load` sans --initial pour y ajouter ces fichiers.",
        "--initial only fills an empty database, and the one at {uri} holds {n} {n:node|nodes}: nothing was "
        "changed. Use `opcomap load` without --initial to add these files to it.",
    ),
    "store.initial_no_delimiter": (
        "Impossible d'écrire les fichiers d'import : chaque séparateur de liste possible figure dans une valeur. "
        "Utilisez `opcomap load` sans --initial.",
        "Cannot write the import files: every possible list separator occurs in a value. "
        "Use `opcomap load` without --initial.",
    ),
    "store.initial_property_name": (
        "La propriété « {name} » ne peut pas être nommée dans les fichiers d'import de neo4j-admin "
        "(deux-points, virgule, guillemet ou espace). Utilisez `opcomap load` sans --initial.",
        "The property “{name}” cannot be named in neo4j-admin's import files (colon, comma, quote or "
        "space). Use `opcomap load` without --initial.",
    ),
    "store.initial_failed": (
        "L'import de neo4j-admin a échoué (code {code}) ; Neo4j a été redémarré. Rapport : {report}. {tail}",
        "neo4j-admin's import failed (code {code}); Neo4j was started again. Report: {report}. {tail}",
    ),
    "store.initial_count": (
        "L'import a écrit {nodes} {nodes:nœud|nœuds} et {ties} {ties:relation|relations} au lieu de "
        "{expected_nodes} et {expected_ties} ; voir {report}.",
        "The import wrote {nodes} {nodes:node|nodes} and {ties} {ties:relationship|relationships} instead of "
        "{expected_nodes} and {expected_ties}; see {report}.",
    ),
    # the local server (opcomap.store.local_server)
    "server.stopped": ("Neo4j local arrêté ({uri}).", "Local Neo4j stopped ({uri})."),
    "server.running": (
        "Neo4j {version} en marche sur {uri} (PID {pid}, dossier {home}).",
        "Neo4j {version} running on {uri} (PID {pid}, folder {home}).",
    ),
    "server.downloading": (
        "Téléchargement de Neo4j {version} depuis Maven Central (une seule fois)…",
        "Downloading Neo4j {version} from Maven Central (once only)…",
    ),
    "server.downloading_apoc": (
        "Téléchargement du greffon APOC {version} depuis Maven Central (une seule fois)…",
        "Downloading the APOC plugin {version} from Maven Central (once only)…",
    ),
    "server.downloading_gds": (
        "Téléchargement du greffon Graph Data Science {version} (modules ouverts) depuis Maven Central "
        "(une seule fois)…",
        "Downloading the Graph Data Science plugin {version} (open modules) from Maven Central (once only)…",
    ),
    "server.not_on_windows": (
        "opcomap neo4j ne démarre un serveur Neo4j local que sous Linux et macOS. Sous Windows, lancez "
        "Neo4j 5 avec Neo4j Desktop ou Docker (docker compose up -d neo4j), puis définissez NEO4J_URI "
        "(bolt://localhost:7687) et NEO4J_PASSWORD.",
        "opcomap neo4j starts a local Neo4j server on Linux and macOS only. On Windows, run Neo4j 5 "
        "with Neo4j Desktop or Docker (docker compose up -d neo4j), then set NEO4J_URI "
        "(bolt://localhost:7687) and NEO4J_PASSWORD.",
    ),
    "server.no_maven": (
        "Maven (mvn) est introuvable : installez-le (apt-get install maven) pour télécharger Neo4j.",
        "Maven (mvn) cannot be found: install it (apt-get install maven) to download Neo4j.",
    ),
    "server.maven_failed": (
        "Le téléchargement de Neo4j par Maven a échoué : {tail}",
        "Maven failed to download Neo4j: {tail}",
    ),
    "server.no_java": (
        "Java est introuvable : installez Java 17 ou 21 (apt-get install openjdk-17-jre-headless).",
        "Java cannot be found: install Java 17 or 21 (apt-get install openjdk-17-jre-headless).",
    ),
    "server.short_password": (
        "NEO4J_PASSWORD doit être défini et compter au moins 8 caractères (exigence de Neo4j).",
        "NEO4J_PASSWORD must be set and at least 8 characters long (Neo4j requires it).",
    ),
    "server.port_taken": (
        "Le port {port} est déjà utilisé par un autre programme : choisissez un autre port dans NEO4J_URI.",
        "Port {port} is already used by another program: choose another port in NEO4J_URI.",
    ),
    "server.died": (
        "Neo4j s'est arrêté au démarrage ; voir {log} :\n{tail}",
        "Neo4j stopped while starting; see {log}:\n{tail}",
    ),
    "server.no_bolt": (
        "Neo4j n'a pas ouvert Bolt en {seconds} s ; voir {log}.",
        "Neo4j did not open Bolt within {seconds} s; see {log}.",
    ),
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
    # the Graph Data Science engine (opcomap.store.gds)
    "gds.missing": (
        "Le serveur Neo4j ({uri}) n'a pas Graph Data Science : démarrez le serveur local avec "
        "« opcomap neo4j start --with-gds », ou analysez avec --engine igraph.",
        "The Neo4j server ({uri}) has no Graph Data Science: start the local server with "
        "`opcomap neo4j start --with-gds`, or analyse with --engine igraph.",
    ),
    "gds.needs_neo4j": (
        "--engine gds analyse la carte dans Neo4j : sans NEO4J_URI, ou avec --data, il n'y a rien à y projeter "
        "(prenez --engine igraph).",
        "--engine gds analyses the map inside Neo4j: without NEO4J_URI, or with --data, there is nothing to "
        "project there (use --engine igraph).",
    ),
    "gds.anchored": (
        "--engine gds ne sait pas encore projeter la vue d'un OPCO (--opco) : prenez --engine igraph.",
        "--engine gds cannot project an OPCO's view (--opco) yet: use --engine igraph.",
    ),
    "gds.engine": ("calcul dans Neo4j par Graph Data Science {version}", "computed inside Neo4j by Graph Data Science {version}"),
    "gds.note.betweenness": (
        "betweenness : gds.betweenness sur la vue non orientée, normalisée ici comme NetworkX (÷ (n−1)(n−2)/2)",
        "betweenness: gds.betweenness on the undirected view, normalised here as NetworkX does (÷ (n−1)(n−2)/2)",
    ),
    "gds.note.betweenness_sampled": (
        "betweenness : estimée par GDS depuis {k} {k:source tirée|sources tirées} avec la graine {seed}, "
        "puis multipliée par n/k ; GDS ne tire pas les mêmes sources que NetworkX et igraph",
        "betweenness: estimated by GDS from {k} {k:source|sources} drawn with seed {seed}, then multiplied "
        "by n/k; GDS does not draw the same sources as NetworkX and igraph",
    ),
    "gds.note.closeness": (
        "closeness : gds.closeness avec la correction de Wasserman-Faust, exacte à toute taille (igraph "
        "l'estime au-delà de {limit} {limit:acteur|acteurs})",
        "closeness: gds.closeness with the Wasserman-Faust correction, exact at any size (igraph estimates "
        "it beyond {limit} {limit:actor|actors})",
    ),
    "gds.note.pagerank": (
        "pagerank : gds.pageRank (amortissement 0,85) itéré jusqu'à une tolérance de 1e-10, puis ramené à une "
        "somme de 1 (igraph : ARPACK, à la précision de la machine)",
        "pagerank: gds.pageRank (damping 0.85) iterated to a tolerance of 1e-10, then scaled to sum to 1 "
        "(igraph: ARPACK, to machine precision)",
    ),
    "gds.note.eigenvector": (
        "eigenvector : gds.eigenvector, itérations de puissance (100 au plus, tolérance 1e-9), norme "
        "euclidienne 1 ; sur une carte en plusieurs morceaux, les valeurs peuvent différer de NetworkX",
        "eigenvector: gds.eigenvector, power iterations (at most 100, tolerance 1e-9), unit Euclidean norm; "
        "on a map in several pieces, values may differ from NetworkX",
    ),
    "gds.note.louvain": (
        "communautés : Louvain de GDS, sur un seul fil (déterministe ; la graine n'y joue pas) ; "
        "un autre découpage que celui d'igraph, de modularité voisine",
        "communities: GDS's Louvain, on one thread (deterministic; the seed plays no part); "
        "another partition than igraph's, of similar modularity",
    ),
    "gds.note.leiden": (
        "communautés : Leiden de GDS (résolution {resolution}, graine {seed}), le Louvain de GDS ne prenant "
        "pas de résolution",
        "communities: GDS's Leiden (resolution {resolution}, seed {seed}), GDS's Louvain taking no resolution",
    ),
}
