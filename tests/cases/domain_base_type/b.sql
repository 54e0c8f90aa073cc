CREATE DOMAIN amount AS numeric(10,2);
CREATE TABLE invoice (id integer PRIMARY KEY, total amount);
