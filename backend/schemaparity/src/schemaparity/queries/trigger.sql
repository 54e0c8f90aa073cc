SELECT n.nspname::text AS object_schema,
       c.relname::text AS object_table,
       tg.tgname::text AS object_name,
       jsonb_build_object(
           'definition', pg_get_triggerdef(tg.oid),
           'enabled', CASE tg.tgenabled WHEN 'O' THEN 'origin' WHEN 'D' THEN 'disabled'
                                        WHEN 'R' THEN 'replica' WHEN 'A' THEN 'always' END
       ) AS details
FROM pg_trigger tg
JOIN pg_class c ON c.oid = tg.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT tg.tgisinternal
  AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT (n.nspname || '.' || c.relname = ANY (%(ignored)s))
