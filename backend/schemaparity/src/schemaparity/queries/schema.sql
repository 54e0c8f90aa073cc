SELECT NULL::text AS object_schema,
       NULL::text AS object_table,
       n.nspname::text AS object_name,
       '{}'::jsonb AS details
FROM pg_namespace n
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
