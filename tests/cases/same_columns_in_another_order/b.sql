CREATE TABLE segment (text text, end_time real, start_time real, id integer PRIMARY KEY);
