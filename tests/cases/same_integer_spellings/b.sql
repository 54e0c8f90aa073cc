CREATE TABLE segment (a integer, b int4, c int);
