-- One configured channel account ("Interação Omnichannel" in 4biz). Secret columns hold Tink AEAD ciphertexts
-- ("v1:" + Base64), bound to the interaction id and the column name; never a secret in clear.
create table interaction (
    id                           varchar(32)   primary key,
    channel                      varchar(32)   not null,
    name                         varchar(120)  not null,
    default_unit_id              bigint        not null,
    default_group_id             bigint        not null,
    default_activity_id          bigint        not null,
    contact_origin_id            bigint        not null,
    helper_interception          boolean       not null default false,
    active                       boolean       not null default true,
    -- WHATSAPP_TWILIO
    whatsapp_number              varchar(20),
    twilio_account_sid           varchar(34),
    twilio_auth_token            varchar(1024),
    template_content_sid         varchar(34),
    messages_per_second          numeric(6, 2),
    signature_mode               varchar(16),
    -- TWITTER_DM
    twitter_api_key              varchar(128),
    twitter_api_secret_key       varchar(1024),
    twitter_access_token         varchar(1024),
    twitter_access_token_secret  varchar(1024),
    twitter_user_id              varchar(32),
    twitter_environment          varchar(64),
    twitter_delivery_mode        varchar(16),
    twitter_callback_url         varchar(512),
    version                      bigint        not null default 0,
    created_at                   timestamptz   not null,
    updated_at                   timestamptz   not null,
    deleted_at                   timestamptz
);

create index interaction_live_idx on interaction (channel, active) where deleted_at is null;

-- Who changed what and when: field names only, never values.
create table interaction_audit (
    id              bigserial     primary key,
    interaction_id  varchar(32)   not null references interaction (id),
    action          varchar(16)   not null,
    actor           varchar(256)  not null,
    fields          text          not null,
    at              timestamptz   not null
);

create index interaction_audit_interaction_idx on interaction_audit (interaction_id, id);

-- The 4biz system parameters the interactions depend on (values are strings in 4biz).
create table system_parameter (
    id          integer       primary key,
    value       text          not null,
    updated_at  timestamptz   not null,
    updated_by  varchar(256)  not null
);

-- Transactional outbox: an interaction change and its event are written in one transaction and published after.
create table outbox (
    id            uuid          primary key,
    topic         varchar(128)  not null,
    record_key    varchar(128)  not null,
    payload       text          not null,
    created_at    timestamptz   not null,
    published_at  timestamptz
);

create index outbox_pending_idx on outbox (created_at) where published_at is null;
