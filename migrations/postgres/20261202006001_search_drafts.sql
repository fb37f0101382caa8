-- A member's own drafts are found from the few entries they own (src/search/query.rs,
-- `Drafts::Own`), not by scanning every draft's words.
CREATE INDEX search_entries_owner ON search_entries (owner_id, kind) WHERE audience = 'staff';
