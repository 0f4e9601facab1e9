"""The app's pages, filters, banners and map: French first, then English."""

WORDS: dict[str, tuple[str, str]] = {
    # navigation
    "page.carte": ("Carte", "Map"),
    "page.acteur": ("Acteur", "Actor"),
    "page.chemins": ("Chemins", "Paths"),
    "page.analyse": ("Analyse", "Analysis"),
    "page.comparer": ("Comparer les OPCO", "Compare the OPCOs"),
    "page.cypher": ("Cypher", "Cypher"),
    "page.donnees": ("Données", "Data"),
    "page.sources": ("Sources", "Sources"),
    "page.modifier": ("Modifier", "Edit"),
    "page.relecture": ("Relecture", "Review"),
    "app.title": ("opcomap — l'écosystème de la formation professionnelle",
                  "opcomap — the vocational-training ecosystem"),
    "lang.label": ("Langue", "Language"),
    # read by whoever landed in the wrong language: both words, the same in both (a label
    # that changed with the language would make Streamlit see a new widget)
    "lang.switch": ("Langue / Language", "Langue / Language"),
    "lang.fr": ("Français", "Français"),
    "lang.en": ("English", "English"),
    # modes and banners
    "mode.embedded": ("Carte de référence fournie (sans base de données)",
                      "Bundled reference map (no database)"),
    "mode.workspace": ("Carte modifiée dans l'espace d'édition ({path}), sans base de données",
                       "Map edited in the edit workspace ({path}), no database"),
    "mode.uploads": ("avec les jeux de données importés : {names}", "with the uploaded datasets: {names}"),
    "mode.files": ("Fichiers : {paths}", "Files: {paths}"),
    "mode.neo4j": ("Neo4j : {uri}", "Neo4j: {uri}"),
    "banner.neo4j_down_last": (
        ("Neo4j ne répond pas ({reason}). La carte affichée est la dernière obtenue de la base ; "
        "elle sera actualisée dès que Neo4j répondra."),
        ("Neo4j is not answering ({reason}). The map shown is the last one read from the database; "
        "it will refresh as soon as Neo4j answers."),
    ),
    "banner.neo4j_down_bundled": (
        "Neo4j ne répond pas ({reason}). En attendant, l'application montre la carte de référence fournie.",
        "Neo4j is not answering ({reason}). Meanwhile the app shows the bundled reference map.",
    ),
    "error.page": (
        "Cette page n'a pas pu s'afficher : {reason}. Les détails sont dans le journal du serveur.",
        "This page could not be shown: {reason}. Details are in the server log.",
    ),
    "error.unexpected": ("erreur inattendue ({name})", "unexpected error ({name})"),
    "error.problems": (
        "{n} {n:problème|problèmes} dans les données :",
        "{n} {n:problem|problems} in the data:",
    ),
    "data.problem_col_file": ("Fichier", "File"),
    "data.problem_col_row": ("Ligne", "Row"),
    "data.problem_col_column": ("Colonne", "Column"),
    "data.problem_col_message": ("Problème", "Problem"),
    "url.ignored": ("Paramètre d'adresse ignoré : {detail}", "Ignored link parameter: {detail}"),
    # filters
    "filters.header": ("Filtres", "Filters"),
    "filters.kinds": ("Genres d'acteurs", "Actor kinds"),
    "filters.types": ("Types de relations", "Relationship types"),
    "filters.all": ("Tous", "All"),
    "filters.region": ("Région", "Region"),
    "filters.opco": ("OPCO", "OPCO"),
    "filters.any": ("— toutes —", "— all —"),
    "filters.any_opco": ("— tous —", "— all —"),
    "filters.as_of": ("À la date du", "As of"),
    "filters.illustrative": ("Liens illustratifs", "Illustrative ties"),
    "filters.illustrative_help": (
        "Liens plausibles mais non confirmés par une source (exemples de partenariats).",
        "Plausible ties not confirmed by a source (sample partnerships).",
    ),
    "filters.weak": ("Liens à source faible", "Weakly sourced ties"),
    "filters.weak_help": (
        "Liens dont la meilleure source est faible (confiance < 0,6 : copie secondaire, résumé, blog).",
        "Ties whose best source is weak (confidence below 0.6: secondary copy, summary, blog).",
    ),
    "actor.property": ("{name} : {value}", "{name}: {value}"),
    "actor.field_line": ("- **{name}** : {value}", "- **{name}**: {value}"),
    "actor.rank_help": ("rang {rank} sur {n} · {method}", "rank {rank} of {n} · {method}"),
    "actor.rank": ("rang {rank} sur {n}", "rank {rank} of {n}"),
    "actor.metrics_on_view": ("Calculés sur la vue filtrée ({view}), pas sur la carte entière.",
                              "Computed on the filtered view ({view}), not on the whole map."),
    "actor.metrics_on_map": ("Calculés sur la carte entière.", "Computed on the whole map."),
    # a view's one-line caption (ViewFilters.describe)
    "view.kinds": ("genres : {names}", "kinds: {names}"),
    "view.types": ("relations : {names}", "relationships: {names}"),
    "view.region": ("Région {code}", "Region {code}"),
    "view.opco": ("OPCO : {id}", "OPCO: {id}"),  # a name may itself start with "OPCO"
    "view.as_of": ("au {day}", "as of {day}"),
    "view.dataset": ("jeu {name}", "dataset {name}"),
    "view.no_illustrative": ("sans liens illustratifs", "without illustrative ties"),
    "view.no_weak": ("sans liens à source faible", "without weakly sourced ties"),
    "view.focus": ("autour de l'acteur {id} ({depth})", "around {id} ({depth})"),  # a name may start with a vowel
    "view.separator": (" ; ", "; "),
    "view.whole_map": ("carte complète", "whole map"),
    "compare.shared_line": ("**{a} ∩ {b}** : {n}", "**{a} ∩ {b}**: {n}"),
    "filters.dataset": ("Jeu de données", "Dataset"),
    "upload.button": ("Choisir un fichier", "Choose a file"),
    "upload.button_many": ("Choisir des fichiers", "Choose files"),
    "upload.limit": ("{size} Mo au plus par fichier", "At most {size} MB per file"),
    "upload.limit_types": ("{limit} • {types}", "{limit} • {types}"),
    # an anchor of the view (its OPCO, its focus) that a filter removes
    "anchor.filter_opco": ("OPCO", "OPCO"),
    "anchor.filter_focus": ("Centrer sur un acteur", "Focus on an actor"),
    "anchor.lost_as_of": ("« {name} » n'existait pas au {day} : le filtre de date le retire de la vue.",
                          "“{name}” did not exist on {day}: the date filter removes it from the view."),
    "anchor.lost_dataset": ("« {name} » n'est pas dans le jeu {dataset} : ce filtre le retire de la vue.",
                            "“{name}” is not in dataset {dataset}: that filter removes it from the view."),
    "anchor.lost_unknown": ("« {name} » n'est pas dans la carte : le filtre « {filter} » ne peut rien montrer.",
                            "“{name}” is not on the map: the “{filter}” filter can show nothing."),
    "anchor.relax_as_of": ("Retirer la date", "Remove the date"),
    "anchor.relax_dataset": ("Retirer le filtre de jeu de données", "Remove the dataset filter"),
    "anchor.relax_opco": ("Retirer le filtre OPCO", "Remove the OPCO filter"),
    "anchor.relax_focus": ("Retirer le centrage", "Remove the focus"),
    "filters.reset": ("Réinitialiser les filtres", "Reset filters"),
    "counts": ("{n} {n:acteur|acteurs}, {m} {m:relation|relations}", "{n} {n:actor|actors}, {m} {m:relationship|relationships}"),
    "search.label": ("Rechercher un acteur", "Search for an actor"),
    "search.placeholder": ("Nom, sigle ou alias…", "Name, acronym or alias…"),
    "search.large": (
        "{n} {n:acteur|acteurs} : tapez une partie du nom, du sigle ou d'un alias, puis Entrée.",
        "{n} {n:actor|actors}: type part of the name, acronym or an alias, then Enter.",
    ),
    "search.results": ("Résultats ({n})", "Results ({n})"),
    "search.results_first": (
        "Résultats : {n:le premier|les {n} premiers}, d'autres correspondent ; précisez la recherche",
        "Results: {n:the first|the first {n}}, more match; narrow the search",
    ),
    "search.open": ("Ouvrir la fiche", "Open the profile"),
    # map page
    "map.focus": ("Centrer sur un acteur (réseau égocentré)", "Focus on an actor (ego network)"),
    "map.depth": ("Profondeur", "Depth"),
    "map.size_by": ("Taille des nœuds selon", "Node size by"),
    "map.size_none": ("— uniforme —", "— uniform —"),
    "map.layout": ("Disposition", "Layout"),
    "map.layout_force": ("Réseau", "Network"),
    "map.layout_hierarchical": ("Niveaux", "Levels"),
    "map.layout_story": (
        "La vue « Les OPCO et leurs partenaires » place les acteurs elle-même : choisissez « Toute la "
        "sélection » pour changer la disposition.",
        "The view \"The OPCO and their partners\" places the actors itself: choose \"The whole selection\" "
        "to change the layout.",
    ),
    "map.path": ("Surligner un chemin", "Highlight a path"),
    "map.path_from": ("De", "From"),
    "map.path_to": ("À", "To"),
    "map.path_none": ("Aucun chemin entre ces deux acteurs dans la vue.",
                      "No path between these two actors in this view."),
    "map.path_found": ("Chemin surligné : {steps}", "Highlighted path: {steps}"),
    "map.empty": ("Aucun acteur ne correspond à ces filtres.", "No actor matches these filters."),
    "map.aggregated": (
        "Vue très grande : {detail}",
        "Very large view: {detail}",
    ),
    "map.ties_toggle": (
        "Afficher les relations dessinées en tableau, avec leurs sources",
        "Show the relationships drawn as a table, with their sources",
    ),
    "map.click_hint": (
        "Cliquez sur un acteur pour l'inspecter (relations, sources, « Ouvrir la fiche »), double-cliquez pour "
        "déplier ses voisins ; la légende masque un genre ou un type d'un clic ; clavier : flèches, Entrée, Échap, "
        "+ et −.",
        "Click an actor to inspect it (ties, sources, “Open the profile”), double-click to expand its "
        "neighbours; a click in the legend hides a kind or a type; keys: arrows, Enter, Escape, + and −.",
    ),
    "map.view": ("Vue", "View"),
    "map.view_story": ("Les OPCO et leurs partenaires", "The OPCO and their partners"),
    "map.view_all": ("Toute la sélection", "The whole selection"),
    "map.colour": ("Couleur selon", "Colour by"),
    "map.colour_kind": ("le genre d'acteur", "the kind of actor"),
    "map.colour_community": ("la communauté (Louvain)", "the community (Louvain)"),
    "map.colour_property": ("la propriété « {name} »", "the property “{name}”"),
    "map.story_caption": (
        "Au centre, {n:l'acteur|les {n} acteurs} du genre « {kind} » ; autour, {partners} "
        "{partners:partenaire rangé|partenaires rangés} selon {sectors:la façon|les {sectors} façons} dont "
        "{partners:il travaille|ils travaillent} avec {n:lui|eux}, les plus importants nommés : cliquez sur "
        "un acteur pour voir ses relations et leurs sources.",
        "In the middle, {n:the actor|the {n} actors} of kind “{kind}”; around {n:it|them}, {partners} "
        "{partners:partner|partners} grouped by {sectors:the way|the {sectors} ways} they work together, the "
        "most important named: click an actor to see its ties and their sources.",
    ),
    "map.downloads": ("Exporter cette vue", "Export this view"),
    "map.time": ("Remonter le temps", "Scrub through time"),
    "map.time_help": (
        "La carte à une date choisie, chaque acteur à sa place, avec ce qui a changé depuis une autre date.",
        "The map on a chosen date, every actor in its place, with what changed since another date.",
    ),
    "map.time_at": ("Date de la carte", "Date of the map"),
    "map.time_vs": ("Comparer avec", "Compare with"),
    "map.time_previous": ("la date précédente du curseur", "the slider's previous date"),
    "map.time_none": ("— aucune comparaison —", "— no comparison —"),
    "map.time_play": ("Lecture : avancer le curseur date après date", "Play: move the slider on, date after date"),
    "map.time_pause": ("Pause", "Pause"),
    "map.time_alone": ("Carte au {day}, sans comparaison.", "Map on {day}, no comparison."),
    "map.time_evolution": ("Évolution en PDF (une page par date)", "Evolution as a PDF (one page per date)"),
    "map.time_evolution_dates": ("Dates des pages", "Dates of the pages"),
    "share.link": ("Lien de cette vue", "Link to this view"),
    "share.help": ("L'adresse de la page reproduit cette vue : copiez-la pour la partager.",
                   "The page address reproduces this view: copy it to share it."),
    # actor page
    "actor.pick": ("Choisissez un acteur", "Choose an actor"),
    "actor.unknown": ("Aucun acteur « {id} » sur cette carte.", "No actor “{id}” on this map."),
    "actor.identity": ("Identité", "Identity"),
    "actor.ties": ("Relations", "Relationships"),
    "actor.no_ties": ("Aucune relation dans cette vue.", "No relationship in this view."),
    "actor.metrics": ("Indicateurs", "Metrics"),
    "actor.history": ("Historique", "History"),
    "actor.edits": ("Modifications enregistrées", "Recorded edits"),
    "actor.succession": ("Successions", "Successions"),
    # One history tie as a sentence: the type's label reads between its two actors.
    "actor.succession_line": ("{source} {label} {target}", "{source} {label} {target}"),
    "actor.succession_line_dated": ("{source} {label} {target}, le {date}", "{source} {label} {target} on {date}"),
    "actor.timeline": ("Chronologie des relations", "Timeline of relationships"),
    "actor.no_history": ("Aucune date connue pour cet acteur et ses relations.",
                         "No known date for this actor and its relationships."),
    "actor.on_map": ("Voir sur la carte", "See on the map"),
    "actor.outgoing": ("→ vers", "→ to"),
    "actor.incoming": ("← de", "← from"),
    "actor.illustrative": ("illustratif", "illustrative"),
    "actor.weak": ("source faible", "weakly sourced"),
    "actor.no_source": ("sans source", "no source"),
    "field.id": ("Identifiant", "Id"),
    "field.name": ("Nom", "Name"),
    "field.kind": ("Genre", "Kind"),
    "field.short_name": ("Sigle", "Short name"),
    "field.official_name": ("Nom officiel", "Official name"),
    "field.aliases": ("Autres noms", "Aliases"),
    "field.region": ("Région", "Region"),
    "field.siret": ("SIRET", "SIRET"),
    "field.idcc": ("IDCC", "IDCC"),
    "field.website": ("Site web", "Website"),
    "field.description": ("Description", "Description"),
    "field.sectors": ("Secteurs", "Sectors"),
    "field.tags": ("Étiquettes", "Tags"),
    "field.since": ("Depuis", "Since"),
    "field.until": ("Jusqu'au", "Until"),
    "col.other": ("Autre acteur", "Other actor"),
    "col.direction": ("Sens", "Direction"),
    "col.type": ("Type", "Type"),
    "col.details": ("Détails", "Details"),
    "col.sources": ("Sources", "Sources"),
    "col.date": ("Date", "Date"),
    "col.event": ("Événement", "Event"),
    "col.query_name": ("Nom", "Name"),
    "col.question": ("Question", "Question"),
    "col.parameters": ("Paramètres", "Parameters"),
    # paths page
    "paths.intro": ("Tous les plus courts chemins entre deux acteurs, relation par relation.",
                    "All shortest paths between two actors, relationship by relationship."),
    "paths.from": ("Départ", "From"),
    "paths.to": ("Arrivée", "To"),
    "paths.count": (
        "{n} {n:plus court chemin|plus courts chemins} de longueur {k}",
        "{n} shortest {n:path|paths} of length {k}",
    ),
    "paths.count_of": (
        "{shown} sur {n} {n:plus court chemin|plus courts chemins} de longueur {k} : « Afficher "
        "{n:le chemin|les {n} chemins} » ou le téléchargement donnent les autres.",
        "{shown} of {n} shortest {n:path|paths} of length {k}: “Show {n:the path|all {n} paths}” or the "
        "download gives the others.",
    ),
    "paths.all": ("Afficher {n:le chemin|les {n} chemins}", "Show {n:the path|all {n} paths}"),
    "paths.download": (
        "Télécharger {n:le chemin|les {n} chemins} (CSV)",
        "Download {n:the path|the {n} paths} (CSV)",
    ),
    "paths.cli": (
        "Au-delà de {limit} {limit:chemin|chemins}, la page s'arrête : opcomap analyze paths {src} {dst} "
        "--limit {n} les liste tous.",
        "The page stops at {limit} {limit:path|paths}: opcomap analyze paths {src} {dst} --limit {n} lists "
        "them all.",
    ),
    "paths.none": ("Aucun chemin entre ces deux acteurs avec ces filtres.",
                   "No path between these two actors with these filters."),
    "paths.same": ("Choisissez deux acteurs différents.", "Choose two different actors."),
    "paths.show_map": ("Voir ce chemin sur la carte", "See this path on the map"),
    # analysis page
    "analysis.metrics": ("Indicateurs", "Metrics"),
    "analysis.communities": ("Communautés", "Communities"),
    "analysis.brokers": ("Intermédiaires", "Brokers"),
    "analysis.gaps": ("Manques", "Gaps"),
    "analysis.whatif": ("Et si…", "What if…"),
    "analysis.structure": ("Structure", "Structure"),
    "analysis.method": ("Méthode : {detail}", "Method: {detail}"),
    "analysis.engine": ("Moteur", "Engine"),
    "analysis.engine.igraph": ("igraph (dans l'application)", "igraph (in the app)"),
    "analysis.engine.gds": ("GDS (dans Neo4j)", "GDS (in Neo4j)"),
    "analysis.engine_igraph": ("calcul dans l'application par igraph", "computed in the app by igraph"),
    "analysis.resolution": ("Résolution", "Resolution"),
    "analysis.modularity": (
        "{n} {n:communauté|communautés}, modularité {q}",
        "{n} {n:community|communities}, modularity {q}",
    ),
    "analysis.exact": ("exacte", "exact"),
    "analysis.sampled": (
        "échantillon de {k} {k:acteur|acteurs} (graine {seed})",
        "sample of {k} {k:actor|actors} (seed {seed})",
    ),
    "analysis.metric_method": ("{metric} : {how}", "{metric}: {how}"),
    "analysis.col.community": ("Communauté", "Community"),
    "analysis.col.size": ("Taille", "Size"),
    "analysis.col.members": ("Membres", "Members"),
    "analysis.col.score": ("Score", "Score"),
    "analysis.col.method": ("Méthode", "Method"),
    "analysis.components_line": ("- **Composantes** : {n} ({sizes})", "- **Components**: {n} ({sizes})"),
    "analysis.articulation_line": ("- **Points d'articulation** : {n}", "- **Articulation points**: {n}"),
    "analysis.bridges_line": ("- **Ponts** : {n}", "- **Bridges**: {n}"),
    "analysis.core_line": ("- **k-core (k = {k})** : {n}", "- **k-core (k = {k})**: {n}"),
    "analysis.gaps_regions": ("**OPCO × Régions sans CFA ni organisme de formation partenaire**",
                              "**OPCO × Regions without a partner CFA or training organisation**"),
    "analysis.thin": (
        "{n} {n:lien|liens} sur {m} dans cette vue ({share}) {n:est illustratif ou faiblement sourcé|sont "
        "illustratifs ou faiblement sourcés} : les résultats ci-dessous en dépendent.",
        "{n} of {m} {m:tie|ties} in this view ({share}) {n:is illustrative or weakly sourced|are "
        "illustrative or weakly sourced}: the results below depend on them.",
    ),
    "analysis.without_thin": ("Refaire les analyses sans les liens illustratifs ni faiblement sourcés",
                              "Redo the analyses without illustrative or weakly sourced ties"),
    "analysis.gaps_thin": (
        "Ces manques reposent sur des partenariats en partie illustratifs (exemples) : sans eux, {k} OPCO "
        "sur {n} {k:n'a|n'ont} de partenaire CFA ou organisme de formation dans aucune Région (contre {k0} "
        "avec eux).",
        "These gaps rest on partnerships that are partly illustrative (examples): without them, {k} of {n} "
        "OPCO {k:has|have} no partner CFA or training organisation in any Région ({k0} with them).",
    ),
    "analysis.gaps_branches": ("**Branches sans OPCO** : {n}", "**Branches without an OPCO**: {n}"),
    "analysis.without": ("Sans {name}", "Without {name}"),
    "analysis.whatif_components": ("Composantes connexes de la vue", "Connected components of the view"),
    "analysis.whatif_cut": ("Acteurs coupés", "Actors cut off"),
    "analysis.whatif_pairs": ("Paires joignables", "Reachable pairs"),
    "analysis.remove_actor": ("Retirer un acteur", "Remove an actor"),
    "analysis.remove_type": ("Retirer un type de relation", "Remove a relationship type"),
    "analysis.none": ("— aucun —", "— none —"),
    "analysis.whatif_pick": ("Choisissez un acteur ou un type de relation à retirer.",
                             "Choose an actor or a relationship type to remove."),
    "analysis.download_csv": ("Télécharger (CSV)", "Download (CSV)"),
    "analysis.too_small": ("La vue est vide : élargissez les filtres.", "The view is empty: widen the filters."),
    "data.template": ("Modèle d'import (Excel)", "Import template (Excel)"),
    "data.template_help": (
        "Un classeur aux colonnes que lit opcomap, avec les genres et types du schéma en listes déroulantes "
        "et une ligne d'exemple : remplissez-le, puis déposez-le ci-dessous.",
        "A workbook with the columns opcomap reads, the schema's kinds and types as drop-down lists "
        "and an example row: fill it in, then drop it below.",
    ),
    "download.excel_csv": ("CSV pour Excel", "CSV for Excel"),
    "download.excel_csv_help": (
        "Séparateur « ; », virgule décimale, UTF-8 avec BOM : s'ouvre tel quel dans Excel en français.",
        "« ; » separator, decimal commas, UTF-8 with a BOM: opens as is in French Excel.",
    ),
    "download.xlsx": ("Classeur Excel (XLSX)", "Excel workbook (XLSX)"),
    "download.svg": ("Schéma SVG", "SVG diagram"),
    "download.png": ("Image PNG", "PNG image"),
    "download.pdf": ("Document PDF", "PDF document"),
    "download.html": ("Carte HTML interactive", "Interactive HTML map"),
    "download.unavailable": ("Export indisponible : {reason}", "Export unavailable: {reason}"),
    # charts (opcomap.charts), on the analysis page and in their SVG/PNG exports
    "chart.tab": ("Graphiques", "Charts"),
    "chart.funding.title": ("Flux de financement par année", "Funding flows by year"),
    "chart.kinds.title": ("Acteurs par genre et par Région", "Actors by kind and Region"),
    "chart.degrees.title": ("Distribution des degrés", "Degree distribution"),
    "chart.partners.title": ("Partenaires de chaque {kind} par type de relation",
                             "Each {kind}'s partners by relationship type"),
    "chart.funding.caption": (
        "{ties} {ties:lien|liens} de financement le long de la chaîne {chain} ; {with_amount} "
        "{with_amount:indique|indiquent} un montant (un lien sans montant compte dans le nombre de liens, "
        "pas dans les sommes) ; {without_year} {without_year:n'indique pas d'année et est "
        "regroupé|n'indiquent pas d'année et sont regroupés} sous « {no_year} ».",
        "{ties} funding {ties:tie|ties} along the chain {chain}; {with_amount} {with_amount:states|state} an "
        "amount (a tie without one counts in the number of ties, not in the sums); {without_year} "
        '{without_year:states no year and is|state no year and are} grouped under "{no_year}".',
    ),
    "chart.actor_funding.title": ("Financements par année — {name}", "Funding by year — {name}"),
    "chart.actor_funding.caption": (
        "{ties} {ties:lien|liens} de financement {ties:reçu ou versé|reçus ou versés} par {name} ; "
        "{with_amount} {with_amount:indique|indiquent} un montant (un lien sans montant compte dans le "
        "nombre de liens, pas dans les sommes) ; {without_year} {without_year:n'indique pas d'année et est "
        "regroupé|n'indiquent pas d'année et sont regroupés} sous « {no_year} ».",
        "{ties} funding {ties:tie|ties} received or paid by {name}; {with_amount} {with_amount:states|state} "
        "an amount (a tie without one counts in the number of ties, not in the sums); {without_year} "
        '{without_year:states no year and is|state no year and are} grouped under "{no_year}".',
    ),
    "chart.received": ("Reçus", "Received"),
    "chart.paid": ("Versés", "Paid"),
    "chart.axis.other": ("Autre acteur", "Other actor"),
    "chart.funding.by_amount": ("Barres : montants additionnés par paire d'acteurs et par année.",
                                "Bars: amounts summed per pair of actors and year."),
    "chart.funding.by_ties": ("Barres : nombre de liens par paire d'acteurs et par année.",
                              "Bars: number of ties per pair of actors and year."),
    "chart.kinds.caption": (
        "{n} {n:acteur|acteurs} de la vue {n:compté|comptés} par genre et par Région. Les acteurs ne citent "
        "pas de source : les comptes viennent de la carte elle-même.",
        "{n} {n:actor|actors} of the view counted by kind and Region. Actors cite no source: the counts come "
        "from the map itself.",
    ),
    "chart.kinds.national": (
        "{none:L'acteur sans Région (national) n'est pas dessiné.|Les {none} acteurs sans Région (nationaux) "
        "ne sont pas dessinés.}",
        "{none:The actor without a Region (a national one) is|The {none} actors without a Region (national "
        "ones) are} not drawn.",
    ),
    "chart.degrees.caption": (
        "Degré : nombre de liens d'un acteur, dans les deux sens. {n} {n:acteur|acteurs}, {ties} "
        "{ties:lien|liens}.",
        "Degree: an actor's number of ties, either direction. {n} {n:actor|actors}, {ties} {ties:tie|ties}.",
    ),
    "chart.partners.caption": (
        "Partenaires distincts de chaque {kind} par type de relation (un partenaire lié deux fois par un "
        "même type compte une fois) ; {ties} {ties:lien|liens}.",
        "Distinct partners of each {kind} by relationship type (a partner tied twice by one type counts "
        "once); {ties} {ties:tie|ties}.",
    ),
    "chart.illustrative": (
        "Dont {n} {n:lien illustratif (exemple non confirmé|liens illustratifs (exemples non confirmés} par "
        "une source).",
        "Of which {n} illustrative {n:tie (an example|ties (examples} no source confirms).",
    ),
    "chart.illustrative_lighter": (
        "Dont {n} {n:lien illustratif|liens illustratifs}, en couleur pâle.",
        "Of which {n} illustrative {n:tie|ties}, drawn lighter.",
    ),
    "chart.empty": ("Rien à dessiner dans cette vue.", "Nothing to draw in this view."),
    "chart.sources": ("Sources des liens comptés ({n}) :", "Sources of the ties counted ({n}):"),
    "chart.no_sources": ("Aucune source citée par les liens comptés.", "The ties counted cite no source."),
    "chart.more_sources": (
        "… et {n} {n:autre source|autres sources} (page Sources de l'application).",
        "… and {n} more {n:source|sources} (the app's Sources page).",
    ),
    "chart.no_year": ("année non précisée", "year not stated"),
    "chart.axis.year": ("Année", "Year"),
    "chart.axis.amount": ("Montant", "Amount"),
    "chart.axis.ties": ("Liens", "Ties"),
    "chart.axis.actors": ("Acteurs", "Actors"),
    "chart.axis.region": ("Région", "Region"),
    "chart.axis.kind": ("Genre", "Kind"),
    "chart.axis.degree": ("Degré (nombre de liens)", "Degree (number of ties)"),
    "chart.axis.partners": ("Partenaires", "Partners"),
    "chart.axis.type": ("Type de relation", "Relationship type"),
    "chart.axis.funder": ("Financeur", "Funder"),
    "chart.axis.funded": ("Financé", "Funded"),
    "chart.axis.illustrative": ("Lien illustratif", "Illustrative tie"),
    "chart.measure": ("Mesure", "Measure"),
    "chart.measure.amount": ("Montants (€)", "Amounts (€)"),
    "chart.measure.ties": ("Nombre de liens", "Number of ties"),
    "chart.svg": ("Graphique SVG", "SVG chart"),
    "chart.png": ("Image PNG", "PNG image"),
    # compare page
    "compare.pick": ("OPCO à comparer", "OPCOs to compare"),
    "compare.need_two": ("Choisissez au moins deux OPCO.", "Choose at least two OPCOs."),
    "compare.no_opco": ("Ce schéma n'a pas de genre OPCO.", "This schema has no OPCO kind."),
    "compare.shared": ("Partenaires communs", "Shared partners"),
    "compare.overlap": ("Recouvrement (Jaccard)", "Overlap (Jaccard)"),
    "compare.per_type": ("Relations par type", "Relationships per type"),
    # cypher page
    "cypher.no_neo4j": (
        ("La console Cypher interroge une base Neo4j ; l'application fonctionne en ce moment sans base. "
        "Pour la brancher :"),
        "The Cypher console queries a Neo4j database; the app currently runs without one. To connect it:",
    ),
    "cypher.howto": (
        ("1. démarrez un serveur local : `opcomap neo4j start` (ou `docker compose up -d neo4j`) ;\n"
        "2. chargez la carte : `opcomap load data/reference` ;\n"
        "3. relancez l'application avec `NEO4J_URI=bolt://127.0.0.1:7687` et `NEO4J_PASSWORD=…` "
        "(dans l'environnement ou le fichier `.env`)."),
        ("1. start a local server: `opcomap neo4j start` (or `docker compose up -d neo4j`);\n"
        "2. load the map: `opcomap load data/reference`;\n"
        "3. restart the app with `NEO4J_URI=bolt://127.0.0.1:7687` and `NEO4J_PASSWORD=…` "
        "(in the environment or the `.env` file)."),
    ),
    "cypher.named": ("Questions prêtes", "Named questions"),
    "cypher.console": ("Console", "Console"),
    "cypher.query": ("Requête Cypher (lecture seule)", "Cypher query (read-only)"),
    "cypher.run": ("Exécuter", "Run"),
    "cypher.params": ("Paramètres", "Parameters"),
    "cypher.params_example": ("region=53\nopco=akto", "region=53\nopco=akto"),
    "cypher.rows_time": ("{n} {n:ligne|lignes} · {ms} ms", "{n} {n:row|rows} · {ms} ms"),
    "cypher.drawn": (
        "Acteurs et relations du résultat : {n} {n:acteur|acteurs}, {m} {m:relation|relations} dessinés.",
        "Actors and relationships in the result: {n} {n:actor|actors}, {m} {m:relationship|relationships} "
        "drawn.",
    ),
    "cypher.truncated": (
        "{cap:La première ligne|Les {cap} premières lignes} sur au moins {more} : augmentez « Lignes au "
        "plus » et exécutez de nouveau pour voir les autres.",
        "The first {cap:row|{cap} rows} of at least {more}: raise “Most rows” and run again to see the "
        "others.",
    ),
    "cypher.row_cap": ("Lignes au plus", "Most rows"),
    "cypher.row_cap_help": ("Au-delà, le résultat est coupé et la page le dit (OPCOMAP_ROW_CAP par défaut).",
                            "Beyond this the result is cut and the page says so (OPCOMAP_ROW_CAP by default)."),
    "cypher.pick": ("Question", "Question"),
    "cypher.pick_placeholder": ("Choisissez une question (liste ci-dessous)", "Choose a question (list below)"),
    # data page
    "data.intro": (
        ("Ajoutez vos propres fichiers (CSV, XLSX, JSON, YAML, GraphML, GEXF) ou le fichier d'un registre public "
         "tel que son éditeur le publie : ils sont vérifiés avec la carte affichée, par les mêmes règles que "
         "`opcomap validate` (ils peuvent citer ses acteurs et ses sources), puis ajoutés à la carte comme un "
         "jeu de données que l'on peut retirer d'un coup."),
        ("Add your own files (CSV, XLSX, JSON, YAML, GraphML, GEXF) or a public registry's file as its publisher "
         "releases it: they are checked against the map shown, by the same rules as `opcomap validate` (they may "
         "cite its actors and sources), then added to the map as a dataset that can be removed in one go."),
    ),
    "data.kind": ("Que voulez-vous ajouter ?", "What do you want to add?"),
    "data.kind_files": ("Mes fichiers (acteurs, relations, sources)", "My own files (actors, relationships, sources)"),
    "data.kind_registry": ("Un fichier de registre public", "A public registry file"),
    "data.upload": ("Fichiers de données", "Data files"),
    "data.registry": ("Registre", "Registry"),
    "data.registry_file": ("Fichier du registre, tel que publié", "The registry's file, as published"),
    "data.no_registry": ("Aucun importeur de registre n'est installé.", "No registry importer is installed."),
    "data.companies": ("Aussi un acteur par entreprise ou établissement (carte bien plus lourde)",
                       "Also one actor per company or establishment (a much heavier map)"),
    "data.regions": ("Seulement ces Régions (vide : toutes)", "Only these Régions (empty: all)"),
    "data.days_read_french": (
        "{n} {n:date lue|dates lues} à la française (jour/mois/année) alors {n:qu'elle se lirait|qu'elles se "
        "liraient} aussi mois/jour : {n:vérifiez-la|vérifiez-les} ci-dessous.",
        "{n} {n:date|dates} read the French way (day/month/year) that would also read month/day: check "
        "{n:it|them} below.",
    ),
    "data.checked": (
        "Fichiers valides, vérifiés avec la carte affichée : {n} {n:acteur|acteurs} et {m} "
        "{m:relation|relations} à ajouter ; {k} {k:acteur|acteurs} de la carte {k:cité|cités}.",
        "Valid files, checked against the map shown: {n} {n:actor|actors} and {m} "
        "{m:relationship|relationships} to add; {k} {k:actor|actors} of the map cited.",
    ),
    "data.skipped": (
        "{n} {n:ligne|lignes} sans acteur, par convention du registre : {reason}",
        "{n} {n:row|rows} without an actor, by the registry's own convention: {reason}",
    ),
    "data.nothing_new": ("Rien de nouveau : la carte contient déjà tout ce que ces fichiers décrivent.",
                         "Nothing new: the map already holds everything these files describe."),
    "data.rejected": (
        "{n} {n:problème|problèmes} : rien n'a été chargé.",
        "{n} {n:problem|problems}: nothing was loaded.",
    ),
    "data.dataset": ("Nom du jeu de données", "Dataset name"),
    "data.add": ("Ajouter à la carte", "Add to the map"),
    "data.load": ("Charger dans Neo4j", "Load into Neo4j"),
    "data.added": (
        "« {name} » ajouté à la carte : {n} {n:acteur|acteurs}, {m} {m:relation|relations}.",
        "“{name}” added to the map: {n} {n:actor|actors}, {m} {m:relationship|relationships}.",
    ),
    "data.loaded_as": (
        "« {name} » chargé dans Neo4j : {n} {n:acteur|acteurs} et {m} {m:relation|relations} créés.",
        "“{name}” loaded into Neo4j: {n} {n:actor|actors} and {m} {m:relationship|relationships} created.",
    ),
    "data.read_only": ("L'application est en lecture seule : ajouter ou retirer des données est désactivé.",
                       "The app is read-only: adding or removing data is disabled."),
    "data.datasets": ("Jeux de données ajoutés", "Added datasets"),
    "data.where_files": (
        ("Chaque ajout est un jeu de données à part, gardé dans `{folder}` ; la carte l'affiche aussitôt, "
         "et « Retirer » l'enlève sans toucher au reste."),
        ("Each addition is a dataset of its own, kept in `{folder}`; the map shows it at once, "
         "and “Remove” takes it away without touching the rest."),
    ),
    "data.where_neo4j": (
        ("Les jeux de données de la base Neo4j ; « Retirer » enlève les acteurs et relations d'un jeu, "
         "sauf les acteurs que les relations d'autres jeux utilisent."),
        ("The datasets in the Neo4j database; “Remove” takes a dataset's actors and relationships away, "
         "except actors that other datasets' relationships use."),
    ),
    "data.no_datasets": ("Aucun jeu de données ajouté pour l'instant.", "No dataset added yet."),
    "data.col_name": ("Jeu", "Dataset"),
    "data.col_files": ("Fichiers", "Files"),
    "data.col_actors": ("Acteurs", "Actors"),
    "data.col_relationships": ("Relations", "Relationships"),
    "data.col_added_at": ("Ajouté le (UTC)", "Added (UTC)"),
    "data.remove_pick": ("Jeu à retirer", "Dataset to remove"),
    "data.remove_confirm": ("Je confirme : ce jeu quitte la base Neo4j", "I confirm: this dataset leaves the Neo4j database"),
    "data.remove": ("Retirer ce jeu de la carte", "Remove this dataset from the map"),
    "data.confirm_first": ("Cochez d'abord la case de confirmation.", "Tick the confirmation box first."),
    "data.reserved": (
        "« {name} » regroupe les modifications faites dans l'application : annulez-les une à une (page Modifier).",
        "“{name}” holds the edits made in the app: undo them one by one (Edit page).",
    ),
    "data.removed": (
        "« {name} » retiré de la carte : {n} {n:acteur|acteurs}, {m} {m:relation|relations}.",
        "“{name}” removed from the map: {n} {n:actor|actors}, {m} {m:relationship|relationships}.",
    ),
    "data.removed_kept": (
        "{k} {k:acteur gardé|acteurs gardés} : des relations d'autres jeux {k:l'utilisent|les utilisent}.",
        "{k} {k:actor|actors} kept: other datasets' relationships use {k:it|them}.",
    ),
    "data.map_failed": (
        "La carte ne se lit plus avec les jeux ajoutés : retirez celui que les problèmes ci-dessous désignent.",
        "The map no longer reads with the added datasets: remove the one the problems below point to.",
    ),
    "data.neo4j_down": ("Neo4j ne répond pas : les ajouts attendent son retour.",
                        "Neo4j does not answer: additions wait until it is back."),
    "data.current": ("Carte affichée", "Map shown"),
    "data.by_kind": ("Acteurs par genre", "Actors per kind"),
    "data.by_type": ("Relations par type", "Relationships per type"),
    # sources page
    "sources.intro": (
        "Chaque relation de la carte cite au moins une source publique. Voici les sources derrière la vue.",
        "Every tie on the map cites at least one public source. These are the sources behind the view.",
    ),
    "sources.count": (
        "{n} {n:source|sources}, {n:citée|citées} par {m} {m:relation|relations}",
        "{n} {n:source|sources}, cited by {m} {m:relationship|relationships}",
    ),
    "sources.uncited": (
        "{n} {n:relation|relations} sans source dans la vue.",
        "{n} {n:relationship|relationships} without a source in the view.",
    ),
    "sources.illustrative": (
        "{n} {n:relation illustrative|relations illustratives} dans la vue.",
        "{n} illustrative {n:relationship|relationships} in the view.",
    ),
    "col.title": ("Titre", "Title"),
    "col.publisher": ("Éditeur", "Publisher"),
    "col.url": ("Lien", "Link"),
    "col.consulted": ("Consulté le", "Consulted"),
    "col.confidence": ("Confiance", "Confidence"),
    "col.ties": ("Relations", "Ties"),
    # metric names (opcomap.analysis.metrics.METRICS)
    "metric.degree_in": ("Liens entrants", "In-degree"),
    "metric.degree_out": ("Liens sortants", "Out-degree"),
    "metric.degree_funding": ("Financements (EUR)", "Funding (EUR)"),
    "metric.betweenness": ("Intermédiarité", "Betweenness"),
    "metric.closeness": ("Proximité", "Closeness"),
    "metric.pagerank": ("PageRank", "PageRank"),
    "metric.eigenvector": ("Centralité de vecteur propre", "Eigenvector centrality"),
    "metric.clustering": ("Coefficient de regroupement", "Clustering coefficient"),
    "metric.degree": ("Nombre de liens", "Degree"),
    # reconcile page (opcomap.ui.pages.rapprocher)
    "page.rapprocher": ("Rapprocher", "Reconcile"),
    "reconcile.intro": (
        ("Comparez un import de registre (écrit par `opcomap import`) avec la carte : seules les différences "
         "sont listées, avec ce que dit la carte, ce que dit le registre et la date de son fichier."),
        ("Compare a registry import (written by `opcomap import`) with the map: only the differences are "
         "listed, with what the map says, what the registry says and the date of its file."),
    ),
    "reconcile.folder_pick": ("Dossier d'import passé avec --data", "Import folder given with --data"),
    "reconcile.folder": ("Dossier d'import (chemin)", "Import folder (path)"),
    "reconcile.folder_placeholder": ("ex. ~/imports/siro-2026-11", "e.g. ~/imports/siro-2026-11"),
    "reconcile.folder_hint": (
        "Indiquez le dossier passé à `opcomap import REGISTRE FICHIER --output DOSSIER`.",
        "Give the folder passed to `opcomap import REGISTRY FILE --output FOLDER`.",
    ),
    "reconcile.compared": ("{registry}, comparé à : {map}", "{registry}, compared with: {map}"),
    "reconcile.map_reference": ("la carte de référence fournie", "the bundled reference map"),
    "reconcile.map_workspace": ("l'espace de travail {path}", "the workspace {path}"),
    "reconcile.map_neo4j": ("Neo4j {uri}", "Neo4j {uri}"),
    "reconcile.map_files": ("les fichiers {paths}", "the files {paths}"),
    "reconcile.none": ("Aucune différence : la carte dit ce que dit le registre.",
                       "No difference: the map says what the registry says."),
    "reconcile.kinds": ("Différences montrées", "Differences shown"),
    "reconcile.count": (
        "{n} {n:différence montrée|différences montrées} sur {total}",
        "{n} {n:difference|differences} shown of {total}",
    ),
    "reconcile.col_kind": ("Différence", "Difference"),
    "reconcile.col_actor": ("Acteur", "Actor"),
    "reconcile.col_map": ("Carte", "Map"),
    "reconcile.col_registry": ("Registre", "Registry"),
    "reconcile.col_date": ("Date du registre", "Registry date"),
    "reconcile.map": ("Sur la carte", "On the map"),
    "reconcile.map_hint": (
        "Les acteurs des différences (surlignés) et leurs voisins sur la carte comparée.",
        "The actors of the differences (highlighted) and their neighbours on the compared map.",
    ),
    "reconcile.off_map": ("Absents de la carte : {names}", "Not on the map: {names}"),
    "reconcile.all_off_map": ("Aucun de ces acteurs n'est sur la carte.", "None of these actors is on the map."),
    "reconcile.apply": ("Appliquer la version du registre", "Apply the registry's version"),
    "reconcile.apply_help": (
        ("Chaque différence devient une modification enregistrée dans l'historique de {where}, avec pour raison "
         "le registre et la date de son fichier ; chacune peut être annulée depuis la page Modifier."),
        ("Each difference becomes one change recorded in the history of {where}, its reason citing the registry "
         "and its file's date; each can be undone from the Edit page."),
    ),
    "reconcile.who": ("Votre nom (enregistré dans l'historique)", "Your name (recorded in the history)"),
    "reconcile.dataset": ("Nom du jeu de données", "Dataset name"),
    "reconcile.apply_button": (
        "Appliquer {n} {n:différence montrée|différences montrées}",
        "Apply {n} {n:difference|differences} shown",
    ),
    "reconcile.manual": (
        "{n} {n:différence|différences} sans correction automatique (le registre ne dit pas pourquoi) : à "
        "vérifier à la main.",
        "{n} {n:difference|differences} with no automatic fix (the registry does not say why): to check by "
        "hand.",
    ),
    "reconcile.proposed": (
        "{n} {n:différence proposée|différences proposées} à la relecture (jeu de données « {dataset} », "
        "{where}) : {n:elle arrivera|elles arriveront} sur la carte une fois {n:acceptée|acceptées} (page "
        "Relecture).",
        "{n} {n:difference|differences} proposed for review (dataset “{dataset}”, {where}): {n:it "
        "reaches|they reach} the map once accepted (Review page).",
    ),
    "reconcile.applied": (
        "{n} {n:différence appliquée|différences appliquées} (jeu de données « {dataset} »), "
        "{n:enregistrée|enregistrées} dans l'historique de {where}.",
        "{n} {n:difference|differences} applied (dataset “{dataset}”), recorded in the history of {where}.",
    ),
    "reconcile.skipped": (
        "{n} {n:différence non appliquée|différences non appliquées} :",
        "{n} {n:difference|differences} not applied:",
    ),
    "reconcile.files_only": (
        ("La carte comparée est faite des fichiers --data, qui sont seulement lus. Pour appliquer ces "
         "différences, lancez l'application sans autre fichier que ce dossier d'import (la carte est alors celle "
         "de l'espace de travail), ou sur Neo4j."),
        ("The compared map is made of the --data files, which are only read. To apply these differences, run "
         "the app with no file but this import folder (the map is then the workspace's), or on Neo4j."),
    ),
    "reconcile.read_only": ("L'application est en lecture seule : les différences ne peuvent pas être appliquées.",
                            "The app is read-only: the differences cannot be applied."),
    # the map and the diagrams (HTML, SVG, PNG, PDF)
    "mapview.count": (
        "{nodes} {nodes:acteur|acteurs}, {edges} {edges:relation|relations}",
        "{nodes} {nodes:actor|actors}, {edges} {edges:relationship|relationships}",
    ),
    "mapview.count_of": (
        "{nodes} {nodes:nœud affiché|nœuds affichés} pour {actors} {actors:acteur|acteurs}, {edges} "
        "{edges:relation|relations}",
        "{nodes} {nodes:node|nodes} shown for {actors} {actors:actor|actors}, {edges} "
        "{edges:relationship|relationships}",
    ),
    "mapview.aggregated": (
        "Carte agrégée : {actors} {actors:acteur|acteurs} et {relationships} "
        "{relationships:relation|relations} sélectionnés, plus qu'une carte n'en dessine un par un "
        "({cap} {cap:acteur|acteurs} au plus). {grouped} {grouped:acteur|acteurs} ({kinds}) "
        "{grouped:est regroupé|sont regroupés} en {groups} {groups:nœud|nœuds}, un par Région et par genre ; leurs relations de même "
        "type vers un même nœud sont fusionnées (la carte dessine {drawn} {drawn:trait|traits} en tout) et "
        "{inside} {inside:relation entre membres d'un même groupe n'est pas dessinée|relations entre membres "
        "d'un même groupe ne sont pas dessinées}. Filtrez ou centrez la vue sur un acteur pour les voir un "
        "par un.",
        "Aggregated map: {actors} {actors:actor|actors} and {relationships} "
        "{relationships:relationship|relationships} selected, more than a map draws one by one ({cap} "
        "{cap:actor|actors} at most). {grouped} {grouped:actor|actors} ({kinds}) {grouped:is|are} grouped "
        "into {groups} {groups:node|nodes}, one per Region and kind; their relationships of one type to one "
        "node are merged (the map draws {drawn} {drawn:line|lines} in all) and {inside} "
        "{inside:relationship|relationships} between members of one group {inside:is|are} not drawn. Filter "
        "or focus the view on one actor to see them one by one.",
    ),
    "mapview.search": ("Rechercher un acteur…", "Find an actor…"),
    "mapview.plain_ties": (
        "Grande carte : relations en traits pleins, sans flèches, pour un dessin rapide (le sens figure "
        "dans l'infobulle).",
        "Large map: ties drawn as plain lines without arrows, for a fast draw (the direction is in the "
        "tooltip).",
    ),
    "mapview.changes": ("Changements", "Changes"),
    "mapview.changes_between": (
        "Du {start} au {end} : {actors_new} {actors_new:acteur apparu|acteurs apparus}, {actors_ended} "
        "{actors_ended:disparu|disparus} ; {ties_new} {ties_new:relation nouvelle|relations nouvelles}, "
        "{ties_ended} {ties_ended:terminée|terminées} ; {successions} {successions:succession|successions} ; "
        "{ties_changed} {ties_changed:relation modifiée|relations modifiées} (montant, rôle…).",
        "From {start} to {end}: {actors_new} {actors_new:actor|actors} appeared, {actors_ended} gone; "
        "{ties_new} new {ties_new:tie|ties}, {ties_ended} ended; {successions} "
        "{successions:succession|successions}; {ties_changed} {ties_changed:tie|ties} changed (amount, "
        "role…).",
    ),
    "mapview.evolution_page": ("{title} — au {day}", "{title} — on {day}"),
    "mapview.more_sources_on": (
        "… et {count} {count:autre source|autres sources} (liste complète : opcomap export --format pdf "
        "--as-of {day})",
        "… and {count} more {count:source|sources} (full list: opcomap export --format pdf --as-of {day})",
    ),
    "mapview.change_new": ("Apparu (acteur, relation)", "New (actor, tie)"),
    "mapview.change_ended": ("Terminé (encore dessiné)", "Ended (still drawn)"),
    "mapview.change_succession": ("Succession", "Succession"),
    "mapview.change_changed": ("Modifié (acteur, relation)", "Changed (actor, tie)"),
    "mapview.still_large": (
        "La vue reste grande ({nodes} {nodes:nœud|nœuds}) : le dessin peut prendre quelques secondes.",
        "The view is still large ({nodes} {nodes:node|nodes}): drawing may take a few seconds.",
    ),
    "mapview.kinds": ("Genres d'acteurs", "Actor kinds"),
    "mapview.types": ("Types de relations", "Relationship types"),
    "mapview.legend": ("Légende", "Legend"),
    "mapview.kind": ("Genre", "Kind"),
    "mapview.region": ("Région", "Region"),
    "mapview.no_region": ("sans Région", "no Region"),
    "mapview.official_name": ("Nom officiel", "Official name"),
    "mapview.since": ("Depuis", "Since"),
    "mapview.until": ("Jusqu'au", "Until"),
    "mapview.website": ("Site", "Website"),
    "mapview.sectors": ("Secteurs", "Sectors"),
    "mapview.tags": ("Étiquettes", "Tags"),
    "mapview.sources": ("Sources", "Sources"),
    "mapview.no_source": ("aucune source citée", "no source cited"),
    "mapview.sources_on_profiles": (
        "Sources : sur la fiche de chaque acteur",
        "Sources: on each actor's profile",
    ),
    "mapview.illustrative": ("lien illustratif (à vérifier)", "illustrative tie (to be checked)"),
    "mapview.weak": (
        "lien à source faible (meilleure source de confiance < 0,6)",
        "weakly sourced tie (best source's confidence below 0.6)",
    ),
    "mapview.note": ("Note", "Note"),
    "mapview.consulted": ("consulté le {date}", "consulted {date}"),
    "mapview.confidence": ("confiance", "confidence"),
    "mapview.group_count": (
        "{count} {count:acteur regroupé|acteurs regroupés}",
        "{count} {count:actor|actors} grouped",
    ),
    "mapview.group_ties": (
        "{count} {count:relation regroupée|relations regroupées}",
        "{count} {count:relationship|relationships} grouped",
    ),
    "mapview.empty": ("Aucun acteur ne correspond à cette vue.", "No actor matches this view."),
    "mapview.open_profile": (
        "Cliquez sur un acteur pour ouvrir sa fiche.",
        "Click an actor to open its profile.",
    ),
    "mapview.title": (
        "Carte de l'écosystème de la formation professionnelle",
        "Map of the vocational-training ecosystem",
    ),
    "mapview.data_date": ("Données du {date}", "Data of {date}"),
    "mapview.filters": ("Vue : {filters}", "View: {filters}"),
    "mapview.layout_force": ("disposition par forces", "force layout"),
    "mapview.layout_hierarchical": ("disposition hiérarchique", "hierarchical layout"),
    "mapview.labels_limited": (
        "noms affichés pour {count} {count:acteur|acteurs} sur {total}, {count:le plus relié|les plus reliés} "
        "(la carte HTML les montre tous)",
        "names shown for {count} {count:actor|actors} of {total}, the most connected (the HTML map shows "
        "them all)",
    ),
    "mapview.ties_unnumbered": (
        "{count:la relation cite ses|les {count} relations citent leurs} sources dans la liste, sans numéro "
        "sur le dessin",
        "{count:the relationship cites its|the {count} relationships cite their} sources in the list, "
        "without numbers on the drawing",
    ),
    "mapview.labels_hidden": (
        "{count} {count:nom omis là où il en aurait|noms omis là où ils en auraient} recouvert d'autres (la "
        "carte HTML les montre tous)",
        "{count} {count:name|names} left out where {count:it|they} would have covered others (the HTML map "
        "shows them all)",
    ),
    "mapview.more_sources": (
        "… et {count} {count:autre source|autres sources} (liste complète dans l'export PDF)",
        "… and {count} more {count:source|sources} (full list in the PDF export)",
    ),
    "mapview.more_sources_next": (
        "… et {count} {count:autre source|autres sources} (liste complète en page suivante)",
        "… and {count} more {count:source|sources} (full list on the next page)",
    ),
    "mapview.sources_continued": (
        "Sources de la vue « {title} » (liste complète)",
        "Sources of the view “{title}” (full list)",
    ),
    # the map's inspector, legend buttons, keys and colours (map.js sets them as text)
    "mapview.inspector": ("Inspecteur de l'acteur choisi", "Inspector of the chosen actor"),
    "mapview.inspector_close": ("Fermer", "Close"),
    "mapview.inspector_open": ("Ouvrir la fiche", "Open the profile"),
    "mapview.inspector_expand": ("Déplier les voisins", "Expand neighbours"),
    "mapview.inspector_hide": ("Masquer", "Hide"),
    "mapview.inspector_pin": ("Épingler", "Pin"),
    "mapview.inspector_unpin": ("Désépingler", "Unpin"),
    "mapview.inspector_identity": ("Identité", "Identity"),
    "mapview.inspector_ties": ("Relations", "Relationships"),
    "mapview.inspector_metrics": ("Indicateurs", "Metrics"),
    "mapview.inspector_group": ("Groupe d'acteurs : filtrez la vue pour les voir un par un.",
                                "Group of actors: filter the view to see them one by one."),
    "mapview.inspector_nothing_more": ("Tous ses voisins de la vue sont déjà sur la carte.",
                                       "All its neighbours in this view are already on the map."),
    "mapview.inspector_expanded": (
        "{count} {count:voisin ajouté|voisins ajoutés} à la carte.",
        "{count} {count:neighbour|neighbours} added to the map.",
    ),
    "mapview.group_ties_short": ("{count} {count:relation|relations}", "{count} {count:tie|ties}"),
    "mapview.keys_help": (
        "Carte : flèches ou Tab pour passer d'un acteur à l'autre, Entrée pour l'inspecter, Échap pour "
        "fermer, + et − pour zoomer, double-clic pour déplier ses voisins.",
        "Map: arrows or Tab to move between actors, Enter to inspect one, Escape to close, + and − to "
        "zoom, double-click to expand its neighbours.",
    ),
    "mapview.legend_toggle": ("Cliquer pour masquer ou afficher", "Click to hide or show"),
    # the map's picture button: the drawing as shown, with a caption band (map.js writes it on the canvas)
    "mapview.picture": ("Image affichée (PNG)", "Picture as shown (PNG)"),
    "mapview.picture_help": (
        "Télécharger la carte telle qu'affichée (acteurs masqués, zoom et positions compris), "
        "avec la description de la vue et la date, en image PNG",
        "Download the map as shown (hidden actors, zoom and positions included), with the view's "
        "description and the date, as a PNG picture",
    ),
    "mapview.picture_date": ("Carte telle qu'affichée le {date}", "Map as shown on {date}"),
    "mapview.picture_file": ("opcomap-carte-{date}.png", "opcomap-map-{date}.png"),
    "mapview.colour_by": ("Couleur : {name}", "Colour: {name}"),
    "mapview.colour_by_community": ("Couleur : communauté (Louvain)", "Colour: community (Louvain)"),
    "mapview.community_n": ("Communauté {n}", "Community {n}"),
    "mapview.colour_other": ("autres ou non renseigné", "other or not given"),
    "mapview.field_region_name": ("Région", "Region"),
    "mapview.field_region_code": ("Code de Région", "Region code"),
    "mapview.field_since": ("Depuis", "Since"),
    "mapview.field_until": ("Jusqu'au", "Until"),
    "mapview.field_sectors": ("Secteur (le premier cité)", "Sector (the first listed)"),
    "mapview.field_tags": ("Étiquette (la première)", "Tag (the first)"),
    "mapview.field_idcc": ("IDCC", "IDCC"),
    "mapview.field_siret": ("SIRET", "SIRET"),
    "mapview.field_dataset": ("Jeu de données", "Dataset"),
    "mapview.made_with": ("opcomap", "opcomap"),
    "mapview.sources_heading": ("Sources :", "Sources:"),
    "mapview.row_label": ("{label} :", "{label}:"),
    # the drawn ties as a table, for screen readers and print (app and HTML export)
    "mapview.ties_title": ("Relations dessinées et leurs sources ({count})",
                           "Relationships drawn and their sources ({count})"),
    "mapview.ties_caption": (
        "Chaque relation dessinée sur la carte, avec ses dates et ses sources.",
        "Every relationship drawn on the map, with its dates and sources.",
    ),
    "mapview.ties_from": ("De", "From"),
    "mapview.ties_type": ("Relation", "Relationship"),
    "mapview.ties_to": ("Vers", "To"),
    # the France map (app page, diagrams, HTML export)
    "page.france": ("France par Région", "France by Région"),
    "france.intro": (
        "Une forme par Région (code INSEE), colorée selon la mesure choisie ; l'outre-mer en encadrés. "
        "Cliquez sur une Région pour filtrer les autres vues (filtre « Région » du panneau latéral).",
        "One shape per Région (INSEE code), coloured by the chosen measure; overseas Régions in boxes. "
        "Click a Région to filter the other views (the sidebar's “Region” filter).",
    ),
    "france.measure": ("Mesure", "Measure"),
    "france.measure_gaps": ("Manques de couverture d'un OPCO", "An OPCO's coverage gaps"),
    "france.measure_cfa": ("CFA", "CFA"),
    "france.measure_training": ("Organismes de formation", "Training organisations"),
    "france.measure_seats": ("Sièges au CREFOP", "Seats on the CREFOP"),
    "france.measure_funding": ("Financements reçus", "Funding received"),
    "france.explain_gaps": (
        "Régions où l'OPCO n'a aucun CFA ni organisme de formation partenaire (lié à lui par une relation).",
        "Régions where the OPCO has no CFA or training organisation tied to it.",
    ),
    "france.explain_cfa": (
        "CFA de chaque Région (leur code Région) ; avec un OPCO, seulement ceux qui lui sont liés.",
        "CFA in each Région (by their Région code); with an OPCO, only those tied to it.",
    ),
    "france.explain_training": (
        "Organismes de formation de chaque Région ; avec un OPCO, seulement ceux qui lui sont liés.",
        "Training organisations in each Région; with an OPCO, only those tied to it.",
    ),
    "france.explain_seats": (
        "Sièges dans les instances de gouvernance de la Région (le CREFOP) : une relation « siège » chacun, "
        "ou le nombre de sièges qu'elle indique.",
        "Seats on the Région's governance bodies (the CREFOP): one per seat tie, or the number of seats it gives.",
    ),
    "france.explain_funding": (
        "Somme des montants (€) des financements reçus par les acteurs de la Région, Région comprise ; "
        "un financement sans montant n'ajoute rien ; avec un OPCO, seulement ceux qu'il verse.",
        "Sum of the amounts (€) of the funding received by the Région's actors, the Région included; "
        "funding without an amount adds nothing; with an OPCO, only the funding it gives.",
    ),
    "france.explain_funding_ties": (
        "Aucun des financements comptés n'indique de montant : la carte compte, pour chaque Région, "
        "les financements reçus par ses acteurs, Région comprise ; avec un OPCO, seulement ceux qu'il verse.",
        "None of the funding ties counted states an amount: the map counts, for each Région, the funding ties "
        "into its actors, the Région included; with an OPCO, only the funding it gives.",
    ),
    "france.funding_ties_value": ("{n} {n:financement|financements}", "{n} {n:funding tie|funding ties}"),
    "france.legend_funding": ("Financements reçus (€)", "Funding received (€)"),
    "france.legend_funding_ties": ("Financements reçus (nombre)", "Funding received (number of ties)"),
    "france.opco_filter_ignored": (
        "Le filtre OPCO ({opco}) ne s'applique pas à cette mesure : elle compte toute la carte, "
        "Région par Région.",
        "The OPCO filter ({opco}) does not apply to this measure: it counts the whole map, Région by Région.",
    ),
    "france.funding_unstated": (
        "{n} {n:financement versé|financements versés} par {opco} à des acteurs d'une Région "
        "{n:n'indique pas de montant : il n'ajoute rien|n'indiquent pas de montant : ils n'ajoutent rien} à la carte.",
        "{n} {n:funding tie|funding ties} from {opco} to a Région's actors "
        "{n:states no amount and adds|state no amount and add} nothing to the map.",
    ),
    "france.opco": ("OPCO", "OPCO"),
    "france.any_opco": ("Tous (sans OPCO)", "All (no OPCO)"),
    "france.pick_opco": ("Choisissez un OPCO pour voir ses manques de couverture.",
                         "Pick an OPCO to see its coverage gaps."),
    "france.title_gaps": ("Manques de couverture par Région", "Coverage gaps by Région"),
    "france.title_gaps_of": ("Régions où {opco} n'a ni CFA ni organisme de formation partenaire",
                             "Régions where {opco} has no CFA or training partner"),
    "france.title_cfa": ("CFA par Région", "CFA by Région"),
    "france.title_cfa_of": ("CFA partenaires {opco:de}, par Région", "{opco}'s CFA partners, by Région"),
    "france.title_training": ("Organismes de formation par Région", "Training organisations by Région"),
    "france.title_training_of": ("Organismes de formation partenaires {opco:de}, par Région",
                                 "{opco}'s training-organisation partners, by Région"),
    "france.title_seats": ("Sièges au CREFOP par Région", "Seats on the CREFOP by Région"),
    "france.title_funding": ("Financements reçus par Région (€)", "Funding received by Région (€)"),
    "france.title_funding_of": ("Financements versés par {opco}, par Région (€)",
                                "Funding given by {opco}, by Région (€)"),
    "france.title_funding_ties": ("Nombre de financements reçus par Région", "Number of funding ties received, by Région"),
    "france.title_funding_ties_of": ("Nombre de financements versés par {opco}, par Région",
                                     "Number of funding ties from {opco}, by Région"),
    "france.gap": ("aucun CFA ni OF partenaire", "no CFA or training partner"),
    "france.covered": ("au moins un partenaire", "at least one partner"),
    "france.range": ("{low} à {high}", "{low} to {high}"),
    "france.tooltip": ("{name} ({code}) : {value}", "{name} ({code}): {value}"),
    "france.svg_label": ("Carte de France par Région", "Map of France by Région"),
    "france.col_region": ("Région", "Région"),
    "france.col_code": ("Code INSEE", "INSEE code"),
    "france.col_value": ("Valeur", "Value"),
    "france.legend": ("Légende", "Legend"),
    "france.insets": ("Outre-mer en encadrés, à des échelles différentes.",
                      "Overseas Régions in boxes, at different scales."),
    "france.basemap": ("Fond de carte : {attribution}", "Base map: {attribution}"),
    "france.selected": ("Région choisie : **{name}** ({code}) — les autres vues sont filtrées sur elle.",
                        "Région chosen: **{name}** ({code}) — the other views are filtered on it."),
    "france.clear": ("Toute la France", "All of France"),
    "france.values": ("Valeurs par Région", "Values by Région"),
    "france.download_html": ("Page HTML (hors ligne)", "HTML page (offline)"),
    "france.caption_measure": ("Mesure : {measure}", "Measure: {measure}"),
}
