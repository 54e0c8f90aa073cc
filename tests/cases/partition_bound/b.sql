CREATE TABLE event (id bigint, created_on date, payload jsonb) PARTITION BY RANGE (created_on);
CREATE TABLE event_2024 PARTITION OF event FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');
