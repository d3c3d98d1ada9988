-- The conversation a link was made for: a privacy export or erasure takes the person's own links, not those of
-- another conversation on the same ticket. Null for links made before (they expire within their lifetime).
alter table media_link add column conversation_key text;
create index media_link_conversation_key on media_link (conversation_key);
