-- Every outbound event this service took on, by its (deterministic) event id: a redelivered event is not sent again.
create table sent_message (
    event_id             uuid         primary key,
    interaction_id       varchar(32)  not null,
    recipient            varchar(64)  not null,
    provider_message_id  varchar(34),
    status               varchar(16)  not null,
    error_code           varchar(32),
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null
);

create index sent_message_provider_idx on sent_message (provider_message_id);
