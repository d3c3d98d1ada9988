-- The files the bridge attached to tickets, by our key (OCA-...): 4biz's documented addAttachments takes no key of
-- ours and there is no documented way to list a ticket's attachments, so a message handled again (a retry after the
-- next file failed, a redelivery) skips the files this table names. Digests only: nothing here names a person.
create table attached_file (
    origin_key    varchar(64) primary key,
    ticket_number varchar(32) not null,
    attached_at   timestamptz not null default now()
);
create index attached_file_attached_at on attached_file (attached_at);
