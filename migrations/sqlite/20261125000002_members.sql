-- Members and the organisation: unit details, profiles, memberships with positions,
-- join requests, consents. Dates (no time) are TEXT 'YYYY-MM-DD'.

ALTER TABLE org_units ADD COLUMN description_kk TEXT;
ALTER TABLE org_units ADD COLUMN description_ru TEXT;
-- A student assembly's university or college.
ALTER TABLE org_units ADD COLUMN institution_kk TEXT;
ALTER TABLE org_units ADD COLUMN institution_ru TEXT;
-- An ethnocultural association's community ('korean', 'tatar', …).
ALTER TABLE org_units ADD COLUMN community TEXT;

-- A Dostyq club's activity directions; a change ends one and starts another.
CREATE TABLE unit_directions (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES org_units (id),
    name_kk     TEXT,
    name_ru     TEXT,
    started_on  TEXT NOT NULL,
    ended_on    TEXT,
    CONSTRAINT unit_directions_name CHECK (name_kk IS NOT NULL OR name_ru IS NOT NULL),
    CONSTRAINT unit_directions_dates CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX unit_directions_unit_id ON unit_directions (unit_id);

ALTER TABLE users ADD COLUMN deleted_at TEXT;

CREATE TABLE profiles (
    user_id             INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    birth_date          TEXT NOT NULL,
    phone               TEXT,
    city                TEXT,
    study_or_work       TEXT,
    in_directory        INTEGER NOT NULL DEFAULT 0,
    show_email          INTEGER NOT NULL DEFAULT 0,
    show_phone          INTEGER NOT NULL DEFAULT 0,
    show_study_or_work  INTEGER NOT NULL DEFAULT 0,
    -- Under 18: the guardian's consent, and the coordinator who confirmed the membership.
    guardian_name       TEXT,
    guardian_contact    TEXT,
    guardian_consent_on TEXT,
    guardian_consent_how TEXT,
    confirmed_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    confirmed_at        TEXT,
    updated_at          TEXT NOT NULL,
    CONSTRAINT profiles_phone_key UNIQUE (phone)
);

-- Languages spoken, interests and skills: one row a tag, so the directory can search them.
CREATE TABLE profile_tags (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    tag      TEXT NOT NULL,
    CONSTRAINT profile_tags_user_id_kind_tag_key UNIQUE (user_id, kind, tag),
    CONSTRAINT profile_tags_kind CHECK (kind IN ('language', 'interest', 'skill'))
);
CREATE INDEX profile_tags_kind_tag ON profile_tags (kind, tag);

-- A person in a unit, in a position, over [started_on, ended_on]. Ending keeps the row.
CREATE TABLE memberships (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES org_units (id),
    position    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'active',
    started_on  TEXT NOT NULL,
    ended_on    TEXT,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    CONSTRAINT memberships_position CHECK (position IN ('member', 'coordinator', 'chair', 'youth_deputy', 'deputy_head')),
    CONSTRAINT memberships_status CHECK (status IN ('active', 'pending')),
    CONSTRAINT memberships_dates CHECK (ended_on IS NULL OR ended_on >= started_on)
);
-- One open membership per person, unit and position.
CREATE UNIQUE INDEX memberships_user_id_unit_id_position_key ON memberships (user_id, unit_id, position) WHERE ended_on IS NULL;
CREATE INDEX memberships_unit_id ON memberships (unit_id);

CREATE TABLE join_requests (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES org_units (id),
    message     TEXT,
    status      TEXT NOT NULL DEFAULT 'pending',
    reason      TEXT,
    decided_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at  TEXT,
    created_at  TEXT NOT NULL,
    CONSTRAINT join_requests_status CHECK (status IN ('pending', 'approved', 'declined'))
);
CREATE UNIQUE INDEX join_requests_user_id_unit_id_key ON join_requests (user_id, unit_id) WHERE status = 'pending';
CREATE INDEX join_requests_unit_id ON join_requests (unit_id, status);

-- Every acceptance and withdrawal of a consent text, with its version.
CREATE TABLE consents (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    version       TEXT NOT NULL,
    language      TEXT NOT NULL,
    accepted_at   TEXT NOT NULL,
    accepted_ip   TEXT,
    withdrawn_at  TEXT,
    withdrawn_ip  TEXT,
    -- For the ethnocultural consent: the separate permission to include it in exports.
    export_allowed INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT consents_kind CHECK (kind IN ('personal_data', 'ethnocultural', 'guardian'))
);
CREATE INDEX consents_user_id ON consents (user_id, kind);

ALTER TABLE audit_log ADD COLUMN ip TEXT;
