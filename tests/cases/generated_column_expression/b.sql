CREATE TABLE segment (start_time real, end_time real,
                      duration real GENERATED ALWAYS AS (start_time - end_time) STORED);
