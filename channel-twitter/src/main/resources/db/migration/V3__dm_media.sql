-- The media id X gave the file an outbound DM carries (uploaded once: the link it came from works once; X keeps an
-- upload 24 hours), so a retried send reuses it.
alter table sent_dm add column media_id text, add column media_uploaded_at timestamptz;
