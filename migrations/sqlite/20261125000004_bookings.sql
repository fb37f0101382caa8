-- Bookings: closures of a location, what a resource tells and who may book it, booking
-- rules per resource kind or per resource, recurring series, and what a booking carries
-- through its life (purpose, check-in code and deadline, approval, cancellation).
-- The no-overlap guarantee itself is in the first migration and is unchanged.

-- A location is closed over [start_at, end_at): a holiday, maintenance.
CREATE TABLE closures (
    id           INTEGER PRIMARY KEY,
    location_id  INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    start_at     TEXT NOT NULL,
    end_at       TEXT NOT NULL,
    reason_kk    TEXT,
    reason_ru    TEXT,
    created_at   TEXT NOT NULL,
    CONSTRAINT closures_canonical_time CHECK (
        start_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]+00:00'
        AND end_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]+00:00'),
    CONSTRAINT closures_interval CHECK (start_at < end_at)
);
CREATE INDEX closures_location_id_start_at ON closures (location_id, start_at);

ALTER TABLE resources ADD COLUMN description_kk TEXT;
ALTER TABLE resources ADD COLUMN description_ru TEXT;
-- Amenity codes separated by spaces (wifi, socket, monitor, whiteboard, screen, sound, …).
ALTER TABLE resources ADD COLUMN amenities TEXT NOT NULL DEFAULT '';
-- A retired resource keeps its bookings but takes no new ones.
ALTER TABLE resources ADD COLUMN active BOOLEAN NOT NULL DEFAULT 1;

CREATE TABLE resource_photos (
    resource_id   INTEGER PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
    content_type  TEXT NOT NULL,
    bytes         BLOB NOT NULL,
    updated_at    TEXT NOT NULL,
    CONSTRAINT resource_photos_content_type CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp'))
);

-- Who may book a resource. No row: every member. Otherwise holders of one of the roles
-- (at any unit) or members of one of the units (or of a unit below it).
CREATE TABLE resource_access (
    id           INTEGER PRIMARY KEY,
    resource_id  INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    role         TEXT,
    unit_id      INTEGER REFERENCES org_units (id) ON DELETE CASCADE,
    CONSTRAINT resource_access_target CHECK ((role IS NULL) <> (unit_id IS NULL))
);
CREATE INDEX resource_access_resource_id ON resource_access (resource_id);

-- Booking rules, for a kind of resource at a location or for one resource (which wins).
-- Lengths in minutes; NULL quota: no limit; NULL check_in_minutes: no check-in needed.
CREATE TABLE booking_rules (
    id                INTEGER PRIMARY KEY,
    location_id       INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    kind              TEXT,
    resource_id       INTEGER REFERENCES resources (id) ON DELETE CASCADE,
    slot_minutes      INTEGER NOT NULL,
    min_minutes       INTEGER NOT NULL,
    max_minutes       INTEGER NOT NULL,
    lead_minutes      INTEGER NOT NULL,
    horizon_days      INTEGER NOT NULL,
    per_day           INTEGER,
    per_week          INTEGER,
    buffer_minutes    INTEGER NOT NULL,
    needs_approval    BOOLEAN NOT NULL,
    check_in_minutes  INTEGER,
    within_hours      BOOLEAN NOT NULL,
    updated_at        TEXT NOT NULL,
    CONSTRAINT booking_rules_target CHECK ((kind IS NULL) <> (resource_id IS NULL)),
    CONSTRAINT booking_rules_kind CHECK (kind IN ('desk', 'meeting_room', 'event_hall', 'equipment')),
    CONSTRAINT booking_rules_lengths CHECK (slot_minutes BETWEEN 1 AND 1440
        AND min_minutes >= 1 AND min_minutes <= max_minutes AND max_minutes <= 20160),
    CONSTRAINT booking_rules_ahead CHECK (lead_minutes >= 0 AND horizon_days BETWEEN 0 AND 730),
    CONSTRAINT booking_rules_quota CHECK ((per_day IS NULL OR per_day >= 1) AND (per_week IS NULL OR per_week >= 1)),
    CONSTRAINT booking_rules_buffer CHECK (buffer_minutes BETWEEN 0 AND 1440),
    CONSTRAINT booking_rules_check_in CHECK (check_in_minutes IS NULL OR check_in_minutes BETWEEN 1 AND 1440),
    CONSTRAINT booking_rules_location_id_kind_key UNIQUE (location_id, kind),
    CONSTRAINT booking_rules_resource_id_key UNIQUE (resource_id)
);

-- A daily or weekly series; its occurrences are ordinary bookings with series_id.
CREATE TABLE booking_series (
    id           INTEGER PRIMARY KEY,
    resource_id  INTEGER NOT NULL REFERENCES resources (id),
    user_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    frequency    TEXT NOT NULL,
    until_on     TEXT,
    occurrences  INTEGER,
    created_at   TEXT NOT NULL,
    CONSTRAINT booking_series_frequency CHECK (frequency IN ('daily', 'weekly')),
    CONSTRAINT booking_series_end CHECK ((until_on IS NULL) <> (occurrences IS NULL))
);

ALTER TABLE bookings ADD COLUMN series_id INTEGER REFERENCES booking_series (id);
ALTER TABLE bookings ADD COLUMN purpose TEXT;
-- The short code on the booking's QR and typed at the front desk.
ALTER TABLE bookings ADD COLUMN code TEXT;
-- Not checked in by this instant: released as a no-show. NULL: no check-in needed.
ALTER TABLE bookings ADD COLUMN check_in_by TEXT
    CONSTRAINT bookings_check_in_by_canonical CHECK (check_in_by IS NULL OR check_in_by GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]+00:00');
ALTER TABLE bookings ADD COLUMN checked_in_at TEXT;
-- Staff who booked for the member, and the reason when they overrode a rule.
ALTER TABLE bookings ADD COLUMN booked_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE bookings ADD COLUMN override_reason TEXT;
ALTER TABLE bookings ADD COLUMN decided_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE bookings ADD COLUMN decided_at TEXT;
ALTER TABLE bookings ADD COLUMN decline_reason TEXT;
ALTER TABLE bookings ADD COLUMN cancelled_at TEXT;
ALTER TABLE bookings ADD COLUMN updated_at TEXT;

CREATE UNIQUE INDEX bookings_code_key ON bookings (code);
CREATE INDEX bookings_user_id_start_at ON bookings (user_id, start_at);
CREATE INDEX bookings_series_id ON bookings (series_id);
CREATE INDEX bookings_status_check_in_by ON bookings (check_in_by) WHERE status = 'confirmed';
CREATE INDEX bookings_pending_start_at ON bookings (start_at) WHERE status IN ('pending', 'checked_in');

-- A member's calendar feed: the secret is in the URL; only its SHA-256 is kept.
CREATE TABLE calendar_feeds (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    CONSTRAINT calendar_feeds_token_hash_key UNIQUE (token_hash)
);
