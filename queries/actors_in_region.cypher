// name: actors_in_region
// title.fr: Les acteurs d'une Région, par genre
// title.en: Actors in a Région, by kind
// description: Les acteurs situés dans la Région (code Région de l'acteur, ou lien LOCATED_IN vers
// description: l'acteur Région), regroupés par genre ; la Région elle-même n'est pas comptée.
// param: region: region -- code INSEE, nom (ex. Bretagne) ou identifiant de la Région
// param: kind: str = null -- ne garder qu'un genre (ex. CFA)
// example: region=53
MATCH (a:Actor)
WHERE NOT a:REGION
  AND ($kind IS NULL OR a.kind = $kind)
  AND (a.region_code = $region
       OR EXISTS { MATCH (a)-[:LOCATED_IN]->(r:REGION) WHERE r.region_code = $region OR r.id = $region })
WITH a ORDER BY a.name, a.id
RETURN a.kind AS kind, count(a) AS count, collect(a.id) AS actor_ids, collect(a.name) AS actor_names
ORDER BY kind
