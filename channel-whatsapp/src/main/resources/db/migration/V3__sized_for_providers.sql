-- Columns sized for what providers send (opaque WhatsApp ids and usernames grow; a 64-character recipient column once
-- turned one long sender into a retry loop): text, with no limit to overflow. A value PostgreSQL still refuses is a
-- permanent failure of that one message.
alter table sent_message alter column interaction_id type text, alter column recipient type text,
    alter column provider_message_id type text, alter column error_code type text,
    alter column correlation_id type text;
alter table message_status alter column provider_message_id type text, alter column error_code type text;
