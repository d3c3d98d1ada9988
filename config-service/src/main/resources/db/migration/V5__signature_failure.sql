-- Webhooks with a bad signature per interaction and hour, added up from every gateway replica's reports, for the
-- console's health panel. Rows older than 30 days are removed as reports come in.
create table signature_failure (
    interaction_id  varchar(64)   not null,
    hour            timestamptz   not null,
    failures        bigint        not null,
    last_at         timestamptz   not null,
    primary key (interaction_id, hour)
);
