-- An interaction's business hours (JSON: time zone, intervals per day, holidays, out-of-hours text); null = always.
alter table interaction add column business_hours text;
