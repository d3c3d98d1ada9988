-- One row per person and interaction: where their messages go now (the Helper bot, a ticket, or nowhere yet), and
-- what the answer poller has already seen on the ticket. Every change of course (new ticket, ticket closed, bot phase)
-- checks and bumps "version", so the consumer and the poller never overwrite each other's decisions.
create table conversation (
    conversation_key   varchar(200)  primary key,
    interaction_id     varchar(32)   not null,
    channel            varchar(32)   not null,
    person_id          varchar(128)  not null,
    display_name       varchar(256),
    handle             varchar(256),
    phone_number       varchar(32),
    phase              varchar(16)   not null,
    ticket_number      varchar(32),
    ticket_status      varchar(32),
    correlation_id     varchar(128)  not null,
    occurrences_seen   integer       not null default 0,
    next_poll_at       timestamptz,
    opted_out          boolean       not null default false,
    bot_transcript     text,
    bot_options        text,
    last_inbound_at    timestamptz,
    version            bigint        not null,
    updated_at         timestamptz   not null
);

-- The poller claims due conversations by this; only conversations with an open ticket have a next_poll_at.
create index conversation_poll_idx on conversation (next_poll_at) where next_poll_at is not null;
create index conversation_ticket_idx on conversation (ticket_number);

-- Every inbound message the bridge finished, by provider message id: a redelivered one changes nothing.
create table handled_message (
    interaction_id       varchar(32)   not null,
    provider_message_id  varchar(128)  not null,
    conversation_key     varchar(200)  not null,
    outcome              varchar(16)   not null,
    ticket_number        varchar(32),
    handled_at           timestamptz   not null,
    primary key (interaction_id, provider_message_id)
);

-- Every outbound message the bridge published and the ticket it was about: a delivery failure reported later (by
-- event id or by the provider's message id) is written on that ticket once.
create table sent_message (
    event_id             uuid          primary key,
    conversation_key     varchar(200)  not null,
    ticket_number        varchar(32),
    purpose              varchar(32)   not null,
    text                 text          not null,
    provider_message_id  varchar(128),
    failure_recorded     boolean       not null default false,
    created_at           timestamptz   not null
);

create index sent_message_provider_idx on sent_message (provider_message_id);
