-- Row-level security policies, by the clauses of CREATE POLICY; roles sorted, PUBLIC by that name.
SELECT n.nspname::text AS object_schema,
       c.relname::text AS object_table,
       pol.polname::text AS object_name,
       jsonb_build_object(
           'as', CASE WHEN pol.polpermissive THEN 'permissive' ELSE 'restrictive' END,
           'command', CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                                      WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,
           'roles', (SELECT jsonb_agg(CASE r.oid WHEN 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r.oid)::text END
                                      ORDER BY pg_get_userbyid(r.oid))
                     FROM unnest(pol.polroles) AS r (oid)),
           'using', pg_get_expr(pol.polqual, pol.polrelid),
           'with_check', pg_get_expr(pol.polwithcheck, pol.polrelid)
       ) AS details
FROM pg_policy pol
JOIN pg_class c ON c.oid = pol.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT (n.nspname || '.' || c.relname = ANY (%(ignored)s))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
