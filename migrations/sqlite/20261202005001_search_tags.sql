-- The search answers from the first matches it meets instead of ranking every match
-- (a two-letter prefix matches tens of thousands of rows at the scale of a republic).
-- For that the full-text index itself must know each entry's kind and who may find it:
-- `tags` holds them as words (`kevent apublic o42`: kind, audience, owner), matched only
-- through the `tags` column, so a query never finds them as text.
ALTER TABLE search_entries ADD COLUMN tags TEXT NOT NULL DEFAULT '';

DROP TRIGGER search_entries_ai;
DROP TRIGGER search_entries_ad;
DROP TRIGGER search_entries_au;
DROP TABLE search_fts;

CREATE VIRTUAL TABLE search_fts USING fts5(
    title_folded, body_folded, tags,
    content = 'search_entries', content_rowid = 'id',
    tokenize = 'unicode61', prefix = '2 3 4'
);

CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
    INSERT INTO search_fts (rowid, title_folded, body_folded, tags) VALUES (new.id, new.title_folded, new.body_folded, new.tags);
END;
CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_folded, body_folded, tags) VALUES ('delete', old.id, old.title_folded, old.body_folded, old.tags);
END;
CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_folded, body_folded, tags) VALUES ('delete', old.id, old.title_folded, old.body_folded, old.tags);
    INSERT INTO search_fts (rowid, title_folded, body_folded, tags) VALUES (new.id, new.title_folded, new.body_folded, new.tags);
END;

-- Rebuilt from the tables it describes at the next start (src/search/index.rs).
UPDATE search_meta SET fold_version = 0 WHERE id = 1;
