-- Which way each webhook interaction's account is subscribed: ACTIVITY_API (the X Activity API's dm.received
-- subscription) or ACCOUNT_ACTIVITY (the deprecated Account Activity API). The scheduled reconciliation reads it.
alter table webhook_registration add column mode varchar(24) not null default 'ACCOUNT_ACTIVITY';
