-- SQLite only: its no-overlap triggers became one backwards step in `bookings_live`.
-- PostgreSQL's guard is the exclusion constraint; this file keeps the two folders' names
-- equal.
SELECT 1;
