CREATE TABLE media_file (id integer PRIMARY KEY, user_id integer, duration real);
CREATE VIEW long_media WITH (security_barrier = true) AS SELECT id, user_id, duration FROM media_file WHERE duration > 60
    WITH CASCADED CHECK OPTION;
