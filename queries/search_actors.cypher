// name: search_actors
// title.fr: Recherche d'acteurs par nom ou alias
// title.en: Full-text search over actor names and aliases
// description: Recherche plein texte (index actor_names) sur le nom, le nom court, le nom officiel et
// description: les alias. Chaque mot est cherché tel quel et comme début de mot ; les caractères
// description: spéciaux de Lucene sont neutralisés. Le score le plus élevé vient en premier.
// param: term: fulltext -- mots à chercher (ex. atlas, pôle emploi)
// param: limit: int = 20 -- nombre maximal de résultats
// example: term=france
CALL db.index.fulltext.queryNodes('actor_names', $term) YIELD node, score
RETURN node.id AS actor_id, node.name AS name, node.kind AS kind, node.short_name AS short_name,
       node.aliases AS aliases, round(score, 3) AS score
ORDER BY score DESC, name, actor_id
LIMIT $limit
