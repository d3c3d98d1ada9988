-- Links to files attendants attached in 4biz, signed and served once through the gateway (WhatsApp's MediaUrl). The
-- file itself stays in 4biz: a link names it, and is fetched from 4biz when the provider asks for it.
create table media_link (
    id uuid primary key,
    interaction_id text not null,
    ticket_number text not null,
    attachment_id text not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now()
);
create index media_link_expires_at on media_link (expires_at);
