-- Attendants' answers WhatsApp's closed 24-hour window kept from the person (nothing went out, or the approved template
-- went out in the text's place): held, in the order they were published (seq), and sent again, as new messages
-- (release_of names the held one), when the person writes next.
alter table sent_message add column seq bigserial;
alter table sent_message add column held_at timestamptz;
alter table sent_message add column released_as uuid;
alter table sent_message add column release_of uuid;
alter table sent_message add column release_noted boolean not null default false;

create index sent_message_held_idx on sent_message (conversation_key, seq)
    where held_at is not null and released_as is null;
