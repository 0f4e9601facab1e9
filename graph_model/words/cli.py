"""The command line: help texts, summaries and its messages: French first, then English."""

WORDS: dict[str, tuple[str, str]] = {
    # -- click's and Typer's own words ------------------------------------------------------
    "cli.usage": ("Utilisation :", "Usage:"),
    "cli.opt.help": ("Affiche cette aide et s'arrête.", "Show this message and exit."),
    "cli.panel.options": ("Options", "Options"),
    "cli.panel.arguments": ("Arguments", "Arguments"),
    "cli.panel.commands": ("Commandes", "Commands"),
    "cli.error_panel": ("Erreur", "Error"),
    "cli.typer.default": ("[par défaut : {}]", "[default: {}]"),
    "cli.typer.required": ("[obligatoire]", "[required]"),
    "cli.typer.envvar": ("[variable d'environnement : {}]", "[env var: {}]"),
    "cli.typer.deprecated": ("(obsolète) ", "(deprecated) "),
    # the value an option takes, as its help shows it between < >
    "cli.type.path": ("chemin", "path"),
    "cli.type.file": ("fichier", "file"),
    "cli.type.directory": ("dossier", "folder"),
    "cli.type.text": ("texte", "text"),
    "cli.type.int": ("entier", "integer"),
    "cli.type.number": ("nombre", "number"),
    "cli.type.date": ("date", "date"),
    # what a usage line calls each argument and the subcommand (Typer would write its parameter's name)
    "cli.usage.subcommand": ("COMMANDE [ARGUMENTS]...", "COMMAND [ARGS]..."),
    "cli.metavar.paths": ("CHEMINS", "PATHS"),
    "cli.metavar.folder": ("DOSSIER", "FOLDER"),
    "cli.metavar.file": ("FICHIER", "FILE"),
    "cli.metavar.registry": ("REGISTRE", "REGISTRY"),
    "cli.metavar.query_name": ("REQUÊTE", "QUERY"),
    "cli.metavar.cypher": ("CYPHER", "CYPHER"),
    "cli.metavar.source": ("DÉPART", "FROM"),
    "cli.metavar.target": ("ARRIVÉE", "TO"),
    "cli.metavar.first": ("PREMIER", "FIRST"),
    "cli.metavar.second": ("SECOND", "SECOND"),
    "cli.metavar.actor": ("ACTEUR", "ACTOR"),
    "cli.metavar.user_name": ("NOM", "NAME"),
    "cli.metavar.role": ("RÔLE", "ROLE"),
    "cli.metavar.proposal": ("PROPOSITION", "PROPOSAL"),
    # a command line refused before the command runs (names and values as the user typed them)
    "cli.refusal.no_such_command": ("la commande « {name} » n'existe pas.", "there is no command “{name}”."),
    "cli.refusal.no_such_command_close": (
        "la commande « {name} » n'existe pas. Vouliez-vous dire : {close} ?",
        "there is no command “{name}”. Did you mean: {close}?",
    ),
    "cli.refusal.missing_command": ("il manque la commande à lancer.", "the command to run is missing."),
    "cli.refusal.no_such_option": ("l'option {option} n'existe pas pour cette commande.",
                                   "this command has no option {option}."),
    "cli.refusal.no_such_option_close": (
        "l'option {option} n'existe pas pour cette commande. Vouliez-vous dire : {close} ?",
        "this command has no option {option}. Did you mean: {close}?",
    ),
    "cli.refusal.missing_argument": ("il manque l'argument obligatoire « {name} ».",
                                     "the required argument “{name}” is missing."),
    "cli.refusal.missing_option": ("il manque l'option obligatoire {option}.",
                                   "the required option {option} is missing."),
    "cli.refusal.needs_value": ("l'option {option} attend {n:une valeur|{n} valeurs} après elle.",
                                "option {option} needs {n:a value|{n} values} after it."),
    "cli.refusal.takes_no_value": ("l'option {option} ne prend pas de valeur.", "option {option} takes no value."),
    "cli.refusal.extra_arguments": ("{n:argument|arguments} en trop : {values}.",
                                    "unexpected extra {n:argument|arguments}: {values}."),
    "cli.refusal.not_a": ("{option} attend une valeur de type {expected} ; « {value} » n'en est pas une.",
                          "{option} expects a value of type {expected}; “{value}” is not one."),
    "cli.refusal.not_a_choice": ("{option} ne connaît pas « {value} ». Valeurs possibles : {choices}.",
                                 "{option} does not know “{value}”. Possible values: {choices}."),
    "cli.refusal.at_least": ("{option} doit valoir au moins {bound} (et non {value}).",
                             "{option} must be at least {bound} (not {value})."),
    "cli.refusal.more_than": ("{option} doit valoir plus de {bound} (et non {value}).",
                              "{option} must be more than {bound} (not {value})."),
    "cli.refusal.at_most": ("{option} doit valoir au plus {bound} (et non {value}).",
                            "{option} must be at most {bound} (not {value})."),
    "cli.refusal.less_than": ("{option} doit valoir moins de {bound} (et non {value}).",
                              "{option} must be less than {bound} (not {value})."),
    # -- the group ---------------------------------------------------------------------------
    "cli.help.opcomap": (
        "Cartographie des relations de l'écosystème de la formation professionnelle (OPCO).",
        "Map of the relationships of the vocational-training ecosystem (OPCO).",
    ),
    "cli.help.exit_codes": (
        ("Codes de sortie : 0 succès ; 1 données, options ou réglages invalides (chaque problème est listé) ; "
         "2 ligne de commande mal formée ; 3 serveur Neo4j local arrêté (opcomap neo4j status) ; "
         "4 requête refusée ou en échec (écriture, syntaxe, délai, paramètre) ; "
         "5 Neo4j injoignable, identifiants refusés ou chargement interrompu ; "
         "70 erreur interne (un bogue : --debug montre la trace) ; 130 interrompu (Ctrl+C). "
         "Langue : OPCOMAP_LANG=fr ou en."),
        ("Exit codes: 0 success; 1 invalid data, options or settings (every problem is listed); "
         "2 malformed command line; 3 local Neo4j server not running (opcomap neo4j status); "
         "4 query refused or failed (write, syntax, time limit, parameter); "
         "5 Neo4j unreachable, credentials refused or load interrupted; "
         "70 internal error (a bug: --debug shows the traceback); 130 interrupted (Ctrl+C). "
         "Language: OPCOMAP_LANG=fr or en."),
    ),
    "cli.opt.debug": (
        "Montre la trace complète d'une erreur interne (un bogue à signaler), et le journal détaillé.",
        "Show the full traceback of an internal error (a bug to report), and the detailed log.",
    ),
    "cli.opt.with_apoc": (
        "Démarre le serveur avec le greffon APOC core (téléchargé une fois), pour éprouver la garde de la "
        "console ; sans l'option, APOC est retiré du dossier plugins.",
        "Start the server with the APOC core plugin (downloaded once), to try the console's guard against it; "
        "without the option, APOC is taken out of the plugins folder.",
    ),
    "cli.opt.with_gds": (
        "Démarre le serveur avec les modules ouverts de Graph Data Science (GPLv3, téléchargés une fois "
        "depuis Maven Central), pour « opcomap analyze --engine gds » ; sans l'option, GDS est retiré du "
        "dossier plugins.",
        "Start the server with Graph Data Science's open modules (GPLv3, downloaded once from Maven Central), "
        "for `opcomap analyze --engine gds`; without the option, GDS is taken out of the plugins folder.",
    ),
    "cli.opt.version": ("Affiche la version d'opcomap et s'arrête.", "Show opcomap's version and exit."),
    # -- errors at the edge --------------------------------------------------------------------
    "cli.error": ("Erreur :", "Error:"),
    "cli.error.internal": ("Erreur interne :", "Internal error:"),
    "cli.error.internal_detail": (
        "{name}: {detail}. C'est un bogue d'opcomap : relancez avec --debug pour voir la trace, et signalez-le.",
        "{name}: {detail}. This is a bug in opcomap: run again with --debug to see the traceback, and report it.",
    ),
    "cli.error.settings": (
        "réglage invalide (environnement ou fichier .env) : {names}.",
        "invalid setting (environment or .env file): {names}.",
    ),
    "cli.interrupted": ("Interrompu.", "Interrupted."),
    "cli.try_help": ("Essayez « {command} --help ».", "Try “{command} --help”."),
    "cli.problems": ("{n} {n:problème trouvé|problèmes trouvés} :", "{n} {n:problem|problems} found:"),
    # -- shared options ----------------------------------------------------------------------
    "cli.opt.data": (
        ("Fichiers ou dossiers de données (CSV, XLSX, JSON, YAML). Sans --data : Neo4j si NEO4J_URI est défini, "
         "sinon la carte de l'app : l'espace d'édition (OPCOMAP_WORKSPACE) une fois la carte modifiée, "
         "sinon la carte de référence fournie, avec les jeux de données importés dans l'app."),
        ("Data files or folders (CSV, XLSX, JSON, YAML). Without --data: Neo4j if NEO4J_URI is set, "
         "else the app's map: the edit workspace (OPCOMAP_WORKSPACE) once the map has been edited, "
         "else the bundled reference map, with the datasets uploaded in the app."),
    ),
    "cli.opt.schema": (
        "Fichier de schéma YAML (par défaut : écosystème français de la formation).",
        "YAML schema file (default: the French training ecosystem).",
    ),
    "cli.opt.kinds": (
        "Genres d'acteurs à garder (répétable ou séparés par des virgules), ex. OPCO,CFA.",
        "Actor kinds to keep (repeatable or comma-separated), e.g. OPCO,CFA.",
    ),
    "cli.opt.types": (
        "Types de relations à garder (répétable ou séparés par des virgules), ex. FUNDS,SITS_ON.",
        "Relationship types to keep (repeatable or comma-separated), e.g. FUNDS,SITS_ON.",
    ),
    "cli.opt.region": (
        "Code INSEE d'une Région (ex. 53, Bretagne) : ses acteurs et les acteurs nationaux liés à eux.",
        "INSEE code of a Région (e.g. 53, Brittany): its actors and the national actors tied to them.",
    ),
    "cli.opt.opco": (
        "Identifiant d'un OPCO : lui et les acteurs qui lui sont liés.",
        "Id of an OPCO: it and the actors tied to it.",
    ),
    "cli.opt.as_of": ("Date AAAA-MM-JJ : ce qui était en vigueur ce jour-là.",
                      "Date YYYY-MM-DD: what was in force that day."),
    "cli.opt.dataset": ("Jeu de données chargé dans Neo4j à garder.", "Dataset loaded into Neo4j to keep."),
    "cli.opt.no_illustrative": ("Écarte les liens marqués illustratifs.", "Leave out ties marked illustrative."),
    "cli.opt.no_weak": (
        "Écarte les liens dont la meilleure source est faible (confiance < 0,6).",
        "Leave out ties whose best source is weak (confidence below 0.6).",
    ),
    "cli.opt.format": ("Présentation du résultat : table, csv, json ou xlsx (classeur Excel, avec --output).",
                       "Output: table, csv, json or xlsx (Excel workbook, with --output)."),
    "cli.opt.excel": (
        ("CSV pour Excel : « ; » entre les cellules, UTF-8 avec BOM, virgule décimale, fins de ligne CRLF ; "
         "un texte qui commence par = + - @ est précédé d'une apostrophe (jamais lu comme une formule). "
         "Sans --format, vaut --format csv."),
        ("CSV for Excel: « ; » between cells, UTF-8 with a BOM, decimal commas, CRLF line ends; "
         "a text starting with = + - @ gets a leading apostrophe (never read as a formula). "
         "Without --format, means --format csv."),
    ),
    "cli.excel_not_json": ("--excel s'applique aux formats csv et xlsx, pas à json",
                           "--excel applies to the csv and xlsx formats, not to json"),
    "cli.xlsx_needs_output": ("--format xlsx écrit un classeur : donnez son fichier avec --output (ex. -o resultat.xlsx)",
                              "--format xlsx writes a workbook: name its file with --output (e.g. -o result.xlsx)"),
    "cli.opt.output": ("Écrit le résultat dans ce fichier au lieu de l'écran.",
                       "Write the result to this file instead of the screen."),
    "cli.unknown_kinds": (
        "{count:genre inconnu|genres inconnus} dans le schéma : {names} ; genres connus : {known}",
        "{count:kind|kinds} unknown to the schema: {names}; known kinds: {known}",
    ),
    "cli.unknown_types": (
        "{count:type de relation inconnu|types de relation inconnus} dans le schéma : {names} ; types connus "
        ": {known}",
        "relationship {count:type|types} unknown to the schema: {names}; known types: {known}",
    ),
    "cli.unknown_opco": ("OPCO inconnu sur la carte : « {id} » ; OPCO connus : {known}",
                         "OPCO not on the map: “{id}”; known OPCO: {known}"),
    "cli.output_folder_missing": (
        "le dossier « {folder} » n'existe pas : créez-le d'abord, ou choisissez un autre chemin que {path}",
        "the folder “{folder}” does not exist: create it first, or choose another path than {path}"),
    "cli.unknown_region": ("Région inconnue : « {text} » ; Régions connues (code INSEE ou nom) : {known}",
                           "unknown Région: “{text}”; known Régions (INSEE code or name): {known}"),
    "cli.did_you_mean": ("{name} (vouliez-vous dire {hint} ?)", "{name} (did you mean {hint}?)"),
    "cli.bad_date": ("{option} : « {text} » n'est pas une date AAAA-MM-JJ",
                     "{option}: “{text}” is not a YYYY-MM-DD date"),
    # -- output --------------------------------------------------------------------------------
    "cli.written": ("Écrit : {path}", "Written: {path}"),
    "cli.no_result": ("(aucun résultat)", "(no result)"),
    "cli.none": ("aucun", "none"),
    "cli.caption": (
        "{filters} — {n} {n:acteur|acteurs}, {m} {m:relation|relations}",
        "{filters} — {n} {n:actor|actors}, {m} {m:relationship|relationships}",
    ),
    "cli.col.id": ("id", "id"),
    "cli.col.name": ("nom", "name"),
    "cli.col.kind": ("genre", "kind"),
    "cli.col.community": ("communauté", "community"),
    "cli.col.path": ("chemin", "path"),
    "cli.col.step": ("étape", "step"),
    "cli.col.from": ("de", "from"),
    "cli.col.to": ("à", "to"),
    "cli.col.ties": ("relations", "ties"),
    "cli.col.measure": ("mesure", "measure"),
    "cli.col.value": ("valeur", "value"),
    "cli.col.detail": ("détail", "detail"),
    "cli.col.actor": ("acteur", "actor"),
    "cli.col.actors": ("acteurs", "actors"),
    "cli.col.gap": ("manque", "gap"),
    "cli.col.group": ("groupe détaché", "group cut off"),
    "cli.col.size": ("taille", "size"),
    "cli.col.layer": ("couche", "layer"),
    "cli.col.change": ("changement", "change"),
    "cli.col.source": ("source", "source"),
    "cli.col.type": ("type", "type"),
    "cli.col.target": ("cible", "target"),
    "cli.col.since": ("depuis", "since"),
    "cli.col.until": ("jusqu'au", "until"),
    # -- analyze -----------------------------------------------------------------------------------
    "cli.help.analyze": (
        ("Analyse du réseau : métriques par acteur (sans sous-commande) et questions stratégiques "
         "(sous-commandes).\n\n"
         "Métriques par acteur : nombre de liens, degrés entrant/sortant, degré pondéré par les financements, "
         "intermédiarité (betweenness), proximité (closeness), PageRank, vecteur propre, clustering.\n\n"
         "Exactes jusqu'à 2 500 acteurs, échantillonnées (graine --seed) au-delà : la sortie dit laquelle. "
         "Le CSV a une ligne par acteur : id,name,kind, une colonne par métrique, et community si demandé. "
         "Les options de vue données avant une sous-commande s'appliquent à elle."),
        ("Network analysis: metrics per actor (without a subcommand) and strategic questions "
         "(subcommands).\n\n"
         "Metrics per actor: degree, in/out-degree, degree weighted by funding, betweenness, closeness, "
         "PageRank, eigenvector, clustering.\n\n"
         "Exact up to 2,500 actors, sampled (seed --seed) beyond: the output says which. "
         "The CSV has one row per actor: id,name,kind, one column per metric, and community if asked. "
         "View options given before a subcommand apply to it."),
    ),
    "cli.opt.metrics": (
        ("Métriques séparées par des virgules parmi : degree, degree_in, degree_out, degree_funding, betweenness, "
         "closeness, pagerank, eigenvector, clustering (par défaut : toutes)."),
        ("Comma-separated metrics among: degree, degree_in, degree_out, degree_funding, betweenness, "
         "closeness, pagerank, eigenvector, clustering (default: all)."),
    ),
    "cli.opt.communities": ("Ajoute la colonne community (Louvain).", "Add the community column (Louvain)."),
    "cli.opt.resolution": ("Résolution de Louvain (plus grand : plus de communautés).",
                           "Louvain resolution (larger: more communities)."),
    "cli.opt.seed": ("Graine des tirages (betweenness échantillonnée, Louvain).",
                     "Seed of the draws (sampled betweenness, Louvain)."),
    "cli.opt.sort": ("Trie par cette métrique, décroissante.", "Sort by this metric, descending."),
    "cli.opt.top": ("N'affiche que les N premiers acteurs (selon --sort, sinon selon la première métrique).",
                    "Show only the first N actors (by --sort, else by the first metric)."),
    "cli.metric_method": ("{name} : {method}", "{name}: {method}"),
    "cli.opt.engine": (
        "Moteur de calcul : igraph (la carte lue puis analysée ici), gds (dans Neo4j, par Graph Data "
        "Science : seuls les résultats reviennent) ou auto (gds pour une grande vue lue dans un serveur qui "
        "l'a, igraph sinon ; le seuil est dans le README).",
        "Engine: igraph (the map read, then analysed here), gds (inside Neo4j, by Graph Data Science: only "
        "the results come back) or auto (gds for a large view read from a server that has it, igraph "
        "otherwise; the README gives the threshold).",
    ),
    "cli.communities_note": (
        "communautés (Louvain, résolution {resolution}, graine {seed}) : {n}, modularité {modularity}",
        "communities (Louvain, resolution {resolution}, seed {seed}): {n}, modularity {modularity}",
    ),
    "cli.sort_unknown": ("--sort : « {sort} » n'est pas une métrique calculée ({known})",
                         "--sort: “{sort}” is not a computed metric ({known})"),
    "cli.title.metrics": ("Métriques par acteur", "Metrics per actor"),
    "cli.opt.via": ("Ne suit que ces types de relations (virgules).", "Follow only these relationship types (commas)."),
    "cli.help.paths": (
        "Tous les plus courts chemins entre deux acteurs, avec les relations le long de chacun.",
        "All shortest paths between two actors, with the relationships along each.",
    ),
    "cli.arg.source": ("Identifiant de l'acteur de départ.", "Id of the actor to start from."),
    "cli.arg.target": ("Identifiant de l'acteur d'arrivée.", "Id of the actor to reach."),
    "cli.opt.limit": ("Nombre maximal de chemins.", "Most paths listed."),
    "cli.paths_found": ("{n} {n:plus court chemin|plus courts chemins}", "{n} shortest {n:path|paths}"),
    "cli.paths_found_of": (
        "{n} sur {total} {total:plus court chemin|plus courts chemins} (--limit {total} les liste tous)",
        "{n} of {total} shortest {total:path|paths} (--limit {total} lists them all)",
    ),
    "cli.no_path": ("Aucun chemin.", "No path."),
    "cli.title.paths": ("Chemins {source} → {target}", "Paths {source} → {target}"),
    "cli.help.compare": (
        "Compare deux OPCO : partenaires communs, recouvrement de Jaccard, relations par type.",
        "Compare two OPCOs: shared partners, Jaccard overlap, relationships per type.",
    ),
    "cli.arg.first": ("Identifiant du premier OPCO (ou acteur).", "Id of the first OPCO (or actor)."),
    "cli.arg.second": ("Identifiant du second.", "Id of the second."),
    "cli.opt.via_partners": ("Partenaires par ces types de relations seulement.",
                             "Partners through these relationship types only."),
    "cli.value.shared_partners": ("partenaires communs", "shared partners"),
    "cli.value.own_partners": ("partenaires propres", "own partners"),
    "cli.jaccard": ("Jaccard : {value}", "Jaccard: {value}"),
    "cli.shared": ("Communs : {names}", "Shared: {names}"),
    "cli.help.gaps": (
        ("Trous de couverture : Régions où un OPCO n'a aucun CFA ni organisme de formation partenaire, "
         "branches rattachées à aucun OPCO."),
        ("Coverage gaps: Régions where an OPCO has no partner CFA or training organisation, "
         "branches attached to no OPCO."),
    ),
    "cli.opt.opco_kind": ("Genre des opérateurs examinés.", "Kind of the operators examined."),
    "cli.opt.partner_kinds": ("Genres des partenaires attendus dans chaque Région.",
                              "Kinds of the partners expected in each Région."),
    "cli.opt.region_kind": ("Genre des Régions.", "Kind of the Régions."),
    "cli.opt.branch_kind": ("Genre des branches.", "Kind of the branches."),
    "cli.value.regions_without_partner": ("Régions sans partenaire", "Régions without a partner"),
    "cli.value.branch_without_opco": ("branche sans OPCO", "branch without an OPCO"),
    "cli.regions_seen": ("Régions examinées : {codes}", "Régions examined: {codes}"),
    "cli.title.gaps": ("Trous de couverture", "Coverage gaps"),
    "cli.help.whatif": (
        "Et si… on retirait un acteur ou un type de relation : ce qui se déconnecte, et la joignabilité perdue.",
        "What if… an actor or a relationship type were removed: what gets cut off, and the reachability lost.",
    ),
    "cli.opt.remove": ("Identifiant de l'acteur à retirer.", "Id of the actor to remove."),
    "cli.opt.remove_type": ("Type de relation à retirer entièrement.", "Relationship type to remove entirely."),
    "cli.whatif_one": ("indiquez soit --remove ID, soit --remove-type TYPE",
                       "give either --remove ID or --remove-type TYPE"),
    "cli.whatif.removed": ("Retiré : {what}", "Removed: {what}"),
    "cli.whatif.components": ("Composantes : {before} → {after}", "Components: {before} → {after}"),
    "cli.whatif.pairs": ("Paires joignables : {before} → {after} ({change})", "Reachable pairs: {before} → {after} ({change})"),
    "cli.whatif.disconnected": ("Acteurs déconnectés : {n}", "Actors cut off: {n}"),
    "cli.title.whatif": ("Et si…", "What if…"),
    "cli.help.layers": (
        "Métriques par couche du schéma (financement, gouvernance…), une ligne par acteur et par couche.",
        "Metrics per layer of the schema (funding, governance…), one row per actor and layer.",
    ),
    "cli.opt.layer_metrics": (
        "Métriques calculées sur chaque couche (par défaut : degree_in, degree_out, pagerank, betweenness).",
        "Metrics computed on each layer (default: degree_in, degree_out, pagerank, betweenness).",
    ),
    "cli.title.layers": ("Métriques par couche", "Metrics per layer"),
    "cli.help.diff": (
        "Ce qui a changé entre deux dates : relations ajoutées, retirées ou modifiées, acteurs apparus ou disparus.",
        "What changed between two dates: relationships added, removed or changed, actors that appeared or went.",
    ),
    "cli.opt.from": ("Première date AAAA-MM-JJ.", "First date YYYY-MM-DD."),
    "cli.opt.to": ("Seconde date AAAA-MM-JJ.", "Second date YYYY-MM-DD."),
    "cli.diff_two_dates": ("indiquez deux dates : --from AAAA-MM-JJ --to AAAA-MM-JJ",
                           "give two dates: --from YYYY-MM-DD --to YYYY-MM-DD"),
    "cli.value.added": ("ajoutée", "added"),
    "cli.value.removed": ("retirée", "removed"),
    "cli.value.changed": ("modifiée", "changed"),
    "cli.diff.appeared": ("Acteurs apparus : {ids}", "Actors that appeared: {ids}"),
    "cli.diff.gone": ("Acteurs disparus : {ids}", "Actors that went: {ids}"),
    "cli.title.diff": ("Du {start} au {end}", "From {start} to {end}"),
    "cli.help.brokers": (
        "Les intermédiaires : forte intermédiarité (betweenness) au regard de leur nombre de partenaires.",
        "The brokers: high betweenness for their number of partners.",
    ),
    "cli.opt.brokers_top": ("Nombre d'acteurs affichés.", "Number of actors shown."),
    "cli.title.brokers": ("Intermédiaires", "Brokers"),
    "cli.help.ego": (
        "Le réseau personnel d'un acteur jusqu'à la profondeur demandée : ses relations, une ligne chacune.",
        "An actor's ego network up to the depth asked: its relationships, one row each.",
    ),
    "cli.arg.actor": ("Identifiant de l'acteur au centre.", "Id of the actor in the centre."),
    "cli.opt.ego_depth": ("Nombre de relations de distance.", "Number of relationships away."),
    "cli.ego_note": (
        "{n} {n:acteur|acteurs} à {depth} {depth:relation|relations} ou moins {actor:de}",
        "{n} {n:actor|actors} {depth} {depth:relationship|relationships} or fewer from {actor}",
    ),
    "cli.title.ego": ("Autour {actor:de}", "Around {actor}"),
    "cli.help.structure": (
        "La forme du réseau : composantes, communautés (Louvain) et modularité, ponts, points d'articulation, cœur (k-core).",
        "The shape of the network: components, communities (Louvain) and modularity, bridges, articulation points, core (k-core).",
    ),
    "cli.value.components": ("composantes", "components"),
    "cli.value.communities": ("communautés", "communities"),
    "cli.value.bridges": ("ponts", "bridges"),
    "cli.value.articulation_points": ("points d'articulation", "articulation points"),
    "cli.value.main_core": ("cœur principal", "main core"),
    "cli.top_of": ("{n} {n:acteur|acteurs} sur {total} (--top)", "{n} {n:actor|actors} of {total} (--top)"),
    "cli.more": (
        " … et {n} {n:autre|autres} (--format json les liste tous)",
        " … and {n} more (--format json lists them all)",
    ),
    "cli.structure.largest": ("plus grande : {n} {n:acteur|acteurs}", "largest: {n} {n:actor|actors}"),
    "cli.structure.modularity": ("modularité {value}", "modularity {value}"),
    "cli.title.structure": ("Structure du réseau", "Structure of the network"),
    # -- validate, load, generate ------------------------------------------------------------
    "cli.arg.paths": (
        "Fichiers (CSV, XLSX, JSON, YAML, GraphML, GEXF) ou dossiers ; un dossier = tous ses fichiers de données.",
        "Files (CSV, XLSX, JSON, YAML, GraphML, GEXF) or folders; a folder = all its data files.",
    ),
    "cli.help.validate": (
        ("Vérifie des fichiers de données sans rien écrire ; liste tous les problèmes (fichier, ligne, colonne).\n\n"
         "Code de sortie 0 si tout est valide, 1 sinon. Avec --format json, le résultat (valid, et problems "
         "ou les nombres d'acteurs et de relations) sort aussi sur stdout."),
        ("Check data files without writing anything; list every problem (file, row, column).\n\n"
         "Exit code 0 if all is valid, 1 otherwise. With --format json, the result (valid, and problems "
         "or the numbers of actors and relationships) also goes to stdout."),
    ),
    "cli.notices_more": (
        "  ! … et {n} {n:autre date|autres dates} de {file} {n:lue|lues} de la même façon",
        "  ! … and {n} more {n:date|dates} in {file} read the same way",
    ),
    "cli.valid": (
        "Valide : {n} {n:acteur|acteurs}, {m} {m:relation|relations}.",
        "Valid: {n} {n:actor|actors}, {m} {m:relationship|relationships}.",
    ),
    "cli.help.load": (
        ("Valide puis charge des fichiers dans Neo4j (NEO4J_URI), par lots, sans doublon.\n\n"
         "Si la validation échoue, rien n'est écrit. Recharger les mêmes fichiers ne change rien ; "
         "si Neo4j s'arrête en cours de route, relancer la même commande termine le chargement."),
        ("Validate, then load files into Neo4j (NEO4J_URI), in batches, without duplicates.\n\n"
         "If validation fails, nothing is written. Loading the same files again changes nothing; "
         "if Neo4j stops on the way, running the same command again finishes the load."),
    ),
    "cli.opt.load_dataset": (
        "Nom du jeu de données porté par chaque nœud et relation (par défaut : nom du premier fichier ou dossier).",
        "Name of the dataset every node and relationship carries (default: name of the first file or folder).",
    ),
    "cli.opt.dry_run": ("Valide et compte ce qui serait créé, modifié ou supprimé, sans rien écrire.",
                        "Validate and count what would be created, changed or deleted, writing nothing."),
    "cli.opt.prune": ("Supprime les nœuds et relations de ce jeu de données absents des fichiers.",
                      "Delete this dataset's nodes and relationships that the files no longer hold."),
    "cli.opt.initial": (
        ("Base vide du Neo4j local (`opcomap neo4j start`) : remplie par l'import de neo4j-admin, bien plus vite. "
         "Valide, écrit les fichiers d'import, arrête le serveur, importe, le redémarre et crée contraintes "
         "et index ; refusé si la base n'est pas vide ou pas locale. Même graphe qu'un chargement normal."),
        ("Empty database of the local Neo4j (`opcomap neo4j start`): filled by neo4j-admin's import, much faster. "
         "Validates, writes the import files, stops the server, imports, starts it again and creates the "
         "constraints and indexes; refused when the database is not empty or not local. Same graph as a "
         "normal load."),
    ),
    "cli.load.initial_dry_run": ("--initial et --dry-run ne vont pas ensemble : --initial écrit toujours.",
                                 "--initial and --dry-run do not go together: --initial always writes."),
    "cli.load.initial_files": ("Écriture des fichiers d'import (Neo4j s'arrête pendant ce temps)…",
                               "Writing the import files (Neo4j stops meanwhile)…"),
    "cli.load.initial_import": ("Import par neo4j-admin…", "Importing with neo4j-admin…"),
    "cli.load.initial_restart": ("Redémarrage de Neo4j…", "Starting Neo4j again…"),
    "cli.load.initial_schema": ("Contraintes et index…", "Constraints and indexes…"),
    "cli.load.progress": ("Chargement", "Loading"),
    "cli.load.rate": ("{rate} {rate:ligne|lignes}/s", "{rate} {rate:row|rows}/s"),
    "cli.load.dry_run": ("Simulation (--dry-run) : rien n'a été écrit", "Dry run (--dry-run): nothing was written"),
    "cli.load.done": ("Jeu de données « {dataset} » chargé", "Dataset “{dataset}” loaded"),
    "cli.load.created": ("créés", "created"),
    "cli.load.updated": ("modifiés", "updated"),
    "cli.load.unchanged": ("inchangés", "unchanged"),
    "cli.load.pruned": ("supprimés", "deleted"),
    "cli.load.actors": ("Acteurs", "Actors"),
    "cli.load.relationships": ("Relations", "Relationships"),
    "cli.load.sources": ("Sources", "Sources"),
    "cli.load.shared": (
        "{n} {n:acteur|acteurs} et {m} {m:relation|relations} déjà tenus par un autre jeu de données (par "
        "exemple la carte de référence) : partagés et laissés tels quels.",
        "{n} {n:actor|actors} and {m} {m:relationship|relationships} already held by another dataset (the "
        "reference map, say): shared and left as they are.",
    ),
    "cli.load.kept": (
        "{n} {n:acteur absent des fichiers conservé|acteurs absents des fichiers conservés} : des relations "
        "d'autres jeux de données (par exemple ajoutées dans l'application) y sont encore rattachées.",
        "{n} {n:actor|actors} missing from the files kept: relationships of other datasets (added in the "
        "app, say) still use {n:it|them}.",
    ),
    "cli.load.speed": (
        "{rows} {rows:ligne|lignes} en {seconds} s ({rate} {rate:ligne|lignes}/s).",
        "{rows} {rows:row|rows} in {seconds} s ({rate} {rate:row|rows}/s).",
    ),
    "cli.help.template": (
        ("Écrit le modèle d'import : un classeur Excel dont les feuilles « acteurs », « relations » et "
         "« sources » ont exactement les colonnes que lit opcomap, avec les genres et types du schéma en listes "
         "déroulantes, les colonnes obligatoires en rouge, une ligne d'exemple et une feuille « lisez-moi ».\n\n"
         "Exemple : opcomap template --output modele.xlsx, puis opcomap validate modele.xlsx une fois rempli."),
        ("Write the import template: an Excel workbook whose “actors”, “relationships” and “sources” sheets "
         "have exactly the columns opcomap reads, with the schema's kinds and types as drop-down lists, "
         "required columns in red, an example row and a “read-me” sheet.\n\n"
         "Example: opcomap template --output template.xlsx, then opcomap validate template.xlsx once filled in."),
    ),
    "cli.opt.template_output": ("Classeur (.xlsx) à écrire.", "Workbook (.xlsx) to write."),
    "cli.template.done": (
        "Modèle d'import écrit : {path} ({kinds} {kinds:genre|genres} et {types} {types:type|types} de "
        "relation en listes déroulantes)",
        "Import template written: {path} ({kinds} {kinds:kind|kinds} and {types} relationship "
        "{types:type|types} as drop-down lists)",
    ),
    "cli.help.generate": (
        ("Génère un jeu synthétique à l'échelle nationale (11 OPCO, ~330 branches, des milliers de CFA...).\n\n"
         "Noms inventés et liens marqués « illustratifs » : ce n'est pas la carte de référence."),
        ("Generate a synthetic national-scale dataset (11 OPCOs, ~330 branches, thousands of CFAs...).\n\n"
         "Invented names and ties marked “illustrative”: this is not the reference map."),
    ),
    "cli.opt.actors": ("Nombre d'acteurs (au moins 300).", "Number of actors (at least 300)."),
    "cli.opt.generate_seed": ("Graine : la même graine donne les mêmes fichiers.", "Seed: the same seed gives the same files."),
    "cli.opt.generate_output": ("Dossier où écrire actors.csv, relationships.csv, sources.csv.",
                                "Folder to write actors.csv, relationships.csv, sources.csv into."),
    "cli.opt.relationships": ("Nombre de relations (par défaut : 10 × le nombre d'acteurs).",
                              "Number of relationships (default: 10 × the number of actors)."),
    "cli.generate.done": (
        "{n} {n:acteur|acteurs} et {m} {m:relation|relations} écrits dans {folder}/ (graine {seed}).",
        "{n} {n:actor|actors} and {m} {m:relationship|relationships} written to {folder}/ (seed {seed}).",
    ),
    # -- export -------------------------------------------------------------------------------------
    "cli.help.export": (
        ("Exporte la carte (fichiers --data, sinon Neo4j si NEO4J_URI est défini, sinon la carte de référence).\n\n"
         "svg, png et pdf donnent un diagramme A4 paysage (titre, légende, sources numérotées) ; html, une carte "
         "interactive autonome qui s'ouvre sans réseau. Ces quatre formats acceptent les options de vue (--focus, "
         "--depth, --kinds, --types, --region, --opco, --as-of, --dataset, --no-illustrative, --no-weak).\n\n"
         "pdf --evolution 2014,2019,2024 : une page par date, même disposition, changements surlignés.\n\n"
         "--chart funding|kinds|degrees|partners avec --format svg ou png donne un graphique de la vue, avec sa "
         "légende et ses sources."),
        ("Export the map (--data files, else Neo4j if NEO4J_URI is set, else the reference map).\n\n"
         "svg, png and pdf give a landscape A4 diagram (title, legend, numbered sources); html, a self-contained "
         "interactive map that opens without a network. These four formats take the view options (--focus, "
         "--depth, --kinds, --types, --region, --opco, --as-of, --dataset, --no-illustrative, --no-weak).\n\n"
         "pdf --evolution 2014,2019,2024: one page per date, the same layout, changes highlighted.\n\n"
         "--chart funding|kinds|degrees|partners with --format svg or png gives a chart of the view, with its "
         "caption and sources."),
    ),
    "cli.opt.export_format": (
        ("json (node-link NetworkX), graphml (yEd, Gephi, Cytoscape : formes, couleurs, positions et libellés de "
         "la carte), gexf (Gephi 1.3 : couleurs, tailles et positions de la carte), csv (dossier rechargeable ; "
         "avec --excel, pour Excel) ou xlsx (classeur Excel rechargeable, une feuille par table) ; "
         "svg, png, pdf (diagramme A4 paysage pour un rapport) ou html (carte interactive hors ligne)."),
        ("json (NetworkX node-link), graphml (yEd, Gephi, Cytoscape: the map's shapes, colours, positions and "
         "labels), gexf (Gephi 1.3: the map's colours, sizes and positions), csv (a folder that loads back; "
         "with --excel, for Excel) or xlsx (an Excel workbook that loads back, one sheet per table); "
         "svg, png, pdf (landscape A4 diagram for a report) or html (offline interactive map)."),
    ),
    "cli.opt.export_output": ("Fichier (ou dossier pour csv) à écrire.", "File (or folder for csv) to write."),
    "cli.opt.focus": ("(svg, png, pdf, html) Id d'un acteur : sa vue en étoile (ego-réseau).",
                      "(svg, png, pdf, html) Id of an actor: its star view (ego network)."),
    "cli.opt.depth": ("(svg, png, pdf, html) Profondeur autour de --focus (1 à 3).",
                      "(svg, png, pdf, html) Depth around --focus (1 to 3)."),
    "cli.opt.layout": (
        ("(svg, png, pdf, html, graphml, gexf) force (par défaut), hierarchical (institutions → OPCO → branches → "
         "CFA) ou france (svg, png, pdf, html : carte des Régions colorée par --measure)."),
        ("(svg, png, pdf, html, graphml, gexf) force (default), hierarchical (institutions → OPCO → branches → "
         "CFA) or france (svg, png, pdf, html: map of the Régions coloured by --measure)."),
    ),
    "cli.opt.france_measure": (
        "(--layout france) Mesure qui colore les Régions : gaps (manques de couverture de l'OPCO de --opco), "
        "cfa, training (CFA, organismes de formation ; ceux de --opco s'il est donné), seats (sièges au CREFOP), "
        "funding (financements reçus, en € ; leur nombre si aucun n'indique de montant ; ceux que verse --opco s'il "
        "est donné).",
        "(--layout france) Measure the Régions are coloured by: gaps (coverage gaps of the --opco OPCO), "
        "cfa, training (CFA, training organisations; those of --opco when given), seats (seats on the CREFOP), "
        "funding (funding received, in €; their number when none states an amount; only what --opco gives, "
        "when given).",
    ),
    "cli.opt.title": ("(svg, png, pdf, html) Titre du diagramme.", "(svg, png, pdf, html) Title of the diagram."),
    "cli.opt.evolution": (
        ("(pdf) Dates séparées par des virgules, AAAA ou AAAA-MM-JJ (une année : son 1er janvier) : une page par "
         "date, même disposition sur toutes, les changements depuis la page précédente surlignés."),
        ("(pdf) Comma-separated dates, YYYY or YYYY-MM-DD (a year: its 1 January): one page per date, the same "
         "layout on each, the changes since the previous page highlighted."),
    ),
    "cli.export.evolution_bad": (
        "--evolution : « {text} » n'est pas une date AAAA ou AAAA-MM-JJ (exemple : --evolution 2014,2019,2024)",
        "--evolution: “{text}” is not a YYYY or YYYY-MM-DD date (example: --evolution 2014,2019,2024)",
    ),
    "cli.export.evolution_empty": ("--evolution : indiquez au moins une date (exemple : --evolution 2014,2019,2024)",
                                   "--evolution: give at least one date (example: --evolution 2014,2019,2024)"),
    "cli.export.evolution_pdf": ("--evolution s'applique au format pdf (--format pdf), pas à {format}",
                                 "--evolution applies to the pdf format (--format pdf), not to {format}"),
    "cli.export.evolution_as_of": ("--evolution et --as-of ne vont pas ensemble : chaque page a sa date",
                                   "--evolution and --as-of do not go together: each page has its own date"),
    "cli.export.evolution_done": (
        "Évolution en {pages} {pages:page|pages} ({days} ; {filters}) exportée en pdf : {path}",
        "Evolution in {pages} {pages:page|pages} ({days}; {filters}) exported as pdf: {path}",
    ),
    "cli.opt.diagram_lang": ("(svg, png, pdf, html, graphml, gexf) Langue des libellés : fr ou en.",
                             "(svg, png, pdf, html, graphml, gexf) Language of the labels: fr or en."),
    "cli.opt.dynamic": (
        ("(gexf) Écrit les dates des acteurs et des relations comme leurs intervalles de vie : la frise "
         "chronologique de Gephi rejoue la carte ; sans date de fin, l'intervalle reste ouvert."),
        ("(gexf) Writes the actors' and ties' dates as their intervals: Gephi's timeline replays the map; "
         "without an end date the interval stays open."),
    ),
    "cli.export.dynamic_gexf": ("--dynamic s'applique au format gexf (--format gexf), pas à {format}",
                                "--dynamic applies to the gexf format (--format gexf), not to {format}"),
    "cli.export.layout_data": (
        "--layout france dessine une carte des Régions (svg, png, pdf, html) ; {format} prend force ou hierarchical",
        "--layout france draws a map of the Régions (svg, png, pdf, html); {format} takes force or hierarchical",
    ),
    "cli.opt.chart": (
        ("(svg, png) Un graphique de la vue au lieu du diagramme : funding (financements par année, France "
         "compétences → OPCO → CFA), kinds (acteurs par genre et par Région), degrees (distribution des degrés), "
         "partners (partenaires de chaque OPCO par type de relation)."),
        ("(svg, png) A chart of the view instead of the diagram: funding (funding by year, France compétences → "
         "OPCO → CFA), kinds (actors by kind and Region), degrees (degree distribution), partners (each OPCO's "
         "partners by relationship type)."),
    ),
    "cli.export.chart_done": ("graphique « {title} » ({filters}) exporté en {format} : {path}",
                              "chart “{title}” ({filters}) exported as {format}: {path}"),
    "cli.export.chart_format": ("un graphique s'exporte en svg ou png, pas en {format}",
                                "a chart is exported as svg or png, not {format}"),
    "cli.export.view_done": (
        "{n} {n:acteur|acteurs} et {m} {m:relation|relations} ({filters}) exportés en {format} : {path}",
        "{n} {n:actor|actors} and {m} {m:relationship|relationships} ({filters}) exported as {format}: "
        "{path}",
    ),
    "cli.export.done": (
        "{n} {n:acteur|acteurs} et {m} {m:relation|relations} exportés en {format} : {path}",
        "{n} {n:actor|actors} and {m} {m:relationship|relationships} exported as {format}: {path}",
    ),
    "cli.export.excel_formats": ("--excel s'applique au format csv (xlsx est déjà pour Excel), pas à {format}",
                                 "--excel applies to the csv format (xlsx is for Excel already), not to {format}"),
    "cli.export.view_only": (
        "les options de vue ({options}) s'appliquent aux formats svg, png, pdf et html",
        "the view options ({options}) apply to the svg, png, pdf and html formats",
    ),
    # -- query and cypher ------------------------------------------------------------------------
    "cli.help.query": (
        ("Pose une question de la bibliothèque (dossier queries/) à Neo4j, en lecture seule.\n\n"
         "Exemples : opcomap query --list ; opcomap query partners --param actor_id=opco-atlas --format csv"),
        ("Ask Neo4j a question of the library (queries/ folder), read-only.\n\n"
         "Examples: opcomap query --list; opcomap query partners --param actor_id=opco-atlas --format csv"),
    ),
    "cli.arg.query_name": ("Nom de la requête (voir --list).", "Name of the query (see --list)."),
    "cli.opt.list": ("Liste les requêtes nommées, une par ligne.", "List the named queries, one per line."),
    "cli.opt.describe": ("Décrit la requête et ses paramètres sans l'exécuter.",
                         "Describe the query and its parameters without running it."),
    "cli.opt.row_limit": ("Nombre maximal de lignes renvoyées (par défaut OPCOMAP_ROW_CAP).",
                          "Most rows returned (default: OPCOMAP_ROW_CAP)."),
    "cli.opt.param": ("Paramètre nom=valeur (répétable), ex. --param actor_id=opco-atlas.",
                      "Parameter name=value (repeatable), e.g. --param actor_id=opco-atlas."),
    "cli.opt.query_lang": ("Langue des titres : fr ou en (par défaut : celle de la CLI, OPCOMAP_LANG).",
                           "Language of the titles: fr or en (default: the CLI's, OPCOMAP_LANG)."),
    "cli.help.cypher": (
        ("Console Cypher en lecture seule : toute écriture, commande de schéma ou d'administration est refusée.\n\n"
         "Les valeurs --param arrivent en paramètres Cypher sous forme de texte ($nom). "
         "Exemple : opcomap cypher \"MATCH (o:OPCO) RETURN o.id, o.name ORDER BY o.name\""),
        ("Read-only Cypher console: any write, schema or administration command is refused.\n\n"
         "--param values arrive as Cypher parameters, as text ($name). "
         "Example: opcomap cypher \"MATCH (o:OPCO) RETURN o.id, o.name ORDER BY o.name\""),
    ),
    "cli.arg.cypher": ("La requête Cypher (lecture seule), entre guillemets.", "The Cypher query (read-only), in quotes."),
    "cli.needs_neo4j": (
        ("Cette commande interroge Neo4j, or NEO4J_URI n'est pas défini : démarrez un serveur local avec "
         "« opcomap neo4j start », puis définissez NEO4J_URI (ex. bolt://127.0.0.1:7687) et NEO4J_PASSWORD."),
        ("This command asks Neo4j, but NEO4J_URI is not set: start a local server with "
         "“opcomap neo4j start”, then set NEO4J_URI (e.g. bolt://127.0.0.1:7687) and NEO4J_PASSWORD."),
    ),
    "cli.query.required": ("obligatoire", "required"),
    "cli.query.optional": ("facultatif", "optional"),
    "cli.query.example": ("  exemple : {command}", "  example: {command}"),
    "cli.query.summary": ("{n} {n:ligne|lignes}, {ms} ms.", "{n} {n:row|rows}, {ms} ms."),
    "cli.query.truncated": (
        "Résultat tronqué : {cap:la première ligne|les {cap} premières lignes} sur au moins {more} ; --limit N "
        "(ou OPCOMAP_ROW_CAP) en renvoie davantage.",
        "Result cut: the first {cap:row|{cap} rows} of at least {more}; --limit N (or OPCOMAP_ROW_CAP) "
        "returns more.",
    ),
    # -- import ------------------------------------------------------------------------------------
    "cli.help.import": (
        ("Lit un registre officiel dans le format de son éditeur et en fait un dossier chargeable.\n\n"
         "Chaque lien cite le registre (titre, éditeur, adresse, date du fichier). Les acteurs que la carte de "
         "référence connaît déjà (les OPCO, les Régions, les branches par IDCC) gardent leurs identifiants : charger "
         "les deux donne un seul graphe. Si le fichier n'est pas dans le format attendu, ou si une ligne est "
         "illisible, chaque problème est listé (fichier, ligne, colonne) et rien n'est écrit.\n\n"
         "Exemples :\n\n"
         "  opcomap import siro siro-202611.csv --output imports/siro\n\n"
         "  opcomap import of-list --download --output imports/of --region 53\n\n"
         "  opcomap import npec referentiel-npec.xlsx --against imports/rncp --output imports/npec"),
        ("Read an official registry in its publisher's layout and make it a folder that loads.\n\n"
         "Every tie cites the registry (title, publisher, address, date of the file). Actors the reference map "
         "already knows (the OPCOs, the Régions, branches by IDCC) keep their ids: loading both gives one graph. "
         "If the file is not in the expected layout, or a row cannot be read, every problem is listed "
         "(file, row, column) and nothing is written.\n\n"
         "Examples:\n\n"
         "  opcomap import siro siro-202611.csv --output imports/siro\n\n"
         "  opcomap import of-list --download --output imports/of --region 53\n\n"
         "  opcomap import npec referentiel-npec.xlsx --against imports/rncp --output imports/npec"),
    ),
    "cli.arg.registry": (
        ("siro (France compétences, table SIRET-OPCO), of-list (DGEFP, liste publique des organismes de "
         "formation), rncp (France compétences, export CSV du RNCP et du RS), npec (France compétences, "
         "référentiel des NPEC)."),
        ("siro (France compétences, SIRET-OPCO table), of-list (DGEFP, public list of training organisations), "
         "rncp (France compétences, CSV export of the RNCP and RS), npec (France compétences, NPEC reference)."),
    ),
    "cli.arg.registry_file": (
        "Le fichier du registre, tel que publié. Avec --download : où l'enregistrer (par défaut dans le cache).",
        "The registry's file, as published. With --download: where to save it (default: in the cache).",
    ),
    "cli.opt.import_output": ("Dossier à écrire : actors.csv, relationships.csv, sources.csv, import.toml.",
                              "Folder to write: actors.csv, relationships.csv, sources.csv, import.toml."),
    "cli.opt.into_neo4j": ("Charge aussi le résultat dans Neo4j (NEO4J_URI), comme `opcomap load`.",
                           "Also load the result into Neo4j (NEO4J_URI), as `opcomap load` does."),
    "cli.opt.import_dataset": ("Nom du jeu de données dans Neo4j (par défaut : registre-REGISTRE).",
                               "Name of the dataset in Neo4j (default: registre-REGISTRY)."),
    "cli.opt.download": ("Télécharge d'abord le fichier le plus récent chez son éditeur (data.gouv.fr).",
                         "First download the newest file from its publisher (data.gouv.fr)."),
    "cli.opt.companies": ("siro : crée aussi un acteur par établissement (SIRET), pas seulement les branches.",
                          "siro: also make one actor per establishment (SIRET), not only the branches."),
    "cli.opt.import_region": ("Ne garde que cette Région (code INSEE, ex. 53) ; répétable.",
                              "Keep only this Région (INSEE code, e.g. 53); repeatable."),
    "cli.opt.departement": ("Ne garde que ce département (ex. 35, 2A, 974) ; répétable.",
                            "Keep only this département (e.g. 35, 2A, 974); repeatable."),
    "cli.opt.siret_list": ("Fichier texte, un SIRET par ligne : ne garde que ces établissements.",
                           "Text file, one SIRET per line: keep only these establishments."),
    "cli.opt.import_against": (
        ("Dossiers dont les acteurs sont repris tels quels, en plus de la carte de référence (ex. l'import rncp "
         "pour un import npec : les deux partagent alors leurs certifications) ; répétable."),
        ("Folders whose actors are reused as they are, besides the reference map (e.g. the rncp import for an "
         "npec import: both then share their certifications); repeatable."),
    ),
    "cli.opt.file_date": (
        "Date de publication du fichier (par défaut : la date de son nom, sinon sa date de modification).",
        "Publication date of the file (default: the date in its name, else its modification date).",
    ),
    "cli.import.bad_file_date": ("--file-date : « {text} » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA).",
                                 "--file-date: “{text}” is not a date (YYYY-MM-DD or DD/MM/YYYY)."),
    "cli.import.sirets_unreadable": ("{path} : liste de SIRET illisible ({reason}).",
                                     "{path}: SIRET list cannot be read ({reason})."),
    "cli.import.not_a_siret": ("{path}, ligne {row} : « {text} » n'est pas un SIRET (14 chiffres).",
                               "{path}, line {row}: “{text}” is not a SIRET (14 digits)."),
    "cli.import.unknown_registry": ("registre inconnu « {registry} » ; registres lus : {known}",
                                    "unknown registry “{registry}”; registries read: {known}"),
    "cli.import.nowhere": (
        "indiquez où écrire le résultat (--output DOSSIER) ou chargez-le dans Neo4j (--into-neo4j).",
        "say where to write the result (--output FOLDER) or load it into Neo4j (--into-neo4j).",
    ),
    "cli.import.no_file": ("indiquez le fichier du registre, ou --download pour le télécharger ({url}).",
                           "give the registry's file, or --download to download it ({url})."),
    "cli.import.bad_region": ("--region : « {text} » n'est pas un code INSEE de Région (ex. 53 pour la Bretagne).",
                              "--region: “{text}” is not the INSEE code of a Région (e.g. 53 for Brittany)."),
    "cli.import.reading": ("Lecture de {file}", "Reading {file}"),
    "cli.import.downloading": ("Téléchargement du registre « {title} » ({publisher})…",
                               "Downloading the registry “{title}” ({publisher})…"),
    "cli.import.download_bar": ("Téléchargement", "Downloading"),
    "cli.import.downloaded": ("Fichier du {date} enregistré : {path}", "File of {date} saved: {path}"),
    "cli.import.written_to": (" écrits dans {folder}", " written to {folder}"),
    "cli.import.summary": (
        "Registre « {registry} » ({file}, fichier du {date}) : {rows} {rows:ligne lue|lignes lues} ; "
        "{actors} {actors:acteur|acteurs} et {relationships} {relationships:relation|relations}{where}.",
        "Registry “{registry}” ({file}, file of {date}): {rows} {rows:row|rows} read; {actors} "
        "{actors:actor|actors} and {relationships} {relationships:relationship|relationships}{where}.",
    ),
    "cli.import.skipped": (
        "  • {n} {n:ligne|lignes} sans acteur : {reason}",
        "  • {n} {n:row|rows} without an actor: {reason}",
    ),
    # -- serve ----------------------------------------------------------------------------------------
    "cli.help.serve": (
        ("Lance l'application web (Streamlit) : carte, fiches d'acteurs, analyses, Cypher.\n\n"
         "Sans --data : Neo4j si NEO4J_URI est défini, sinon la carte de référence fournie. "
         "Ouvrez ensuite http://127.0.0.1:PORT dans un navigateur ; Ctrl+C pour arrêter."),
        ("Start the web app (Streamlit): map, actor profiles, analyses, Cypher.\n\n"
         "Without --data: Neo4j if NEO4J_URI is set, else the bundled reference map. "
         "Then open http://127.0.0.1:PORT in a browser; Ctrl+C to stop."),
    ),
    "cli.opt.port": ("Port HTTP de l'application.", "HTTP port of the app."),
    "cli.opt.address": ("Adresse d'écoute (0.0.0.0 pour l'ouvrir au réseau local).",
                        "Address to listen on (0.0.0.0 to open it to the local network)."),
    "cli.serve.missing": ("introuvable : {paths}", "not found: {paths}"),
    "cli.serve.address": ("opcomap : {url} (Ctrl+C pour arrêter)", "opcomap: {url} (Ctrl+C to stop)"),
    "cli.serve.ready": ("Prêt : {url} (première page servie en {seconds} s ; Ctrl+C pour arrêter)",
                        "Ready: {url} (first page served in {seconds} s; Ctrl+C to stop)"),
    "cli.serve.preparing": ("Préparation de la carte…", "Preparing the map…"),
    "cli.serve.not_prepared": ("La carte n'a pas pu être préparée : {reason}. L'application les montre aussi.",
                               "The map could not be prepared: {reason}. The app shows them too."),
    "cli.serve.map_ready": (
        "Carte prête : {n} {n:acteur|acteurs}, {m} {m:relation|relations} ({seconds} s).",
        "Map ready: {n} {n:actor|actors}, {m} {m:relationship|relationships} ({seconds} s).",
    ),
    # -- neo4j ----------------------------------------------------------------------------------------
    "cli.help.review": (
        ("Relecture des propositions, quand OPCOMAP_PUBLISH=review : list, show, accept, reject.\n\n"
         "La ligne de commande est l'outil de l'administrateur : elle agit avec tous les droits, au nom donné "
         "par --as, enregistré dans l'historique. Elle travaille sur la carte que lisent les autres commandes "
         "(Neo4j si NEO4J_URI est défini, sinon le dossier de travail OPCOMAP_WORKSPACE)."),
        ("Review of proposals, when OPCOMAP_PUBLISH=review: list, show, accept, reject.\n\n"
         "The command line is the administrator's tool: it acts with every right, under the name given with "
         "--as, recorded in the history. It works on the map the other commands read (Neo4j when NEO4J_URI is "
         "set, else the OPCOMAP_WORKSPACE folder)."),
    ),
    "cli.help.review_list": ("Les propositions en attente, les plus récentes d'abord (--all : toutes, avec leur "
                             "issue).",
                             "The pending proposals, newest first (--all: every one, with its outcome)."),
    "cli.help.review_show": ("Une proposition : qui, quand, pourquoi, chaque champ avant et après, les sources "
                             "citées.",
                             "One proposal: who, when, why, each field before and after, the sources cited."),
    "cli.help.review_accept": ("Accepte une proposition en attente : elle est appliquée à la carte, au nom de son "
                               "auteur, avec le vôtre comme relecteur.",
                               "Accept a pending proposal: it is applied to the map, in its author's name, with "
                               "yours as reviewer."),
    "cli.help.review_reject": ("Refuse une proposition en attente, avec une raison (obligatoire) ; la carte ne "
                               "change pas.",
                               "Reject a pending proposal, with a reason (required); the map does not change."),
    "cli.arg.proposal": ("Identifiant de la proposition (son début suffit, tel que l'affiche review list).",
                         "The proposal's id (its beginning is enough, as review list shows it)."),
    "cli.opt.review_as": ("Votre nom, enregistré dans l'historique comme relecteur (obligatoire).",
                          "Your name, recorded in the history as the reviewer (required)."),
    "cli.opt.review_all": ("Toutes les propositions, décidées comprises, avec qui a décidé et pourquoi.",
                           "Every proposal, decided ones included, with who decided and why."),
    "cli.opt.review_reason": ("Pourquoi vous refusez (obligatoire ; transmis à l'auteur, gardé dans l'historique).",
                              "Why you reject it (required; sent to the author, kept in the history)."),
    "cli.opt.review_note": ("Un mot pour l'auteur, gardé avec la décision (facultatif).",
                            "A word for the author, kept with the decision (optional)."),
    "cli.review.title": ("Propositions — {where}", "Proposals — {where}"),
    "cli.review.why": ("Pourquoi : {why}", "Why: {why}"),
    "cli.review.status": ("État : {status}", "Status: {status}"),
    "cli.review.reason": ("Raison : {reason}", "Reason: {reason}"),
    "cli.col.at": ("quand", "when"),
    "cli.col.who": ("qui", "who"),
    "cli.col.what": ("quoi", "what"),
    "cli.col.why": ("pourquoi", "why"),
    "cli.col.status": ("état", "status"),
    "cli.col.decided_by": ("décidé par", "decided by"),
    "cli.col.reason": ("raison", "reason"),
    "cli.col.record": ("fiche", "record"),
    "cli.col.field": ("champ", "field"),
    "cli.col.before": ("avant", "before"),
    "cli.col.after": ("après", "after"),
    "cli.help.neo4j": ("Serveur Neo4j local (sans Docker) : start, stop, status.",
                       "Local Neo4j server (no Docker): start, stop, status."),
    "cli.help.neo4j_start": ("Télécharge Neo4j 5.26 (une fois), le démarre sur 127.0.0.1 et attend que Bolt réponde.",
                             "Download Neo4j 5.26 (once), start it on 127.0.0.1 and wait until Bolt answers."),
    "cli.help.neo4j_stop": ("Arrête proprement le serveur local ; aucun processus ne reste.",
                            "Stop the local server cleanly; no process is left."),
    "cli.help.neo4j_status": (
        "Affiche l'URI, le PID et la version du serveur local (code de sortie 3 s'il est arrêté).",
        "Show the URI, PID and version of the local server (exit code 3 when it is not running).",
    ),
    "cli.help.schema": ("Contraintes et index de la base Neo4j : apply.",
                        "Constraints and indexes of the Neo4j database: apply."),
    "cli.help.schema_apply": (
        ("Crée dans Neo4j (NEO4J_URI) les contraintes et index qui manquent (clés des acteurs, des sources et "
         "des relations, index des genres, des Régions, des noms et de l'historique) et dit lesquels "
         "existaient déjà.\n\n"
         "Demande les droits sur le schéma ; relancer ne change rien. Une fois le schéma en place, "
         "« opcomap load » ne fait que le vérifier : l'utilisateur qui charge n'a besoin d'aucun droit sur le schéma."),
        ("Create in Neo4j (NEO4J_URI) the constraints and indexes it lacks (keys of actors, sources and ties; "
         "indexes of kinds, Régions, names and the edit history) and say which were there already.\n\n"
         "Needs schema rights; running it again changes nothing. Once the schema is in place, "
         "\"opcomap load\" only checks it: the user who loads needs no schema rights."),
    ),
    "cli.schema.created": (
        "{n} {n:contrainte ou index créé|contraintes ou index créés} : {names}",
        "{n} {n:constraint or index|constraints or indexes} created: {names}",
    ),
    "cli.schema.existing": ("{n} déjà en place : {names}", "{n} already in place: {names}"),
    "cli.neo4j.started": ("Démarré. {state}", "Started. {state}"),
    "cli.neo4j.already": ("Déjà démarré : rien à faire. {state}", "Already started: nothing to do. {state}"),
    "cli.neo4j.stopped": ("Neo4j local arrêté.", "Local Neo4j stopped."),
    "cli.neo4j.not_running": ("Neo4j local n'était pas démarré : rien à faire.",
                              "Local Neo4j was not running: nothing to do."),
    # -- reconcile --------------------------------------------------------------------------------------
    "cli.help.reconcile": (
        ("Compare un import de registre avec la carte et ne liste que les différences.\n\n"
         "Une ligne par différence : l'acteur, ce que dit la carte, ce que dit le registre, la date du fichier du "
         "registre. Des différences ne sont pas une erreur : le code de sortie est 0.\n\n"
         "Exemples :\n\n"
         "  opcomap reconcile imports/siro\n\n"
         "  opcomap reconcile imports/siro --format csv --against mes-donnees\n\n"
         "  opcomap reconcile imports/siro --apply --dataset siro-2026-11"),
        ("Compare a registry import with the map and list only the differences.\n\n"
         "One row per difference: the actor, what the map says, what the registry says, the date of the "
         "registry's file. Differences are not an error: the exit code is 0.\n\n"
         "Examples:\n\n"
         "  opcomap reconcile imports/siro\n\n"
         "  opcomap reconcile imports/siro --format csv --against my-data\n\n"
         "  opcomap reconcile imports/siro --apply --dataset siro-2026-11"),
    ),
    "cli.arg.import_folder": ("Dossier écrit par `opcomap import REGISTRE FICHIER --output DOSSIER`.",
                              "Folder written by `opcomap import REGISTRY FILE --output FOLDER`."),
    "cli.opt.against": (
        ("Carte à comparer : fichiers ou dossiers (comme --data). Sans --against : Neo4j si NEO4J_URI est défini, "
         "sinon l'espace de travail de l'application s'il a été modifié, sinon la carte de référence fournie."),
        ("Map to compare with: files or folders (as --data). Without --against: Neo4j if NEO4J_URI is set, "
         "else the app's workspace if it was edited, else the bundled reference map."),
    ),
    "cli.opt.apply": ("Écrit la version du registre, une modification enregistrée (avec sa raison) par différence.",
                      "Write the registry's version, one recorded change (with its reason) per difference."),
    "cli.opt.apply_dataset": ("Avec --apply : nom du jeu de données qui porte la version du registre.",
                              "With --apply: name of the dataset that carries the registry's version."),
    "cli.opt.who": ("Avec --apply : nom enregistré dans l'historique (par défaut : l'utilisateur du système).",
                    "With --apply: name recorded in the history (default: the system's user)."),
    "cli.reconcile.apply_against": (
        ("--apply écrit dans la carte que l'on modifie (l'espace de travail OPCOMAP_WORKSPACE, ou Neo4j quand "
         "NEO4J_URI est défini) : il ne se combine pas avec --against, dont les fichiers sont seulement lus."),
        ("--apply writes into the map being edited (the OPCOMAP_WORKSPACE workspace, or Neo4j when NEO4J_URI "
         "is set): it does not go with --against, whose files are only read."),
    ),
    "cli.reconcile.apply_dataset": (
        "--apply demande le nom du jeu de données qui portera la version du registre : --dataset NOM.",
        "--apply needs the name of the dataset that will carry the registry's version: --dataset NAME.",
    ),
    "cli.reconcile.neo4j": ("Neo4j {uri}", "Neo4j {uri}"),
    "cli.reconcile.reference": ("carte de référence fournie", "bundled reference map"),
    "cli.reconcile.workspace": ("espace de travail {folder}", "workspace {folder}"),
    "cli.reconcile.nothing": ("Aucune différence entre la carte ({map}) et « {title} » du {date}.",
                              "No difference between the map ({map}) and “{title}” of {date}."),
    "cli.reconcile.title": ("{title} du {date} comparé à : {map}", "{title} of {date} compared with: {map}"),
    "cli.reconcile.count": ("{n} {n:différence|différences}.", "{n} {n:difference|differences}."),
    "cli.reconcile.applied": (
        "{n} {n:différence appliquée|différences appliquées} (jeu de données « {dataset} »), "
        "{n:enregistrée|enregistrées} dans l'historique de {where}.",
        "{n} {n:difference|differences} applied (dataset “{dataset}”), recorded in the history of {where}.",
    ),
    "cli.reconcile.skipped": ("  • non appliquée — {label} : {name} ({id}) : {why}",
                              "  • not applied — {label}: {name} ({id}): {why}"),
    "cli.col.difference": ("Différence", "Difference"),
    "cli.col.map": ("Carte", "Map"),
    "cli.col.registry": ("Registre", "Registry"),
    "cli.col.registry_date": ("Date du registre", "Registry date"),
}
