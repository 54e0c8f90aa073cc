-- requires PostgreSQL 18
CREATE TABLE media_file (filename text NOT NULL);
