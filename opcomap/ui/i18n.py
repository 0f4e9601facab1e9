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
    "filters.weak": ("Liens à source faible", "Weakly sourced ties"),
    "filters.weak_help": (
        "Liens dont la meilleure source est faible (confiance < 0,6 : copie secondaire, résumé, blog).",
        "Ties whose best source is weak (confidence below 0.6: secondary copy, summary, blog).",
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
    "data.checked": (
        ("Fichiers valides, vérifiés avec la carte affichée : {n} acteur(s) et {m} relation(s) à ajouter ; "
         "{k} acteur(s) de la carte cité(s)."),
        ("Valid files, checked against the map shown: {n} actor(s) and {m} relationship(s) to add; "
         "{k} actor(s) of the map cited."),
    ),
    "data.skipped": ("{n} ligne(s) sans acteur, par convention du registre : {reason}",
                     "{n} row(s) without an actor, by the registry's own convention: {reason}"),
    "data.nothing_new": ("Rien de nouveau : la carte contient déjà tout ce que ces fichiers décrivent.",
                         "Nothing new: the map already holds everything these files describe."),
    "data.rejected": ("{n} problème(s) : rien n'a été chargé.", "{n} problem(s): nothing was loaded."),
    "data.dataset": ("Nom du jeu de données", "Dataset name"),
    "data.add": ("Ajouter à la carte", "Add to the map"),
    "data.load": ("Charger dans Neo4j", "Load into Neo4j"),
    "data.added": ("« {name} » ajouté à la carte : {n} acteur(s), {m} relation(s).",
                   "“{name}” added to the map: {n} actor(s), {m} relationship(s)."),
    "data.loaded_as": ("« {name} » chargé dans Neo4j : {n} acteur(s) et {m} relation(s) créés.",
                       "“{name}” loaded into Neo4j: {n} actor(s) and {m} relationship(s) created."),
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
    "data.removed": ("« {name} » retiré de la carte : {n} acteur(s), {m} relation(s).",
                     "“{name}” removed from the map: {n} actor(s), {m} relationship(s)."),
    "data.removed_kept": ("{k} acteur(s) gardé(s) : des relations d'autres jeux les utilisent.",
                          "{k} actor(s) kept: other datasets' relationships use them."),
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
    "reconcile.count": ("{n} différence(s) montrée(s) sur {total}", "{n} difference(s) shown of {total}"),
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
    "reconcile.apply_button": ("Appliquer les {n} différence(s) montrée(s)", "Apply the {n} difference(s) shown"),
    "reconcile.manual": (
        "{n} différence(s) sans correction automatique (le registre ne dit pas pourquoi) : à vérifier à la main.",
        "{n} difference(s) with no automatic fix (the registry does not say why): to check by hand.",
    ),
    "reconcile.applied": (
        "{n} différence(s) appliquée(s) (jeu de données « {dataset} »), enregistrée(s) dans l'historique de {where}.",
        "{n} difference(s) applied (dataset “{dataset}”), recorded in the history of {where}.",
    ),
    "reconcile.skipped": ("{n} différence(s) non appliquée(s) :", "{n} difference(s) not applied:"),
    "reconcile.files_only": (
        ("La carte comparée est faite des fichiers --data, qui sont seulement lus. Pour appliquer ces "
         "différences, lancez l'application sans autre fichier que ce dossier d'import (la carte est alors celle "
         "de l'espace de travail), ou sur Neo4j."),
        ("The compared map is made of the --data files, which are only read. To apply these differences, run "
         "the app with no file but this import folder (the map is then the workspace's), or on Neo4j."),
    ),
    "reconcile.read_only": ("L'application est en lecture seule : les différences ne peuvent pas être appliquées.",
                            "The app is read-only: the differences cannot be applied."),
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
