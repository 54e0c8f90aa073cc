CREATE TABLE media_file (checksum text);
CREATE INDEX media_file_checksum_idx ON media_file USING btree (checksum);
