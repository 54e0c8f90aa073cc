CREATE TABLE media_file (id integer PRIMARY KEY, user_id integer, duration real);
CREATE VIEW own_media WITH (security_barrier = false) AS SELECT id, duration FROM media_file WHERE user_id = 1;
