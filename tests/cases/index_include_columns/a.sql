CREATE TABLE segment (media_file_id integer, start_time real, text text);
CREATE INDEX segment_file_idx ON segment (media_file_id) INCLUDE (start_time);
