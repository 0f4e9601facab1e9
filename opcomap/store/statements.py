"""Every Cypher statement the store runs, and the one helper that quotes schema names.

Values always travel as parameters (``$name``). The only names written into the
text are kinds (labels) and relationship types, which Neo4j 5.26 cannot take
from a parameter: they come from the validated schema and pass through
:func:`quote`, which backtick-quotes them and refuses anything else.
The guarded console runs the user's own text (see :mod:`opcomap.store.runner`);
the statements it adds around it are here too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from graph_model.errors import SchemaError
from graph_model.schema import IDENTIFIER


def quote(name: str, known: Collection[str] | None = None) -> str:
    """``name`` backtick-quoted for Cypher text; SchemaError unless it is a schema name.

    Kinds and types match the schema's IDENTIFIER pattern, so the check is a second
    lock after the schema's own validation; ``known`` narrows it to one schema's names.

    >>> quote("OPCO")
    '`OPCO`'
    >>> quote("OPCO`) DETACH DELETE (n")
    Traceback (most recent call last):
    ...
    graph_model.errors.SchemaError: « OPCO`) DETACH DELETE (n » n'est pas un genre ni un type de relation du schéma.
    """
    if not IDENTIFIER.match(name) or (known is not None and name not in known):
        raise SchemaError("store.not_a_schema_name", name=name)
    return f"`{name}`"


def alternatives(names: Iterable[str]) -> str:
    """Several labels or types as one pattern: ```OPCO`|`CFA```."""
    return "|".join(quote(name) for name in names)


# -- connection and the local server -----------------------------------------------------

PING = "RETURN 1"
SERVER_INFO = "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition"
SET_PASSWORD = "ALTER CURRENT USER SET PASSWORD FROM $old TO $new"

# -- schema: constraints and indexes (names fixed, so re-running is safe) -----------------

CONSTRAINTS = {
    "actor_id": "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "source_id": "CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE",
}
INDEXES = {
    "actor_kind": "CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)",
    "actor_region": "CREATE INDEX actor_region IF NOT EXISTS FOR (a:Actor) ON (a.region_code)",
    "actor_dataset": "CREATE INDEX actor_dataset IF NOT EXISTS FOR (a:Actor) ON (a.dataset)",
    "actor_names": "CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (a:Actor) "
                   "ON EACH [a.name, a.short_name, a.official_name, a.aliases_text]",
}
SCHEMA = (*CONSTRAINTS.values(), *INDEXES.values())
HISTORY_INDEX_NAME = "change_id"
HISTORY_INDEX = "CREATE INDEX change_id IF NOT EXISTS FOR (c:Change) ON (c.id)"
PROPOSAL_INDEX_NAME = "proposal_id"
PROPOSAL_INDEX = "CREATE INDEX proposal_id IF NOT EXISTS FOR (p:Proposal) ON (p.id)"
# What is in place, read without schema rights (a reader may list indexes and constraints).
CONSTRAINT_NAMES = "SHOW CONSTRAINTS YIELD name RETURN name"
# An index a constraint owns is the constraint's: listed under CONSTRAINT_NAMES.
INDEX_NAMES = "SHOW INDEXES YIELD name, owningConstraint WHERE owningConstraint IS NULL RETURN name"
AWAIT_INDEXES = "CALL db.awaitIndexes(60)"


def key_constraint_name(rel_type: str) -> str:
    return f"rel_key_{rel_type.lower()}"


def relationship_key_constraint(rel_type: str) -> str:
    # A uniqueness constraint rather than a plain index: the writer CREATEs new ties
    # without looking for them first, so Neo4j itself must refuse a second tie with the same key.
    return (
        f"CREATE CONSTRAINT {key_constraint_name(rel_type)} IF NOT EXISTS "
        f"FOR ()-[r:{quote(rel_type)}]-() REQUIRE r.key IS UNIQUE"
    )


def drop_index(rel_type: str) -> str:
    """The plain key index an older version made where the key constraint now goes."""
    return f"DROP INDEX {key_constraint_name(rel_type)} IF EXISTS"


# -- reading the whole map --------------------------------------------------------------

ACTORS = (
    "MATCH (a:Actor) WHERE $dataset IS NULL OR a.dataset = $dataset "
    "RETURN properties(a) AS props ORDER BY a.id"
)
RELATIONSHIPS = (
    "MATCH (s:Actor)-[r]->(t:Actor) WHERE $dataset IS NULL OR r.dataset = $dataset "
    "RETURN s.id AS source, t.id AS target, type(r) AS type, properties(r) AS props ORDER BY r.key"
)
# The sources ties cite, each read once by its key (the source_id constraint's index).
READ_SOURCES = "UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN properties(s) AS props"
LATEST_LOAD = "MATCH (a:Actor) WHERE $dataset IS NULL OR a.dataset = $dataset RETURN max(a.loaded_at) AS at"
# What changes when the map does: counts (from Neo4j's count store: no scan), the edit history,
# and the latest load of an actor. A tie changed in place, same counts, is not seen here.
DATA_VERSION = (
    "MATCH (a:Actor) WITH count(a) AS actors, max(a.loaded_at) AS at "
    "CALL { MATCH ()-[r]->() RETURN count(r) AS ties } CALL { MATCH (s:Source) RETURN count(s) AS sources } "
    "CALL { MATCH (c:Change) RETURN count(c) AS changes } "
    "RETURN actors, ties, sources, changes, toString(at) AS at"
)

# -- the batched writer -----------------------------------------------------------------

SET_ROW = "SET {v} = row.props, {v}.content_hash = row.hash, {v}.loaded_at = $loaded_at"


def create_actors(kind: str) -> str:
    return f"UNWIND $rows AS row CREATE (a:Actor:{quote(kind)}) {SET_ROW.format(v='a')} RETURN count(*) AS n"


def update_actors(kind: str, kinds: Iterable[str]) -> str:
    others = "".join(f":{quote(k)}" for k in sorted(kinds) if k != kind)
    remove = f" REMOVE a{others}" if others else ""  # a changed kind loses its old label
    return (
        f"UNWIND $rows AS row MATCH (a:Actor {{id: row.id}}) {SET_ROW.format(v='a')}{remove} "
        f"SET a:{quote(kind)} RETURN count(*) AS n"
    )


CREATE_SOURCES = f"UNWIND $rows AS row CREATE (s:Source) {SET_ROW.format(v='s')} RETURN count(*) AS n"
UPDATE_SOURCES = f"UNWIND $rows AS row MATCH (s:Source {{id: row.id}}) {SET_ROW.format(v='s')} RETURN count(*) AS n"


def create_relationships(rel_type: str) -> str:
    return (
        "UNWIND $rows AS row MATCH (s:Actor {id: row.source}) MATCH (t:Actor {id: row.target}) "
        f"CREATE (s)-[r:{quote(rel_type)}]->(t) {SET_ROW.format(v='r')} RETURN count(*) AS n"
    )


def _seek(var: str, rel_type: str) -> str:
    # Forces a seek in the key constraint's index (ddl.py): planned on the stale statistics of
    # a just-loaded type, the lookup sometimes scanned the index once per row.
    return f" USING INDEX SEEK {var}:{quote(rel_type)}(key)"


def update_relationships(rel_type: str) -> str:
    # The key holds both endpoints and the type, so a changed row never moves.
    return (
        f"UNWIND $rows AS row MATCH ()-[r:{quote(rel_type)} {{key: row.key}}]->(){_seek('r', rel_type)} "
        f"{SET_ROW.format(v='r')} RETURN count(*) AS n"
    )


def _pending(match: str, hint: str = "", take_anchors: bool = False) -> str:
    """Positions (in $ids) of the rows Neo4j lacks, of those this dataset holds with another
    hash, and of those another dataset holds (shared: left as that dataset wrote them). A
    node another dataset only refers to (``anchor``: a registry import's copy of an OPCO) is
    taken over by a dataset that defines it (``take_anchors``). One record of integer lists,
    so an unchanged batch costs almost nothing to return."""
    mine = "(coalesce(x.dataset, $dataset) = $dataset" + (" OR coalesce(x.anchor, false))" if take_anchors else ")")
    return (
        f"UNWIND range(0, size($ids) - 1) AS i OPTIONAL MATCH {match}{hint} "
        "WITH i, x WHERE x IS NULL OR coalesce(x.content_hash <> $hashes[i], true) "
        f"RETURN collect(CASE WHEN x IS NULL THEN i END) AS new, collect(CASE WHEN x IS NOT NULL AND {mine} THEN i END) "
        f"AS changed, collect(CASE WHEN x IS NOT NULL AND NOT {mine} THEN i END) AS shared"
    )


def pending_actors(anchors: bool = False) -> str:
    """Actors this dataset defines take over anchor nodes; its anchors never take anything."""
    return _pending("(x:Actor {id: $ids[i]})", take_anchors=not anchors)


# A source belongs to no dataset (never "shared"): a changed one is rewritten by whoever loads it.
PENDING_SOURCES = _pending("(x:Source {id: $ids[i]})")


def pending_relationships(rel_type: str) -> str:
    return _pending(f"()-[x:{quote(rel_type)} {{key: $ids[i]}}]->()", _seek("x", rel_type))


COUNT_ACTORS = "MATCH (x:Actor) RETURN count(x) AS n"
COUNT_SOURCES = "MATCH (x:Source) RETURN count(x) AS n"


def count_relationships(rel_type: str) -> str:
    return f"MATCH ()-[x:{quote(rel_type)}]->() RETURN count(x) AS n"


# Every node and every relationship, from Neo4j's count store (``load --initial``: empty, then complete?).
COUNT_NODES = "MATCH (x) RETURN count(x) AS n"
COUNT_ALL_RELATIONSHIPS = "MATCH ()-[x]->() RETURN count(x) AS n"


def set_no_sources(rel_type: str) -> str:
    """The empty ``source_ids`` of the ties ``$keys`` (neo4j-admin's import cannot write an empty list)."""
    return (f"UNWIND $keys AS key MATCH ()-[r:{quote(rel_type)} {{key: key}}]->() "
            "SET r.source_ids = [] RETURN count(*) AS n")


STALE_ACTORS = "MATCH (a:Actor {dataset: $dataset}) RETURN a.id AS id"
STALE_RELATIONSHIPS = "MATCH ()-[r]->() WHERE r.dataset = $dataset RETURN elementId(r) AS eid, r.key AS key"
DELETE_RELATIONSHIPS = "UNWIND $rows AS eid MATCH ()-[r]->() WHERE elementId(r) = eid DELETE r RETURN count(*) AS n"
_USED_ELSEWHERE = "EXISTS { (a)-[r]-() WHERE coalesce(r.dataset, '') <> $dataset }"
DELETE_ACTORS = (
    f"UNWIND $rows AS id MATCH (a:Actor {{id: id}}) WHERE NOT {_USED_ELSEWHERE} DETACH DELETE a RETURN count(*) AS n"
)
USED_ELSEWHERE = f"UNWIND $rows AS id MATCH (a:Actor {{id: id}}) WHERE {_USED_ELSEWHERE} RETURN count(*) AS n"
# After a prune or a dataset's removal: the Source nodes no tie cites any more are deleted.
DELETE_UNCITED_SOURCES = (
    "MATCH ()-[r]->() WHERE r.source_ids IS NOT NULL UNWIND r.source_ids AS id "
    "WITH collect(DISTINCT id) AS cited MATCH (s:Source) WHERE NOT s.id IN cited DELETE s RETURN count(s) AS n"
)
COUNT_UNCITED_SOURCES = (
    "MATCH ()-[r]->() WHERE r.source_ids IS NOT NULL AND NOT elementId(r) IN $stale UNWIND r.source_ids AS id "
    "WITH collect(DISTINCT id) AS cited MATCH (s:Source) WHERE NOT s.id IN cited RETURN count(s) AS n"
)
DATASET_ACTORS = "MATCH (a:Actor) WHERE a.dataset IS NOT NULL RETURN a.dataset AS name, count(*) AS n"
DATASET_RELATIONSHIPS = (
    "MATCH (:Actor)-[r]->(:Actor) WHERE r.dataset IS NOT NULL RETURN r.dataset AS name, count(*) AS n"
)

# -- edits and their history ------------------------------------------------------------

LOCK = "_edit_lock"  # a throw-away property: setting it write-locks a node until the commit
LOCK_ACTORS = f"UNWIND $ids AS id MATCH (a:Actor {{id: id}}) SET a.{LOCK} = true"
UNLOCK_ACTORS = f"UNWIND $ids AS id MATCH (a:Actor {{id: id}}) REMOVE a.{LOCK}"
READ_ACTORS = "UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN properties(a) AS props"
SEARCH_FIELDS = (
    "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.kind AS kind, a.short_name AS short_name, "
    "a.official_name AS official_name, coalesce(a.aliases, []) AS aliases"
)
TIES_OF = (
    "MATCH (a:Actor {id: $id})-[r]-(:Actor) WHERE type(r) IN $types "
    "RETURN startNode(r).id AS source, endNode(r).id AS target, type(r) AS type, properties(r) AS props "
    "ORDER BY r.key"
)
COUNT_TIES = "MATCH (a:Actor {id: $id})-[r]-(:Actor) RETURN count(r) AS n"
ACTOR_EXISTS = "MATCH (a:Actor {id: $id}) RETURN count(a) AS n"
DELETE_ACTOR = "MATCH (a:Actor {id: $id}) DETACH DELETE a"
HISTORY = "MATCH (c:Change) WHERE $id IN c.actor_ids RETURN properties(c) AS props ORDER BY c.at DESC"
ONE_CHANGE = "MATCH (c:Change {id: $id}) RETURN properties(c) AS props"
LOCK_CHANGE = f"MATCH (c:Change {{id: $id}}) SET c.{LOCK} = true RETURN c.undone AS undone, c.undoes AS undoes"
RECORD_CHANGE = (
    "CREATE (c:Change) SET c = $record WITH c "
    "UNWIND $ids AS id MATCH (a:Actor {id: id}) CREATE (c)-[:CHANGED]->(a)"
)
MARK_UNDONE = f"MATCH (c:Change {{id: $id}}) SET c.undone = true REMOVE c.{LOCK}"
MARK_ACTIVE = "MATCH (c:Change {id: $id}) SET c.undone = false"
# Publishing by review: a proposal waits beside the history, and is never deleted.
RECORD_PROPOSAL = "CREATE (p:Proposal) SET p = $record"
PROPOSALS = (
    "MATCH (p:Proposal) WHERE p.status = $pending OR NOT $pending_only "
    "RETURN properties(p) AS props ORDER BY p.at DESC"
)
ONE_PROPOSAL = "MATCH (p:Proposal {id: $id}) RETURN properties(p) AS props"
LOCK_PROPOSAL = f"MATCH (p:Proposal {{id: $id}}) SET p.{LOCK} = true RETURN p.status AS status"
DECIDE_PROPOSAL = f"MATCH (p:Proposal {{id: $id}}) SET p += $record REMOVE p.{LOCK}"
# An edited tie's sources: created when new, rewritten when the edit changed their fields.
WRITE_SOURCES = (
    "UNWIND $rows AS row MERGE (s:Source {id: row.id}) WITH s, row "
    "WHERE coalesce(s.content_hash <> row.hash, true) "
    "SET s = row.props, s.content_hash = row.hash, s.loaded_at = $loaded_at"
)


def match_relationship(rel_type: str, types: Collection[str]) -> str:
    """The one tie ``$key`` of ``rel_type`` from ``$source`` to ``$target``, bound to ``r``."""
    return f"MATCH (:Actor {{id: $source}})-[r:{quote(rel_type, types)} {{key: $key}}]->(:Actor {{id: $target}})"


def create_actor(kind: str, kinds: Collection[str]) -> str:
    return f"CREATE (a:Actor:{quote(kind, kinds)}) SET a = $props"


def replace_actor(kind: str, old_kind: str | None, kinds: Collection[str]) -> str:
    """Every property of actor ``$id`` replaced by ``$props``; a changed kind swaps the label."""
    remove = f" REMOVE a:{quote(old_kind, kinds)}" if old_kind and old_kind != kind and old_kind in kinds else ""
    return f"MATCH (a:Actor {{id: $id}}) SET a = $props{remove} SET a:{quote(kind, kinds)}"


def create_relationship(rel_type: str, types: Collection[str]) -> str:
    return (
        "MATCH (s:Actor {id: $source}) MATCH (t:Actor {id: $target}) "
        f"CREATE (s)-[r:{quote(rel_type, types)}]->(t) SET r = $props RETURN count(r) AS n"
    )


# -- the projection: the map filtered server-side ----------------------------------------

def node_condition(var: str, kinds: list[str] | None) -> str:
    """WHERE clause fragment for actors: kinds (labels), dataset, validity date."""
    parts = [f"({var}:{alternatives(kinds)})"] if kinds else []
    parts += [
        f"($dataset IS NULL OR {var}.dataset = $dataset)",
        (
            f"($as_of IS NULL OR (({var}.since IS NULL OR {var}.since <= $as_of) "
            f"AND ({var}.until IS NULL OR $as_of <= {var}.until)))"
        ),
    ]
    return " AND ".join(parts)


# The keys of the sources whose confidence is below the threshold ($weak_ids of edge_condition).
WEAK_SOURCES = "MATCH (s:Source) WHERE s.confidence < $weak_below RETURN collect(s.id) AS ids"


def edge_condition(var: str) -> str:
    """WHERE clause fragment for ties: dataset, validity date, illustrative, weak.

    Weak as in :func:`opcomap.analysis.filters.is_weak`: at least one source, every
    one with a confidence and all below the threshold, i.e. every source id among
    ``$weak_ids`` (:data:`WEAK_SOURCES`, read from the Source nodes as the projection begins).
    """
    weak = (
        f"(size(coalesce({var}.source_ids, [])) > 0 "
        f"AND all(i IN {var}.source_ids WHERE i IN $weak_ids))"
    )
    return (
        f"($dataset IS NULL OR {var}.dataset = $dataset) "
        f"AND ($illustrative OR NOT coalesce({var}.illustrative, false)) "
        f"AND ($weak OR NOT {weak}) "
        f"AND ($as_of IS NULL OR (({var}.since IS NULL OR {var}.since <= $as_of) "
        f"AND ({var}.until IS NULL OR $as_of <= {var}.until)))"
    )


def _type_pattern(types: list[str] | None) -> str:
    return f":{alternatives(types)}" if types else ""


def kept_actor(var: str, kinds: list[str] | None, types: list[str] | None, region: bool) -> str:
    """WHERE clause fragment for the actors a view keeps: :func:`node_condition`, and with a
    Région its actors and the national actors tied to them."""
    query = node_condition(var, kinds)
    if region:
        # The subquery's own names are derived from ``var``: a query that binds ``r`` or ``l``
        # itself (the GDS projection) would otherwise hand them to the subquery.
        tie, local = f"{var}_tie", f"{var}_local"
        tied = (
            f"EXISTS {{ MATCH ({var})-[{tie}{_type_pattern(types)}]-({local}:Actor) "
            f"WHERE {local}.region_code = $region AND {node_condition(local, kinds)} AND {edge_condition(tie)} }}"
            if types != []
            else "false"
        )
        query += f" AND ({var}.region_code = $region OR (coalesce({var}.region_code, '') = '' AND {tied}))"
    return query


def nodes_query(kinds: list[str] | None, types: list[str] | None, region: bool) -> str:
    """Actors kept by the filters, as one record: ``actors``, one list of the values of ``$fields``
    per actor (a list, not a map per record: the driver decodes one big value, not a record per
    actor). With a Région, its actors and the national actors tied to them."""
    return f"MATCH (a:Actor) WHERE {kept_actor('a', kinds, types, region)} RETURN collect([f IN $fields | a[f]]) AS actors"


def ties_query(kinds: list[str] | None, rel_type: str, by_ids: bool, details: bool) -> str:
    """Ties of one type kept by the filters, between kept actors, as one record: ``ties``, one
    list per tie of its ends, validity (ISO text), illustrative flag, with ``details`` its note
    and source ids, then the values of ``$columns`` (the type's properties).

    Everything the view does not need stays in Neo4j; lists rather than a record per tie, so a
    million ties are a few large values for the driver to decode.
    """
    if by_ids:
        ends = "s.id IN $ids AND t.id IN $ids"
    else:
        ends = f"{node_condition('s', kinds)} AND {node_condition('t', kinds)}"
    more = ", r.note, r.source_ids" if details else ""
    return (
        f"MATCH (s:Actor)-[r:{quote(rel_type)}]->(t:Actor) "
        f"WHERE {ends} AND {edge_condition('r')} "
        f"RETURN collect([s.id, t.id, toString(r.since), toString(r.until), r.illustrative{more}] "
        "+ [c IN $columns | r[c]]) AS ties"
    )


# What a profile or a tooltip shows and a view leaves out: a tie's note and sources, by key
# (the key constraint's index of each type), and an actor's description.
def tie_details(rel_type: str) -> str:
    return (
        f"UNWIND $keys AS key MATCH ()-[r:{quote(rel_type)} {{key: key}}]->(){_seek('r', rel_type)} "
        "RETURN r.key AS key, r.note AS note, r.source_ids AS source_ids"
    )


ACTOR_DETAILS = "UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN a.id AS id, a.description AS description"


# -- Graph Data Science: the view projected, analysed and dropped inside Neo4j ------------

GDS_FOUND = "SHOW FUNCTIONS YIELD name WHERE name = 'gds.version' RETURN count(*) AS n"
GDS_VERSION = "RETURN gds.version() AS version"
VIEW_SIZE_TEMPLATE = "MATCH (a:Actor) WHERE {kept} RETURN count(a) AS n"
# The projection's relationship types, each the view of the ties one family of metrics reads.
GDS_TIE, GDS_FLOW, GDS_DIRECTED, GDS_UNDIRECTED = "TIE", "FLOW", "DIRECTED", "UNDIRECTED"


def view_size(kinds: list[str] | None, types: list[str] | None, region: bool) -> str:
    """The number of actors the view keeps (``n``)."""
    return VIEW_SIZE_TEMPLATE.format(kept=kept_actor("a", kinds, types, region))


def _kept_ties(kinds: list[str] | None, types: list[str], by_ids: bool) -> str:
    """The view's ties as ``(s)-[r]->(t)``; ``by_ids``: their ends among ``$ids``, the actors
    :func:`nodes_query` kept (a Région's test, a subquery per actor, is then not run again per tie)."""
    if by_ids:
        return (f"MATCH (s:Actor) WHERE s.id IN $ids MATCH (s)-[r:{alternatives(types)}]->(t:Actor) "
                f"WHERE t.id IN $ids AND {edge_condition('r')}")
    kept = f"{node_condition('s', kinds)} AND {node_condition('t', kinds)}"
    return f"MATCH (s:Actor)-[r:{alternatives(types)}]->(t:Actor) WHERE {kept} AND {edge_condition('r')}"


def view_ties(kinds: list[str] | None, types: list[str], by_ids: bool) -> str:
    """The number of ties the view keeps (``n``): GDS refuses to project none."""
    return f"{_kept_ties(kinds, types, by_ids)} RETURN count(r) AS n"


def gds_project(kinds: list[str] | None, types: list[str], by_ids: bool) -> str:
    """The view as the in-memory graph ``$graph`` (a Cypher projection): every kept actor, and
    between kept actors, per kept tie, the four views the metrics read, as relationship types:

    * ``TIE``: each tie as stored, parallel ties kept, its funding as ``amount``;
    * ``FLOW``: ``TIE`` plus a reversed copy of the ties of an undirected type (``$symmetric``);
    * ``DIRECTED``: ``FLOW``'s pairs once each, without self-ties (the directed view);
    * ``UNDIRECTED``: each pair of tied actors once, without self-ties, projected undirected.

    ``by_ids``: the actors are ``$ids`` (a view with a Région), else those of the kinds, dataset and date.
    """
    match = _kept_ties(kinds, types, by_ids)
    actors = "a.id IN $ids" if by_ids else node_condition("a", kinds)
    amount = ("CASE WHEN r.amount_eur IS :: INTEGER NOT NULL OR r.amount_eur IS :: FLOAT NOT NULL "
              "THEN toFloat(r.amount_eur) ELSE 0.0 END")
    return (
        f"CALL () {{ MATCH (a:Actor) WHERE {actors}"
        " RETURN a AS source, null AS target, null AS type, 0.0 AS amount"
        f" UNION ALL {match} WITH s, t, type(r) IN $symmetric AS both, {amount} AS amount"
        f" UNWIND [['{GDS_TIE}', s, t, amount], ['{GDS_FLOW}', s, t, 0.0]]"
        f" + CASE WHEN both THEN [['{GDS_FLOW}', t, s, 0.0]] ELSE [] END AS row"
        " RETURN row[1] AS source, row[2] AS target, row[0] AS type, row[3] AS amount"
        f" UNION ALL {match} AND s <> t"
        " UNWIND CASE WHEN type(r) IN $symmetric THEN [[s, t], [t, s]] ELSE [[s, t]] END AS pair"
        f" WITH DISTINCT pair RETURN pair[0] AS source, pair[1] AS target, '{GDS_DIRECTED}' AS type, 0.0 AS amount"
        f" UNION ALL {match} AND s <> t"
        " WITH DISTINCT CASE WHEN elementId(s) < elementId(t) THEN [s, t] ELSE [t, s] END AS pair"
        f" RETURN pair[0] AS source, pair[1] AS target, '{GDS_UNDIRECTED}' AS type, 0.0 AS amount }}"
        " WITH gds.graph.project($graph, source, target,"
        " {relationshipType: type, relationshipProperties: {amount: amount}},"
        f" {{undirectedRelationshipTypes: ['{GDS_UNDIRECTED}']}}) AS g"
        " RETURN g.nodeCount AS actors"
    )


# The algorithms opcomap runs, each with the column its stream yields.
GDS_STREAMS = {
    "gds.degree.stream": "score",
    "gds.betweenness.stream": "score",
    "gds.closeness.stream": "score",
    "gds.pageRank.stream": "score",
    "gds.eigenvector.stream": "score",
    "gds.localClusteringCoefficient.stream": "localClusteringCoefficient",
}
GDS_COMMUNITIES = ("gds.louvain.mutate", "gds.leiden.mutate")


def gds_stream(procedure: str) -> str:
    """One algorithm on ``$graph`` with ``$config``, its values as one list of [actor id, value]."""
    column = GDS_STREAMS[procedure]  # a KeyError: not one of opcomap's algorithms
    return (f"CALL {procedure}($graph, $config) YIELD nodeId, {column} "
            f"RETURN collect([gds.util.asNode(nodeId).id, {column}]) AS values")


def gds_communities(procedure: str) -> str:
    """Communities found on ``$graph`` and kept in it as ``$config.mutateProperty``, with their modularity."""
    if procedure not in GDS_COMMUNITIES:
        raise KeyError(procedure)
    return f"CALL {procedure}($graph, $config) YIELD modularity RETURN modularity"


GDS_PROPERTY = ("CALL gds.graph.nodeProperty.stream($graph, $property) YIELD nodeId, propertyValue "
                "RETURN collect([gds.util.asNode(nodeId).id, propertyValue]) AS values")
GDS_DROP = "CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName"


# -- the guarded console -----------------------------------------------------------------

def explain(text: str) -> str:
    return "EXPLAIN " + text


BUILTIN_FUNCTIONS = "SHOW FUNCTIONS YIELD name, isBuiltIn WHERE isBuiltIn RETURN name"
