// name: shared_actors
// title.fr: Acteurs communs à deux OPCO
// title.en: Actors two OPCOs share
// description: Les acteurs liés (dans un sens ou l'autre, par n'importe quel type de relation)
// description: à la fois au premier et au second OPCO, avec les types de lien de chaque côté.
// param: opco_a: str -- identifiant du premier OPCO
// param: opco_b: str -- identifiant du second OPCO
// example: opco_a=opco-atlas opco_b=opco-akto
MATCH (a:Actor {id: $opco_a}), (b:Actor {id: $opco_b})
WHERE a <> b
MATCH (a)-[r1]-(x:Actor)
WHERE x <> b
WITH b, x, type(r1) AS t1
ORDER BY t1
WITH b, x, collect(DISTINCT t1) AS types_with_a
MATCH (x)-[r2]-(b)
WITH x, types_with_a, type(r2) AS t2
ORDER BY t2
RETURN x.id AS actor_id, x.name AS actor, x.kind AS kind, types_with_a, collect(DISTINCT t2) AS types_with_b
ORDER BY actor, actor_id
