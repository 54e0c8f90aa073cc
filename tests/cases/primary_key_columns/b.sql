CREATE TABLE file_tag (media_file_id integer NOT NULL, tag_id integer NOT NULL,
                       PRIMARY KEY (media_file_id));
