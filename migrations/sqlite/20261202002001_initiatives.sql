-- Initiatives: a young person's idea from draft to done (src/initiatives/), with supports,
-- the official answer, milestones, links to bookings and events, comments and their
-- moderation, attachments, and the sessions and meetings with leadership that raise them.
-- Instants are TEXT in the canonical UTC form; dates are 'YYYY-MM-DD'.

CREATE TABLE initiatives (
    id              INTEGER PRIMARY KEY,
    unit_id         INTEGER NOT NULL REFERENCES org_units (id),
    author_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    category        TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'draft',
    title_kk        TEXT,
    title_ru        TEXT,
    summary_kk      TEXT,
    summary_ru      TEXT,
    description_kk  TEXT,
    description_ru  TEXT,
    need_space      TEXT,
    need_equipment  TEXT,
    budget_kzt      INTEGER,
    partners        TEXT,
    report_kk       TEXT,
    report_ru       TEXT,
    -- Kept equal to the number of rows in initiative_supports by the same transaction
    -- that adds or removes one (the row lock orders concurrent supports).
    supports        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    submitted_at    TEXT,
    CONSTRAINT initiatives_status CHECK (status IN ('draft', 'submitted', 'under_review',
        'accepted', 'declined', 'in_progress', 'implemented', 'withdrawn')),
    CONSTRAINT initiatives_category CHECK (category IN ('culture', 'education', 'volunteering',
        'ecology', 'it', 'sport', 'dialogue', 'other')),
    CONSTRAINT initiatives_title CHECK (title_kk IS NOT NULL OR title_ru IS NOT NULL),
    CONSTRAINT initiatives_budget CHECK (budget_kzt IS NULL OR budget_kzt >= 0),
    CONSTRAINT initiatives_supports CHECK (supports >= 0)
);
CREATE INDEX initiatives_unit_id ON initiatives (unit_id);
CREATE INDEX initiatives_author_id ON initiatives (author_id);
CREATE INDEX initiatives_status ON initiatives (status);

-- The team: members the author invited; they join by accepting.
CREATE TABLE initiative_team (
    initiative_id  INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status         TEXT NOT NULL DEFAULT 'invited',
    invited_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    accepted_at    TEXT,
    CONSTRAINT initiative_team_initiative_id_user_id_key UNIQUE (initiative_id, user_id),
    CONSTRAINT initiative_team_status CHECK (status IN ('invited', 'accepted'))
);
CREATE INDEX initiative_team_user_id ON initiative_team (user_id);

-- One support per member and initiative.
CREATE TABLE initiative_supports (
    initiative_id  INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     TEXT NOT NULL,
    CONSTRAINT initiative_supports_initiative_id_user_id_key UNIQUE (initiative_id, user_id)
);
CREATE INDEX initiative_supports_user_id ON initiative_supports (user_id);

-- The support threshold a unit sets (its subtree inherits it unless a nearer unit sets one).
CREATE TABLE initiative_thresholds (
    unit_id     INTEGER PRIMARY KEY REFERENCES org_units (id),
    supports    INTEGER NOT NULL,
    set_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at  TEXT NOT NULL,
    CONSTRAINT initiative_thresholds_supports CHECK (supports BETWEEN 1 AND 100000)
);

-- The public timeline: every change of status, who made it (NULL: the support threshold)
-- and what they said.
CREATE TABLE initiative_transitions (
    id             INTEGER PRIMARY KEY,
    initiative_id  INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    from_status    TEXT,
    to_status      TEXT NOT NULL,
    actor_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    comment        TEXT,
    at             TEXT NOT NULL
);
CREATE INDEX initiative_transitions_initiative_id ON initiative_transitions (initiative_id, id);

-- The official answer (accepted or declined) of staff over the initiative's unit.
CREATE TABLE initiative_answers (
    initiative_id        INTEGER PRIMARY KEY REFERENCES initiatives (id) ON DELETE CASCADE,
    decision             TEXT NOT NULL,
    text_kk              TEXT,
    text_ru              TEXT,
    reason               TEXT,
    responsible_name     TEXT,
    responsible_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    deadline             TEXT,
    answered_by          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    answered_at          TEXT NOT NULL,
    CONSTRAINT initiative_answers_decision CHECK (decision IN ('accepted', 'declined')),
    CONSTRAINT initiative_answers_text CHECK (text_kk IS NOT NULL OR text_ru IS NOT NULL),
    CONSTRAINT initiative_answers_reason CHECK (decision <> 'declined' OR reason IS NOT NULL)
);

CREATE TABLE initiative_milestones (
    id             INTEGER PRIMARY KEY,
    initiative_id  INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    title_kk       TEXT,
    title_ru       TEXT,
    due_on         TEXT,
    done_at        TEXT,
    created_at     TEXT NOT NULL,
    CONSTRAINT initiative_milestones_title CHECK (title_kk IS NOT NULL OR title_ru IS NOT NULL)
);
CREATE INDEX initiative_milestones_initiative_id ON initiative_milestones (initiative_id);

