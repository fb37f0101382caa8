-- The minute sweep asks which live bookings are over (completed) and which pending ones
-- have started (declined); without this it read every booking ever made, every minute.
CREATE INDEX bookings_live_end_at ON bookings (end_at) WHERE status IN ('pending', 'confirmed', 'checked_in');
