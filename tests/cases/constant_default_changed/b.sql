CREATE TABLE setting (ratio double precision DEFAULT '0.5'::double precision);
