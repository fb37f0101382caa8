-- The spaces version now also announces itself on the channel `ortaq_spaces`, so that the
-- availability cache of every instance (`bookings::busy_cache`) reloads its spaces
-- snapshot before its next answer. Sent at commit; a rolled-back change sends nothing.
-- (Bookings send no notification from a trigger: PostgreSQL serializes the commits of
-- notifying transactions; instances send markers of their own after writing instead.)
CREATE OR REPLACE FUNCTION spaces_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    version BIGINT;
BEGIN
    UPDATE spaces_version SET n = n + 1 RETURNING n INTO version;
    PERFORM pg_notify('ortaq_spaces', version::text);
    RETURN NULL;
END
$$;
