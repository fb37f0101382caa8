-- The no-overlap triggers ask one question instead of walking the resource's bookings.
--
-- Before, they looked for any live booking of the resource that starts before the new end
-- and ends after the new start: through `bookings_live` that walked every live booking of
-- the resource starting before the new end (at a million bookings, the month ahead of a
-- desk: about 240 entries, some 100 microseconds of every booking's insert).
--
-- Live bookings of one resource never overlap (these triggers keep it so), so among those
-- starting before the new end, the one starting last also ends last. The new booking
-- meets a live booking exactly when that one ends after the new start: one step backwards
-- in `bookings_live`. On update the row itself is left out (`id <> NEW.id`), and what
-- remains still never overlaps, so the same holds.
DROP TRIGGER bookings_no_overlap_insert;
DROP TRIGGER bookings_no_overlap_update;

CREATE TRIGGER bookings_no_overlap_insert
BEFORE INSERT ON bookings
WHEN NEW.status IN ('pending', 'confirmed', 'checked_in')
BEGIN
    SELECT RAISE(ABORT, 'bookings_no_overlap')
    WHERE (SELECT end_at FROM bookings
           WHERE resource_id = NEW.resource_id
             AND status IN ('pending', 'confirmed', 'checked_in')
             AND start_at < NEW.end_at
           ORDER BY start_at DESC
           LIMIT 1) > NEW.start_at;
END;

CREATE TRIGGER bookings_no_overlap_update
BEFORE UPDATE OF resource_id, status, start_at, end_at ON bookings
WHEN NEW.status IN ('pending', 'confirmed', 'checked_in')
BEGIN
    SELECT RAISE(ABORT, 'bookings_no_overlap')
    WHERE (SELECT end_at FROM bookings
           WHERE id <> NEW.id
             AND resource_id = NEW.resource_id
             AND status IN ('pending', 'confirmed', 'checked_in')
             AND start_at < NEW.end_at
           ORDER BY start_at DESC
           LIMIT 1) > NEW.start_at;
END;
