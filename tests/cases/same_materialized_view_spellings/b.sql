CREATE TABLE media_file (id integer PRIMARY KEY, user_id integer, duration real);
CREATE MATERIALIZED VIEW user_usage AS SELECT user_id, SUM(duration) AS total FROM public.media_file GROUP BY 1 WITH NO DATA;
CREATE UNIQUE INDEX user_usage_user_id_idx ON user_usage USING btree (user_id) WITH (FILLFACTOR=90);
