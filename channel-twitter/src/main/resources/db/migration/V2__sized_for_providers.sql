-- Columns sized for what X and people send (error texts, ids): text, with no limit to overflow. A value PostgreSQL still
-- refuses is a permanent failure of that one message, never a retry loop.
alter table sent_dm alter column recipient type text, alter column dm_event_id type text, alter column error type text;
alter table webhook_registration alter column webhook_id type text, alter column url type text, alter column last_error type text;
alter table polling_state alter column newest_event_id type text;
