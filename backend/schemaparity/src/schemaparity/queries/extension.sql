SELECT NULL::text AS object_schema,
       NULL::text AS object_table,
       e.extname::text AS object_name,
       jsonb_build_object('schema', n.nspname) AS details
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
