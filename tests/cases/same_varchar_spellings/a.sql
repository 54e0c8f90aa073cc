CREATE TABLE tag (name varchar(50), color character varying);