-- What carries an initiative out. HOOK for the events area: an event created from an
-- initiative adds ('event', events.id) here; bookings add ('booking', bookings.id).
-- target_id has no foreign key because it points into one of several tables.
CREATE TABLE initiative_links (
    initiative_id  INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    target_id      INTEGER NOT NULL,
    created_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    CONSTRAINT initiative_links_initiative_id_kind_target_id_key UNIQUE (initiative_id, kind, target_id),
    CONSTRAINT initiative_links_kind CHECK (kind IN ('booking', 'event'))
);
CREATE INDEX initiative_links_target ON initiative_links (kind, target_id);

-- Images and PDFs, checked by content and size, kept by Ortaq.
CREATE TABLE initiative_attachments (
    id             INTEGER PRIMARY KEY,
    initiative_id  INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    file_name      TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size           INTEGER NOT NULL,
    bytes          BLOB NOT NULL,
    uploaded_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    CONSTRAINT initiative_attachments_content_type CHECK (content_type IN
        ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
    CONSTRAINT initiative_attachments_size CHECK (size > 0 AND size <= 921600)
);
CREATE INDEX initiative_attachments_initiative_id ON initiative_attachments (initiative_id);

-- Comments, one level of replies. Three reports hide a comment ('reported') until a
-- moderator decides ('hidden' or 'cleared', which later reports no longer hide).
CREATE TABLE initiative_comments (
    id                 INTEGER PRIMARY KEY,
    initiative_id      INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    parent_id          INTEGER REFERENCES initiative_comments (id) ON DELETE CASCADE,
    author_id          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body               TEXT NOT NULL,
    state              TEXT NOT NULL DEFAULT 'visible',
    reports            INTEGER NOT NULL DEFAULT 0,
    moderated_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    moderation_reason  TEXT,
    moderated_at       TEXT,
    created_at         TEXT NOT NULL,
    edited_at          TEXT,
    CONSTRAINT initiative_comments_state CHECK (state IN ('visible', 'reported', 'hidden', 'cleared')),
    CONSTRAINT initiative_comments_reports CHECK (reports >= 0)
);
CREATE INDEX initiative_comments_initiative_id ON initiative_comments (initiative_id, id);

-- A reply answers a top-level comment of the same initiative, never another reply.
CREATE TRIGGER initiative_comments_one_level
BEFORE INSERT ON initiative_comments
WHEN NEW.parent_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'initiative_comments_one_level')
    WHERE NOT EXISTS (SELECT 1 FROM initiative_comments p
        WHERE p.id = NEW.parent_id AND p.parent_id IS NULL AND p.initiative_id = NEW.initiative_id);
END;

CREATE TABLE initiative_comment_reports (
    comment_id  INTEGER NOT NULL REFERENCES initiative_comments (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason      TEXT,
    created_at  TEXT NOT NULL,
    CONSTRAINT initiative_comment_reports_comment_id_user_id_key UNIQUE (comment_id, user_id)
);

-- Every earlier version of an edited comment.
CREATE TABLE initiative_comment_edits (
    id          INTEGER PRIMARY KEY,
    comment_id  INTEGER NOT NULL REFERENCES initiative_comments (id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    edited_at   TEXT NOT NULL
);
CREATE INDEX initiative_comment_edits_comment_id ON initiative_comment_edits (comment_id);

-- Sessions of the Assembly and meetings with leadership, as records.
CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES org_units (id),
    kind        TEXT NOT NULL,
    title_kk    TEXT,
    title_ru    TEXT,
    held_on     TEXT NOT NULL,
    place       TEXT,
    notes_kk    TEXT,
    notes_ru    TEXT,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    CONSTRAINT meetings_kind CHECK (kind IN ('assembly_session', 'akim_meeting', 'other')),
    CONSTRAINT meetings_title CHECK (title_kk IS NOT NULL OR title_ru IS NOT NULL)
);
CREATE INDEX meetings_held_on ON meetings (held_on);

CREATE TABLE meeting_participants (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    position    TEXT,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX meeting_participants_meeting_id ON meeting_participants (meeting_id);

-- An initiative raised at a meeting, and what was decided about it.
CREATE TABLE meeting_items (
    id                   INTEGER PRIMARY KEY,
    meeting_id           INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    initiative_id        INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    decision_kk          TEXT,
    decision_ru          TEXT,
    responsible_name     TEXT,
    responsible_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    deadline             TEXT,
    done_at              TEXT,
    CONSTRAINT meeting_items_meeting_id_initiative_id_key UNIQUE (meeting_id, initiative_id)
);
CREATE INDEX meeting_items_initiative_id ON meeting_items (initiative_id);
