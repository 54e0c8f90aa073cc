CREATE TABLE tag (name text);
COMMENT ON TABLE tag IS 'Labels users attach to files';
