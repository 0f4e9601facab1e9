// name: partners
// title.fr: Partenaires d'un acteur, par type de relation
// title.en: An actor's partners, grouped by relationship type
// description: Tous les acteurs liés à l'acteur donné, regroupés par type de relation et par sens
// description: (sortant, entrant ; « both » pour les partenariats, qui n'ont pas de sens).
// param: actor_id: str -- identifiant de l'acteur (ex. opco-atlas)
// param: as_of: date = null -- ne garder que les liens valides ce jour-là (AAAA-MM-JJ)
// param: include_illustrative: bool = true -- garder les liens marqués « illustratifs »
// example: actor_id=france-competences
MATCH (a:Actor {id: $actor_id})-[r]-(b:Actor)
WHERE ($as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)))
  AND ($include_illustrative OR NOT coalesce(r.illustrative, false))
WITH type(r) AS type,
     CASE WHEN type(r) = 'PARTNERS_WITH' THEN 'both'
          WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
     b
ORDER BY b.name
RETURN type, direction, count(DISTINCT b) AS count,
       collect(DISTINCT b.id) AS partner_ids, collect(DISTINCT b.name) AS partner_names
ORDER BY type, direction
