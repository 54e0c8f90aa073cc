SELECT n.nspname::text AS object_schema,
       c.relname::text AS object_table,
       con.conname::text AS object_name,
       jsonb_build_object(
           'type', CASE con.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'f' THEN 'foreign key'
                                    WHEN 'c' THEN 'check' WHEN 'x' THEN 'exclusion' WHEN 'n' THEN 'not null'
                                    ELSE con.contype::text END,
           'definition', pg_get_constraintdef(con.oid),
           'validated', con.convalidated,
           -- pg_get_constraintdef leaves out the storage parameters of the index behind the constraint.
           'options', CASE WHEN con.contype IN ('p', 'u', 'x') THEN
                          (SELECT jsonb_agg(o ORDER BY o) FROM pg_class i, unnest(i.reloptions) AS o WHERE i.oid = con.conindid)
                      END
       ) AS details
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype <> 't'
  AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT (n.nspname || '.' || c.relname = ANY (%(ignored)s))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
