-- Foundation: organisation units, accounts, roles, sessions, tokens, login throttling,
-- audit log, and the spaces schema that bookings stand on.
-- Instants are TEXT in the canonical UTC form '2026-11-25T10:00:00+00:00' (see src/db/mod.rs).

CREATE TABLE org_units (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES org_units (id),
    kind        TEXT NOT NULL,
    name_kk     TEXT,
    name_ru     TEXT,
    created_at  TEXT NOT NULL,
    CONSTRAINT org_units_kind CHECK (kind IN ('association', 'regional_branch', 'city_branch',
        'student_assembly', 'dostyq_club', 'ethnocultural_association', 'project')),
    CONSTRAINT org_units_name CHECK (name_kk IS NOT NULL OR name_ru IS NOT NULL)
);
CREATE INDEX org_units_parent_id ON org_units (parent_id);

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    email               TEXT NOT NULL,
    display_name        TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    locale              TEXT,
    disabled_at         TEXT,
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_locale CHECK (locale IN ('kk', 'kk-Latn', 'ru', 'en'))
);

CREATE TABLE role_grants (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES org_units (id),
    granted_by  INTEGER REFERENCES users (id),
    created_at  TEXT NOT NULL,
    CONSTRAINT role_grants_user_id_role_unit_id_key UNIQUE (user_id, role, unit_id),
    CONSTRAINT role_grants_role CHECK (role IN ('coordinator', 'space_manager', 'admin', 'observer'))
);
CREATE INDEX role_grants_unit_id ON role_grants (unit_id);

CREATE TABLE sessions (
    id_hash       TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT,
    revoked_at    TEXT,
    CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);

CREATE TABLE login_failures (
    id     INTEGER PRIMARY KEY,
    email  TEXT NOT NULL,
    ip     TEXT NOT NULL,
    at     TEXT NOT NULL
);
CREATE INDEX login_failures_email_at ON login_failures (email, at);
CREATE INDEX login_failures_ip_at ON login_failures (ip, at);

CREATE TABLE known_devices (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL
);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    actor_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action       TEXT NOT NULL,
    object_type  TEXT NOT NULL,
    object_id    INTEGER,
    detail       TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE locations (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES org_units (id),
    name_kk     TEXT,
    name_ru     TEXT,
    address_kk  TEXT,
    address_ru  TEXT,
    phone       TEXT,
    time_zone   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    CONSTRAINT locations_name CHECK (name_kk IS NOT NULL OR name_ru IS NOT NULL)
);

-- Opening hours per ISO weekday (1 = Monday … 7 = Sunday), local wall-clock 'HH:MM'.
CREATE TABLE opening_hours (
    location_id  INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    weekday      INTEGER NOT NULL,
    opens        TEXT NOT NULL,
    closes       TEXT NOT NULL,
    CONSTRAINT opening_hours_location_id_weekday_key UNIQUE (location_id, weekday),
    CONSTRAINT opening_hours_weekday CHECK (weekday BETWEEN 1 AND 7),
    CONSTRAINT opening_hours_interval CHECK (opens < closes)
);

CREATE TABLE resources (
    id           INTEGER PRIMARY KEY,
    location_id  INTEGER NOT NULL REFERENCES locations (id),
    kind         TEXT NOT NULL,
    name_kk      TEXT,
    name_ru      TEXT,
    capacity     INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    CONSTRAINT resources_kind CHECK (kind IN ('desk', 'meeting_room', 'event_hall', 'equipment')),
    CONSTRAINT resources_name CHECK (name_kk IS NOT NULL OR name_ru IS NOT NULL),
    CONSTRAINT resources_capacity CHECK (capacity > 0)
);

-- A booking holds one resource over [start_at, end_at). Two live bookings (pending,
-- confirmed, checked_in) of one resource never overlap: the triggers below refuse it
-- with 'bookings_no_overlap'. SQLite has one writer at a time and Ortaq's write
-- transactions begin IMMEDIATE, so the trigger's check and the write are one step.
CREATE TABLE bookings (
    id           INTEGER PRIMARY KEY,
    resource_id  INTEGER NOT NULL REFERENCES resources (id),
    user_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    status       TEXT NOT NULL,
    start_at     TEXT NOT NULL,
    end_at       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    CONSTRAINT bookings_status CHECK (status IN ('pending', 'confirmed', 'checked_in',
        'completed', 'cancelled', 'declined', 'no_show')),
    CONSTRAINT bookings_canonical_time CHECK (
        start_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]+00:00'
        AND end_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]+00:00'),
    CONSTRAINT bookings_interval CHECK (start_at < end_at)
);
CREATE INDEX bookings_resource_id_start_at ON bookings (resource_id, start_at);

CREATE TRIGGER bookings_no_overlap_insert
BEFORE INSERT ON bookings
WHEN NEW.status IN ('pending', 'confirmed', 'checked_in')
BEGIN
    SELECT RAISE(ABORT, 'bookings_no_overlap')
    FROM bookings
    WHERE resource_id = NEW.resource_id
      AND status IN ('pending', 'confirmed', 'checked_in')
      AND start_at < NEW.end_at
      AND NEW.start_at < end_at;
END;

CREATE TRIGGER bookings_no_overlap_update
BEFORE UPDATE OF resource_id, status, start_at, end_at ON bookings
WHEN NEW.status IN ('pending', 'confirmed', 'checked_in')
BEGIN
    SELECT RAISE(ABORT, 'bookings_no_overlap')
    FROM bookings
    WHERE id <> NEW.id
      AND resource_id = NEW.resource_id
      AND status IN ('pending', 'confirmed', 'checked_in')
      AND start_at < NEW.end_at
      AND NEW.start_at < end_at;
END;
