-- Every outbound event this service took on, by its (deterministic) event id: a redelivered event is not sent again.
create table sent_dm (
    event_id          uuid          primary key,
    interaction_id    varchar(32)   not null,
    recipient         varchar(64)   not null,
    dm_event_id       varchar(64),
    status            varchar(16)   not null,
    error             varchar(512),
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null
);

-- The Account Activity webhook of each WEBHOOK interaction, as X last answered: what admins see.
create table webhook_registration (
    interaction_id    varchar(32)   primary key,
    webhook_id        varchar(64),
    url               varchar(512)  not null,
    valid             boolean       not null default false,
    subscribed        boolean       not null default false,
    last_error        varchar(512),
    updated_at        timestamptz   not null
);

-- POLLING interactions and the newest DM event already published: DMs are published once, across restarts.
create table polling_state (
    interaction_id    varchar(32)   primary key,
    active            boolean       not null,
    newest_event_id   varchar(64),
    not_before        timestamptz,
    updated_at        timestamptz   not null
);
