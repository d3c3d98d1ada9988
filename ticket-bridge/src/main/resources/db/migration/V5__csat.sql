-- After a ticket is resolved the person is asked to rate the service 1 to 5; a rating that arrives before this time is
-- written on the resolved ticket. Null: no question pending.
alter table conversation add column csat_until timestamptz;
