// name: network_members
// title.fr: Membres d'un réseau
// title.en: Members of a network
// description: Les acteurs membres (MEMBER_OF) du réseau donné, avec leur rôle et leurs dates.
// param: network_id: str -- identifiant du réseau
// param: as_of: date = null -- ne garder que les adhésions valides ce jour-là
// example: network_id=reseau-pour-l-emploi
MATCH (m:Actor)-[r:MEMBER_OF]->(n:Actor {id: $network_id})
WHERE $as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of))
RETURN m.id AS member_id, m.name AS member, m.kind AS kind, r.role AS role, r.since AS since, r.until AS until
ORDER BY member, member_id
