-- The spaces version: one counter that moves on, in the same transaction, with every
-- change to what the app keeps in memory about spaces (locations, opening hours, closures,
-- resources, who may book them, booking rules; `spaces::cache`). Each instance reads it
-- (one row, in the same statement as the availability question) and reloads its copy when
-- it moved, so several instances sharing one database never answer from stale rules.
CREATE TABLE spaces_version (
    id  INTEGER PRIMARY KEY,
    n   INTEGER NOT NULL,
    CONSTRAINT spaces_version_one_row CHECK (id = 1)
);
INSERT INTO spaces_version (id, n) VALUES (1, 0);
CREATE TRIGGER locations_version_insert AFTER INSERT ON locations
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER locations_version_update AFTER UPDATE ON locations
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER locations_version_delete AFTER DELETE ON locations
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER opening_hours_version_insert AFTER INSERT ON opening_hours
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER opening_hours_version_update AFTER UPDATE ON opening_hours
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER opening_hours_version_delete AFTER DELETE ON opening_hours
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER closures_version_insert AFTER INSERT ON closures
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER closures_version_update AFTER UPDATE ON closures
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER closures_version_delete AFTER DELETE ON closures
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER resources_version_insert AFTER INSERT ON resources
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER resources_version_update AFTER UPDATE ON resources
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER resources_version_delete AFTER DELETE ON resources
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER resource_access_version_insert AFTER INSERT ON resource_access
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER resource_access_version_update AFTER UPDATE ON resource_access
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER resource_access_version_delete AFTER DELETE ON resource_access
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER booking_rules_version_insert AFTER INSERT ON booking_rules
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER booking_rules_version_update AFTER UPDATE ON booking_rules
BEGIN UPDATE spaces_version SET n = n + 1; END;
CREATE TRIGGER booking_rules_version_delete AFTER DELETE ON booking_rules
BEGIN UPDATE spaces_version SET n = n + 1; END;
