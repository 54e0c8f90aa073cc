CREATE TABLE media_file (id integer PRIMARY KEY, user_id integer, duration real);
CREATE VIEW long_media AS SELECT id, user_id, duration FROM media_file WHERE duration > 60;
ALTER VIEW long_media SET (check_option = cascaded, security_barrier=true);
