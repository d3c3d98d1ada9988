-- One configured channel account ("Interação Omnichannel" in 4biz).
create table interaction (
    id                   varchar(32)  primary key,
    channel              varchar(32)  not null,
    name                 varchar(120) not null,
    default_unit_id      bigint       not null,
    default_group_id     bigint       not null,
    default_activity_id  bigint       not null,
    contact_origin_id    bigint       not null,
    helper_interception  boolean      not null default false,
    active               boolean      not null default true,
    whatsapp_number      varchar(20),
    twilio_account_sid   varchar(34),
    twilio_auth_token    varchar(512),
    version              bigint       not null default 0,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    deleted_at           timestamptz
);

create index interaction_channel_idx on interaction (channel) where deleted_at is null;
