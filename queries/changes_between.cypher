// name: changes_between
// title.fr: Ce qui a changé entre deux dates
// title.en: What changed between two dates
// description: Les relations qui ont commencé (since) ou pris fin (until) entre les deux dates
// description: incluses, dans l'ordre chronologique : « started » ou « ended ».
// param: start: date -- première date (AAAA-MM-JJ)
// param: end: date -- dernière date (AAAA-MM-JJ)
// example: start=2019-01-01 end=2019-12-31
MATCH (a:Actor)-[r]->(b:Actor)
WHERE (r.since >= $start AND r.since <= $end) OR (r.until >= $start AND r.until <= $end)
UNWIND [c IN [['started', r.since], ['ended', r.until]] WHERE c[1] >= $start AND c[1] <= $end] AS change
RETURN change[1] AS date, change[0] AS change, type(r) AS type,
       a.id AS source_id, a.name AS source, b.id AS target_id, b.name AS target
ORDER BY date, change DESC, type, source_id, target_id
