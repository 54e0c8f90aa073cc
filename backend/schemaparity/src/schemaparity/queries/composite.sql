-- Composite types (CREATE TYPE ... AS (...)), not the row types of tables and views: their
-- attributes in order, since a row value's fields are positional.
SELECT n.nspname::text AS object_schema,
       NULL::text AS object_table,
       t.typname::text AS object_name,
       jsonb_build_object('attributes', (
           SELECT jsonb_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
                            || CASE WHEN a.attcollation <> at.typcollation THEN ' COLLATE ' || quote_ident(co.collname)
                                    ELSE '' END
                            ORDER BY a.attnum)
           FROM pg_attribute a
           JOIN pg_type at ON at.oid = a.atttypid
           LEFT JOIN pg_collation co ON co.oid = a.attcollation
           WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)) AS details
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_class c ON c.oid = t.typrelid
WHERE t.typtype = 'c' AND c.relkind = 'c'
  AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
