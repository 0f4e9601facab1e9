// name: funding_flows
// title.fr: Flux de financement d'un acteur, par année
// title.en: Funding flows into and out of an actor, by year
// description: Les financements (FUNDS) reçus (« in ») et versés (« out ») par l'acteur,
// description: par contrepartie et par année (l'année du lien, sinon celle de son début).
// description: Le montant est vide quand aucune source ne le donne.
// param: actor_id: str -- identifiant de l'acteur (ex. france-competences)
// example: actor_id=france-competences
MATCH (a:Actor {id: $actor_id})-[f:FUNDS]-(other:Actor)
WITH CASE WHEN startNode(f) = a THEN 'out' ELSE 'in' END AS direction,
     coalesce(f.year, f.since.year) AS year, other, f
RETURN direction, year, other.id AS counterpart_id, other.name AS counterpart,
       CASE WHEN count(f.amount_eur) = 0 THEN null ELSE sum(f.amount_eur) END AS amount_eur,
       collect(DISTINCT f.scheme) AS schemes, count(f) AS ties
ORDER BY direction, year, counterpart
