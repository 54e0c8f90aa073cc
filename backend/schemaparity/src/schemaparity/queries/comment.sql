-- Comments on tables, views, sequences, indexes and their columns, on functions and on types.
SELECT n.nspname::text AS object_schema,
       CASE WHEN c.relkind IN ('r', 'p', 'v', 'm') THEN c.relname END::text AS object_table,
       CASE WHEN d.objsubid = 0 THEN
                CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'view ' WHEN 'S' THEN 'sequence '
                               WHEN 'i' THEN 'index ' ELSE 'table ' END || c.relname
            ELSE 'column ' || c.relname || '.' || a.attname END AS object_name,
       jsonb_build_object('text', d.description) AS details
FROM pg_description d
JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT (n.nspname || '.' || c.relname = ANY (%(ignored)s))
  AND NOT EXISTS (SELECT 1 FROM pg_depend x
                  WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid AND x.deptype = 'e')
UNION ALL
SELECT n.nspname::text, NULL::text,
       'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       jsonb_build_object('text', d.description)
FROM pg_description d
JOIN pg_proc p ON d.classoid = 'pg_proc'::regclass AND p.oid = d.objoid
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend x
                  WHERE x.classid = 'pg_proc'::regclass AND x.objid = p.oid AND x.deptype = 'e')
UNION ALL
SELECT n.nspname::text, NULL::text, 'type ' || t.typname, jsonb_build_object('text', d.description)
FROM pg_description d
JOIN pg_type t ON d.classoid = 'pg_type'::regclass AND t.oid = d.objoid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend x
                  WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid AND x.deptype = 'e')
