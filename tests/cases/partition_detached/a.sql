CREATE TABLE event (id bigint, created_on date, payload jsonb) PARTITION BY RANGE (created_on);
CREATE TABLE event_old PARTITION OF event DEFAULT;
