-- Whose ticket an unknown person's message opens (JSON: whenUnknown CREATE or GENERIC, genericRequesterLogin);
-- null = CREATE.
alter table interaction add column requester_policy text;
