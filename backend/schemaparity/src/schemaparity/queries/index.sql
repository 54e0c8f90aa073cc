-- Indexes that back a constraint (primary key, unique, exclusion) are compared as
-- that constraint; every other index by its full definition, with its storage parameters
-- sorted (pg_get_indexdef keeps the order they were given in).
SELECT n.nspname::text AS object_schema,
       t.relname::text AS object_table,
       ic.relname::text AS object_name,
       jsonb_build_object(
           'definition', coalesce(replace(def.text, options.given, options.sorted), def.text),
           'valid', i.indisvalid
       ) AS details
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL (SELECT pg_get_indexdef(i.indexrelid)) AS def (text)
-- The WITH clause as pg_get_indexdef spells it (name=value, the value quoted unless a plain
-- identifier), in the given order and sorted.
CROSS JOIN LATERAL (
    SELECT ' WITH (' || string_agg(item, ', ' ORDER BY k) || ')', ' WITH (' || string_agg(item, ', ' ORDER BY item) || ')'
    FROM unnest(ic.reloptions) WITH ORDINALITY AS x (o, k),
         substr(o, strpos(o, '=') + 1) AS v,
         concat(split_part(o, '=', 1), '=', CASE WHEN quote_ident(v) = v THEN v ELSE quote_literal(v) END) AS item
) AS options (given, sorted)
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT (n.nspname || '.' || t.relname = ANY (%(ignored)s))
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = t.oid AND d.deptype = 'e')
