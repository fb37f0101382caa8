-- The search looks words up by prefix in a B-tree of its own instead of FTS5: the full-text
-- index could not stop early on a short prefix (ranking every match of «ak» took 40 ms at
-- the scale of a republic; even reading matches in rowid order cost 2–7 ms per query,
-- one read per kind), while a range over sorted words stops after the few rows an answer
-- shows (0.1–1.5 ms). One row per distinct folded word of an entry, with what the
-- lookup filters on (kind, audience) beside it, so the index alone answers.
DROP TRIGGER search_entries_ai;
DROP TRIGGER search_entries_ad;
DROP TRIGGER search_entries_au;
DROP TABLE search_fts;

CREATE TABLE search_words (
    entry_id  INTEGER NOT NULL REFERENCES search_entries (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    audience  TEXT NOT NULL,
    -- One folded word (src/search/fold.rs): letters a-z and digits only.
    word      TEXT NOT NULL,
    -- The word is in the title (it ranks above one only in the body).
    in_title  BOOLEAN NOT NULL,
    CONSTRAINT search_words_entry_id_word_key UNIQUE (entry_id, word)
);
-- The lookup: kind, audience, then a prefix range of words.
CREATE INDEX search_words_find ON search_words (kind, audience, word, in_title, entry_id);
-- How common a prefix is (the rarest word of a query leads).
CREATE INDEX search_words_word ON search_words (word);

-- Rebuilt from the tables it describes at the next start (src/search/index.rs).
UPDATE search_meta SET fold_version = 0 WHERE id = 1;
