CREATE TABLE booking (room integer, during tstzrange, cancelled boolean,
                      EXCLUDE USING gist (during WITH &&) WHERE (NOT cancelled));
