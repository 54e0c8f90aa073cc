CREATE TABLE segment (id integer PRIMARY KEY, start_time real, end_time real, text text);
