CREATE TABLE event (id bigint, created_on date, payload jsonb, PRIMARY KEY (id, created_on)) PARTITION BY RANGE (created_on);
CREATE INDEX event_payload_idx ON event USING gin (payload);
CREATE TABLE event_2024 PARTITION OF event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE event_old PARTITION OF event DEFAULT;
