-- Why the message was sent, so that a late 63016 picks the purpose's template; null on rows from before.
alter table sent_message add column purpose varchar(32);
