CREATE TABLE "user" (id integer PRIMARY KEY, active boolean);
CREATE TABLE media_file (id integer PRIMARY KEY, user_id integer);
CREATE VIEW active_media AS
    SELECT m.id, m.user_id FROM media_file m JOIN "user" u ON u.id = m.user_id WHERE u.active;
