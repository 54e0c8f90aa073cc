CREATE TABLE speaker (
    id integer PRIMARY KEY,
    label varchar(50) NOT NULL
);
