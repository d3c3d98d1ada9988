-- Log-only signature mode ends by itself (issue: a forgotten log-only mode accepted forged webhooks for ever).
alter table interaction add column signature_log_only_until timestamptz;
-- an interaction already in log-only mode gets the default 24 hours from now
update interaction set signature_log_only_until = now() + interval '24 hours' where signature_mode = 'LOG_ONLY';
