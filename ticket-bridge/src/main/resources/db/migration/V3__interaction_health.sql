-- The console's per-interaction health reads the latest message in and the latest answers sent per interaction.
create index handled_message_interaction_time_idx on handled_message (interaction_id, handled_at);
create index sent_message_conversation_time_idx on sent_message (conversation_key, created_at);
