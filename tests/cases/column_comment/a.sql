CREATE TABLE media_file (duration real);
COMMENT ON COLUMN media_file.duration IS 'Length in seconds';
