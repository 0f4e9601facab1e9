// name: shortest_paths
// title.fr: Plus courts chemins entre deux acteurs
// title.en: Shortest paths between two actors
// description: Tous les plus courts chemins (8 liens au plus, sens ignoré) entre deux acteurs,
// description: avec les acteurs et les types de relation rencontrés le long de chacun.
// param: from_id: str -- identifiant du premier acteur
// param: to_id: str -- identifiant du second acteur
// param: limit: int = 25 -- nombre maximal de chemins
// example: from_id=cfdt to_id=france-competences
MATCH (a:Actor {id: $from_id}), (b:Actor {id: $to_id})
WHERE a <> b
MATCH path = allShortestPaths((a)-[*..8]-(b))
WITH path, [n IN nodes(path) | n.id] AS actor_ids
ORDER BY actor_ids
RETURN length(path) AS hops, actor_ids, [n IN nodes(path) | n.name] AS actor_names,
       [r IN relationships(path) | type(r)] AS types, path
LIMIT $limit
