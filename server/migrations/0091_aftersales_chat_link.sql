-- Product rules §5 / §8.2: a recorded communication before a refund-only rejection may cite the
-- buyer's conversation with the shop (the chat holds what both sides wrote).
alter table aftersales_communications add column conversation_id integer references chat_conversations (id);
