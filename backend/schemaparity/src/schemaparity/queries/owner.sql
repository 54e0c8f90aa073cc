-- Owners of schemas, tables, views, sequences, types and functions. Run only when owners are
-- compared (`--compare-owners`): scratch builds all run as one role. A sequence owned by a
-- column is left out, since it always has its table's owner.
SELECT n.nspname::text AS object_schema,
       CASE WHEN c.relkind <> 'S' THEN c.relname END::text AS object_table,
       CASE c.relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view ' WHEN 'm' THEN 'view ' ELSE 'table ' END
           || c.relname AS object_name,
       jsonb_build_object('role', pg_get_userbyid(c.relowner)) AS details
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
  AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT (n.nspname || '.' || c.relname = ANY (%(ignored)s))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                    AND (d.deptype = 'e' OR d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
UNION ALL
SELECT n.nspname::text, NULL::text, 'type ' || t.typname, jsonb_build_object('role', pg_get_userbyid(t.typowner))
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_class c ON c.oid = t.typrelid
WHERE (t.typtype IN ('e', 'd') OR c.relkind = 'c')
  AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
UNION ALL
SELECT n.nspname::text, NULL::text, 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       jsonb_build_object('role', pg_get_userbyid(p.proowner))
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT NULL::text, NULL::text, 'schema ' || n.nspname, jsonb_build_object('role', pg_get_userbyid(n.nspowner))
FROM pg_namespace n
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
