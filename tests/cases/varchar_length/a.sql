CREATE TABLE tag (name varchar(100));
