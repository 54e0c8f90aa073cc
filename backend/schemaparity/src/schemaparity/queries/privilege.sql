-- Privileges on tables, views, sequences, columns and functions: one object per grantee
-- (PUBLIC included), shown as the GRANT statements that give them; the grantor is not compared.
-- A NULL ACL is the object's default one (EXECUTE to PUBLIC on functions). The owner's own
-- privileges are left out: owning an object implies them, and every scratch build has one owner.
WITH secured AS (
    SELECT n.nspname AS object_schema,
           CASE WHEN c.relkind <> 'S' THEN c.relname END AS object_table,
           CASE c.relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view ' WHEN 'm' THEN 'view ' ELSE 'table ' END
               || c.relname AS what,
           CASE c.relkind WHEN 'S' THEN 'SEQUENCE ' ELSE 'TABLE ' END
               || quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS target,
           '' AS columns, c.relowner AS owner,
           coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner)) AS acl
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
      AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
      AND NOT (n.nspname || '.' || c.relname = ANY (%(ignored)s))
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    UNION ALL
    SELECT n.nspname, c.relname, 'column ' || c.relname || '.' || a.attname,
           'TABLE ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname),
           ' (' || quote_ident(a.attname) || ')', c.relowner, a.attacl
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped
      AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
      AND NOT (n.nspname || '.' || c.relname = ANY (%(ignored)s))
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    UNION ALL
    SELECT n.nspname, NULL, 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
           CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END || quote_ident(n.nspname) || '.'
               || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')',
           '', p.proowner, coalesce(p.proacl, acldefault('f', p.proowner))
    FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
)
SELECT s.object_schema::text AS object_schema,
       s.object_table::text AS object_table,
       s.what || ' to ' || g.grantee AS object_name,
       jsonb_build_object('definition', g.statements) AS details
FROM secured s
-- Each ACL on its own: grouped by grantee, then by grant option (a GRANT statement each).
CROSS JOIN LATERAL (
    SELECT CASE x.grantee WHEN 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee)::text END AS grantee,
           string_agg(x.statement, '; ' ORDER BY x.statement) AS statements
    FROM (SELECT acl.grantee,
                 'GRANT ' || string_agg(acl.privilege_type || s.columns, ', ' ORDER BY acl.privilege_type)
                     || ' ON ' || s.target || ' TO '
                     || CASE acl.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(acl.grantee)) END
                     || CASE WHEN acl.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END AS statement
          FROM aclexplode(s.acl) AS acl
          WHERE acl.grantee <> s.owner
          GROUP BY acl.grantee, acl.is_grantable) AS x
    GROUP BY x.grantee
) AS g
