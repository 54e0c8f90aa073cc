CREATE TABLE segment (a int, b integer, c int4);
