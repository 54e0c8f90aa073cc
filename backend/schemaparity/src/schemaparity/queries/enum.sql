SELECT n.nspname::text AS object_schema,
       NULL::text AS object_table,
       t.typname::text AS object_name,
       jsonb_build_object('labels', (SELECT jsonb_agg(e.enumlabel ORDER BY e.enumsortorder)
                                     FROM pg_enum e WHERE e.enumtypid = t.oid)) AS details
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e'
  AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
