CREATE TABLE speaker (media_file_id integer, label text);
CREATE UNIQUE INDEX speaker_label_idx ON speaker (media_file_id, label);
