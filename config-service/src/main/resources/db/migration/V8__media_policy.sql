-- Which files people's messages may attach to tickets (JSON: maxBytes, contentTypes); null = the bridge's defaults.
alter table interaction add column media_policy text;
