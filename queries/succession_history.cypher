// name: succession_history
// title.fr: Historique des successions d'un acteur
// title.en: An actor's succession history
// description: Les prédécesseurs et successeurs de l'acteur le long des liens SUCCEEDED_BY, dans les
// description: deux sens : « step » vaut -1 pour un prédécesseur direct, -2 pour le précédent,
// description: 0 pour l'acteur lui-même, 1 pour son successeur direct, etc. « succession_date » est
// description: la date du passage de relais (début du lien SUCCEEDED_BY) qui relie la ligne à la chaîne.
// param: actor_id: str -- identifiant de l'acteur
// example: actor_id=france-travail
MATCH (a:Actor {id: $actor_id})
CALL (a) {
  MATCH p = (x:Actor)-[:SUCCEEDED_BY*1..20]->(a)
  WITH x, p ORDER BY length(p)
  WITH x, collect(p)[0] AS p
  RETURN x, -length(p) AS step, relationships(p)[0].since AS succession_date
  UNION
  RETURN a AS x, 0 AS step, null AS succession_date
  UNION
  MATCH p = (a)-[:SUCCEEDED_BY*1..20]->(x:Actor)
  WITH x, p ORDER BY length(p)
  WITH x, collect(p)[0] AS p
  RETURN x, length(p) AS step, relationships(p)[-1].since AS succession_date
}
RETURN step, CASE WHEN step < 0 THEN 'predecessor' WHEN step = 0 THEN 'self' ELSE 'successor' END AS relation,
       x.id AS actor_id, x.name AS actor, x.kind AS kind, x.since AS since, x.until AS until, succession_date
ORDER BY step, actor_id
