// name: source_ties
// title.fr: Les liens qui reposent sur une source
// title.en: The ties resting on a source
// description: La source (trouvée par son identifiant, celui du fichier des sources) et chaque lien
// description: qui la cite : type, acteurs aux deux bouts, dates, caractère illustratif.
// param: source_id: str -- identifiant de la source
// example: source_id=opco-agrement-centre-inffo
MATCH (s:Source {id: $source_id})
MATCH (a:Actor)-[r]->(b:Actor) WHERE s.id IN r.source_ids
RETURN s.title AS title, type(r) AS type, a.id AS from_id, a.name AS from_name, b.id AS to_id, b.name AS to_name,
       toString(r.since) AS since, toString(r.until) AS until, coalesce(r.illustrative, false) AS illustrative
ORDER BY type, from_id, to_id, since
