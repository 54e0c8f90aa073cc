CREATE TABLE media_file (id integer PRIMARY KEY, user_id integer, duration real);
CREATE MATERIALIZED VIEW user_usage AS SELECT user_id, sum(duration) AS total FROM media_file GROUP BY user_id;
