CREATE TABLE tag (id serial PRIMARY KEY);
