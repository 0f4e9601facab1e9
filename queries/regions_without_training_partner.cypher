// name: regions_without_training_partner
// title.fr: Les Régions où un OPCO n'a aucun partenaire de formation
// title.en: The Régions where an OPCO has no training partner
// description: Les Régions (acteurs de genre REGION) où l'OPCO ne finance (FUNDS) ni ne s'associe
// description: (PARTNERS_WITH) à aucun CFA ni organisme de formation situé dans la Région
// description: (code Région de l'organisme, ou lien LOCATED_IN vers la Région).
// param: opco_id: str -- identifiant de l'OPCO
// param: as_of: date = null -- ne compter que les liens valides ce jour-là
// example: opco_id=opco-atlas
MATCH (o:Actor {id: $opco_id})
MATCH (reg:REGION)
WHERE NOT EXISTS {
  MATCH (o)-[t:FUNDS|PARTNERS_WITH]-(p:CFA|TRAINING_ORG)
  WHERE ((reg.region_code IS NOT NULL AND p.region_code = reg.region_code)
         OR EXISTS { (p)-[:LOCATED_IN]->(reg) })
    AND ($as_of IS NULL OR ((t.since IS NULL OR t.since <= $as_of) AND (t.until IS NULL OR t.until >= $as_of)))
}
RETURN reg.id AS region_id, reg.region_code AS region_code, reg.name AS region
ORDER BY region, region_id
