-- One search index for every kind of thing people look for (units, members of the
-- directory, news; events and initiatives write to it too). Each row holds what the
-- search may show (title, address) and who may find it; the folded text (see
-- src/search/fold.rs) is what matches. The index is written in the same transaction as
-- the thing it describes.
CREATE TABLE search_entries (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    ref_id        INTEGER NOT NULL,
    title_kk      TEXT,
    title_ru      TEXT,
    url           TEXT NOT NULL,
    -- public: anyone; members: signed-in people; staff: admins and coordinators over unit_id.
    audience      TEXT NOT NULL,
    unit_id       INTEGER,
    -- The owner finds their own entry whatever its audience (a draft, say).
    owner_id      INTEGER,
    title_folded  TEXT NOT NULL,
    body_folded   TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CONSTRAINT search_entries_kind_ref_id_key UNIQUE (kind, ref_id),
    CONSTRAINT search_entries_audience CHECK (audience IN ('public', 'members', 'staff')),
    CONSTRAINT search_entries_staff_unit CHECK (audience <> 'staff' OR unit_id IS NOT NULL)
);

-- Full-text over the folded words, with prefix indexes for typing.
CREATE VIRTUAL TABLE search_fts USING fts5(
    title_folded, body_folded,
    content = 'search_entries', content_rowid = 'id',
    tokenize = 'unicode61', prefix = '2 3 4'
);

CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
    INSERT INTO search_fts (rowid, title_folded, body_folded) VALUES (new.id, new.title_folded, new.body_folded);
END;
CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_folded, body_folded) VALUES ('delete', old.id, old.title_folded, old.body_folded);
END;
CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_folded, body_folded) VALUES ('delete', old.id, old.title_folded, old.body_folded);
    INSERT INTO search_fts (rowid, title_folded, body_folded) VALUES (new.id, new.title_folded, new.body_folded);
END;

-- The fold the index was built with; at start, an index built with another (or none,
-- as here) is rebuilt from the tables it describes.
CREATE TABLE search_meta (
    id            INTEGER PRIMARY KEY,
    fold_version  INTEGER NOT NULL,
    CONSTRAINT search_meta_one_row CHECK (id = 1)
);
INSERT INTO search_meta (id, fold_version) VALUES (1, 0);
