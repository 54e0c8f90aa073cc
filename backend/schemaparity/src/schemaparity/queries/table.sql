-- Storage parameters (`WITH (...)`, `toast.` ones included) are compared as a sorted list,
-- so the order they were given in does not matter.
SELECT n.nspname::text AS object_schema,
       c.relname::text AS object_table,
       c.relname::text AS object_name,
       jsonb_build_object(
           'kind', CASE c.relkind WHEN 'p' THEN 'partitioned table' ELSE 'table' END,
           'persistence', CASE c.relpersistence WHEN 'u' THEN 'unlogged' ELSE 'permanent' END,
           'row_security', c.relrowsecurity,
           'force_row_security', c.relforcerowsecurity,
           'partition_of', (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid LIMIT 1),
           'partition_key', CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
           'partition_bound', CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,
           'options', (SELECT jsonb_agg(o ORDER BY o)
                       FROM (SELECT unnest(c.reloptions) UNION ALL SELECT 'toast.' || unnest(toast.reloptions)) AS x (o))
       ) AS details
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class toast ON toast.oid = c.reltoastrelid
WHERE c.relkind IN ('r', 'p')
  AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT (n.nspname || '.' || c.relname = ANY (%(ignored)s))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
