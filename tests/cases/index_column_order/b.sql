CREATE TABLE segment (media_file_id integer, start_time real);
CREATE INDEX segment_time_idx ON segment (start_time, media_file_id);
