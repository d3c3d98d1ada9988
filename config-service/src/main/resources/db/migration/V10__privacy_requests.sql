-- Every privacy request (LGPD Art. 18) an admin made: who, when, export or erasure, and each service's outcome and row
-- counts. It names no person: not the number, not the X id, not the login (an erasure must not leave them here).
create table privacy_request (
    id          uuid          primary key,
    action      varchar(16)   not null,
    actor       text          not null,
    at          timestamptz   not null,
    outcome     varchar(16)   not null,
    services    text          not null
);
