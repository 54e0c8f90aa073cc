-- Indexes that back a constraint (primary key, unique, exclusion) are compared as
-- that constraint; every other index by its full definition.
SELECT n.nspname::text AS object_schema,
       t.relname::text AS object_table,
       ic.relname::text AS object_name,
       jsonb_build_object(
           'definition', pg_get_indexdef(i.indexrelid),
           'valid', i.indisvalid
       ) AS details
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT (n.nspname || '.' || t.relname = ANY (%(ignored)s))
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = t.oid AND d.deptype = 'e')
