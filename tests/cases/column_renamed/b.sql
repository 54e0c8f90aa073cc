CREATE TABLE speaker (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);
