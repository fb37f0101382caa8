-- News: bilingual posts by admins (Markdown bodies), with an optional source link.
CREATE TABLE news_posts (
    id            INTEGER PRIMARY KEY,
    title_kk      TEXT,
    title_ru      TEXT,
    body_kk       TEXT,
    body_ru       TEXT,
    source_url    TEXT,
    author_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    published_at  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CONSTRAINT news_posts_title CHECK (title_kk IS NOT NULL OR title_ru IS NOT NULL),
    CONSTRAINT news_posts_body CHECK (body_kk IS NOT NULL OR body_ru IS NOT NULL),
    CONSTRAINT news_posts_source_url CHECK (source_url IS NULL OR source_url LIKE 'http://%' OR source_url LIKE 'https://%')
);
CREATE INDEX news_posts_published_at ON news_posts (published_at DESC, id DESC);
