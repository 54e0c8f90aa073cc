SELECT n.nspname::text AS object_schema,
       c.relname::text AS object_table,
       a.attname::text AS object_name,
       jsonb_build_object(
           'type', format_type(a.atttypid, a.atttypmod),
           'position', a.attnum,  -- not compared (see diff.py): the order a revision writes columns in
           'nullable', NOT a.attnotnull,
           -- CURRENT_TIMESTAMP is kept as written since PostgreSQL 10; it is now().
           'default', CASE WHEN a.attgenerated = '' THEN
                          CASE pg_get_expr(ad.adbin, ad.adrelid)
                              WHEN 'CURRENT_TIMESTAMP' THEN 'now()'
                              WHEN 'transaction_timestamp()' THEN 'now()'
                              ELSE pg_get_expr(ad.adbin, ad.adrelid) END
                      END,
           'identity', CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END,
           'generated', CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
           'collation', CASE WHEN a.attcollation <> t.typcollation THEN co.collname END
       ) AS details
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'v', 'm')
  AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT (n.nspname || '.' || c.relname = ANY (%(ignored)s))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
