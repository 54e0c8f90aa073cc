CREATE TABLE booking (room integer, during tstzrange, cancelled boolean);
ALTER TABLE booking ADD CONSTRAINT booking_during_excl
    EXCLUDE USING gist (during WITH OPERATOR(pg_catalog.&&)) WHERE ((NOT cancelled));
