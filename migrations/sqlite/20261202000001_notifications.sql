-- In-app notices: what Ortaq tells a person (an event's waitlist moved, an initiative
-- was answered). The text is not stored: `kind` names a Fluent message and `args` (JSON)
-- its arguments, so each reader sees the notice in their language of the moment.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    args       TEXT NOT NULL DEFAULT '{}',
    link       TEXT,
    created_at TEXT NOT NULL,
    read_at    TEXT,
    CONSTRAINT notifications_link_local CHECK (link IS NULL OR link LIKE '/%')
);

CREATE INDEX notifications_user_idx ON notifications (user_id, id);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
