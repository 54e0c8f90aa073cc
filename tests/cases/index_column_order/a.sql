CREATE TABLE segment (media_file_id integer, start_time real);
CREATE INDEX segment_time_idx ON segment (media_file_id, start_time);
