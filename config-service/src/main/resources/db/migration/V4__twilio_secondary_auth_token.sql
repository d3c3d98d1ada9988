-- Twilio's secondary Auth Token, sealed like the primary: during a rotation both validate webhooks.
alter table interaction add column twilio_secondary_auth_token text;
