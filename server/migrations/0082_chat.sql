-- Customer service (product rules §8): one conversation per buyer and shop, its messages, the
-- sessions a conversation is served in (bot → queued → serving → closed; the metrics and the
-- satisfaction rating are per session), the shop's agents and their status, canned replies and the
-- shop's auto-reply settings.

create table chat_conversations (
  id serial primary key,
  shop_id integer not null references shops (id),
  buyer_id integer not null references users (id),
  -- what the buyer was looking at when they last opened the conversation: the context card
  context_type text check (context_type in ('product', 'live', 'order')),
  context_id integer,
  last_message_id integer,
  last_message_at timestamptz not null,
  -- the oldest buyer message a person has not answered yet (null when nobody waits): the inbox order
  waiting_since timestamptz,
  buyer_unread integer not null default 0,
  shop_unread integer not null default 0,
  -- read receipts: the last message id each side has read
  buyer_read_id integer not null default 0,
  shop_read_id integer not null default 0,
  created_at timestamptz not null,
  unique (shop_id, buyer_id),
  check ((context_type is null) = (context_id is null))
);
create index chat_conversations_buyer_idx on chat_conversations (buyer_id, last_message_at desc);
create index chat_conversations_shop_idx on chat_conversations (shop_id, last_message_at desc);

create table chat_sessions (
  id serial primary key,
  conversation_id integer not null references chat_conversations (id),
  shop_id integer not null references shops (id),
  buyer_id integer not null references users (id),
  state text not null default 'bot' check (state in ('bot', 'queued', 'serving', 'closed')),
  agent_id integer references users (id),
  started_at timestamptz not null,
  -- whether it started within the shop's service hours (off-hours sessions do not count in the response metrics)
  in_service_hours boolean not null default true,
  -- when a person was asked for (hand-off from the bot, or straight to the queue)
  handed_off_at timestamptz,
  first_human_reply_at timestamptz,
  closed_at timestamptz,
  close_reason text check (close_reason in ('agent', 'buyer', 'idle')),
  rating text check (rating in ('good', 'neutral', 'bad')),
  rating_comment text,
  rated_at timestamptz
);
create unique index chat_sessions_open_idx on chat_sessions (conversation_id) where state <> 'closed';
create index chat_sessions_agent_idx on chat_sessions (shop_id, agent_id) where state <> 'closed';
create index chat_sessions_shop_started_idx on chat_sessions (shop_id, started_at);

create table chat_messages (
  id serial primary key,
  conversation_id integer not null references chat_conversations (id),
  session_id integer references chat_sessions (id),
  sender text not null check (sender in ('buyer', 'agent', 'bot', 'system')),
  sender_id integer references users (id),
  kind text not null check (kind in ('text', 'image', 'product', 'order', 'rating_request')),
  text text,
  file_id integer,
  product_id integer,
  order_id integer,
  -- held: the content gate found something (off-platform contact); only its sender sees it
  visibility text not null default 'visible' check (visibility in ('visible', 'held')),
  decision_id integer,
  hold_reason text,
  -- the bot's matched intent (or 'keyword' / 'welcome' / 'off_hours' for the shop's auto-replies)
  intent text,
  created_at timestamptz not null
);
create index chat_messages_conversation_idx on chat_messages (conversation_id, id);
create index chat_messages_session_idx on chat_messages (session_id, id);

create table chat_session_events (
  id serial primary key,
  session_id integer not null references chat_sessions (id),
  kind text not null check (kind in ('started', 'handed_off', 'routed', 'transferred', 'closed', 'rated')),
  from_agent integer references users (id),
  to_agent integer references users (id),
  by_user integer references users (id),
  note text,
  at timestamptz not null
);
create index chat_session_events_session_idx on chat_session_events (session_id, id);

create table chat_agents (
  shop_id integer not null references shops (id),
  user_id integer not null references users (id),
  status text not null default 'away' check (status in ('online', 'away')),
  max_sessions integer not null default 20 check (max_sessions between 1 and 200),
  last_assigned_at timestamptz,
  status_at timestamptz not null,
  primary key (shop_id, user_id)
);

create table chat_canned_replies (
  id serial primary key,
  shop_id integer not null references shops (id),
  title text not null,
  text text not null,
  sort integer not null default 0,
  created_at timestamptz not null
);
create index chat_canned_replies_shop_idx on chat_canned_replies (shop_id, sort, id);

create table chat_settings (
  shop_id integer primary key references shops (id),
  welcome text,
  off_hours_reply text,
  -- local (Asia/Shanghai) service hours: {"days":[1..7],"from":"09:00","to":"22:00"}
  service_hours jsonb not null default '{"days":[1,2,3,4,5,6,7],"from":"09:00","to":"22:00"}',
  routing text not null default 'last_agent' check (routing in ('round_robin', 'last_agent')),
  bot_enabled boolean not null default true,
  updated_at timestamptz not null
);

create table chat_keyword_replies (
  id serial primary key,
  shop_id integer not null references shops (id),
  keywords text[] not null check (cardinality(keywords) between 1 and 20),
  answer text not null,
  created_at timestamptz not null
);
create index chat_keyword_replies_shop_idx on chat_keyword_replies (shop_id);
