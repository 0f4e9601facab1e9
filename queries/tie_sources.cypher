// name: tie_sources
// title.fr: Les sources des liens d'un acteur
// title.en: The sources behind an actor's ties
// description: Une ligne par source de chaque lien de l'acteur : titre, URL, éditeur, date de
// description: consultation, confiance. Un lien sans source apparaît avec un titre vide, pour être repéré.
// param: actor_id: str -- identifiant de l'acteur
// example: actor_id=opco-ep
MATCH (a:Actor {id: $actor_id})-[r]-(b:Actor)
WITH a, r, b, coalesce(r.source_titles, []) AS titles
UNWIND CASE WHEN size(titles) = 0 THEN [null] ELSE range(0, size(titles) - 1) END AS i
RETURN type(r) AS type, CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
       b.id AS other_id, b.name AS other, coalesce(r.illustrative, false) AS illustrative,
       titles[i] AS title, nullIf(r.source_urls[i], '') AS url, nullIf(r.source_publishers[i], '') AS publisher,
       nullIf(r.source_consulted[i], '') AS consulted, nullIf(r.source_confidences[i], '') AS confidence
ORDER BY type, other, other_id, title
