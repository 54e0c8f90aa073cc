CREATE TABLE segment (start_time real, end_time real,
                      duration real GENERATED ALWAYS AS (end_time - start_time) STORED);
