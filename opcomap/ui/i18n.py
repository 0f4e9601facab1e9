"""The app's words, in French (default) and English.

Kind and relationship-type labels come from the schema, not from here, so a
user's own schema is labelled by its own file.
"""

from __future__ import annotations

LANGS = ("fr", "en")

STRINGS: dict[str, tuple[str, str]] = {
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
    "app.title": ("opcomap — l'écosystème de la formation professionnelle",
                  "opcomap — the vocational-training ecosystem"),
    "lang.label": ("Langue", "Language"),
    # modes and banners
    "mode.embedded": ("Carte de référence fournie (sans base de données)",
                      "Bundled reference map (no database)"),
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
    "error.problems": ("{n} problème(s) dans les données :", "{n} problem(s) in the data:"),
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
    "filters.reset": ("Réinitialiser les filtres", "Reset filters"),
    "counts": ("{n} acteurs, {m} relations", "{n} actors, {m} relationships"),
    "search.label": ("Rechercher un acteur", "Search for an actor"),
    "search.placeholder": ("Nom, sigle ou alias…", "Name, acronym or alias…"),
    "search.large": ("{n} acteurs : tapez une partie du nom, du sigle ou d'un alias, puis Entrée.",
                     "{n} actors: type part of the name, acronym or an alias, then Enter."),
    "search.results": ("Résultats ({n})", "Results ({n})"),
    "search.open": ("Ouvrir la fiche", "Open the profile"),
    # map page
    "map.focus": ("Centrer sur un acteur (réseau égocentré)", "Focus on an actor (ego network)"),
    "map.depth": ("Profondeur", "Depth"),
    "map.size_by": ("Taille des nœuds selon", "Node size by"),
    "map.size_none": ("— uniforme —", "— uniform —"),
    "map.layout": ("Disposition", "Layout"),
    "map.layout_force": ("Réseau", "Network"),
    "map.layout_hierarchical": ("Niveaux", "Levels"),
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
    "map.click_hint": ("Cliquez sur un acteur de la carte pour ouvrir sa fiche.",
                       "Click an actor on the map to open its profile."),
    "map.downloads": ("Exporter cette vue", "Export this view"),
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
    "actor.timeline": ("Chronologie des relations", "Timeline of relationships"),
    "actor.no_history": ("Aucune date connue pour cet acteur et ses relations.",
                         "No known date for this actor and its relationships."),
    "actor.on_map": ("Voir sur la carte", "See on the map"),
    "actor.outgoing": ("→ vers", "→ to"),
    "actor.incoming": ("← de", "← from"),
    "actor.illustrative": ("illustratif", "illustrative"),
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
    # paths page
    "paths.intro": ("Tous les plus courts chemins entre deux acteurs, relation par relation.",
                    "All shortest paths between two actors, relationship by relationship."),
    "paths.from": ("Départ", "From"),
    "paths.to": ("Arrivée", "To"),
    "paths.count": ("{n} plus court(s) chemin(s) de longueur {k}", "{n} shortest path(s) of length {k}"),
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
    "analysis.resolution": ("Résolution", "Resolution"),
    "analysis.modularity": ("{n} communautés, modularité {q:.3f}", "{n} communities, modularity {q:.3f}"),
    "analysis.remove_actor": ("Retirer un acteur", "Remove an actor"),
    "analysis.remove_type": ("Retirer un type de relation", "Remove a relationship type"),
    "analysis.none": ("— aucun —", "— none —"),
    "analysis.whatif_pick": ("Choisissez un acteur ou un type de relation à retirer.",
                             "Choose an actor or a relationship type to remove."),
    "analysis.download_csv": ("Télécharger (CSV)", "Download (CSV)"),
    "analysis.too_small": ("La vue est vide : élargissez les filtres.", "The view is empty: widen the filters."),
    "download.svg": ("Schéma SVG", "SVG diagram"),
    "download.png": ("Image PNG", "PNG image"),
    "download.pdf": ("Document PDF", "PDF document"),
    "download.html": ("Carte HTML interactive", "Interactive HTML map"),
    "download.unavailable": ("Export indisponible : {reason}", "Export unavailable: {reason}"),
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
    "cypher.rows": ("{n} ligne(s)", "{n} row(s)"),
    "cypher.drawn": ("Acteurs et relations du résultat : {n} acteurs, {m} relations dessinés.",
                     "Actors and relationships in the result: {n} actors, {m} relationships drawn."),
    "cypher.truncated": ("Résultat tronqué à {cap} lignes.", "Result truncated at {cap} rows."),
    "cypher.pick": ("Question", "Question"),
    "cypher.pick_placeholder": ("Choisissez une question (liste ci-dessous)", "Choose a question (list below)"),
    # data page
    "data.intro": (
        ("Déposez des fichiers (CSV, XLSX, JSON, YAML) : ils sont vérifiés par les mêmes règles que "
        "la commande `opcomap validate`."),
        "Drop files (CSV, XLSX, JSON, YAML): they are checked by the same rules as `opcomap validate`.",
    ),
    "data.upload": ("Fichiers de données", "Data files"),
    "data.valid": ("Fichiers valides : {n} acteurs, {m} relations.", "Valid files: {n} actors, {m} relationships."),
    "data.rejected": ("{n} problème(s) : rien n'a été chargé.", "{n} problem(s): nothing was loaded."),
    "data.load": ("Charger dans Neo4j", "Load into Neo4j"),
    "data.dataset": ("Nom du jeu de données", "Dataset name"),
    "data.loaded": ("Chargé dans Neo4j : {summary}", "Loaded into Neo4j: {summary}"),
    "data.read_only": ("L'application est en lecture seule : le chargement est désactivé.",
                       "The app is read-only: loading is disabled."),
    "data.no_neo4j": (
        ("Sans Neo4j, les fichiers sont seulement vérifiés. Pour les charger : `opcomap load FICHIERS` "
        "avec NEO4J_URI défini, ou lancez `opcomap serve --data FICHIERS` pour les explorer."),
        ("Without Neo4j the files are only checked. To load them: `opcomap load FILES` with NEO4J_URI set, "
        "or run `opcomap serve --data FILES` to explore them."),
    ),
    "data.current": ("Carte affichée", "Map shown"),
    "data.by_kind": ("Acteurs par genre", "Actors per kind"),
    "data.by_type": ("Relations par type", "Relationships per type"),
    # sources page
    "sources.intro": (
        "Chaque relation de la carte cite au moins une source publique. Voici les sources derrière la vue.",
        "Every tie on the map cites at least one public source. These are the sources behind the view.",
    ),
    "sources.count": ("{n} sources, citées par {m} relations", "{n} sources, cited by {m} relationships"),
    "sources.uncited": ("{n} relation(s) sans source dans la vue.", "{n} relationship(s) without a source in the view."),
    "sources.illustrative": ("{n} relation(s) illustrative(s) dans la vue.", "{n} illustrative relationship(s) in the view."),
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
}


def t(key: str, lang: str = "fr", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in.

    >>> t("counts", "fr", n=3, m=2)
    '3 acteurs, 2 relations'
    >>> t("counts", "en", n=3, m=2)
    '3 actors, 2 relationships'
    """
    fr, en = STRINGS[key]
    text = en if lang == "en" else fr
    return text.format(**values) if values else text


def normalise_lang(value: object) -> str:
    """``en`` or ``fr`` (the default) from whatever a URL carried.

    >>> normalise_lang("EN"), normalise_lang(None), normalise_lang("de")
    ('en', 'fr', 'fr')
    """
    text = str(value or "").lower()
    return text if text in LANGS else "fr"
