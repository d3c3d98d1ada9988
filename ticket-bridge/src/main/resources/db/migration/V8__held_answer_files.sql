-- The links of the files an attendant's answer carried (media_link ids), so that an answer WhatsApp's closed window
-- held is sent again with its files, on fresh links: the first ones expire within the hour and the person may write
-- days later. A link a held answer still needs is not purged.
alter table sent_message add column media_link_ids uuid[];
