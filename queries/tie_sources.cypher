// name: tie_sources
// title.fr: Les sources des liens d'un acteur
// title.en: The sources behind an actor's ties
// description: Une ligne par source de chaque lien de l'acteur : identifiant de la source (celui du
// description: fichier des sources), titre, URL, éditeur, date de consultation, confiance. Un lien sans
// description: source apparaît avec un titre vide, pour être repéré.
// param: actor_id: str -- identifiant de l'acteur
// example: actor_id=opco-ep
MATCH (a:Actor {id: $actor_id})-[r]-(b:Actor)
WITH a, r, b, coalesce(r.source_ids, []) AS ids
UNWIND CASE WHEN size(ids) = 0 THEN [null] ELSE ids END AS sid
OPTIONAL MATCH (s:Source {id: sid})
RETURN type(r) AS type, CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
       b.id AS other_id, b.name AS other, coalesce(r.illustrative, false) AS illustrative,
       CASE WHEN coalesce(s.derived, false) THEN null ELSE s.id END AS source_id,
       s.title AS title, s.url AS url, s.publisher AS publisher,
       toString(s.consulted) AS consulted, toString(s.confidence) AS confidence
ORDER BY type, other, other_id, title
