-- The minute sweep walks `bookings_live` resource by resource up to now (the bookings
-- running or overdue; `bookings::storage::sweep`) instead of three indexes of its own.
-- Each of these took an entry at a random place for every booking written: on the
-- bench's million bookings, the live end and check-in indexes together cost SQLite's
-- writer about 20 µs of every booking.
DROP INDEX bookings_live_end_at;
DROP INDEX bookings_status_check_in_by;
DROP INDEX bookings_pending_start_at;
