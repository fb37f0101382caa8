-- Events: organised by a unit (with partner units), bilingual, at a resource of the center
-- (booked with the event through the bookings table, so the no-overlap guard refuses a
-- taken hall), an outside venue or online; registrations with capacity and a waitlist in
-- arrival order, guest registrations with consent, QR tickets and check-in, ratings.
-- Capacity is held by the write transaction that registers: on SQLite it begins
-- IMMEDIATE (one writer at a time), on PostgreSQL it locks the event row first.

CREATE TABLE events (
    id                      INTEGER PRIMARY KEY,
    unit_id                 INTEGER NOT NULL REFERENCES org_units (id),
    created_by              INTEGER REFERENCES users (id) ON DELETE SET NULL,
    title_kk                TEXT,
    title_ru                TEXT,
    -- Markdown as written; rendered and sanitized when shown.
    description_kk          TEXT,
    description_ru          TEXT,
    category                TEXT NOT NULL,
    -- Language codes separated by spaces: kk, ru, en.
    languages               TEXT NOT NULL,
    place                   TEXT NOT NULL,
    resource_id             INTEGER REFERENCES resources (id),
    venue_kk                TEXT,
    venue_ru                TEXT,
    online_url              TEXT,
    start_at                TEXT NOT NULL,
    end_at                  TEXT NOT NULL,
    capacity                INTEGER NOT NULL,
    registration_opens_at   TEXT,
    registration_closes_at  TEXT,
    -- Organisers closed registration by hand.
    registration_closed     BOOLEAN NOT NULL DEFAULT 0,
    audience                TEXT NOT NULL,
    status                  TEXT NOT NULL,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    published_at            TEXT,
    cancelled_at            TEXT,
    CONSTRAINT events_title CHECK (title_kk IS NOT NULL OR title_ru IS NOT NULL),
    CONSTRAINT events_category CHECK (category IN ('culture', 'language_club', 'education',
        'volunteering', 'sport', 'dialogue', 'other')),
    CONSTRAINT events_place CHECK (
        (place = 'resource' AND resource_id IS NOT NULL)
        OR (place = 'venue' AND resource_id IS NULL AND (venue_kk IS NOT NULL OR venue_ru IS NOT NULL))
        OR (place = 'online' AND resource_id IS NULL AND online_url IS NOT NULL)),
    CONSTRAINT events_canonical_time CHECK (
        start_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]+00:00'
        AND end_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]+00:00'),
    CONSTRAINT events_interval CHECK (start_at < end_at),
    CONSTRAINT events_capacity CHECK (capacity BETWEEN 1 AND 100000),
    CONSTRAINT events_audience CHECK (audience IN ('everyone', 'members', 'units')),
    CONSTRAINT events_status CHECK (status IN ('draft', 'published', 'cancelled', 'finished'))
);
CREATE INDEX events_start_at ON events (start_at);
CREATE INDEX events_unit_id ON events (unit_id);

-- Units that organise the event together with its unit.
CREATE TABLE event_partners (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    unit_id   INTEGER NOT NULL REFERENCES org_units (id),
    CONSTRAINT event_partners_event_id_unit_id_key UNIQUE (event_id, unit_id)
);

-- Audience `units`: members of these units (or of a unit below one) may register.
CREATE TABLE event_audience_units (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    unit_id   INTEGER NOT NULL REFERENCES org_units (id),
    CONSTRAINT event_audience_units_event_id_unit_id_key UNIQUE (event_id, unit_id)
);

-- The hall booking of an event belongs to it.
ALTER TABLE bookings ADD COLUMN event_id INTEGER REFERENCES events (id);
CREATE INDEX bookings_event_id ON bookings (event_id);

-- One registration per person (member or guest email) per event. `queue_no` is the
-- arrival order within the event (the waitlist is read in it); a cancelled registration
-- keeps its row, and registering again revives it at the end of the queue.
CREATE TABLE event_registrations (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    user_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    guest_name      TEXT,
    guest_email     TEXT,
    guest_phone     TEXT,
    consent_version TEXT,
    consent_at      TEXT,
    status          TEXT NOT NULL,
    queue_no        INTEGER NOT NULL,
    -- The short code on the QR ticket, typed at the door.
    code            TEXT NOT NULL,
    -- A guest's ticket address holds a secret; only its SHA-256 is kept.
    token_hash      TEXT,
    added_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    promoted_at     TEXT,
    cancelled_at    TEXT,
    checked_in_at   TEXT,
    checked_in_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT event_registrations_kind CHECK (kind IN ('member', 'guest')),
    CONSTRAINT event_registrations_guest CHECK (kind = 'member'
        OR (guest_name IS NOT NULL AND guest_email IS NOT NULL AND consent_version IS NOT NULL AND consent_at IS NOT NULL)),
    CONSTRAINT event_registrations_status CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
    CONSTRAINT event_registrations_check_in CHECK (checked_in_at IS NULL OR status = 'registered'),
    CONSTRAINT event_registrations_event_id_user_id_key UNIQUE (event_id, user_id),
    CONSTRAINT event_registrations_event_id_guest_email_key UNIQUE (event_id, guest_email),
    CONSTRAINT event_registrations_event_id_queue_no_key UNIQUE (event_id, queue_no),
    CONSTRAINT event_registrations_code_key UNIQUE (code),
    CONSTRAINT event_registrations_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX event_registrations_user_id ON event_registrations (user_id);

-- After the event: one rating per attendee.
CREATE TABLE event_ratings (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    stars       INTEGER NOT NULL,
    comment     TEXT,
    created_at  TEXT NOT NULL,
    CONSTRAINT event_ratings_stars CHECK (stars BETWEEN 1 AND 5),
    CONSTRAINT event_ratings_event_id_user_id_key UNIQUE (event_id, user_id)
);
