-- Who a person is in 4biz: a channel identity (a WhatsApp number in E.164 or a business-scoped id, an X user id)
-- linked to a requester's login, found in 4biz by phone (LOOKUP) or linked by an admin (ADMIN). A person nobody
-- linked is looked up again at each new ticket, so a colaborador registered later is found.
create table channel_identity (
    channel text not null,
    identity text not null,
    requester_login text not null,
    source text not null,
    linked_at timestamptz not null default now(),
    primary key (channel, identity)
);
create index channel_identity_requester on channel_identity (requester_login);

-- Every change of a link: who (an admin's subject, or the bridge's lookup), when, from which login to which.
create table channel_identity_audit (
    id bigserial primary key,
    at timestamptz not null default now(),
    actor text not null,
    action text not null,
    channel text not null,
    identity text not null,
    requester_login text,
    previous_login text
);
create index channel_identity_audit_identity on channel_identity_audit (channel, identity);
