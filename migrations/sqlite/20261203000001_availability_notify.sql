-- PostgreSQL only: the notifications of the availability cache (`bookings::busy_cache`).
-- SQLite is one process and keeps no such cache; this file keeps the two folders' names
-- equal.
SELECT 1;
