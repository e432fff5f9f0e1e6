-- The chat's ids as bigint like every other table's (0082 declared them serial/integer): an id in a
-- request is any safe integer, and an integer column compared with one above 2^31 fails (500)
-- where it should simply match nothing (404).
alter table chat_conversations
  alter column id type bigint,
  alter column shop_id type bigint,
  alter column buyer_id type bigint,
  alter column context_id type bigint,
  alter column last_message_id type bigint,
  alter column buyer_read_id type bigint,
  alter column shop_read_id type bigint;
alter table chat_sessions
  alter column id type bigint,
  alter column conversation_id type bigint,
  alter column shop_id type bigint,
  alter column buyer_id type bigint,
  alter column agent_id type bigint;
alter table chat_messages
  alter column id type bigint,
  alter column conversation_id type bigint,
  alter column session_id type bigint,
  alter column sender_id type bigint,
  alter column file_id type bigint,
  alter column product_id type bigint,
  alter column order_id type bigint,
  alter column decision_id type bigint;
alter table chat_session_events
  alter column id type bigint,
  alter column session_id type bigint,
  alter column from_agent type bigint,
  alter column to_agent type bigint,
  alter column by_user type bigint;
alter table chat_agents
  alter column shop_id type bigint,
  alter column user_id type bigint;
alter table chat_canned_replies
  alter column id type bigint,
  alter column shop_id type bigint;
alter table chat_settings alter column shop_id type bigint;
alter table chat_keyword_replies
  alter column id type bigint,
  alter column shop_id type bigint;
alter sequence chat_conversations_id_seq as bigint;
alter sequence chat_sessions_id_seq as bigint;
alter sequence chat_messages_id_seq as bigint;
alter sequence chat_session_events_id_seq as bigint;
alter sequence chat_canned_replies_id_seq as bigint;
alter sequence chat_keyword_replies_id_seq as bigint;
