-- Domains: base type, NOT NULL, default, collation (when not the base type's) and CHECK
-- constraints by name and definition. PostgreSQL 17 and later also keep a domain's NOT NULL
-- as a constraint; it is compared as `nullable`, as older servers know it.
SELECT n.nspname::text AS object_schema,
       NULL::text AS object_table,
       t.typname::text AS object_name,
       jsonb_build_object(
           'type', format_type(t.typbasetype, t.typtypmod),
           'nullable', NOT t.typnotnull,
           'default', pg_get_expr(t.typdefaultbin, 0),
           'collation', CASE WHEN t.typcollation <> base.typcollation THEN co.collname END,
           'constraints', (SELECT jsonb_agg(con.conname || ' ' || pg_get_constraintdef(con.oid) ORDER BY con.conname)
                           FROM pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c')
       ) AS details
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type base ON base.oid = t.typbasetype
LEFT JOIN pg_collation co ON co.oid = t.typcollation
WHERE t.typtype = 'd'
  AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
