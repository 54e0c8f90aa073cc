CREATE TABLE media_file (id integer PRIMARY KEY, user_id integer, duration real);
CREATE VIEW long_media AS SELECT id, user_id, duration FROM media_file WHERE duration > 60;
