-- The spaces version: one counter that moves on, in the same transaction, with every
-- change to what the app keeps in memory about spaces (locations, opening hours, closures,
-- resources, who may book them, booking rules; `spaces::cache`). Each instance reads it
-- (one row, in the same statement as the availability question) and reloads its copy when
-- it moved, so several instances sharing one database never answer from stale rules.
CREATE TABLE spaces_version (
    id  INTEGER PRIMARY KEY,
    n   BIGINT NOT NULL,
    CONSTRAINT spaces_version_one_row CHECK (id = 1)
);
INSERT INTO spaces_version (id, n) VALUES (1, 0);

CREATE FUNCTION spaces_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE spaces_version SET n = n + 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER locations_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON locations
    FOR EACH STATEMENT EXECUTE FUNCTION spaces_version_bump();
CREATE TRIGGER opening_hours_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON opening_hours
    FOR EACH STATEMENT EXECUTE FUNCTION spaces_version_bump();
CREATE TRIGGER closures_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON closures
    FOR EACH STATEMENT EXECUTE FUNCTION spaces_version_bump();
CREATE TRIGGER resources_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON resources
    FOR EACH STATEMENT EXECUTE FUNCTION spaces_version_bump();
CREATE TRIGGER resource_access_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON resource_access
    FOR EACH STATEMENT EXECUTE FUNCTION spaces_version_bump();
CREATE TRIGGER booking_rules_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON booking_rules
    FOR EACH STATEMENT EXECUTE FUNCTION spaces_version_bump();
