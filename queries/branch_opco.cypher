// name: branch_opco
// title.fr: L'OPCO d'une branche (par IDCC)
// title.en: The OPCO of a branch (by IDCC)
// description: L'opérateur de rattachement (ATTACHED_TO) d'une branche professionnelle donnée par son
// description: IDCC (avec ou sans zéros en tête) ou son identifiant ; les rattachements passés (OPCA)
// description: apparaissent aussi, avec leurs dates, le rattachement en cours d'abord.
// param: branch: str -- IDCC (ex. 16 ou 0016) ou identifiant de la branche
// example: branch=16
MATCH (b:BRANCH)-[r:ATTACHED_TO]->(o:Actor)
WHERE b.id = $branch OR b.idcc = $branch OR toInteger(b.idcc) = toInteger($branch)
RETURN b.id AS branch_id, b.name AS branch, b.idcc AS idcc, o.id AS operator_id, o.name AS operator,
       o.kind AS operator_kind, r.since AS since, r.until AS until, r.until IS NULL AS current
ORDER BY current DESC, since DESC, operator_id
