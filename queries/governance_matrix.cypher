// name: governance_matrix
// title.fr: Qui siège où : la matrice de gouvernance
// title.en: Who sits where: the governance matrix
// description: Une ligne par siège (relation SITS_ON) : l'instance, l'organisation qui y siège,
// description: son rôle, son collège, ses sièges et ses voix. Filtrable sur une instance.
// param: body_id: str = null -- identifiant d'une instance (vide : toutes)
// param: as_of: date = null -- ne garder que les sièges valides ce jour-là
// example: body_id=france-competences
MATCH (o:Actor)-[s:SITS_ON]->(b:Actor)
WHERE ($body_id IS NULL OR b.id = $body_id)
  AND ($as_of IS NULL OR ((s.since IS NULL OR s.since <= $as_of) AND (s.until IS NULL OR s.until >= $as_of)))
RETURN b.id AS body_id, b.name AS body, o.id AS organisation_id, o.name AS organisation,
       o.kind AS organisation_kind, s.role AS role, s.college AS college, s.seats AS seats, s.votes AS votes
ORDER BY body, organisation, role
