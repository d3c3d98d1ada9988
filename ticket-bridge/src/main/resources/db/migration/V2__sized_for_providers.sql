-- Columns sized for what providers send (opaque ids and usernames grow): text, with no limit to overflow. A value
-- PostgreSQL still refuses is a permanent failure of that one message, never a retry loop.
alter table conversation alter column conversation_key type text, alter column person_id type text,
    alter column display_name type text, alter column handle type text, alter column phone_number type text,
    alter column ticket_number type text, alter column ticket_status type text, alter column correlation_id type text;
alter table handled_message alter column provider_message_id type text, alter column conversation_key type text,
    alter column ticket_number type text;
alter table sent_message alter column conversation_key type text, alter column ticket_number type text;
-- Delivery results arrive with our event id (channel services link provider ids): the bridge keeps none.
drop index sent_message_provider_idx;
alter table sent_message drop column provider_message_id;
