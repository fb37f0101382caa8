-- The search answers from a bounded set of candidates instead of ranking every match
-- (a two-letter prefix matches tens of thousands of rows at the scale of a republic).
-- `tags` holds each entry's kind, audience and owner as words (`kevent apublic o42`);
-- its own vector and index let the database intersect them with the text's matches
-- inside the indexes. `title_doc` tells title hits from body hits without ts_rank.
ALTER TABLE search_entries ADD COLUMN tags TEXT NOT NULL DEFAULT '';
ALTER TABLE search_entries ADD COLUMN tags_doc TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', tags)) STORED;
ALTER TABLE search_entries ADD COLUMN title_doc TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', title_folded)) STORED;
CREATE INDEX search_entries_tags_doc ON search_entries USING GIN (tags_doc);

-- Rebuilt from the tables it describes at the next start (src/search/index.rs).
UPDATE search_meta SET fold_version = 0 WHERE id = 1;
