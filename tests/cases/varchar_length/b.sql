CREATE TABLE tag (name varchar(255));
