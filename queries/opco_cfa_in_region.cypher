// name: opco_cfa_in_region
// title.fr: Les CFA qu'un OPCO finance dans une Région
// title.en: The CFA an OPCO funds in a Région
// description: Les centres de formation d'apprentis (CFA) financés par l'OPCO (FUNDS) et situés
// description: dans la Région : par leur code Région, ou par un lien LOCATED_IN vers la Région.
// description: La Région se donne par son code INSEE (ex. 53) ou par l'identifiant de l'acteur Région.
// param: opco_id: str -- identifiant de l'OPCO
// param: region: region -- code INSEE, nom (ex. Bretagne) ou identifiant de la Région
// example: opco_id=opco-ep region=84
MATCH (o:Actor {id: $opco_id})-[f:FUNDS]->(c:CFA)
WHERE c.region_code = $region
   OR EXISTS { MATCH (c)-[:LOCATED_IN]->(r:REGION) WHERE r.region_code = $region OR r.id = $region }
WITH c, f
ORDER BY coalesce(f.year, f.since.year)
RETURN c.id AS cfa_id, c.name AS cfa, c.region_code AS region_code, count(f) AS ties,
       CASE WHEN count(f.amount_eur) = 0 THEN null ELSE sum(f.amount_eur) END AS amount_eur,
       collect(DISTINCT coalesce(f.year, f.since.year)) AS years
ORDER BY cfa, cfa_id
