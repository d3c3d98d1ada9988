-- X on the X Activity API (docs/x-activity-api.md): the app's OAuth 2.0 client, the account's grant, and the
-- authorizations in flight.
update interaction set twitter_delivery_mode = 'ACCOUNT_ACTIVITY' where twitter_delivery_mode = 'WEBHOOK';
alter table interaction alter column twitter_delivery_mode type varchar(24);
alter table interaction add column twitter_client_id varchar(128);
-- sealed (SecretBox); null for a public client
alter table interaction add column twitter_client_secret text;

-- The account's OAuth 2.0 grant: tokens sealed, one row per interaction, locked (FOR UPDATE) while it is refreshed so
-- two replicas never spend the same rotating refresh token.
create table x_grant (
    interaction_id  varchar(64)   primary key references interaction (id),
    status          varchar(24)   not null,
    access_token    text,
    refresh_token   text,
    expires_at      timestamptz,
    scope           text,
    x_user_id       varchar(32),
    reason          text,
    connected_by    text,
    updated_at      timestamptz   not null
);

-- An authorization started by an admin and not yet come back: the state's SHA-256 (never the state itself), who started
-- it, the PKCE verifier sealed. Used once; stale rows are deleted when the next one starts.
create table x_authorization (
    state_hash      varchar(64)   primary key,
    interaction_id  varchar(64)   not null references interaction (id),
    subject         text          not null,
    code_verifier   text          not null,
    expires_at      timestamptz   not null
);
