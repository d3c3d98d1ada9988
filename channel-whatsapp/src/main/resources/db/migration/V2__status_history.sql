-- Every status Twilio reported for a message we sent, in arrival order. sent_message.status keeps the furthest one:
-- callbacks arrive late, twice or out of order, and a status never moves backwards.
create table message_status (
    id                   bigserial    primary key,
    provider_message_id  varchar(34)  not null,
    status               varchar(16)  not null,
    error_code           varchar(32),
    received_at          timestamptz  not null
);

create index message_status_message_idx on message_status (provider_message_id, id);

-- What a late 63016 (closed 24-hour window) needs to send the approved template instead.
alter table sent_message add column template_variables text;
alter table sent_message add column correlation_id varchar(128);
alter table sent_message add column sent_as varchar(16);
