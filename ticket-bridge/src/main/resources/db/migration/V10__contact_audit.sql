-- Every attendant contact request (POST /api/v1/tickets/{number}/contact), accepted or refused: who asked, about which
-- ticket, from which interaction, and the outcome. The person appears only as a keyed hash of the number or X id
-- (HMAC with a key derived from MEDIA_LINK_KEY): an investigator holding the number can check it; the table alone names
-- no one. Also what the rate limits count.
create table contact_audit (
    id              bigserial     primary key,
    at              timestamptz   not null default now(),
    caller          varchar(256)  not null,
    ticket_number   varchar(32)   not null,
    interaction_id  varchar(32)   not null,
    recipient_hash  varchar(64),
    outcome         varchar(32)   not null
);
create index contact_audit_caller_at on contact_audit (caller, at);
create index contact_audit_ticket_at on contact_audit (ticket_number, at);
