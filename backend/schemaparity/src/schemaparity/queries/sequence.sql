SELECT n.nspname::text AS object_schema,
       owner.relname::text AS object_table,
       c.relname::text AS object_name,
       jsonb_build_object(
           'type', format_type(s.seqtypid, NULL),
           'start', s.seqstart, 'increment', s.seqincrement,
           'min', s.seqmin, 'max', s.seqmax, 'cache', s.seqcache, 'cycle', s.seqcycle,
           'persistence', CASE c.relpersistence WHEN 'u' THEN 'unlogged' ELSE 'permanent' END,
           'owned_by', CASE WHEN owner.oid IS NOT NULL THEN owner.relname || '.' || a.attname END,
           'ownership', CASE d.deptype WHEN 'i' THEN 'identity' WHEN 'a' THEN 'serial' END
       ) AS details
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class owner ON owner.oid = d.refobjid
LEFT JOIN pg_namespace owner_ns ON owner_ns.oid = owner.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT (coalesce(owner_ns.nspname || '.' || owner.relname, '') = ANY (%(ignored)s))
  AND NOT EXISTS (SELECT 1 FROM pg_depend x
                  WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid AND x.deptype = 'e')
