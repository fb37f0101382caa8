-- One-time sign-in links: staff give one to a member who has no password of their own yet
-- (imported from a spreadsheet) or has forgotten it. Only the secret's SHA-256 is kept.
CREATE TABLE sign_in_links (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    CONSTRAINT sign_in_links_token_hash_key UNIQUE (token_hash),
    CONSTRAINT sign_in_links_expiry CHECK (created_at < expires_at)
);
-- At most one unused link per person: a new one replaces the old.
CREATE UNIQUE INDEX sign_in_links_user_id_unused_key ON sign_in_links (user_id) WHERE used_at IS NULL;
