-- The approved WhatsApp template per purpose (JSON: purpose -> Content SID, variables, excerpt length); null = only the
-- interaction's single template.
alter table interaction add column whatsapp_templates text;
