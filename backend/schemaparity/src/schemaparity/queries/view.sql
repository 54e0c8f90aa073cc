-- `options`: check_option, security_barrier, security_invoker, a materialized view's storage
-- parameters; sorted, as PostgreSQL stores them (`name=value`).
SELECT n.nspname::text AS object_schema,
       c.relname::text AS object_table,
       c.relname::text AS object_name,
       jsonb_build_object(
           'kind', CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END,
           'definition', pg_get_viewdef(c.oid),
           'options', (SELECT jsonb_agg(o ORDER BY o) FROM unnest(c.reloptions) AS o)
       ) AS details
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
  AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT (n.nspname || '.' || c.relname = ANY (%(ignored)s))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
