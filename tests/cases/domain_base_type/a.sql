CREATE DOMAIN amount AS numeric(12,2);
CREATE TABLE invoice (id integer PRIMARY KEY, total amount);
