CREATE TABLE tag (id integer PRIMARY KEY);

-- file tags
CREATE TABLE file_tag (
    file_id integer NOT NULL,
    tag_id integer NOT NULL REFERENCES tags (id),
    PRIMARY KEY (file_id, tag_id)
);
