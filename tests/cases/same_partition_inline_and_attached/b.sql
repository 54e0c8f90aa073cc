CREATE TABLE event (id bigint, created_on date, payload jsonb, PRIMARY KEY (id, created_on)) PARTITION BY RANGE (created_on);
CREATE INDEX event_payload_idx ON event USING gin (payload);
CREATE TABLE event_2024 (LIKE event);
ALTER TABLE event ATTACH PARTITION event_2024 FOR VALUES FROM ('2024-01-01'::date) TO (DATE '2025-01-01');
CREATE TABLE event_old (LIKE event);
ALTER TABLE event ATTACH PARTITION event_old DEFAULT;
