-- A member's optional profile photo, kept by Ortaq itself (no third-party storage).
CREATE TABLE profile_photos (
    user_id       BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    content_type  TEXT NOT NULL,
    bytes         BYTEA NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT profile_photos_content_type CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp'))
);
