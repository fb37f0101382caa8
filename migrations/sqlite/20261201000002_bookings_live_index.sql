-- The live bookings alone (pending, confirmed, checked in), with everything the overlap
-- questions read. The no-overlap trigger (SQLite), the conflict lookup, the rules' buffer
-- check and the availability query each ask "which live bookings of this resource start
-- before T"; through (resource_id, start_at) that walked every booking the resource ever
-- had (about 5,000 per resource at 1,000,000 bookings) and read each row for its status.
-- This partial index holds only live rows and answers without reading the table.
CREATE INDEX bookings_live ON bookings (resource_id, start_at, end_at, status)
    WHERE status IN ('pending', 'confirmed', 'checked_in');
