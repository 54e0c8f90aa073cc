CREATE TABLE tag (name text);
COMMENT ON TABLE tag IS 'Labels attached to files';
