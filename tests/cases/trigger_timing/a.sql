CREATE TABLE media_file (id integer PRIMARY KEY, updated_at timestamptz);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql
AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

CREATE TRIGGER media_file_touch BEFORE UPDATE ON media_file
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
